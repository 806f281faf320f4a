/**
 * The estate's training, processing, transform and tuning jobs, good and
 * bad, built through the SDK.
 */
import {
  CreateHyperParameterTuningJobCommand,
  CreateProcessingJobCommand,
  CreateTrainingJobCommand,
  CreateTransformJobCommand,
} from '@aws-sdk/client-sagemaker';
import { EstateClients } from './clients';
import { Estate, OWNED } from './inference';

export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/fraud:1';
export const STOP = { MaxRuntimeInSeconds: 3600 };

const input = (uri: string) => [
  {
    ChannelName: 'train',
    DataSource: {
      S3DataSource: {
        S3DataType: 'S3Prefix' as const,
        S3Uri: uri,
        S3DataDistributionType: 'FullyReplicated' as const,
      },
    },
  },
];

export async function createTrainingJobs(c: EstateClients, e: Estate) {
  const vpc = {
    Subnets: [e.network.privateSubnet],
    SecurityGroupIds: [e.network.lockedGroup],
  };
  await c.sagemaker.send(
    new CreateTrainingJobCommand({
      TrainingJobName: 'train-secure',
      AlgorithmSpecification: {
        TrainingImage: IMAGE,
        TrainingInputMode: 'File',
      },
      RoleArn: e.roles.scoped,
      InputDataConfig: input('s3://ml-secure/train'),
      OutputDataConfig: {
        S3OutputPath: 's3://ml-secure/out',
        KmsKeyId: e.keys.good,
      },
      ResourceConfig: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 2,
        VolumeSizeInGB: 50,
        VolumeKmsKeyId: e.keys.good,
      },
      VpcConfig: vpc,
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
      HyperParameters: { epochs: '10' },
      StoppingCondition: STOP,
      Tags: OWNED,
    }),
  );
  await c.sagemaker.send(
    new CreateTrainingJobCommand({
      TrainingJobName: 'train-open',
      AlgorithmSpecification: {
        TrainingImage: IMAGE,
        TrainingInputMode: 'File',
      },
      RoleArn: e.roles.wildcard,
      InputDataConfig: input('s3://ml-plain/train'),
      OutputDataConfig: { S3OutputPath: 's3://ml-sse-s3/out' },
      ResourceConfig: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 2,
        VolumeSizeInGB: 50,
      },
      HyperParameters: { wandb_api_key: 'f3c1b2a4d5e6f708192a3b4c5d6e7f80' },
      StoppingCondition: STOP,
    }),
  );
  // One instance with local NVMe storage: no inter-container traffic, and
  // SageMaker rejects a volume key for it.
  await c.sagemaker.send(
    new CreateTrainingJobCommand({
      TrainingJobName: 'train-nvme',
      AlgorithmSpecification: {
        TrainingImage: IMAGE,
        TrainingInputMode: 'File',
      },
      RoleArn: e.roles.scoped,
      InputDataConfig: input('s3://ml-secure/train'),
      OutputDataConfig: {
        S3OutputPath: 's3://ml-secure/out',
        KmsKeyId: e.keys.disabled,
      },
      ResourceConfig: {
        InstanceType: 'ml.p4d.24xlarge',
        InstanceCount: 1,
        VolumeSizeInGB: 50,
      },
      VpcConfig: {
        Subnets: [e.network.publicIpSubnet],
        SecurityGroupIds: [e.network.defaultEgressGroup],
      },
      EnableNetworkIsolation: true,
      StoppingCondition: STOP,
      Tags: OWNED,
    }),
  );
}

export async function createProcessingAndTransformJobs(
  c: EstateClients,
  e: Estate,
) {
  const processing = (
    name: string,
    role: string,
    bucket: string,
    network: object,
    keyId?: string,
  ) =>
    c.sagemaker.send(
      new CreateProcessingJobCommand({
        ProcessingJobName: name,
        RoleArn: role,
        AppSpecification: { ImageUri: IMAGE },
        ProcessingResources: {
          ClusterConfig: {
            InstanceType: 'ml.m5.xlarge',
            InstanceCount: 2,
            VolumeSizeInGB: 30,
            ...(keyId ? { VolumeKmsKeyId: keyId } : {}),
          },
        },
        ProcessingInputs: [
          {
            InputName: 'raw',
            S3Input: {
              S3Uri: `s3://${bucket}/raw`,
              LocalPath: '/opt/ml/processing/input',
              S3DataType: 'S3Prefix',
              S3InputMode: 'File',
            },
          },
        ],
        ProcessingOutputConfig: {
          Outputs: [
            {
              OutputName: 'features',
              S3Output: {
                S3Uri: `s3://${bucket}/features`,
                LocalPath: '/opt/ml/processing/output',
                S3UploadMode: 'EndOfJob',
              },
            },
          ],
          ...(keyId ? { KmsKeyId: keyId } : {}),
        },
        NetworkConfig: network,
        StoppingCondition: STOP,
        Tags: OWNED,
      }),
    );
  await processing(
    'proc-secure',
    e.roles.scoped,
    'ml-secure',
    {
      EnableNetworkIsolation: true,
      EnableInterContainerTrafficEncryption: true,
      VpcConfig: {
        Subnets: [e.network.privateSubnet],
        SecurityGroupIds: [e.network.lockedGroup],
      },
    },
    e.keys.good,
  );
  await processing('proc-open', e.roles.wildcard, 'ml-plain', {
    EnableNetworkIsolation: false,
  });

  const transform = (
    name: string,
    bucket: string,
    keyId?: string,
    environment?: Record<string, string>,
  ) =>
    c.sagemaker.send(
      new CreateTransformJobCommand({
        TransformJobName: name,
        ModelName: 'model-secure',
        TransformInput: {
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: `s3://${bucket}/batch-in`,
            },
          },
        },
        TransformOutput: {
          S3OutputPath: `s3://${bucket}/batch-out`,
          ...(keyId ? { KmsKeyId: keyId } : {}),
        },
        TransformResources: {
          InstanceType: 'ml.m5.xlarge',
          InstanceCount: 1,
          ...(keyId ? { VolumeKmsKeyId: keyId } : {}),
        },
        ...(environment ? { Environment: environment } : {}),
        Tags: OWNED,
      }),
    );
  await transform('tf-secure', 'ml-secure', e.keys.good);
  await transform('tf-open', 'ml-plain', undefined, {
    GITHUB_TOKEN: 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
  });
}

export async function createTuningJobs(c: EstateClients, e: Estate) {
  const tuning = (name: string, definition: object) =>
    c.sagemaker.send(
      new CreateHyperParameterTuningJobCommand({
        HyperParameterTuningJobName: name,
        HyperParameterTuningJobConfig: {
          Strategy: 'Bayesian',
          ResourceLimits: {
            MaxNumberOfTrainingJobs: 4,
            MaxParallelTrainingJobs: 2,
          },
          HyperParameterTuningJobObjective: {
            Type: 'Maximize',
            MetricName: 'validation:auc',
          },
        },
        TrainingJobDefinition: {
          AlgorithmSpecification: {
            TrainingImage: IMAGE,
            TrainingInputMode: 'File',
          },
          StoppingCondition: STOP,
          ...definition,
        } as any,
        Tags: OWNED,
      }),
    );
  await tuning('hpo-secure', {
    RoleArn: e.roles.scoped,
    InputDataConfig: input('s3://ml-secure/train'),
    OutputDataConfig: {
      S3OutputPath: 's3://ml-secure/hpo',
      KmsKeyId: e.keys.good,
    },
    ResourceConfig: {
      InstanceType: 'ml.m5.xlarge',
      InstanceCount: 2,
      VolumeSizeInGB: 50,
      VolumeKmsKeyId: e.keys.good,
    },
    VpcConfig: {
      Subnets: [e.network.privateSubnet],
      SecurityGroupIds: [e.network.lockedGroup],
    },
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: true,
    StaticHyperParameters: { objective: 'binary:logistic' },
  });
  await tuning('hpo-open', {
    RoleArn: e.roles.fullAccess,
    InputDataConfig: input('s3://ml-sse-s3/train'),
    OutputDataConfig: { S3OutputPath: 's3://ml-sse-s3/hpo' },
    ResourceConfig: {
      InstanceType: 'ml.m5.xlarge',
      InstanceCount: 2,
      VolumeSizeInGB: 50,
    },
    StaticHyperParameters: { db_password: 'hunter2-but-longer' },
  });
}
