import { defineResourceType } from './descriptor';

/** A Feature Store feature group. */
export const featureGroup = defineResourceType({
  id: 'feature-group',
  arnSegment: 'feature-group',
  job: false,
  catalog: {
    abbreviation: 'feature-group',
    consolePage: 'feature-groups/{name}/details',
  },
  api: {
    list: 'ListFeatureGroups',
    items: 'FeatureGroupSummaries',
    summaryName: 'FeatureGroupName',
    summaryArn: 'FeatureGroupArn',
    describe: 'DescribeFeatureGroup',
    describeInput: { FeatureGroupName: 'FeatureGroupName' },
    arnField: 'FeatureGroupArn',
    statusField: 'FeatureGroupStatus',
    search: { resource: 'FeatureGroup', record: 'FeatureGroup' },
  },
  links: {
    kmsKeys: [
      'OfflineStoreConfig.S3StorageConfig.KmsKeyId',
      'OnlineStoreConfig.SecurityConfig.KmsKeyId',
    ],
    roles: ['RoleArn'],
    s3Uris: ['OfflineStoreConfig.S3StorageConfig.S3Uri'],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::FeatureGroup',
    nameProperty: 'FeatureGroupName',
    refIsName: true,
  },
  simulator: {
    summary: [
      'FeatureGroupName',
      'FeatureGroupArn',
      'FeatureGroupStatus',
      'CreationTime',
    ],
  },
});
