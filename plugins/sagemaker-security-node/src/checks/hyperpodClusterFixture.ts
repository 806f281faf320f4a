import { KEY_ARN, resource, ROLE_ARN } from '../testing/fixtures';

/** A HyperPod cluster as DescribeCluster returns it (one instance group by default). */
export const cluster = (
  description: Record<string, unknown> = {},
  group: Record<string, unknown> = {},
) =>
  resource('hyperpod-cluster', {
    ClusterName: 'test-hyperpod-cluster',
    ClusterStatus: 'InService',
    NodeRecovery: 'Automatic',
    VpcConfig: { SecurityGroupIds: ['sg-1'], Subnets: ['subnet-1'] },
    InstanceGroups: [
      {
        InstanceGroupName: 'workers',
        InstanceType: 'ml.p5.48xlarge',
        ExecutionRole: ROLE_ARN,
        LifeCycleConfig: { SourceS3Uri: 's3://sagemaker-lifecycle/scripts/' },
        InstanceStorageConfigs: [
          { EbsVolumeConfig: { RootVolume: true, VolumeKmsKeyId: KEY_ARN } },
          { EbsVolumeConfig: { VolumeSizeInGB: 500, VolumeKmsKeyId: KEY_ARN } },
        ],
        ...group,
      },
    ],
    ...description,
  });
