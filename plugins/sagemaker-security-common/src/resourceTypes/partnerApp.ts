import { defineResourceType } from './descriptor';

/**
 * A SageMaker Partner AI App (`AWS::SageMaker::PartnerApp`): a partner's
 * application (Comet, Deepchecks, Fiddler, Lakera Guard) that SageMaker runs
 * in an AWS-managed account with an execution role of yours. Its data at rest
 * is under an AWS-owned key unless `KmsKeyId` names a customer-managed one.
 * Described by ARN; its ARN ends in a generated ID (`partner-app/app-…`).
 * The API reports no VPC or network setting (users reach it through a
 * presigned URL or the Application SDK).
 */
export const partnerApp = defineResourceType({
  id: 'partner-app',
  arnSegment: 'partner-app',
  job: false,
  catalog: {
    abbreviation: 'partner-app',
    label: 'Partner AI App',
    // No console page: no documented console fragment names a Partner AI App.
  },
  api: {
    list: 'ListPartnerApps',
    items: 'Summaries',
    summaryName: 'Name',
    summaryArn: 'Arn',
    describe: 'DescribePartnerApp',
    describeInput: { Arn: 'Arn' },
    arnField: 'Arn',
    statusField: 'Status',
  },
  links: {
    kmsKeys: ['KmsKeyId'],
    roles: ['ExecutionRoleArn'],
  },
  cloudFormation: {
    type: 'AWS::SageMaker::PartnerApp',
    nameProperty: 'Name',
  },
  simulator: {
    summary: ['Arn', 'Name', 'Type', 'Status', 'CreationTime'],
  },
});
