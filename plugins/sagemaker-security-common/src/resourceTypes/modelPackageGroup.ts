import { defineResourceType } from './descriptor';

/** A model registry group; its resource policy is read besides Describe. */
export const modelPackageGroup = defineResourceType({
  id: 'model-package-group',
  arnSegment: 'model-package-group',
  job: false,
  catalog: {
    abbreviation: 'model-group',
    consolePage: 'model-packages/{name}',
  },
  api: {
    list: 'ListModelPackageGroups',
    items: 'ModelPackageGroupSummaryList',
    summaryName: 'ModelPackageGroupName',
    summaryArn: 'ModelPackageGroupArn',
    describe: 'DescribeModelPackageGroup',
    describeInput: { ModelPackageGroupName: 'ModelPackageGroupName' },
    arnField: 'ModelPackageGroupArn',
    statusField: 'ModelPackageGroupStatus',
    search: { resource: 'ModelPackageGroup', record: 'ModelPackageGroup' },
    // The resource policy is stored as AWS returns it (a JSON string); null = none.
    extraReads: [
      {
        operation: 'GetModelPackageGroupPolicy',
        input: { ModelPackageGroupName: 'ModelPackageGroupName' },
        field: 'ResourcePolicy',
      },
    ],
  },
  links: {},
  cloudFormation: {
    type: 'AWS::SageMaker::ModelPackageGroup',
    nameProperty: 'ModelPackageGroupName',
  },
  simulator: {
    summary: [
      'ModelPackageGroupName',
      'ModelPackageGroupArn',
      'ModelPackageGroupStatus',
      'CreationTime',
    ],
  },
});
