import {
  CheckOutcome,
  LogGroupsFact,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { readFact } from './facts';
import { notApplicable } from './outcomes';

/** The CloudWatch log group SageMaker writes each resource type's logs to. */
export function logGroupNameOf(
  resource: SageMakerResource,
): string | undefined {
  switch (resource.type) {
    case 'endpoint':
      return `/aws/sagemaker/Endpoints/${resource.name}`;
    case 'training-job':
    case 'hyperparameter-tuning-job':
      return '/aws/sagemaker/TrainingJobs';
    case 'processing-job':
      return '/aws/sagemaker/ProcessingJobs';
    case 'transform-job':
      return '/aws/sagemaker/TransformJobs';
    case 'notebook-instance':
      return '/aws/sagemaker/NotebookInstances';
    case 'domain':
      return '/aws/sagemaker/studio';
    default:
      return undefined;
  }
}

export const LOG_GROUP_RESOURCE_TYPES: ResourceType[] = [
  'endpoint',
  'training-job',
  'hyperparameter-tuning-job',
  'processing-job',
  'transform-job',
  'notebook-instance',
  'domain',
];

/** Judges the resource's log group; absent group = nothing logged yet. */
export function judgeLogGroup(
  context: CheckContext,
  judge: (group: LogGroupsFact['logGroups'][number]) => CheckOutcome,
): CheckOutcome {
  const name = logGroupNameOf(context.resource)!;
  const read = readFact(context, 'log-groups', '-');
  if (!read.ok) return read.outcome;
  const group = read.data.logGroups.find(item => item.logGroupName === name);
  if (!group) {
    return notApplicable(
      `Log group ${name} does not exist yet; nothing has been logged.`,
    );
  }
  return judge(group);
}
