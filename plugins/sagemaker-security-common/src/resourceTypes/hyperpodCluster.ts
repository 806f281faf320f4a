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
    kmsKeys: [
      'InstanceGroups[].InstanceStorageConfigs[].EbsVolumeConfig.VolumeKmsKeyId',
    ],
    // ClusterRole (autoscaling) is assumed by HyperPod's own principal, not
    // sagemaker.amazonaws.com: the execution-role checks do not fit it.
    roles: ['InstanceGroups[].ExecutionRole'],
    securityGroups: [
      'VpcConfig.SecurityGroupIds[]',
      'InstanceGroups[].OverrideVpcConfig.SecurityGroupIds[]',
    ],
    subnets: [
      'VpcConfig.Subnets[]',
      'InstanceGroups[].OverrideVpcConfig.Subnets[]',
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
