import type { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import type { EstateSageMakerResource } from '../simulator/estate';
import {
  ACCOUNT,
  arn,
  CMK_ARN,
  CMK_ID,
  daysAgo,
  REGION,
  ROLE_ARN,
} from './estateIds';

function r(
  description: Record<string, unknown>,
  tags: Record<string, string> = { 'ml-service': 'fraud-model' },
): EstateSageMakerResource {
  return { description, tags };
}

const vpcConfig = {
  SecurityGroupIds: ['sg-0123456789abcdef0'],
  Subnets: ['subnet-0aaaaaaaaaaaaaaa1'],
};

/** One or more resources of every SageMaker type, wired to every kind of fact. */
export function fullSageMaker(): Partial<
  Record<ResourceType, EstateSageMakerResource[]>
> {
  const job = (noun: string, name: string, status: string, extra: object) => ({
    [`${noun}Name`]: name,
    [`${noun}Arn`]: arn(
      `${
        noun === 'HyperParameterTuningJob'
          ? 'hyper-parameter-tuning-job'
          : noun.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()
      }/${name}`,
    ),
    [`${noun}Status`]: status,
    CreationTime: daysAgo(2),
    ...extra,
  });
  const definition = (kind: string, name: string) => ({
    JobDefinitionName: name,
    JobDefinitionArn: arn(`${kind}-job-definition/${name}`),
    CreationTime: daysAgo(10),
    RoleArn: ROLE_ARN,
    NetworkConfig: {
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: false,
      VpcConfig: vpcConfig,
    },
    JobResources: {
      ClusterConfig: { InstanceCount: 2, VolumeKmsKeyId: CMK_ID },
    },
  });
  return {
    'notebook-instance': ['nb-1', 'nb-2', 'nb-3'].map(name =>
      r({
        NotebookInstanceName: name,
        NotebookInstanceArn: arn(`notebook-instance/${name}`),
        NotebookInstanceStatus: 'InService',
        CreationTime: daysAgo(30),
        LastModifiedTime: daysAgo(2),
        RoleArn: ROLE_ARN,
        KmsKeyId: 'alias/ml-data',
        SubnetId: 'subnet-0aaaaaaaaaaaaaaa1',
        SecurityGroups: ['sg-0123456789abcdef0'],
        DirectInternetAccess: 'Disabled',
        RootAccess: 'Enabled',
        NotebookInstanceLifecycleConfigName: 'lc-1',
      }),
    ),
    'notebook-instance-lifecycle-config': [
      r({
        NotebookInstanceLifecycleConfigName: 'lc-1',
        NotebookInstanceLifecycleConfigArn: arn(
          'notebook-instance-lifecycle-config/lc-1',
        ),
        CreationTime: daysAgo(40),
        OnStart: [
          {
            Content: Buffer.from('export AWS_SECRET_ACCESS_KEY=abc').toString(
              'base64',
            ),
          },
        ],
      }),
    ],
    domain: [
      r({
        DomainId: 'd-abc123',
        DomainArn: arn('domain/d-abc123'),
        DomainName: 'studio',
        Status: 'InService',
        CreationTime: daysAgo(100),
        VpcId: 'vpc-0bbbbbbbbbbbbbbb1',
        SubnetIds: ['subnet-0aaaaaaaaaaaaaaa2'],
        KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/ml-data`,
        AppNetworkAccessType: 'VpcOnly',
        DefaultUserSettings: {
          ExecutionRole: ROLE_ARN,
          SecurityGroups: ['sg-0123456789abcdef0'],
        },
      }),
    ],
    'user-profile': [
      r({
        DomainId: 'd-abc123',
        UserProfileName: 'alice',
        UserProfileArn: arn('user-profile/d-abc123/alice'),
        Status: 'InService',
        CreationTime: daysAgo(50),
        UserSettings: { ExecutionRole: ROLE_ARN },
      }),
    ],
    space: [
      r({
        DomainId: 'd-abc123',
        SpaceName: 'shared',
        SpaceArn: arn('space/d-abc123/shared'),
        Status: 'InService',
        CreationTime: daysAgo(50),
      }),
    ],
    model: [
      r({
        ModelName: 'fraud-v1',
        ModelArn: arn('model/fraud-v1'),
        CreationTime: daysAgo(20),
        ExecutionRoleArn: ROLE_ARN,
        EnableNetworkIsolation: true,
        PrimaryContainer: {
          Image: '123.dkr.ecr.us-east-1.amazonaws.com/fraud:1',
          ModelDataUrl: 's3://ml-artifacts/fraud/model.tar.gz',
          Environment: { LOG_LEVEL: 'info' },
        },
        VpcConfig: vpcConfig,
      }),
    ],
    'endpoint-config': [
      r({
        EndpointConfigName: 'fraud-config',
        EndpointConfigArn: arn('endpoint-config/fraud-config'),
        CreationTime: daysAgo(20),
        KmsKeyId: CMK_ARN,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: 'fraud-v1',
            InitialInstanceCount: 1,
          },
        ],
        DataCaptureConfig: {
          EnableCapture: true,
          DestinationS3Uri: 's3://ml-capture/fraud',
          KmsKeyId: 'alias/aws/sagemaker',
        },
      }),
    ],
    endpoint: [
      r({
        EndpointName: 'fraud',
        EndpointArn: arn('endpoint/fraud'),
        EndpointConfigName: 'fraud-config',
        EndpointStatus: 'InService',
        CreationTime: daysAgo(20),
        LastModifiedTime: daysAgo(3),
      }),
    ],
    'training-job': [
      r(
        job('TrainingJob', 'train-done', 'Completed', {
          RoleArn: ROLE_ARN,
          OutputDataConfig: {
            S3OutputPath: 's3://ml-artifacts/out',
            KmsKeyId: CMK_ID,
          },
          ResourceConfig: { VolumeKmsKeyId: CMK_ARN },
          VpcConfig: vpcConfig,
          HyperParameters: { epochs: '10' },
        }),
      ),
      r(
        job('TrainingJob', 'train-running', 'InProgress', {
          RoleArn: ROLE_ARN,
        }),
      ),
    ],
    'processing-job': [
      r(job('ProcessingJob', 'process-1', 'Completed', { RoleArn: ROLE_ARN })),
    ],
    'transform-job': [
      r(
        job('TransformJob', 'transform-1', 'Stopped', {
          ModelName: 'fraud-v1',
        }),
      ),
    ],
    'hyperparameter-tuning-job': [
      r(
        job('HyperParameterTuningJob', 'tune-1', 'Completed', {
          TrainingJobDefinition: {
            RoleArn: ROLE_ARN,
            EnableNetworkIsolation: false,
          },
        }),
      ),
    ],
    pipeline: [
      r({
        PipelineName: 'train-pipeline',
        PipelineArn: arn('pipeline/train-pipeline'),
        PipelineStatus: 'Active',
        CreationTime: daysAgo(60),
        RoleArn: ROLE_ARN,
        PipelineDefinition: JSON.stringify({
          Steps: [
            {
              Arguments: {
                OutputDataConfig: { S3OutputPath: 's3://ml-pipeline/out' },
              },
            },
          ],
        }),
      }),
    ],
    'feature-group': [
      r({
        FeatureGroupName: 'transactions',
        FeatureGroupArn: arn('feature-group/transactions'),
        FeatureGroupStatus: 'Created',
        CreationTime: daysAgo(70),
        RoleArn: ROLE_ARN,
        OfflineStoreConfig: {
          S3StorageConfig: {
            S3Uri: 's3://ml-features/offline',
            KmsKeyId: CMK_ID,
          },
        },
        OnlineStoreConfig: { SecurityConfig: { KmsKeyId: CMK_ARN } },
      }),
    ],
    'model-package-group': [
      r({
        ModelPackageGroupName: 'fraud-models',
        ModelPackageGroupArn: arn('model-package-group/fraud-models'),
        ModelPackageGroupStatus: 'Completed',
        CreationTime: daysAgo(80),
        ResourcePolicy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 'sagemaker:DescribeModelPackage',
              Resource: '*',
            },
          ],
        }),
      }),
      r({
        ModelPackageGroupName: 'no-policy',
        ModelPackageGroupArn: arn('model-package-group/no-policy'),
        ModelPackageGroupStatus: 'Completed',
        CreationTime: daysAgo(80),
      }),
    ],
    'model-package': [
      r({
        ModelPackageName: 'fraud-models',
        ModelPackageGroupName: 'fraud-models',
        ModelPackageVersion: 1,
        ModelPackageArn: arn('model-package/fraud-models/1'),
        ModelPackageStatus: 'Completed',
        ModelApprovalStatus: 'Approved',
        CreationTime: daysAgo(80),
      }),
    ],
    'monitoring-schedule': [
      r({
        MonitoringScheduleName: 'fraud-monitor',
        MonitoringScheduleArn: arn('monitoring-schedule/fraud-monitor'),
        MonitoringScheduleStatus: 'Scheduled',
        CreationTime: daysAgo(15),
        EndpointName: 'fraud',
        MonitoringScheduleConfig: { MonitoringJobDefinitionName: 'dq-1' },
      }),
    ],
    'data-quality-job-definition': [r(definition('data-quality', 'dq-1'))],
    'model-quality-job-definition': [r(definition('model-quality', 'mq-1'))],
    'model-bias-job-definition': [r(definition('model-bias', 'mb-1'))],
    'model-explainability-job-definition': [
      r(definition('model-explainability', 'me-1')),
    ],
    'inference-experiment': [
      r({
        Name: 'shadow-1',
        Arn: arn('inference-experiment/shadow-1'),
        Type: 'ShadowMode',
        Status: 'Running',
        CreationTime: daysAgo(3),
        RoleArn: ROLE_ARN,
        KmsKey: CMK_ARN,
        DataStorageConfig: {
          Destination: 's3://ml-capture/shadow',
          KmsKey: 'alias/ml-data',
        },
      }),
    ],
    'hyperpod-cluster': [
      r({
        ClusterName: 'llm-pretrain',
        ClusterArn: arn('cluster/a1b2c3d4e5f6'),
        ClusterStatus: 'InService',
        CreationTime: daysAgo(12),
        VpcConfig: vpcConfig,
        NodeRecovery: 'Automatic',
        InstanceGroups: [
          {
            InstanceGroupName: 'workers',
            InstanceType: 'ml.p5.48xlarge',
            CurrentCount: 2,
            TargetCount: 2,
            ExecutionRole: ROLE_ARN,
            ThreadsPerCore: 1,
            LifeCycleConfig: {
              SourceS3Uri: 's3://ml-artifacts/hyperpod/lifecycle/',
              OnCreate: 'on_create.sh',
            },
            InstanceStorageConfigs: [
              {
                EbsVolumeConfig: { RootVolume: true, VolumeKmsKeyId: CMK_ARN },
              },
              {
                EbsVolumeConfig: {
                  VolumeSizeInGB: 500,
                  VolumeKmsKeyId: CMK_ID,
                },
              },
            ],
            OverrideVpcConfig: {
              SecurityGroupIds: ['sg-0123456789abcdef0'],
              Subnets: ['subnet-0aaaaaaaaaaaaaaa2'],
            },
          },
        ],
      }),
    ],
    'mlflow-tracking-server': [
      r({
        TrackingServerName: 'fraud-experiments',
        TrackingServerArn: arn('mlflow-tracking-server/fraud-experiments'),
        ArtifactStoreUri: 's3://ml-artifacts/mlflow/',
        TrackingServerSize: 'Small',
        MlflowVersion: '2.16.2',
        RoleArn: ROLE_ARN,
        TrackingServerStatus: 'Created',
        IsActive: 'Active',
        TrackingServerUrl: `https://t-abc123.${REGION}.experiments.sagemaker.aws`,
        WeeklyMaintenanceWindowStart: 'Sun:02:00',
        AutomaticModelRegistration: false,
        CreationTime: daysAgo(20),
        LastModifiedTime: daysAgo(2),
        S3BucketOwnerAccountId: ACCOUNT,
        S3BucketOwnerVerification: true,
      }),
    ],
    'mlflow-app': [
      r({
        Arn: arn('mlflow-app/app-0a1b2c3d4e5f'),
        Name: 'fraud-mlflow',
        ArtifactStoreUri: 's3://ml-artifacts/mlflow-app/',
        MlflowVersion: '3.0.0',
        RoleArn: ROLE_ARN,
        KmsKeyId: CMK_ARN,
        Status: 'Created',
        ModelRegistrationMode: 'AutoModelRegistrationDisabled',
        AccountDefaultStatus: 'DISABLED',
        CreationTime: daysAgo(15),
        LastModifiedTime: daysAgo(1),
        WeeklyMaintenanceWindowStart: 'Sun:03:00',
      }),
    ],
    'studio-lifecycle-config': [
      r({
        StudioLifecycleConfigName: 'jl-setup',
        StudioLifecycleConfigArn: arn('studio-lifecycle-config/jl-setup'),
        StudioLifecycleConfigAppType: 'JupyterLab',
        StudioLifecycleConfigContent: Buffer.from(
          '#!/bin/bash\npip install --quiet pandas==2.2.2\n',
        ).toString('base64'),
        CreationTime: daysAgo(30),
        LastModifiedTime: daysAgo(30),
      }),
    ],
    'automl-job': [
      r({
        AutoMLJobName: 'fraud-autopilot',
        AutoMLJobArn: arn('automl-job/fraud-autopilot'),
        AutoMLJobStatus: 'Completed',
        AutoMLJobSecondaryStatus: 'Completed',
        CreationTime: daysAgo(3),
        LastModifiedTime: daysAgo(3),
        AutoMLJobInputDataConfig: [
          {
            ChannelType: 'training',
            DataSource: {
              S3DataSource: {
                S3DataType: 'S3Prefix',
                S3Uri: 's3://ml-artifacts/datasets/fraud/',
              },
            },
          },
        ],
        OutputDataConfig: {
          S3OutputPath: 's3://ml-artifacts/autopilot/',
          KmsKeyId: CMK_ARN,
        },
        RoleArn: ROLE_ARN,
        SecurityConfig: {
          VolumeKmsKeyId: CMK_ID,
          EnableInterContainerTrafficEncryption: true,
          VpcConfig: vpcConfig,
        },
      }),
    ],
    'compilation-job': [
      r({
        CompilationJobName: 'fraud-neo',
        CompilationJobArn: arn('compilation-job/fraud-neo'),
        CompilationJobStatus: 'COMPLETED',
        CreationTime: daysAgo(2),
        LastModifiedTime: daysAgo(2),
        RoleArn: ROLE_ARN,
        InputConfig: {
          S3Uri: 's3://ml-artifacts/fraud/model.tar.gz',
          Framework: 'XGBOOST',
        },
        OutputConfig: {
          S3OutputLocation: 's3://ml-artifacts/fraud/compiled/',
          TargetDevice: 'ml_c5',
          KmsKeyId: CMK_ARN,
        },
        VpcConfig: vpcConfig,
      }),
    ],
    'flow-definition': [
      r({
        FlowDefinitionName: 'fraud-review',
        FlowDefinitionArn: arn('flow-definition/fraud-review'),
        FlowDefinitionStatus: 'Active',
        CreationTime: daysAgo(30),
        HumanLoopConfig: {
          WorkteamArn: arn('workteam/private-crowd/fraud-analysts'),
          HumanTaskUiArn: arn('human-task-ui/fraud-review'),
          TaskTitle: 'Review a fraud score',
          TaskDescription: 'Confirm or correct the score',
          TaskCount: 1,
        },
        OutputConfig: {
          S3OutputPath: 's3://ml-artifacts/a2i/',
          KmsKeyId: CMK_ARN,
        },
        RoleArn: ROLE_ARN,
      }),
    ],
    'partner-app': [
      r({
        Arn: arn('partner-app/app-1a2b3c4d5e6f'),
        Name: 'fraud-comet',
        Type: 'comet',
        Status: 'Available',
        CreationTime: daysAgo(12),
        LastModifiedTime: daysAgo(2),
        ExecutionRoleArn: ROLE_ARN,
        KmsKeyId: CMK_ARN,
        BaseUrl: 'https://app-1a2b3c4d5e6f.partner-app.sagemaker.aws',
        MaintenanceConfig: { MaintenanceWindowStart: 'Sun:03:00' },
        Tier: 'small',
        Version: '1.0',
        ApplicationConfig: { AdminUsers: ['ml-platform-admin'] },
        AuthType: 'IAM',
        EnableIamSessionBasedIdentity: true,
        EnableAutoMinorVersionUpgrade: true,
      }),
    ],
    'inference-component': [
      r({
        InferenceComponentName: 'fraud-ic',
        InferenceComponentArn: arn('inference-component/fraud-ic'),
        EndpointName: 'fraud',
        EndpointArn: arn('endpoint/fraud'),
        VariantName: 'AllTraffic',
        Specification: {
          ModelName: 'fraud-v1',
          ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024 },
        },
        RuntimeConfig: { DesiredCopyCount: 1, CurrentCopyCount: 1 },
        CreationTime: daysAgo(10),
        LastModifiedTime: daysAgo(1),
        InferenceComponentStatus: 'InService',
      }),
    ],
    'app-image-config': [
      r({
        AppImageConfigName: 'fraud-jupyterlab',
        AppImageConfigArn: arn('app-image-config/fraud-jupyterlab'),
        CreationTime: daysAgo(20),
        LastModifiedTime: daysAgo(3),
        JupyterLabAppImageConfig: {
          FileSystemConfig: {
            MountPath: '/home/sagemaker-user',
            DefaultUid: 1000,
            DefaultGid: 100,
          },
          ContainerConfig: { ContainerArguments: ['--debug'] },
        },
      }),
    ],
    image: [
      r({
        ImageName: 'fraud-notebook',
        ImageArn: arn('image/fraud-notebook'),
        ImageStatus: 'CREATED',
        DisplayName: 'Fraud notebook image',
        Description: 'JupyterLab with the fraud feature libraries',
        CreationTime: daysAgo(20),
        LastModifiedTime: daysAgo(3),
        RoleArn: ROLE_ARN,
      }),
    ],
  };
}
