import { defineResourceType } from './descriptor';

/**
 * A SageMaker HyperPod cluster (`AWS::SageMaker::Cluster`): instance groups
 * with their own execution role, lifecycle scripts in S3, EBS volumes and an
 * optional VPC override each. Its ARN ends in a generated cluster ID, not the
 * name.
 */
export const hyperpodCluster = defineResourceType({
  id: 'hyperpod-cluster',
  arnSegment: 'cluster',
  job: false,
  catalog: {
    abbreviation: 'hyperpod',
    label: 'HyperPod cluster',
    consolePage: 'cluster-management/{name}',
  },
  api: {
    list: 'ListClusters',
    items: 'ClusterSummaries',
    summaryName: 'ClusterName',
    summaryArn: 'ClusterArn',
    describe: 'DescribeCluster',
    describeInput: { ClusterName: 'ClusterName' },
    arnField: 'ClusterArn',
    statusField: 'ClusterStatus',
  },
  links: {
    // Restricted instance groups (Nova customisation) have the same fields.
    kmsKeys: [
      'InstanceGroups[].InstanceStorageConfigs[].EbsVolumeConfig.VolumeKmsKeyId',
      'RestrictedInstanceGroups[].InstanceStorageConfigs[].EbsVolumeConfig.VolumeKmsKeyId',
    ],
    // Not ClusterRole (autoscaling): it trusts hyperpod.sagemaker.amazonaws.com
    // and holds BatchAdd/DeleteClusterNodes, which the execution-role checks
    // (trust by sagemaker.amazonaws.com, data access) would misjudge.
    roles: [
      'InstanceGroups[].ExecutionRole',
      'RestrictedInstanceGroups[].ExecutionRole',
    ],
    securityGroups: [
      'VpcConfig.SecurityGroupIds[]',
      'InstanceGroups[].OverrideVpcConfig.SecurityGroupIds[]',
      'RestrictedInstanceGroups[].OverrideVpcConfig.SecurityGroupIds[]',
    ],
    subnets: [
      'VpcConfig.Subnets[]',
      'InstanceGroups[].OverrideVpcConfig.Subnets[]',
      'RestrictedInstanceGroups[].OverrideVpcConfig.Subnets[]',
    ],
    // The lifecycle scripts every node runs at creation.
    s3Uris: ['InstanceGroups[].LifeCycleConfig.SourceS3Uri'],
  },
  logGroup: '/aws/sagemaker/Clusters/{name}/{arnId}',
  cloudFormation: {
    type: 'AWS::SageMaker::Cluster',
    nameProperty: 'ClusterName',
    // "By default, the clusters are set up with Automatic node recovery."
    defaults: { NodeRecovery: 'Automatic' },
  },
  simulator: {
    summary: ['ClusterName', 'ClusterArn', 'ClusterStatus', 'CreationTime'],
  },
});
