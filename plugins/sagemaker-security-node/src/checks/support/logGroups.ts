import {
  CheckOutcome,
  LogGroupsFact,
  RESOURCE_TYPE_DESCRIPTORS,
  resourceTypesWith,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { deriveKey, sharedVerdict } from '../../engine/derived';
import { CheckContext } from '../../types';
import { readFactOnce } from './facts';
import { notApplicable } from './outcomes';

export type LogGroup = LogGroupsFact['logGroups'][number];

/** Each type's log group template split at `{name}`, read once from the registry. */
const LOG_GROUP_PARTS = new Map<string, string[]>(
  RESOURCE_TYPE_DESCRIPTORS.flatMap(
    (d): Array<[string, string[]]> =>
      d.logGroup === undefined ? [] : [[d.id, d.logGroup.split('{name}')]],
  ),
);

/** The CloudWatch log group SageMaker writes each resource type's logs to (the descriptor's `logGroup`). */
export function logGroupNameOf(
  resource: SageMakerResource,
): string | undefined {
  return LOG_GROUP_PARTS.get(resource.type)?.join(resource.name);
}

export const LOG_GROUP_RESOURCE_TYPES: ResourceType[] = resourceTypesWith(
  d => d.logGroup,
);

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
