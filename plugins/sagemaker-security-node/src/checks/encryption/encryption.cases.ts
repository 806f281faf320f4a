import {
  bucket,
  collectionError,
  domain,
  endpointConfig,
  featureGroup,
  inferenceExperiment,
  jobDefinition,
  KEY_ARN,
  KEY_ID,
  kmsAliases,
  kmsKey,
  logGroups,
  monitoringSchedule,
  notebook,
  processingJob,
  trainingJob,
  transformJob,
  tuningJob,
  resource,
} from '../../testing/fixtures';
import { domainSettingsEncryptionCases } from '../domainGovernance.cases';
import { CheckCase } from '../../testing/checkCases';
import { cluster } from '../hyperpodClusterFixture';
import { jobTypesEncryptionCases } from './jobTypes.cases';
import { inferenceComponentEncryptionCases } from '../inferenceComponent.cases';
import { partnerAppEncryptionCases } from '../partnerApp.cases';

const variant = (extra: Record<string, unknown>) => ({
  VariantName: 'AllTraffic',
  ModelName: 'm',
  InitialInstanceCount: 2,
  ...extra,
});

const inline = (definition: Record<string, unknown>) => ({
  MonitoringScheduleConfig: { MonitoringJobDefinition: definition },
});

export const encryptionCases: CheckCase[] = [
  // notebook-volume-kms-key
  {
    check: 'notebook-volume-kms-key',
    name: 'key set',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    expect: 'pass',
  },
  {
    check: 'notebook-volume-kms-key',
    name: 'no key',
    resource: notebook(),
    expect: 'fail',
  },
  {
    check: 'notebook-volume-kms-key',
    name: 'empty key',
    resource: notebook({ KmsKeyId: ' ' }),
    expect: 'fail',
  },
  {
    check: 'notebook-volume-kms-key',
    name: 'field error recorded',
    resource: notebook(
      {},
      { errors: [collectionError('kms:DescribeKey', { field: 'KmsKeyId' })] },
    ),
    expect: 'unknown',
    missing: ['kms:DescribeKey'],
  },

  // endpoint-config-volume-kms-key
  {
    check: 'endpoint-config-volume-kms-key',
    name: 'key set',
    resource: endpointConfig({ KmsKeyId: KEY_ARN }),
    expect: 'pass',
  },
  {
    check: 'endpoint-config-volume-kms-key',
    name: 'no key',
    resource: endpointConfig(),
    expect: 'fail',
  },
  {
    check: 'endpoint-config-volume-kms-key',
    name: 'local NVMe variant (ml.g5)',
    resource: endpointConfig({
      ProductionVariants: [variant({ InstanceType: 'ml.g5.2xlarge' })],
    }),
    expect: 'not_applicable',
    message: /local NVMe/,
  },
  {
    check: 'endpoint-config-volume-kms-key',
    name: 'serverless only',
    resource: endpointConfig({
      ProductionVariants: [
        variant({
          ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 },
          InitialInstanceCount: undefined,
        }),
      ],
    }),
    expect: 'not_applicable',
  },
  {
    check: 'endpoint-config-volume-kms-key',
    name: 'variants unreadable',
    resource: endpointConfig(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeEndpointConfig', {
            field: 'ProductionVariants',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // endpoint-config-data-capture-kms-key
  {
    check: 'endpoint-config-data-capture-kms-key',
    name: 'capture with key',
    resource: endpointConfig({
      DataCaptureConfig: { EnableCapture: true, KmsKeyId: KEY_ARN },
    }),
    expect: 'pass',
  },
  {
    check: 'endpoint-config-data-capture-kms-key',
    name: 'capture without key',
    resource: endpointConfig({ DataCaptureConfig: { EnableCapture: true } }),
    expect: 'fail',
  },
  {
    check: 'endpoint-config-data-capture-kms-key',
    name: 'no capture',
    resource: endpointConfig(),
    expect: 'not_applicable',
  },
  {
    check: 'endpoint-config-data-capture-kms-key',
    name: 'capture config unreadable',
    resource: endpointConfig(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeEndpointConfig', {
            field: 'DataCaptureConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // endpoint-config-async-output-kms-key
  {
    check: 'endpoint-config-async-output-kms-key',
    name: 'async with key',
    resource: endpointConfig({
      AsyncInferenceConfig: {
        OutputConfig: { S3OutputPath: 's3://out/', KmsKeyId: KEY_ARN },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'endpoint-config-async-output-kms-key',
    name: 'async without key',
    resource: endpointConfig({
      AsyncInferenceConfig: { OutputConfig: { S3OutputPath: 's3://out/' } },
    }),
    expect: 'fail',
  },
  {
    check: 'endpoint-config-async-output-kms-key',
    name: 'real-time endpoint',
    resource: endpointConfig(),
    expect: 'not_applicable',
  },
  {
    check: 'endpoint-config-async-output-kms-key',
    name: 'async config unreadable',
    resource: endpointConfig(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeEndpointConfig', {
            field: 'AsyncInferenceConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // training-job-output-and-volume-kms-keys
  {
    check: 'training-job-output-and-volume-kms-keys',
    name: 'both keys',
    resource: trainingJob({
      OutputDataConfig: { KmsKeyId: KEY_ARN },
      ResourceConfig: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 1,
        VolumeKmsKeyId: KEY_ARN,
      },
    }),
    expect: 'pass',
  },
  {
    check: 'training-job-output-and-volume-kms-keys',
    name: 'only the volume key (Prowler would pass)',
    resource: trainingJob({
      ResourceConfig: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 1,
        VolumeKmsKeyId: KEY_ARN,
      },
    }),
    expect: 'fail',
    message: /output KMS key/,
  },
  {
    check: 'training-job-output-and-volume-kms-keys',
    name: 'only the output key (Powerpipe would pass)',
    resource: trainingJob({ OutputDataConfig: { KmsKeyId: KEY_ARN } }),
    expect: 'fail',
    message: /storage volume key/,
  },
  {
    check: 'training-job-output-and-volume-kms-keys',
    name: 'output key on a local-NVMe instance (ml.p4d) needs no volume key',
    resource: trainingJob({
      OutputDataConfig: { KmsKeyId: KEY_ARN },
      ResourceConfig: { InstanceType: 'ml.p4d.24xlarge', InstanceCount: 2 },
    }),
    expect: 'pass',
  },
  {
    check: 'training-job-output-and-volume-kms-keys',
    name: 'output config unreadable',
    resource: trainingJob(
      {
        ResourceConfig: {
          InstanceType: 'ml.m5.xlarge',
          InstanceCount: 1,
          VolumeKmsKeyId: KEY_ARN,
        },
      },
      {
        errors: [
          collectionError('sagemaker:DescribeTrainingJob', {
            field: 'OutputDataConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // processing-job-output-and-volume-kms-keys
  {
    check: 'processing-job-output-and-volume-kms-keys',
    name: 'both keys',
    resource: processingJob({
      ProcessingOutputConfig: { KmsKeyId: KEY_ARN, Outputs: [] },
      ProcessingResources: {
        ClusterConfig: {
          InstanceType: 'ml.m5.xlarge',
          InstanceCount: 1,
          VolumeKmsKeyId: KEY_ARN,
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'processing-job-output-and-volume-kms-keys',
    name: 'output without key',
    resource: processingJob({
      ProcessingOutputConfig: { Outputs: [] },
      ProcessingResources: {
        ClusterConfig: {
          InstanceType: 'ml.m5.xlarge',
          InstanceCount: 1,
          VolumeKmsKeyId: KEY_ARN,
        },
      },
    }),
    expect: 'fail',
  },
  {
    check: 'processing-job-output-and-volume-kms-keys',
    name: 'no outputs, local NVMe instance',
    resource: processingJob({
      ProcessingResources: {
        ClusterConfig: { InstanceType: 'ml.c5d.xlarge', InstanceCount: 1 },
      },
    }),
    expect: 'not_applicable',
  },
  {
    check: 'processing-job-output-and-volume-kms-keys',
    name: 'cluster unreadable',
    resource: processingJob(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeProcessingJob', {
            field: 'ProcessingResources',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // transform-job-output-and-volume-kms-keys
  {
    check: 'transform-job-output-and-volume-kms-keys',
    name: 'both keys',
    resource: transformJob({
      TransformOutput: { S3OutputPath: 's3://out/', KmsKeyId: KEY_ARN },
      TransformResources: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 1,
        VolumeKmsKeyId: KEY_ARN,
      },
    }),
    expect: 'pass',
  },
  {
    check: 'transform-job-output-and-volume-kms-keys',
    name: 'no keys',
    resource: transformJob({ TransformOutput: { S3OutputPath: 's3://out/' } }),
    expect: 'fail',
  },
  {
    check: 'transform-job-output-and-volume-kms-keys',
    name: 'output unreadable',
    resource: transformJob(
      {
        TransformResources: {
          InstanceType: 'ml.m5.xlarge',
          VolumeKmsKeyId: KEY_ARN,
        },
      },
      {
        errors: [
          collectionError('sagemaker:DescribeTransformJob', {
            field: 'TransformOutput',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // hpo-job-output-and-volume-kms-keys
  {
    check: 'hpo-job-output-and-volume-kms-keys',
    name: 'both keys',
    resource: tuningJob({
      TrainingJobDefinition: {
        OutputDataConfig: { KmsKeyId: KEY_ARN },
        ResourceConfig: {
          InstanceType: 'ml.m5.xlarge',
          InstanceCount: 1,
          VolumeKmsKeyId: KEY_ARN,
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'hpo-job-output-and-volume-kms-keys',
    name: 'no keys',
    resource: tuningJob(),
    expect: 'fail',
  },
  {
    check: 'hpo-job-output-and-volume-kms-keys',
    name: 'multi-algorithm definitions, second without keys',
    resource: tuningJob({
      TrainingJobDefinition: undefined,
      TrainingJobDefinitions: [
        {
          OutputDataConfig: { KmsKeyId: KEY_ARN },
          ResourceConfig: {
            InstanceType: 'ml.m5.xlarge',
            VolumeKmsKeyId: KEY_ARN,
          },
        },
        { ResourceConfig: { InstanceType: 'ml.m5.xlarge' } },
      ],
    }),
    expect: 'fail',
    message: /TrainingJobDefinitions\.1/,
  },
  {
    check: 'hpo-job-output-and-volume-kms-keys',
    name: 'no definitions in the description',
    resource: tuningJob({ TrainingJobDefinition: undefined }),
    expect: 'unknown',
  },

  // domain-storage-kms-key
  {
    check: 'domain-storage-kms-key',
    name: 'key set',
    resource: domain({ KmsKeyId: KEY_ARN }),
    expect: 'pass',
  },
  {
    check: 'domain-storage-kms-key',
    name: 'no key',
    resource: domain(),
    expect: 'fail',
  },
  {
    check: 'domain-storage-kms-key',
    name: 'describe failed',
    resource: domain(
      {},
      { errors: [collectionError('sagemaker:DescribeDomain')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeDomain'],
  },

  // domain-notebook-sharing-kms-key
  {
    check: 'domain-notebook-sharing-kms-key',
    name: 'sharing with key',
    resource: domain({
      DefaultUserSettings: {
        SharingSettings: {
          NotebookOutputOption: 'Allowed',
          S3KmsKeyId: KEY_ARN,
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'domain-notebook-sharing-kms-key',
    name: 'sharing without key',
    resource: domain({
      DefaultUserSettings: {
        SharingSettings: { NotebookOutputOption: 'Allowed' },
      },
    }),
    expect: 'fail',
  },
  {
    check: 'domain-notebook-sharing-kms-key',
    name: 'sharing disabled',
    resource: domain({
      DefaultUserSettings: {
        SharingSettings: { NotebookOutputOption: 'Disabled' },
      },
    }),
    expect: 'not_applicable',
  },
  {
    check: 'domain-notebook-sharing-kms-key',
    name: 'settings unreadable',
    resource: domain(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeDomain', {
            field: 'DefaultUserSettings',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // feature groups
  {
    check: 'feature-group-offline-store-kms-key',
    name: 'offline store with key',
    resource: featureGroup({
      OfflineStoreConfig: {
        S3StorageConfig: { S3Uri: 's3://fs/', KmsKeyId: KEY_ARN },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'feature-group-offline-store-kms-key',
    name: 'offline store without key',
    resource: featureGroup({
      OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://fs/' } },
    }),
    expect: 'fail',
  },
  {
    check: 'feature-group-offline-store-kms-key',
    name: 'no offline store',
    resource: featureGroup(),
    expect: 'not_applicable',
  },
  {
    check: 'feature-group-offline-store-kms-key',
    name: 'offline store unreadable',
    resource: featureGroup(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeFeatureGroup', {
            field: 'OfflineStoreConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },
  {
    check: 'feature-group-online-store-kms-key',
    name: 'online store with key',
    resource: featureGroup({
      OnlineStoreConfig: {
        EnableOnlineStore: true,
        SecurityConfig: { KmsKeyId: KEY_ARN },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'feature-group-online-store-kms-key',
    name: 'online store without key',
    resource: featureGroup({ OnlineStoreConfig: { EnableOnlineStore: true } }),
    expect: 'fail',
  },
  {
    check: 'feature-group-online-store-kms-key',
    name: 'in-memory online store',
    resource: featureGroup({
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'InMemory' },
    }),
    expect: 'not_applicable',
  },
  {
    check: 'feature-group-online-store-kms-key',
    name: 'online store unreadable',
    resource: featureGroup(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeFeatureGroup', {
            field: 'OnlineStoreConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // inference experiments
  {
    check: 'inference-experiment-volume-kms-key',
    name: 'key set',
    resource: inferenceExperiment({ KmsKey: KEY_ARN }),
    expect: 'pass',
  },
  {
    check: 'inference-experiment-volume-kms-key',
    name: 'no key',
    resource: inferenceExperiment(),
    expect: 'fail',
  },
  {
    check: 'inference-experiment-volume-kms-key',
    name: 'field unreadable',
    resource: inferenceExperiment(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeInferenceExperiment', {
            field: 'KmsKey',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },
  {
    check: 'inference-experiment-data-storage-kms-key',
    name: 'capture with key',
    resource: inferenceExperiment({
      DataStorageConfig: { Destination: 's3://cap/', KmsKey: KEY_ARN },
    }),
    expect: 'pass',
  },
  {
    check: 'inference-experiment-data-storage-kms-key',
    name: 'capture without key',
    resource: inferenceExperiment({
      DataStorageConfig: { Destination: 's3://cap/' },
    }),
    expect: 'fail',
  },
  {
    check: 'inference-experiment-data-storage-kms-key',
    name: 'no capture',
    resource: inferenceExperiment(),
    expect: 'not_applicable',
  },
  {
    check: 'inference-experiment-data-storage-kms-key',
    name: 'capture unreadable',
    resource: inferenceExperiment(
      {},
      {
        errors: [
          collectionError('sagemaker:DescribeInferenceExperiment', {
            field: 'DataStorageConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // monitoring-job-output-and-volume-kms-keys
  {
    check: 'monitoring-job-output-and-volume-kms-keys',
    name: 'data quality definition with both keys',
    resource: jobDefinition('data-quality-job-definition', {
      DataQualityJobOutputConfig: { KmsKeyId: KEY_ARN },
      JobResources: {
        ClusterConfig: {
          InstanceType: 'ml.m5.large',
          InstanceCount: 1,
          VolumeKmsKeyId: KEY_ARN,
        },
      },
    }),
    expect: 'pass',
  },
  {
    check: 'monitoring-job-output-and-volume-kms-keys',
    name: 'bias definition without keys',
    resource: jobDefinition('model-bias-job-definition', {
      JobResources: {
        ClusterConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
      },
    }),
    expect: 'fail',
  },
  {
    check: 'monitoring-job-output-and-volume-kms-keys',
    name: 'inline schedule without output key',
    resource: monitoringSchedule(
      inline({
        MonitoringResources: {
          ClusterConfig: {
            InstanceType: 'ml.m5.large',
            VolumeKmsKeyId: KEY_ARN,
          },
        },
      }),
    ),
    expect: 'fail',
  },
  {
    check: 'monitoring-job-output-and-volume-kms-keys',
    name: 'schedule referring to a named job definition',
    resource: monitoringSchedule({
      MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'dq' },
    }),
    expect: 'not_applicable',
  },
  {
    check: 'monitoring-job-output-and-volume-kms-keys',
    name: 'output config unreadable',
    resource: jobDefinition(
      'model-quality-job-definition',
      {
        JobResources: {
          ClusterConfig: {
            InstanceType: 'ml.m5.large',
            VolumeKmsKeyId: KEY_ARN,
          },
        },
      },
      {
        errors: [
          collectionError('sagemaker:DescribeModelQualityJobDefinition', {
            field: 'ModelQualityJobOutputConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },

  // kms-keys-customer-managed
  {
    check: 'kms-keys-customer-managed',
    name: 'customer-managed key by ARN',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey()],
    expect: 'pass',
  },
  {
    check: 'kms-keys-customer-managed',
    name: 'AWS-managed key by ARN',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey({ keyManager: 'AWS' })],
    expect: 'fail',
    message: /AWS-managed/,
  },
  {
    check: 'kms-keys-customer-managed',
    name: 'alias/aws/sagemaker not in the alias list',
    resource: notebook({ KmsKeyId: 'alias/aws/sagemaker' }),
    facts: [kmsAliases({})],
    expect: 'fail',
  },
  {
    check: 'kms-keys-customer-managed',
    name: 'key fact not collected',
    resource: notebook({ KmsKeyId: KEY_ID }),
    expect: 'unknown',
    missing: ['kms:DescribeKey'],
  },
  {
    check: 'kms-keys-customer-managed',
    name: 'DescribeKey denied',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey({}, { errors: [collectionError('kms:DescribeKey')] })].map(
      item => ({ ...item, data: undefined }),
    ),
    expect: 'unknown',
    missing: ['kms:DescribeKey'],
  },
  {
    check: 'kms-keys-customer-managed',
    name: 'no key configured',
    resource: notebook(),
    expect: 'not_applicable',
  },
  {
    check: 'kms-keys-customer-managed',
    name: 'iac: key outside the template',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    mode: 'iac',
    expect: 'not_applicable',
  },
  {
    check: 'kms-keys-customer-managed',
    name: 'every key field of a training job, one AWS-managed',
    resource: trainingJob({
      OutputDataConfig: { KmsKeyId: KEY_ARN },
      ResourceConfig: {
        InstanceType: 'ml.m5.xlarge',
        VolumeKmsKeyId: 'alias/aws/sagemaker',
      },
    }),
    facts: [kmsKey(), kmsAliases({})],
    expect: 'fail',
    message: /VolumeKmsKeyId/,
  },

  // kms-keys-rotation-enabled
  {
    check: 'kms-keys-rotation-enabled',
    name: 'rotating CMK',
    resource: domain({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey()],
    expect: 'pass',
  },
  {
    check: 'kms-keys-rotation-enabled',
    name: 'CMK without rotation',
    resource: domain({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey({ rotationEnabled: false })],
    expect: 'fail',
  },
  {
    check: 'kms-keys-rotation-enabled',
    name: 'rotation status denied',
    resource: domain({ KmsKeyId: KEY_ARN }),
    facts: [
      kmsKey(
        { rotationEnabled: undefined },
        {
          errors: [
            collectionError('kms:GetKeyRotationStatus', {
              field: 'rotationEnabled',
            }),
          ],
        },
      ),
    ],
    expect: 'unknown',
    missing: ['kms:GetKeyRotationStatus'],
  },
  {
    check: 'kms-keys-rotation-enabled',
    name: 'asymmetric key cannot rotate',
    resource: domain({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey({ keySpec: 'RSA_2048', rotationEnabled: false })],
    expect: 'not_applicable',
  },
  {
    check: 'kms-keys-rotation-enabled',
    name: 'AWS-managed key rotates',
    resource: domain({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey({ keyManager: 'AWS', rotationEnabled: undefined })],
    expect: 'pass',
  },

  // kms-keys-enabled
  {
    check: 'kms-keys-enabled',
    name: 'enabled key',
    resource: endpointConfig({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey()],
    expect: 'pass',
  },
  {
    check: 'kms-keys-enabled',
    name: 'pending deletion',
    resource: endpointConfig({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey({ keyState: 'PendingDeletion' })],
    expect: 'fail',
  },
  {
    check: 'kms-keys-enabled',
    name: 'aliases unreadable',
    resource: endpointConfig({ KmsKeyId: 'alias/ml' }),
    facts: [
      {
        ...kmsAliases({}),
        data: undefined,
        errors: [collectionError('kms:ListAliases')],
      },
    ],
    expect: 'unknown',
    missing: ['kms:ListAliases'],
  },
  {
    check: 'kms-keys-enabled',
    name: 'no key',
    resource: endpointConfig(),
    expect: 'not_applicable',
  },

  // kms-key-policies-not-public
  {
    check: 'kms-key-policies-not-public',
    name: 'account-only policy',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    facts: [kmsKey()],
    expect: 'pass',
  },
  {
    check: 'kms-key-policies-not-public',
    name: 'Principal * without condition',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    facts: [
      kmsKey({
        keyPolicy: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'kms:Decrypt',
              Resource: '*',
            },
          ],
        },
      }),
    ],
    expect: 'fail',
  },
  {
    check: 'kms-key-policies-not-public',
    name: 'Principal * limited by kms:CallerAccount',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    facts: [
      kmsKey({
        keyPolicy: {
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'kms:Decrypt',
              Resource: '*',
              Condition: {
                StringEquals: { 'kms:CallerAccount': '111122223333' },
              },
            },
          ],
        },
      }),
    ],
    expect: 'pass',
  },
  {
    check: 'kms-key-policies-not-public',
    name: 'key policy denied',
    resource: notebook({ KmsKeyId: KEY_ARN }),
    facts: [
      kmsKey(
        { keyPolicy: undefined },
        {
          errors: [collectionError('kms:GetKeyPolicy', { field: 'keyPolicy' })],
        },
      ),
    ],
    expect: 'unknown',
    missing: ['kms:GetKeyPolicy'],
  },
  {
    check: 'kms-key-policies-not-public',
    name: 'no key',
    resource: notebook(),
    expect: 'not_applicable',
  },

  // s3-buckets-secure-transport
  {
    check: 's3-buckets-secure-transport',
    name: 'bucket denies HTTP',
    resource: trainingJob({
      OutputDataConfig: { S3OutputPath: 's3://ml-data/out/' },
    }),
    facts: [bucket('ml-data')],
    expect: 'pass',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'no bucket policy',
    resource: trainingJob({
      OutputDataConfig: { S3OutputPath: 's3://ml-data/out/' },
    }),
    facts: [bucket('ml-data', { policy: null })],
    expect: 'fail',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'bucket fact not collected',
    resource: trainingJob({
      OutputDataConfig: { S3OutputPath: 's3://ml-data/out/' },
    }),
    expect: 'unknown',
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'policy denied',
    resource: trainingJob({
      OutputDataConfig: { S3OutputPath: 's3://ml-data/out/' },
    }),
    facts: [
      bucket('ml-data', { policy: undefined }, [
        collectionError('s3:GetBucketPolicy', { field: 'policy' }),
      ]),
    ],
    expect: 'unknown',
    missing: ['s3:GetBucketPolicy'],
  },
  {
    check: 's3-buckets-secure-transport',
    name: 'no S3 location',
    resource: trainingJob(),
    expect: 'not_applicable',
  },

  // s3-buckets-sse-kms
  {
    check: 's3-buckets-sse-kms',
    name: 'SSE-KMS',
    resource: processingJob({
      ProcessingInputs: [{ S3Input: { S3Uri: 's3://raw/in' } }],
    }),
    facts: [bucket('raw')],
    expect: 'pass',
  },
  {
    check: 's3-buckets-sse-kms',
    name: 'SSE-S3',
    resource: processingJob({
      ProcessingInputs: [{ S3Input: { S3Uri: 's3://raw/in' } }],
    }),
    facts: [bucket('raw', { encryption: { sseAlgorithm: 'AES256' } })],
    expect: 'fail',
  },
  {
    check: 's3-buckets-sse-kms',
    name: 'encryption unreadable',
    resource: processingJob({
      ProcessingInputs: [{ S3Input: { S3Uri: 's3://raw/in' } }],
    }),
    facts: [
      bucket('raw', { encryption: undefined }, [
        collectionError('s3:GetEncryptionConfiguration'),
      ]),
    ],
    expect: 'unknown',
    missing: ['s3:GetEncryptionConfiguration'],
  },
  {
    check: 's3-buckets-sse-kms',
    name: 'no bucket',
    resource: processingJob(),
    expect: 'not_applicable',
  },

  // log-group-kms-encryption
  {
    check: 'log-group-kms-encryption',
    name: 'encrypted group',
    resource: trainingJob(),
    facts: [
      logGroups([
        { logGroupName: '/aws/sagemaker/TrainingJobs', kmsKeyId: KEY_ARN },
      ]),
    ],
    expect: 'pass',
  },
  {
    check: 'log-group-kms-encryption',
    name: 'unencrypted group',
    resource: notebook(),
    facts: [logGroups([{ logGroupName: '/aws/sagemaker/NotebookInstances' }])],
    expect: 'fail',
  },
  {
    check: 'log-group-kms-encryption',
    name: 'log groups not collected',
    resource: trainingJob(),
    expect: 'unknown',
    missing: ['logs:DescribeLogGroups'],
  },
  {
    check: 'log-group-kms-encryption',
    name: 'no log group yet',
    resource: trainingJob(),
    facts: [logGroups([])],
    expect: 'not_applicable',
  },
  // inter-container traffic encryption
  {
    check: 'training-job-inter-container-encryption',
    name: 'distributed and encrypted',
    resource: trainingJob({
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 },
      EnableInterContainerTrafficEncryption: true,
    }),
    expect: 'pass',
  },
  {
    check: 'training-job-inter-container-encryption',
    name: 'distributed, flag absent',
    resource: trainingJob({
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 4 },
    }),
    expect: 'fail',
  },
  {
    check: 'training-job-inter-container-encryption',
    name: 'heterogeneous cluster of 1+1 instances, not encrypted',
    resource: trainingJob({
      ResourceConfig: {
        InstanceGroups: [
          {
            InstanceGroupName: 'a',
            InstanceType: 'ml.m5.xlarge',
            InstanceCount: 1,
          },
          {
            InstanceGroupName: 'b',
            InstanceType: 'ml.g5.xlarge',
            InstanceCount: 1,
          },
        ],
      },
    }),
    expect: 'fail',
  },
  {
    check: 'training-job-inter-container-encryption',
    name: 'single instance',
    resource: trainingJob(),
    expect: 'not_applicable',
  },
  {
    check: 'training-job-inter-container-encryption',
    name: 'flag unreadable',
    resource: trainingJob(
      { ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 } },
      {
        errors: [
          collectionError('sagemaker:DescribeTrainingJob', {
            field: 'EnableInterContainerTrafficEncryption',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },
  {
    check: 'processing-job-inter-container-encryption',
    name: 'distributed and encrypted',
    resource: processingJob({
      ProcessingResources: {
        ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 3 },
      },
      NetworkConfig: { EnableInterContainerTrafficEncryption: true },
    }),
    expect: 'pass',
  },
  {
    check: 'processing-job-inter-container-encryption',
    name: 'distributed without encryption',
    resource: processingJob({
      ProcessingResources: {
        ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 3 },
      },
    }),
    expect: 'fail',
  },
  {
    check: 'processing-job-inter-container-encryption',
    name: 'single instance',
    resource: processingJob(),
    expect: 'not_applicable',
  },
  {
    check: 'processing-job-inter-container-encryption',
    name: 'network config unreadable',
    resource: processingJob(
      {
        ProcessingResources: {
          ClusterConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 3 },
        },
      },
      {
        errors: [
          collectionError('sagemaker:DescribeProcessingJob', {
            field: 'NetworkConfig',
          }),
        ],
      },
    ),
    expect: 'unknown',
  },
  {
    check: 'hpo-job-inter-container-encryption',
    name: 'distributed and encrypted',
    resource: tuningJob({
      TrainingJobDefinition: {
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 },
        EnableInterContainerTrafficEncryption: true,
      },
    }),
    expect: 'pass',
  },
  {
    check: 'hpo-job-inter-container-encryption',
    name: 'distributed without encryption',
    resource: tuningJob({
      TrainingJobDefinition: {
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 },
      },
    }),
    expect: 'fail',
  },
  {
    check: 'hpo-job-inter-container-encryption',
    name: 'single instance',
    resource: tuningJob(),
    expect: 'not_applicable',
  },
  {
    check: 'hpo-job-inter-container-encryption',
    name: 'no training definition',
    resource: tuningJob({ TrainingJobDefinition: undefined }),
    expect: 'unknown',
  },
  ...(
    [
      [
        'data-quality-job-inter-container-encryption',
        'data-quality-job-definition',
      ],
      [
        'model-explainability-job-inter-container-encryption',
        'model-explainability-job-definition',
      ],
      [
        'model-quality-job-inter-container-encryption',
        'model-quality-job-definition',
      ],
      [
        'model-bias-job-inter-container-encryption',
        'model-bias-job-definition',
      ],
    ] as const
  ).flatMap(([check, type]): CheckCase[] => [
    {
      check,
      name: 'two instances, encrypted',
      resource: jobDefinition(type, {
        JobResources: {
          ClusterConfig: { InstanceType: 'ml.m5.large', InstanceCount: 2 },
        },
        NetworkConfig: { EnableInterContainerTrafficEncryption: true },
      }),
      expect: 'pass',
    },
    {
      check,
      name: 'two instances, no network config',
      resource: jobDefinition(type, {
        JobResources: {
          ClusterConfig: { InstanceType: 'ml.m5.large', InstanceCount: 2 },
        },
      }),
      expect: 'fail',
    },
    {
      check,
      name: 'one instance',
      resource: jobDefinition(type, {
        JobResources: {
          ClusterConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1 },
        },
      }),
      expect: 'not_applicable',
    },
    {
      check,
      name: 'network config unreadable',
      resource: jobDefinition(
        type,
        { JobResources: { ClusterConfig: { InstanceCount: 2 } } },
        {
          errors: [
            collectionError('sagemaker:DescribeJobDefinition', {
              field: 'NetworkConfig',
            }),
          ],
        },
      ),
      expect: 'unknown',
    },
  ]),
  {
    check: 'monitoring-schedule-inter-container-encryption',
    name: 'inline definition encrypted',
    resource: monitoringSchedule(
      inline({
        NetworkConfig: { EnableInterContainerTrafficEncryption: true },
      }),
    ),
    expect: 'pass',
  },
  {
    check: 'monitoring-schedule-inter-container-encryption',
    name: 'inline definition without network config',
    resource: monitoringSchedule(inline({})),
    expect: 'fail',
  },
  {
    check: 'monitoring-schedule-inter-container-encryption',
    name: 'named job definition',
    resource: monitoringSchedule({
      MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'dq' },
    }),
    expect: 'not_applicable',
  },
  {
    check: 'monitoring-schedule-inter-container-encryption',
    name: 'describe failed',
    resource: monitoringSchedule(
      {},
      { errors: [collectionError('sagemaker:DescribeMonitoringSchedule')] },
    ),
    expect: 'unknown',
  },

  // hyperpod-cluster-volumes-customer-managed-keys
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'root and data volumes under a customer-managed key',
    resource: cluster(),
    facts: [kmsKey()],
    expect: 'pass',
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: "AWS-managed key on the data volume (the AWS sample's bug: it passed AWS-managed keys as customer-managed)",
    resource: cluster(),
    facts: [kmsKey({ keyManager: 'AWS' })],
    expect: 'fail',
    message: /AWS-managed key/,
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'alias/aws/sagemaker named',
    resource: cluster(
      {},
      {
        InstanceStorageConfigs: [
          { EbsVolumeConfig: { RootVolume: true, VolumeKmsKeyId: KEY_ARN } },
          {
            EbsVolumeConfig: {
              VolumeSizeInGB: 500,
              VolumeKmsKeyId: 'alias/aws/sagemaker',
            },
          },
        ],
      },
    ),
    facts: [kmsKey()],
    expect: 'fail',
    message: /alias\/aws\/sagemaker, an AWS-managed key/,
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'no root volume configuration: AWS owned key',
    resource: cluster(
      {},
      {
        InstanceStorageConfigs: [
          { EbsVolumeConfig: { VolumeSizeInGB: 500, VolumeKmsKeyId: KEY_ARN } },
        ],
      },
    ),
    facts: [kmsKey()],
    expect: 'fail',
    message: /no root volume configuration/,
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'secondary volume without a key',
    resource: cluster(
      {},
      {
        InstanceStorageConfigs: [
          { EbsVolumeConfig: { RootVolume: true, VolumeKmsKeyId: KEY_ARN } },
          { EbsVolumeConfig: { VolumeSizeInGB: 500 } },
        ],
      },
    ),
    facts: [kmsKey()],
    expect: 'fail',
    message: /secondary EBS volume of instance group workers names no KMS key/,
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'restricted instance group without a root volume key',
    resource: cluster({
      RestrictedInstanceGroups: [
        {
          InstanceGroupName: 'nova',
          InstanceStorageConfigs: [
            {
              EbsVolumeConfig: { VolumeSizeInGB: 500, VolumeKmsKeyId: KEY_ARN },
            },
          ],
        },
      ],
    }),
    facts: [kmsKey()],
    expect: 'fail',
    message: /instance group nova has no root volume configuration/,
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'key manager not read',
    resource: cluster(),
    facts: [kmsKey({ keyManager: undefined })],
    expect: 'unknown',
    missing: ['kms:DescribeKey'],
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'key not collected',
    resource: cluster(),
    expect: 'unknown',
    missing: ['kms:DescribeKey'],
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'InstanceGroups absent from the answer',
    resource: cluster({ InstanceGroups: undefined }),
    expect: 'unknown',
    missing: ['sagemaker:DescribeCluster'],
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'describe failed',
    resource: resource(
      'hyperpod-cluster',
      {},
      { errors: [collectionError('sagemaker:DescribeCluster')] },
    ),
    expect: 'unknown',
    missing: ['sagemaker:DescribeCluster'],
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'no instance groups',
    resource: cluster({ InstanceGroups: [] }),
    expect: 'not_applicable',
  },
  {
    check: 'hyperpod-cluster-volumes-customer-managed-keys',
    name: 'iac: key not declared in the template',
    resource: cluster(),
    mode: 'iac',
    expect: 'not_applicable',
  },
  // kms-keys-customer-managed reaches the cluster's volume keys through its descriptor links.
  {
    check: 'kms-keys-customer-managed',
    name: 'HyperPod volume under an AWS-managed key (through the descriptor links)',
    resource: cluster(),
    facts: [kmsKey({ keyManager: 'AWS' })],
    expect: 'fail',
    message:
      /InstanceGroups\.0\.InstanceStorageConfigs\.0\.EbsVolumeConfig\.VolumeKmsKeyId/,
  },
  ...domainSettingsEncryptionCases,
  ...jobTypesEncryptionCases,
  ...partnerAppEncryptionCases,
  ...inferenceComponentEncryptionCases,
];
