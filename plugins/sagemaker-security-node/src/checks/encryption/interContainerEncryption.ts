import {
  CheckOutcome,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import {
  combine,
  defineCheck,
  DOCS,
  expectValue,
  fieldValue,
  getPath,
  notApplicable,
  SEED,
  unknown,
} from '../support';

const TEXT =
  'Enable inter-container traffic encryption (EnableInterContainerTrafficEncryption = true) so distributed instances exchange data over TLS.';

/** Single-instance jobs have no inter-container traffic to encrypt. */
function whenDistributed(
  context: CheckContext,
  instanceCountPaths: string[],
  flag: (context: CheckContext) => CheckOutcome,
): CheckOutcome {
  let counted = 0;
  let total = 0;
  for (const path of instanceCountPaths) {
    const count = getPath(context.resource.description, path);
    if (typeof count === 'number') {
      counted += 1;
      total += count;
    }
  }
  if (counted > 0 && total < 2) {
    return notApplicable(
      `${context.resource.name} runs on a single instance; there is no inter-container traffic.`,
    );
  }
  return flag(context);
}

/** The check of the encryption flag at `flagPath`. */
function encryptionFlag(
  flagPath: string,
): (context: CheckContext) => CheckOutcome {
  return fieldValue({
    path: flagPath,
    expected: true,
    absentMeans: false,
    label: 'inter-container traffic encryption',
  });
}

const TOP_LEVEL_FLAG = encryptionFlag('EnableInterContainerTrafficEncryption');
const NETWORK_CONFIG_FLAG = encryptionFlag(
  'NetworkConfig.EnableInterContainerTrafficEncryption',
);

export const trainingJobInterContainerEncryption = defineCheck(
  {
    id: 'training-job-inter-container-encryption',
    pillar: 'encryption',
    title: 'Distributed training encrypts inter-container traffic',
    severity: 'medium',
    resourceTypes: ['training-job'],
    rationale:
      'Distributed training exchanges gradients and data between instances; without encryption that traffic crosses the network in clear text.',
    references: {
      prowler: ['sagemaker_training_jobs_intercontainer_encryption_enabled'],
      powerpipe: [
        'sagemaker_training_job_inter_container_traffic_encryption_enabled',
      ],
      seed: { pillar: SEED.dataProtection, phases: ['training'] },
    },
    remediation: { text: TEXT, docsUrl: DOCS.trainEncrypt },
  },
  context =>
    whenDistributed(
      context,
      ['ResourceConfig.InstanceCount', ...groupCounts(context)],
      TOP_LEVEL_FLAG,
    ),
);

function groupCounts(context: CheckContext): string[] {
  const groups = getPath(
    context.resource.description,
    'ResourceConfig.InstanceGroups',
  );
  return Array.isArray(groups)
    ? groups.map(
        (_, index) => `ResourceConfig.InstanceGroups.${index}.InstanceCount`,
      )
    : [];
}

export const processingJobInterContainerEncryption = defineCheck(
  {
    id: 'processing-job-inter-container-encryption',
    pillar: 'encryption',
    title: 'Distributed processing encrypts inter-container traffic',
    severity: 'medium',
    resourceTypes: ['processing-job'],
    rationale: 'Distributed processing shards data across instances.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['data-preparation'] },
    },
    remediation: { text: TEXT, docsUrl: DOCS.trainEncrypt },
  },
  context =>
    whenDistributed(
      context,
      ['ProcessingResources.ClusterConfig.InstanceCount'],
      NETWORK_CONFIG_FLAG,
    ),
);

export const tuningJobInterContainerEncryption = defineCheck(
  {
    id: 'hpo-job-inter-container-encryption',
    pillar: 'encryption',
    title: 'Hyperparameter tuning encrypts inter-container traffic',
    severity: 'medium',
    resourceTypes: ['hyperparameter-tuning-job'],
    rationale: 'Each launched training job inherits the setting.',
    references: { seed: { pillar: SEED.dataProtection, phases: ['training'] } },
    remediation: { text: TEXT, docsUrl: DOCS.trainEncrypt },
  },
  context => {
    const description = context.resource.description;
    const prefixes = [
      ...(getPath(description, 'TrainingJobDefinition') !== undefined
        ? ['TrainingJobDefinition']
        : []),
      ...(
        (getPath(description, 'TrainingJobDefinitions') as
          | unknown[]
          | undefined) ?? []
      ).map((_, index) => `TrainingJobDefinitions.${index}`),
    ];
    return combine(
      prefixes.map(prefix =>
        whenDistributed(
          context,
          [`${prefix}.ResourceConfig.InstanceCount`],
          encryptionFlag(`${prefix}.EnableInterContainerTrafficEncryption`),
        ),
      ),
      unknown(
        `${context.resource.name}: the description has no TrainingJobDefinition(s).`,
        ['sagemaker:DescribeHyperParameterTuningJob'],
      ),
    );
  },
);

export const automlJobInterContainerEncryption = defineCheck(
  {
    id: 'automl-job-inter-container-encryption',
    pillar: 'encryption',
    title: 'AutoML job encrypts inter-container traffic',
    severity: 'medium',
    resourceTypes: ['automl-job'],
    rationale:
      'An AutoML (Autopilot) job passes SecurityConfig.EnableInterContainerTrafficEncryption to every training and processing job it launches; the job reports no instance count, so the flag is judged whatever the candidates run on.',
    references: { seed: { pillar: SEED.dataProtection, phases: ['training'] } },
    remediation: {
      text: 'Jobs are immutable: set SecurityConfig.EnableInterContainerTrafficEncryption = true in the CreateAutoMLJobV2 request for the next run.',
      docsUrl: DOCS.autopilotJob,
    },
  },
  encryptionFlag('SecurityConfig.EnableInterContainerTrafficEncryption'),
);

interface JobDefinitionSpec {
  id: string;
  type: ResourceType;
  title: string;
  securityHub: string;
  configRule: string;
  checkov?: string[];
}

/** The four Model Monitor job definitions (SageMaker.9, .10, .13, .15). */
function jobDefinitionEncryption(spec: JobDefinitionSpec) {
  return defineCheck(
    {
      id: spec.id,
      pillar: 'encryption',
      title: spec.title,
      severity: 'medium',
      resourceTypes: [spec.type],
      rationale:
        'Monitoring jobs with two or more instances exchange captured production data between containers.',
      references: {
        securityHub: [spec.securityHub],
        configRules: [spec.configRule],
        ...(spec.checkov ? { checkov: spec.checkov } : {}),
        seed: { pillar: SEED.dataProtection, phases: ['monitoring'] },
      },
      remediation: {
        text: 'Recreate the job definition with NetworkConfig.EnableInterContainerTrafficEncryption = true.',
        docsUrl: DOCS.securityHubControls,
      },
    },
    context =>
      whenDistributed(
        context,
        ['JobResources.ClusterConfig.InstanceCount'],
        NETWORK_CONFIG_FLAG,
      ),
  );
}

export const dataQualityJobInterContainerEncryption = jobDefinitionEncryption({
  id: 'data-quality-job-inter-container-encryption',
  type: 'data-quality-job-definition',
  title: 'Data quality job definition encrypts inter-container traffic',
  securityHub: 'SageMaker.9',
  configRule: 'sagemaker-data-quality-job-encrypt-in-transit',
  checkov: ['CKV_AWS_369'],
});

export const explainabilityJobInterContainerEncryption =
  jobDefinitionEncryption({
    id: 'model-explainability-job-inter-container-encryption',
    type: 'model-explainability-job-definition',
    title:
      'Model explainability job definition encrypts inter-container traffic',
    securityHub: 'SageMaker.10',
    configRule: 'sagemaker-model-explainability-job-encrypt-in-transit',
  });

export const modelQualityJobInterContainerEncryption = jobDefinitionEncryption({
  id: 'model-quality-job-inter-container-encryption',
  type: 'model-quality-job-definition',
  title: 'Model quality job definition encrypts inter-container traffic',
  securityHub: 'SageMaker.13',
  configRule: 'sagemaker-model-quality-job-encrypt-in-transit',
});

export const biasJobInterContainerEncryption = jobDefinitionEncryption({
  id: 'model-bias-job-inter-container-encryption',
  type: 'model-bias-job-definition',
  title: 'Model bias job definition encrypts inter-container traffic',
  securityHub: 'SageMaker.15',
  configRule: 'sagemaker-model-bias-job-encrypt-in-transit',
});

export const monitoringScheduleInterContainerEncryption = defineCheck(
  {
    id: 'monitoring-schedule-inter-container-encryption',
    pillar: 'encryption',
    title: 'Monitoring schedule encrypts inter-container traffic',
    severity: 'medium',
    resourceTypes: ['monitoring-schedule'],
    rationale:
      'A schedule with an inline job definition runs monitoring jobs over captured production data.',
    references: {
      securityHub: ['SageMaker.22'],
      configRules: ['sagemaker-monitoring-schedule-traffic-encryption'],
      seed: { pillar: SEED.dataProtection, phases: ['monitoring'] },
    },
    remediation: {
      text: 'Update the schedule with MonitoringJobDefinition.NetworkConfig.EnableInterContainerTrafficEncryption = true.',
      docsUrl: DOCS.securityHubControls,
    },
  },
  context => {
    const inline = 'MonitoringScheduleConfig.MonitoringJobDefinition';
    if (getPath(context.resource.description, inline) === undefined) {
      return notApplicable(
        `${context.resource.name} refers to a job definition by name; the job definition is checked itself.`,
      );
    }
    return expectValue(context, {
      path: `${inline}.NetworkConfig.EnableInterContainerTrafficEncryption`,
      expected: true,
      absentMeans: false,
      label: 'inter-container traffic encryption',
    });
  },
);
