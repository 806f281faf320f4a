import { defineResourceType } from './descriptor';

/**
 * A human review workflow (Amazon A2I flow definition): which workforce
 * reviews the items a model or a Textract/Rekognition call sends, and where
 * the reviewers' answers are written. Long-lived, but not a catalog entity
 * (like the Model Monitor job definitions); CloudFormation has no flow
 * definition type.
 */
export const flowDefinition = defineResourceType({
  id: 'flow-definition',
  arnSegment: 'flow-definition',
  job: false,
  api: {
    list: 'ListFlowDefinitions',
    items: 'FlowDefinitionSummaries',
    summaryName: 'FlowDefinitionName',
    summaryArn: 'FlowDefinitionArn',
    describe: 'DescribeFlowDefinition',
    describeInput: { FlowDefinitionName: 'FlowDefinitionName' },
    arnField: 'FlowDefinitionArn',
    statusField: 'FlowDefinitionStatus',
    // No Update API: a flow definition is deleted and created again.
    immutable: true,
  },
  links: {
    kmsKeys: ['OutputConfig.KmsKeyId'],
    roles: ['RoleArn'],
    s3Uris: ['OutputConfig.S3OutputPath'],
  },
  simulator: {
    summary: [
      'FlowDefinitionName',
      'FlowDefinitionArn',
      'FlowDefinitionStatus',
      'CreationTime',
    ],
  },
});
