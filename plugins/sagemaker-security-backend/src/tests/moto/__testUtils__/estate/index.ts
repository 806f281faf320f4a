/**
 * Builds the whole estate in moto through the AWS SDK: the main region
 * (every resource type moto can store that the scanner collects, with good
 * and bad settings in every pillar) and a small second region.
 */
import { CreateDetectorCommand } from '@aws-sdk/client-guardduty';
import { CreateNotebookInstanceCommand } from '@aws-sdk/client-sagemaker';
import {
  ACCOUNT,
  destroyClients,
  estateClients,
  MAIN,
  SECOND,
} from './clients';
import {
  Estate,
  createEndpoints,
  createModels,
  createNotebooks,
  createPipelinesAndFeatures,
  createRegistry,
} from './inference';
import { createDomains } from './domains';
import {
  createProcessingAndTransformJobs,
  createTrainingJobs,
  createTuningJobs,
} from './jobs';
import { createAutoMLAndCompilationJobs } from './automlAndNeo';
import { createHyperPodClusters } from './hyperpod';
import { createMonitoringJobDefinitions } from './monitoring';
import {
  createAlarm,
  createLogGroup,
  createMainTrail,
  createNetwork,
  createSecondTrail,
} from './network';
import { createBuckets, createKeys, createRoles } from './security';

export { ACCOUNT, MAIN, SECOND } from './clients';
export type { Estate } from './inference';

export interface BuiltEstate extends Estate {
  modelPackageArn: string;
}

export async function buildEstate(endpoint: string): Promise<BuiltEstate> {
  const c = estateClients(endpoint, MAIN);
  const second = estateClients(endpoint, SECOND);
  try {
    const keys = await createKeys(c);
    await createBuckets(c, keys);
    const roles = await createRoles(c, keys);
    const network = await createNetwork(c);
    const estate: Estate = { keys, roles, network };

    await createMainTrail(c, keys);
    // GuardDuty with Runtime Monitoring in the main region; none in the second.
    await c.guardduty.send(
      new CreateDetectorCommand({
        Enable: true,
        Features: [{ Name: 'RUNTIME_MONITORING', Status: 'ENABLED' }],
      }),
    );
    // ep-secure: an error alarm and a latency alarm, both notifying.
    await createAlarm(
      c,
      'ep-secure-5xx',
      'ep-secure',
      'Invocation5XXErrors',
      true,
    );
    await createAlarm(
      c,
      'ep-secure-latency',
      'ep-secure',
      'ModelLatency',
      true,
    );
    // ep-weak: an error alarm that notifies no one, no latency alarm.
    await createAlarm(
      c,
      'ep-weak-4xx',
      'ep-weak',
      'Invocation4XXErrors',
      false,
    );
    // Endpoint logs: a year with a key. Training: 30 days, no key.
    // Processing: never expire, no key. Studio: 400 days with a key.
    // Notebooks and transform jobs: no log group yet.
    await createLogGroup(c, '/aws/sagemaker/Endpoints/ep-secure', {
      retentionDays: 365,
      kmsKeyId: keys.good,
    });
    await createLogGroup(c, '/aws/sagemaker/TrainingJobs', {
      retentionDays: 30,
    });
    await createLogGroup(c, '/aws/sagemaker/ProcessingJobs', {});
    await createLogGroup(c, '/aws/sagemaker/studio', {
      retentionDays: 400,
      kmsKeyId: keys.good,
    });

    await createNotebooks(c, estate);
    await createDomains(c, estate);
    const modelPackageArn = await createRegistry(c);
    await createModels(c, estate, modelPackageArn);
    await createEndpoints(c, estate);
    await createPipelinesAndFeatures(c, estate);
    await createTrainingJobs(c, estate);
    await createProcessingAndTransformJobs(c, estate);
    await createTuningJobs(c, estate);
    await createMonitoringJobDefinitions(c, estate);
    await createHyperPodClusters(c, estate);
    await createAutoMLAndCompilationJobs(c, estate);

    // The second region: one notebook outside any VPC (no key, internet
    // and root by default), a trail created without event selectors, and
    // no GuardDuty detector.
    await createSecondTrail(second);
    await second.sagemaker.send(
      new CreateNotebookInstanceCommand({
        NotebookInstanceName: 'nb-eu',
        InstanceType: 'ml.t3.medium',
        RoleArn: roles.scoped,
        Tags: [
          { Key: 'ml-service', Value: 'fraud-scoring' },
          { Key: 'owner', Value: 'group:default/fraud-ml' },
        ],
      }),
    );
    return { ...estate, modelPackageArn };
  } finally {
    destroyClients(c);
    destroyClients(second);
  }
}

/** `arn:aws:sagemaker:<region>:<account>:<resource>` */
export const sagemakerArn = (resource: string, region = MAIN) =>
  `arn:aws:sagemaker:${region}:${ACCOUNT}:${resource}`;
