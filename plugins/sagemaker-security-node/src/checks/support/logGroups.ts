import {
  CheckOutcome,
  LogGroupsFact,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { deriveKey, sharedVerdict } from '../../engine/derived';
import { CheckContext } from '../../types';
import { readFactOnce } from './facts';
import { notApplicable } from './outcomes';

export type LogGroup = LogGroupsFact['logGroups'][number];

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

/** The same object for resources whose log group is the same name in the same `log-groups` fact. */
const logGroupKey = deriveKey('log group', context => {
  const read = readFactOnce(context, 'log-groups', '-');
  return read.ok ? [read.fact, logGroupNameOf(context.resource)] : undefined;
});

/**
 * A check function judging the resource's log group with `judge`, a pure
 * function of the group; an absent group means nothing was logged yet.
 */
export function ofLogGroup(
  judge: (group: LogGroup) => CheckOutcome,
): (context: CheckContext) => CheckOutcome {
  return sharedVerdict(logGroupKey, context => {
    const read = readFactOnce(context, 'log-groups', '-');
    if (!read.ok) return read.outcome;
    const name = logGroupNameOf(context.resource)!;
    const group = read.data.logGroups.find(item => item.logGroupName === name);
    if (!group) {
      return notApplicable(
        `Log group ${name} does not exist yet; nothing has been logged.`,
      );
    }
    return judge(group);
  });
}
