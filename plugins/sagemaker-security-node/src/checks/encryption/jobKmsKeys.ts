import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { combine, defineCheck, DOCS, getPath, SEED, unknown } from '../support';
import {
  KeyRequirement,
  requireKeys,
  volumeKeyRequirement,
} from './keyRequirements';

const REMEDIATION_TEXT =
  'Jobs are immutable: set the output KMS key and the volume KMS key in the job request (or the SDK estimator/processor) for the next run, e.g. output_kms_key and volume_kms_key.';

const TRAINING_OUTPUT_KEY: KeyRequirement = {
  path: 'OutputDataConfig.KmsKeyId',
  label: 'output KMS key',
  notApplicable: undefined,
};
const TRAINING_INSTANCE_TYPES = [
  'ResourceConfig.InstanceType',
  'ResourceConfig.InstanceGroups[].InstanceType',
];

/** Training needs both keys: the S3 output key and the volume key. */
export const trainingJobKmsKeys = defineCheck(
  {
    id: 'training-job-output-and-volume-kms-keys',
    pillar: 'encryption',
    title:
      'Training job encrypts model output and storage volume with KMS keys',
    severity: 'high',
    resourceTypes: ['training-job'],
    rationale:
      'A training job writes model artifacts to S3 (OutputDataConfig.KmsKeyId) and keeps data on its volume (ResourceConfig.VolumeKmsKeyId); each tool checks only one of them, both are needed.',
    references: {
      prowler: ['sagemaker_training_jobs_volume_and_output_encryption_enabled'],
      powerpipe: ['sagemaker_training_job_volume_and_data_encryption_enabled'],
      seed: { pillar: SEED.dataProtection, phases: ['training'] },
    },
    remediation: { text: REMEDIATION_TEXT, docsUrl: DOCS.trainEncrypt },
  },
  context =>
    requireKeys(context, [
      TRAINING_OUTPUT_KEY,
      volumeKeyRequirement(
        context,
        'ResourceConfig.VolumeKmsKeyId',
        TRAINING_INSTANCE_TYPES,
      ),
    ]),
);

export const processingJobKmsKeys = defineCheck(
  {
    id: 'processing-job-output-and-volume-kms-keys',
    pillar: 'encryption',
    title: 'Processing job encrypts outputs and storage volume with KMS keys',
    severity: 'medium',
    resourceTypes: ['processing-job'],
    rationale:
      'Processing jobs prepare training data and evaluate models; their outputs and volumes hold the same sensitive data as training.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['data-preparation'] },
    },
    remediation: { text: REMEDIATION_TEXT, docsUrl: DOCS.keyManagement },
  },
  context => {
    const requirements: KeyRequirement[] = [
      volumeKeyRequirement(
        context,
        'ProcessingResources.ClusterConfig.VolumeKmsKeyId',
        ['ProcessingResources.ClusterConfig.InstanceType'],
      ),
    ];
    if (
      getPath(context.resource.description, 'ProcessingOutputConfig') !==
      undefined
    ) {
      requirements.unshift({
        path: 'ProcessingOutputConfig.KmsKeyId',
        label: 'output KMS key',
        notApplicable: undefined,
      });
    }
    return requireKeys(context, requirements);
  },
);

export const transformJobKmsKeys = defineCheck(
  {
    id: 'transform-job-output-and-volume-kms-keys',
    pillar: 'encryption',
    title:
      'Batch transform job encrypts output and storage volume with KMS keys',
    severity: 'medium',
    resourceTypes: ['transform-job'],
    rationale:
      'Batch transform writes predictions for whole datasets to S3 and stages model data on its volume.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['deployment'] },
    },
    remediation: { text: REMEDIATION_TEXT, docsUrl: DOCS.keyManagement },
  },
  context =>
    requireKeys(context, [
      {
        path: 'TransformOutput.KmsKeyId',
        label: 'output KMS key',
        notApplicable: undefined,
      },
      volumeKeyRequirement(context, 'TransformResources.VolumeKmsKeyId', [
        'TransformResources.InstanceType',
      ]),
    ]),
);

function tuningDefinitionKeys(
  context: CheckContext,
  prefix: string,
): CheckOutcome {
  return requireKeys(context, [
    {
      path: `${prefix}.OutputDataConfig.KmsKeyId`,
      label: 'output KMS key',
      notApplicable: undefined,
    },
    volumeKeyRequirement(context, `${prefix}.ResourceConfig.VolumeKmsKeyId`, [
      `${prefix}.ResourceConfig.InstanceType`,
      `${prefix}.HyperParameterTuningResourceConfig.InstanceType`,
      `${prefix}.HyperParameterTuningResourceConfig.InstanceConfigs[].InstanceType`,
    ]),
  ]);
}

export const tuningJobKmsKeys = defineCheck(
  {
    id: 'hpo-job-output-and-volume-kms-keys',
    pillar: 'encryption',
    title:
      'Hyperparameter tuning job encrypts output and storage volumes with KMS keys',
    severity: 'medium',
    resourceTypes: ['hyperparameter-tuning-job'],
    rationale:
      'Every training job a tuning job launches inherits its training definition; missing keys repeat across all of them.',
    references: { seed: { pillar: SEED.dataProtection, phases: ['training'] } },
    remediation: { text: REMEDIATION_TEXT, docsUrl: DOCS.trainEncrypt },
  },
  context => {
    const description = context.resource.description;
    const prefixes: string[] = [];
    if (getPath(description, 'TrainingJobDefinition') !== undefined) {
      prefixes.push('TrainingJobDefinition');
    }
    const many = getPath(description, 'TrainingJobDefinitions');
    if (Array.isArray(many)) {
      many.forEach((_, index) =>
        prefixes.push(`TrainingJobDefinitions.${index}`),
      );
    }
    return combine(
      prefixes.map(prefix => tuningDefinitionKeys(context, prefix)),
      unknown(
        `${context.resource.name}: the description has no TrainingJobDefinition(s).`,
        ['sagemaker:DescribeHyperParameterTuningJob'],
      ),
    );
  },
);

export const automlJobKmsKeys = defineCheck(
  {
    id: 'automl-job-output-and-volume-kms-keys',
    pillar: 'encryption',
    title: 'AutoML job encrypts its output and storage volumes with KMS keys',
    severity: 'medium',
    resourceTypes: ['automl-job'],
    rationale:
      'An AutoML (Autopilot) job trains and evaluates many candidate models on the full dataset: its output key (OutputDataConfig.KmsKeyId) covers the artifacts and reports in S3, its volume key (SecurityConfig.VolumeKmsKeyId) the storage of every training and processing job it launches.',
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['training'] },
    },
    remediation: {
      text: 'Jobs are immutable: set OutputDataConfig.KmsKeyId and SecurityConfig.VolumeKmsKeyId in the CreateAutoMLJobV2 request (SDK: output_kms_key, volume_kms_key) for the next run.',
      docsUrl: DOCS.autopilotJob,
    },
  },
  context =>
    requireKeys(context, [
      {
        path: 'OutputDataConfig.KmsKeyId',
        label: 'output KMS key',
        notApplicable: undefined,
      },
      {
        path: 'SecurityConfig.VolumeKmsKeyId',
        label: 'storage volume key',
        notApplicable: undefined,
      },
    ]),
);

export const compilationJobKmsKey = defineCheck(
  {
    id: 'compilation-job-output-kms-key',
    pillar: 'encryption',
    title: 'Compilation (Neo) job encrypts the compiled model with a KMS key',
    severity: 'medium',
    resourceTypes: ['compilation-job'],
    rationale:
      "A compilation job writes the compiled model to S3; without OutputConfig.KmsKeyId SageMaker uses the account's AWS managed S3 key, which no key policy of yours governs.",
    references: {
      seed: { pillar: SEED.dataProtection, phases: ['deployment'] },
    },
    remediation: {
      text: 'Jobs are immutable: set OutputConfig.KmsKeyId in the CreateCompilationJob request for the next compilation.',
      docsUrl: DOCS.keyManagement,
    },
  },
  context =>
    requireKeys(context, [
      {
        path: 'OutputConfig.KmsKeyId',
        label: 'output KMS key',
        notApplicable: undefined,
      },
    ]),
);
