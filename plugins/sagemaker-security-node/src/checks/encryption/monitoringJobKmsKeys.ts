import {
  resourceTypeDescriptor,
  resourceTypesWith,
} from '@mlsec/plugin-sagemaker-security-common';
import { defineCheck, DOCS, getPath, notApplicable, SEED } from '../support';
import { requireKeys, volumeKeyRequirement } from './keyRequirements';

export const monitoringJobKmsKeys = defineCheck(
  {
    id: 'monitoring-job-output-and-volume-kms-keys',
    pillar: 'encryption',
    title:
      'Model Monitor jobs encrypt reports and storage volumes with KMS keys',
    severity: 'medium',
    resourceTypes: resourceTypesWith(d => d.monitoringJob),
    rationale:
      'Monitoring jobs read captured production data and write reports about it; both deserve the same keys as the endpoint.',
    references: {
      checkov: ['CKV_AWS_367', 'CKV_AWS_368'],
      seed: { pillar: SEED.dataProtection, phases: ['monitoring'] },
    },
    remediation: {
      text: 'Recreate the job definition (or schedule) with the output config KmsKeyId and the cluster VolumeKmsKeyId set.',
      docsUrl: DOCS.modelMonitor,
    },
  },
  context => {
    // Where the descriptor says this job's output and cluster configs are.
    const layout = resourceTypeDescriptor(context.resource.type).monitoringJob!;
    if (
      layout.inlineDefinition !== undefined &&
      getPath(context.resource.description, layout.inlineDefinition) ===
        undefined
    ) {
      return notApplicable(
        `${context.resource.name} refers to a job definition by name; the job definition is checked itself.`,
      );
    }
    return requireKeys(context, [
      {
        path: `${layout.outputConfig}.KmsKeyId`,
        label: 'report output KMS key',
      },
      volumeKeyRequirement(context, `${layout.clusterConfig}.VolumeKmsKeyId`, [
        `${layout.clusterConfig}.InstanceType`,
      ]),
    ]);
  },
);
