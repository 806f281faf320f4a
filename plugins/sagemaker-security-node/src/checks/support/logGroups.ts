import {
  CheckOutcome,
  fillTemplate,
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

/** Each type's log group template, read once from the registry. */
const LOG_GROUP_TEMPLATES = new Map<string, string>(
  RESOURCE_TYPE_DESCRIPTORS.flatMap(
    (d): Array<[string, string]> =>
      d.logGroup === undefined ? [] : [[d.id, d.logGroup]],
  ),
);

/** Templates naming only `{name}`, split at it (the common case, without a regular expression). */
const NAME_ONLY_PARTS = new Map<string, string[]>(
  [...LOG_GROUP_TEMPLATES].flatMap(
    ([id, template]): Array<[string, string[]]> =>
      template.includes('{arnId}') ? [] : [[id, template.split('{name}')]],
  ),
);

/**
 * The CloudWatch log group SageMaker writes each resource type's logs to (the
 * descriptor's `logGroup`: `{name}` = resource name, `{arnId}` = the last
 * segment of its ARN).
 */
export function logGroupNameOf(
  resource: SageMakerResource,
): string | undefined {
  const parts = NAME_ONLY_PARTS.get(resource.type);
  if (parts !== undefined) return parts.join(resource.name);
  const template = LOG_GROUP_TEMPLATES.get(resource.type);
  if (template === undefined) return undefined;
  const arn = typeof resource.arn === 'string' ? resource.arn : '';
  return fillTemplate(template, {
    name: resource.name,
    arnId: arn.slice(arn.lastIndexOf('/') + 1),
  });
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
    const name = logGroupNameOf(context.resource);
    if (name === undefined) {
      return notApplicable(
        `${context.resource.name}: its log group name cannot be built from its name and ARN.`,
      );
    }
    const group = read.data.logGroups.find(item => item.logGroupName === name);
    if (!group) {
      return notApplicable(
        `Log group ${name} does not exist yet; nothing has been logged.`,
      );
    }
    return judge(group);
  });
}
