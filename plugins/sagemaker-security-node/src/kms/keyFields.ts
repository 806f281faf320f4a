import { ResourceType } from '@mlsec/plugin-sagemaker-security-common';

/**
 * Every field of a Describe response that names a KMS key, per resource type
 * (paths may contain `[]` for "each element of the list").
 *
 * @public
 */
export const KMS_KEY_FIELDS: Partial<Record<ResourceType, string[]>> = {
  'notebook-instance': ['KmsKeyId'],
  domain: ['KmsKeyId', 'DefaultUserSettings.SharingSettings.S3KmsKeyId'],
  'endpoint-config': [
    'KmsKeyId',
    'DataCaptureConfig.KmsKeyId',
    'AsyncInferenceConfig.OutputConfig.KmsKeyId',
  ],
  endpoint: ['DataCaptureConfig.KmsKeyId'],
  'training-job': [
    'OutputDataConfig.KmsKeyId',
    'ResourceConfig.VolumeKmsKeyId',
  ],
  'processing-job': [
    'ProcessingOutputConfig.KmsKeyId',
    'ProcessingResources.ClusterConfig.VolumeKmsKeyId',
  ],
  'transform-job': [
    'TransformOutput.KmsKeyId',
    'TransformResources.VolumeKmsKeyId',
    'DataCaptureConfig.KmsKeyId',
  ],
  'hyperparameter-tuning-job': [
    'TrainingJobDefinition.OutputDataConfig.KmsKeyId',
    'TrainingJobDefinition.ResourceConfig.VolumeKmsKeyId',
    'TrainingJobDefinitions[].OutputDataConfig.KmsKeyId',
    'TrainingJobDefinitions[].ResourceConfig.VolumeKmsKeyId',
  ],
  'feature-group': [
    'OfflineStoreConfig.S3StorageConfig.KmsKeyId',
    'OnlineStoreConfig.SecurityConfig.KmsKeyId',
  ],
  'inference-experiment': ['KmsKey', 'DataStorageConfig.KmsKey'],
  'data-quality-job-definition': [
    'DataQualityJobOutputConfig.KmsKeyId',
    'JobResources.ClusterConfig.VolumeKmsKeyId',
  ],
  'model-quality-job-definition': [
    'ModelQualityJobOutputConfig.KmsKeyId',
    'JobResources.ClusterConfig.VolumeKmsKeyId',
  ],
  'model-bias-job-definition': [
    'ModelBiasJobOutputConfig.KmsKeyId',
    'JobResources.ClusterConfig.VolumeKmsKeyId',
  ],
  'model-explainability-job-definition': [
    'ModelExplainabilityJobOutputConfig.KmsKeyId',
    'JobResources.ClusterConfig.VolumeKmsKeyId',
  ],
  'monitoring-schedule': [
    'MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringOutputConfig.KmsKeyId',
    'MonitoringScheduleConfig.MonitoringJobDefinition.MonitoringResources.ClusterConfig.VolumeKmsKeyId',
  ],
};

/** @public */
export const KMS_KEY_RESOURCE_TYPES = Object.keys(
  KMS_KEY_FIELDS,
) as ResourceType[];
