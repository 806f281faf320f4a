import { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import { defineCheck, DOCS, getPath, notApplicable, SEED } from '../support';
import { requireKeys, volumeKeyRequirement } from './keyRequirements';

const INLINE = 'MonitoringScheduleConfig.MonitoringJobDefinition';

/** Where each monitoring resource keeps its output config and cluster config. */
const LAYOUT: Partial<
  Record<ResourceType, { output: string; cluster: string }>
> = {
  'data-quality-job-definition': {
    output: 'DataQualityJobOutputConfig',
    cluster: 'JobResources.ClusterConfig',
  },
  'model-quality-job-definition': {
    output: 'ModelQualityJobOutputConfig',
    cluster: 'JobResources.ClusterConfig',
  },
  'model-bias-job-definition': {
    output: 'ModelBiasJobOutputConfig',
    cluster: 'JobResources.ClusterConfig',
  },
  'model-explainability-job-definition': {
    output: 'ModelExplainabilityJobOutputConfig',
    cluster: 'JobResources.ClusterConfig',
  },
  'monitoring-schedule': {
    output: `${INLINE}.MonitoringOutputConfig`,
    cluster: `${INLINE}.MonitoringResources.ClusterConfig`,
  },
};

export const monitoringJobKmsKeys = defineCheck(
  {
    id: 'monitoring-job-output-and-volume-kms-keys',
    pillar: 'encryption',
    title:
      'Model Monitor jobs encrypt reports and storage volumes with KMS keys',
    severity: 'medium',
    resourceTypes: Object.keys(LAYOUT) as ResourceType[],
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
    const layout = LAYOUT[context.resource.type]!;
    if (
      context.resource.type === 'monitoring-schedule' &&
      getPath(context.resource.description, INLINE) === undefined
    ) {
      return notApplicable(
        `${context.resource.name} refers to a job definition by name; the job definition is checked itself.`,
      );
    }
    return requireKeys(context, [
      { path: `${layout.output}.KmsKeyId`, label: 'report output KMS key' },
      volumeKeyRequirement(context, `${layout.cluster}.VolumeKmsKeyId`, [
        `${layout.cluster}.InstanceType`,
      ]),
    ]);
  },
);
