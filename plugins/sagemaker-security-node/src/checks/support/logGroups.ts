import {
  CheckOutcome,
  LogGroupsFact,
  RESOURCE_TYPE_DESCRIPTORS,
  resourceTypesWith,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { readFactOnce } from './facts';
import { judgingSharedFacts } from './defineCheck';
import { internKey, memoFor, perEvaluation } from './memo';
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

/**
 * Judges the resource's log group; absent group = nothing logged yet.
 * `judge` must be a pure function of the group: its outcome is memoised per
 * `log-groups` fact.
 */
export function judgeLogGroup(
  context: CheckContext,
  judge: (group: LogGroup) => CheckOutcome,
): CheckOutcome {
  const name = logGroupNameOf(context.resource)!;
  const read = readFactOnce(context, 'log-groups', '-');
  if (!read.ok) return read.outcome;
  const key = perEvaluation(context, logGroupKey)!;
  return memoFor(judge, key, judgeNamedGroup, read, name, judge);
}

/** The same object for resources whose log group is the same name in the same `log-groups` fact. */
function logGroupKey(context: CheckContext): object | undefined {
  const read = readFactOnce(context, 'log-groups', '-');
  return read.ok
    ? internKey([read.fact, logGroupNameOf(context.resource)])
    : undefined;
}

/** A check function judging the resource's log group with `judge` (see `judgeLogGroup`). */
export function ofLogGroup(
  judge: (group: LogGroup) => CheckOutcome,
): (context: CheckContext) => CheckOutcome {
  return judgingSharedFacts(
    context => judgeLogGroup(context, judge),
    logGroupKey,
    judge,
  );
}

function judgeNamedGroup(
  read: { data: LogGroupsFact },
  name: string,
  judge: (group: LogGroup) => CheckOutcome,
): CheckOutcome {
  const group = read.data.logGroups.find(item => item.logGroupName === name);
  if (!group) {
    return notApplicable(
      `Log group ${name} does not exist yet; nothing has been logged.`,
    );
  }
  return judge(group);
}
