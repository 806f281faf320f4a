import {
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  GetModelPackageGroupPolicyCommand,
  paginateListModelPackageGroups,
  paginateListModelPackages,
} from '@aws-sdk/client-sagemaker';
import { attempt } from '../aws/errors';
import { sagemakerSpec } from './spec';

const GET_POLICY = 'sagemaker:GetModelPackageGroupPolicy';

export const registrySpecs = [
  sagemakerSpec({
    type: 'model-package-group',
    list: 'ListModelPackageGroups',
    paginate: paginateListModelPackageGroups,
    items: 'ModelPackageGroupSummaryList',
    name: 'ModelPackageGroupName',
    summaryArn: 'ModelPackageGroupArn',
    describe: 'DescribeModelPackageGroup',
    describeCommand: s =>
      new DescribeModelPackageGroupCommand({
        ModelPackageGroupName: s.ModelPackageGroupName,
      }),
    arnField: 'ModelPackageGroupArn',
    statusField: 'ModelPackageGroupStatus',
    // The resource policy is stored as AWS returns it (a JSON string); null = none.
    async enrich(client, description, arn) {
      const result = await attempt(
        GET_POLICY,
        { target: arn, field: 'ResourcePolicy' },
        () =>
          client.send(
            new GetModelPackageGroupPolicyCommand({
              ModelPackageGroupName: String(description.ModelPackageGroupName),
            }),
          ),
      );
      if (result.ok) {
        description.ResourcePolicy = result.value.ResourcePolicy ?? null;
        return [];
      }
      if (result.error.kind === 'not_found') {
        description.ResourcePolicy = null;
        return [];
      }
      return [result.error];
    },
  }),
  sagemakerSpec({
    type: 'model-package',
    list: 'ListModelPackages',
    paginate: paginateListModelPackages,
    items: 'ModelPackageSummaryList',
    listInput: { ModelPackageType: 'Both' },
    // Versioned packages are named by their group; the ARN's tail is unique.
    name: s =>
      String(s.ModelPackageArn).split(':model-package/')[1] ??
      s.ModelPackageName,
    summaryArn: 'ModelPackageArn',
    describe: 'DescribeModelPackage',
    describeCommand: s =>
      new DescribeModelPackageCommand({ ModelPackageName: s.ModelPackageArn }),
    arnField: 'ModelPackageArn',
    statusField: 'ModelPackageStatus',
  }),
];
