import type { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import { awsError, notFound } from '../awsErrors';
import type { EstateSageMakerResource } from '../estate';
import { paginate } from '../paging';
import { Handler, pick, SimScope } from './types';

type Desc = Record<string, any>;

interface TypeOps {
  type: ResourceType;
  list: string;
  items: string;
  summary: (d: Desc) => Desc;
  describe: string;
  /** Describe input fields that must equal the same description fields. */
  keys: string[];
  /** Description field with the resource's ARN (what ListTags is asked for). */
  arn: string;
}

const jobDefinition = (type: ResourceType, kind: string): TypeOps => ({
  type,
  list: `List${kind}JobDefinitions`,
  items: 'JobDefinitionSummaries',
  summary: d => ({
    MonitoringJobDefinitionName: d.JobDefinitionName,
    MonitoringJobDefinitionArn: d.JobDefinitionArn,
    CreationTime: d.CreationTime,
    EndpointName:
      d[`${kind}JobInput`]?.EndpointInput?.EndpointName ?? d.EndpointName,
  }),
  describe: `Describe${kind}JobDefinition`,
  keys: ['JobDefinitionName'],
  arn: 'JobDefinitionArn',
});

const simple = (
  type: ResourceType,
  noun: string,
  plural: string,
  items = plural,
  /** More summary fields, as AWS's summary of the type has them. */
  extra: string[] = [],
): TypeOps => ({
  type,
  list: `List${plural}`,
  items,
  summary: d =>
    pick(
      d,
      `${noun}Name`,
      `${noun}Arn`,
      `${noun}Status`,
      'CreationTime',
      ...extra,
    ),
  describe: `Describe${noun}`,
  keys: [`${noun}Name`],
  arn: `${noun}Arn`,
});

const OPS: TypeOps[] = [
  simple(
    'notebook-instance',
    'NotebookInstance',
    'NotebookInstances',
    'NotebookInstances',
    ['LastModifiedTime'],
  ),
  simple(
    'notebook-instance-lifecycle-config',
    'NotebookInstanceLifecycleConfig',
    'NotebookInstanceLifecycleConfigs',
  ),
  {
    type: 'domain',
    list: 'ListDomains',
    items: 'Domains',
    summary: d =>
      pick(
        d,
        'DomainId',
        'DomainArn',
        'DomainName',
        'Status',
        'CreationTime',
        'Url',
      ),
    describe: 'DescribeDomain',
    keys: ['DomainId'],
    arn: 'DomainArn',
  },
  {
    type: 'user-profile',
    list: 'ListUserProfiles',
    items: 'UserProfiles',
    summary: d =>
      pick(d, 'DomainId', 'UserProfileName', 'Status', 'CreationTime'),
    describe: 'DescribeUserProfile',
    keys: ['DomainId', 'UserProfileName'],
    arn: 'UserProfileArn',
  },
  {
    type: 'space',
    list: 'ListSpaces',
    items: 'Spaces',
    summary: d => pick(d, 'DomainId', 'SpaceName', 'Status', 'CreationTime'),
    describe: 'DescribeSpace',
    keys: ['DomainId', 'SpaceName'],
    arn: 'SpaceArn',
  },
  simple('model', 'Model', 'Models'),
  simple('endpoint-config', 'EndpointConfig', 'EndpointConfigs'),
  simple('endpoint', 'Endpoint', 'Endpoints', 'Endpoints', [
    'LastModifiedTime',
  ]),
  simple('training-job', 'TrainingJob', 'TrainingJobs', 'TrainingJobSummaries'),
  simple(
    'processing-job',
    'ProcessingJob',
    'ProcessingJobs',
    'ProcessingJobSummaries',
  ),
  simple(
    'transform-job',
    'TransformJob',
    'TransformJobs',
    'TransformJobSummaries',
  ),
  simple(
    'hyperparameter-tuning-job',
    'HyperParameterTuningJob',
    'HyperParameterTuningJobs',
    'HyperParameterTuningJobSummaries',
  ),
  simple('pipeline', 'Pipeline', 'Pipelines', 'PipelineSummaries'),
  simple(
    'feature-group',
    'FeatureGroup',
    'FeatureGroups',
    'FeatureGroupSummaries',
  ),
  simple(
    'model-package-group',
    'ModelPackageGroup',
    'ModelPackageGroups',
    'ModelPackageGroupSummaryList',
  ),
  {
    type: 'model-package',
    list: 'ListModelPackages',
    items: 'ModelPackageSummaryList',
    summary: d =>
      pick(
        d,
        'ModelPackageName',
        'ModelPackageGroupName',
        'ModelPackageVersion',
        'ModelPackageArn',
        'CreationTime',
        'ModelPackageStatus',
        'ModelApprovalStatus',
      ),
    describe: 'DescribeModelPackage',
    keys: ['ModelPackageName'],
    arn: 'ModelPackageArn',
  },
  simple(
    'monitoring-schedule',
    'MonitoringSchedule',
    'MonitoringSchedules',
    'MonitoringScheduleSummaries',
  ),
  jobDefinition('data-quality-job-definition', 'DataQuality'),
  jobDefinition('model-quality-job-definition', 'ModelQuality'),
  jobDefinition('model-bias-job-definition', 'ModelBias'),
  jobDefinition('model-explainability-job-definition', 'ModelExplainability'),
  {
    type: 'inference-experiment',
    list: 'ListInferenceExperiments',
    items: 'InferenceExperiments',
    summary: d => pick(d, 'Name', 'Type', 'Status', 'CreationTime', 'RoleArn'),
    describe: 'DescribeInferenceExperiment',
    keys: ['Name'],
    arn: 'Arn',
  },
];
function resources(
  scope: SimScope,
  type: ResourceType,
): EstateSageMakerResource[] {
  return scope.region?.sagemaker?.[type] ?? [];
}

function createdAfter(d: Desc, input: Record<string, any>): boolean {
  if (!input.CreationTimeAfter) return true;
  const created = Date.parse(String(d.CreationTime));
  return (
    Number.isNaN(created) ||
    created > new Date(input.CreationTimeAfter).getTime()
  );
}

function describeOutput(ops: TypeOps, d: Desc): Desc {
  if (ops.type !== 'model-package-group') return d;
  // The resource policy is read with GetModelPackageGroupPolicy, not Describe.
  const { ResourcePolicy: _policy, ...rest } = d;
  return rest;
}

function findResource(
  ops: TypeOps,
  input: Record<string, any>,
  scope: SimScope,
) {
  const found = resources(scope, ops.type).find(r =>
    ops.type === 'model-package'
      ? r.description.ModelPackageArn === input.ModelPackageName ||
        r.description.ModelPackageName === input.ModelPackageName
      : ops.keys.every(k => r.description[k] === input[k]),
  );
  if (!found)
    throw notFound(
      'sagemaker',
      `${ops.type} ${ops.keys.map(k => input[k]).join('/')}`,
    );
  return found;
}

export const sagemakerHandlers: Record<string, Handler> = {};

for (const ops of OPS) {
  sagemakerHandlers[ops.list] = (input, scope) => {
    const all = resources(scope, ops.type)
      .map(r => r.description as Desc)
      .filter(d => createdAfter(d, input))
      .filter(d => !input.DomainIdEquals || d.DomainId === input.DomainIdEquals)
      .sort((a, b) =>
        String(b.CreationTime ?? '').localeCompare(
          String(a.CreationTime ?? ''),
        ),
      );
    const { page, next } = paginate(all, input, scope.pageSize);
    return {
      [ops.items]: page.map(ops.summary),
      ...(next ? { NextToken: next } : {}),
    };
  };
  sagemakerHandlers[ops.describe] = (input, scope) =>
    describeOutput(ops, findResource(ops, input, scope).description);
}

sagemakerHandlers.ListTags = (input, scope) => {
  const arn = String(input.ResourceArn);
  for (const ops of OPS) {
    const found = resources(scope, ops.type).find(
      r => r.description[ops.arn] === arn,
    );
    if (found) {
      const tags = Object.entries(found.tags ?? {}).map(([Key, Value]) => ({
        Key,
        Value,
      }));
      const { page, next } = paginate(tags, input, scope.pageSize);
      return { Tags: page, ...(next ? { NextToken: next } : {}) };
    }
  }
  throw notFound('sagemaker', arn);
};

sagemakerHandlers.GetModelPackageGroupPolicy = (input, scope) => {
  const ops = OPS.find(o => o.type === 'model-package-group')!;
  const group = findResource(ops, input, scope);
  const policy = group.description.ResourcePolicy;
  if (policy === undefined || policy === null) {
    throw awsError(
      'ValidationException',
      `Cannot find resource policy for ModelPackageGroup ${input.ModelPackageGroupName}`,
      400,
    );
  }
  return {
    ResourcePolicy:
      typeof policy === 'string' ? policy : JSON.stringify(policy),
  };
};
