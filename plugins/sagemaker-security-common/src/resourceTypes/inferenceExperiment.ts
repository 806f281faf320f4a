import { defineResourceType } from './descriptor';

/** An inference experiment (shadow test). */
export const inferenceExperiment = defineResourceType({
  id: 'inference-experiment',
  arnSegment: 'inference-experiment',
  job: false,
  api: {
    list: 'ListInferenceExperiments',
    items: 'InferenceExperiments',
    summaryName: 'Name',
    describe: 'DescribeInferenceExperiment',
    describeInput: { Name: 'Name' },
    arnField: 'Arn',
    statusField: 'Status',
  },
  links: {
    kmsKeys: ['KmsKey', 'DataStorageConfig.KmsKey'],
    roles: ['RoleArn'],
    s3Uris: ['DataStorageConfig.Destination'],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::InferenceExperiment',
    nameProperty: 'Name',
  },
  simulator: {
    summary: ['Name', 'Type', 'Status', 'CreationTime', 'RoleArn'],
  },
});
