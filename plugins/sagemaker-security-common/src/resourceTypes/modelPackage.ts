import { defineResourceType } from './descriptor';

/** A model package (a registered model version). */
export const modelPackage = defineResourceType({
  id: 'model-package',
  arnSegment: 'model-package',
  job: false,
  api: {
    list: 'ListModelPackages',
    items: 'ModelPackageSummaryList',
    listInput: { ModelPackageType: 'Both' },
    // Versioned packages are named by their group; the ARN's tail is unique.
    summaryName: s =>
      String(s.ModelPackageArn).split(':model-package/')[1] ??
      String(s.ModelPackageName),
    summaryArn: 'ModelPackageArn',
    describe: 'DescribeModelPackage',
    describeInput: { ModelPackageName: 'ModelPackageArn' },
    arnField: 'ModelPackageArn',
    statusField: 'ModelPackageStatus',
    search: { resource: 'ModelPackage', record: 'ModelPackage' },
  },
  links: {},
  simulator: {
    summary: [
      'ModelPackageName',
      'ModelPackageGroupName',
      'ModelPackageVersion',
      'ModelPackageArn',
      'CreationTime',
      'ModelPackageStatus',
      'ModelApprovalStatus',
    ],
    match: { ModelPackageName: ['ModelPackageArn', 'ModelPackageName'] },
  },
});
