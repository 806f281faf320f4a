import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_VIEW_URL,
  DEFAULT_NAMESPACE,
  KubernetesValidatorFunctions,
  parseEntityRef,
  ResourceEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_REGION,
  findResourceTypeDescriptor,
  SAGEMAKER_ENTITY_TYPE_PREFIX,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  ComponentSelector,
  matchesSelector,
} from '../catalog/ComponentSelectors';
import { OwnerResolver } from '../catalog/OwnerResolver';
import { findTag } from '../catalog/tags';
import { LinkingOptions } from '../config';
import { InventoryItem } from '../inventory/InventoryClient';
import { consoleUrl } from './consoleUrl';
import { labelsFromTags } from './labels';
import { assignEntityNames } from './naming';
import {
  DependencyTarget,
  dependencyTargets,
  domainIdOf,
  targetKeyOf,
} from './relations';

/**
 * Set when an owner tag names no catalog Group, so admins see why the fallback owner applies.
 *
 * @public
 */
export const ANNOTATION_UNRESOLVED_OWNER =
  'sagemaker.mlsec.io/unresolved-owner';

/** The location providers stamp on their entities: `sagemaker-security:<account>/<region>`. */
export const LOCATION_TYPE = 'sagemaker-security';

/**
 * What `buildResourceEntities` links resources to: tag keys, owner Groups and Component tag selectors.
 *
 * @public
 */
export interface BuildContext {
  /** Tag keys of the System and ML service Component. */
  linking: LinkingOptions;
  /** Resolves owner tags to catalog Groups. */
  owners: OwnerResolver;
  /** Components that select resources by tags. */
  componentSelectors: ComponentSelector[];
}

/**
 * Turns the live inventory into `Resource` entities, relations included.
 *
 * @public
 */
export function buildResourceEntities(
  resources: InventoryItem[],
  context: BuildContext,
): ResourceEntity[] {
  const names = assignEntityNames(resources);
  const refsByTarget = new Map<string, string>();
  for (const resource of resources) {
    const key = targetKeyOf(resource);
    if (key) {
      refsByTarget.set(
        targetIndexKey({ ...resource, key }),
        resourceRef(names.get(resource.arn)!),
      );
    }
  }

  return resources.map(resource => {
    const name = names.get(resource.arn)!;
    const dependsOn = dependencyTargets(resource)
      .map(target => refsByTarget.get(targetIndexKey(target)))
      .filter((ref): ref is string => ref !== undefined);
    const dependencyOf = [
      ...componentFromTag(resource.tags, context.linking.componentTagKey),
      ...context.componentSelectors
        .filter(selector => matchesSelector(resource.tags, selector))
        .map(selector => selector.componentRef),
    ];
    const system = systemFromTag(resource.tags, context.linking.systemTagKey);
    const { owner, unresolved } = context.owners.resolve(resource.tags);
    const viewUrl = consoleUrl({ ...resource, domainId: domainIdOf(resource) });
    const location = `${LOCATION_TYPE}:${resource.accountId}/${resource.region}`;

    const entity: ResourceEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        namespace: DEFAULT_NAMESPACE,
        title: resource.name,
        description: describe(resource),
        annotations: {
          [ANNOTATION_AWS_ARN]: resource.arn,
          [ANNOTATION_AWS_ACCOUNT_ID]: resource.accountId,
          [ANNOTATION_AWS_REGION]: resource.region,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          ...(viewUrl && { [ANNOTATION_VIEW_URL]: viewUrl }),
          ...(unresolved && {
            [ANNOTATION_UNRESOLVED_OWNER]: `${unresolved.key}=${unresolved.value}`,
          }),
        },
        labels: labelsFromTags(resource.tags, resource.type),
        tags: ['aws', 'sagemaker'],
        ...(viewUrl && {
          links: [{ url: viewUrl, title: 'AWS console', icon: 'cloud' }],
        }),
      },
      spec: {
        type: `${SAGEMAKER_ENTITY_TYPE_PREFIX}${resource.type}`,
        owner,
        ...(system && { system }),
        ...(dependsOn.length > 0 && { dependsOn: uniqueSorted(dependsOn) }),
        ...(dependencyOf.length > 0 && {
          dependencyOf: uniqueSorted(dependencyOf),
        }),
      },
    };
    return entity;
  });
}

function targetIndexKey(target: DependencyTarget): string {
  return [target.type, target.accountId, target.region, target.key]
    .join('|')
    .toLocaleLowerCase('en-US');
}

function resourceRef(name: string): string {
  return stringifyEntityRef({
    kind: 'resource',
    namespace: DEFAULT_NAMESPACE,
    name,
  });
}

function describe(resource: InventoryItem): string {
  const typeLabel =
    findResourceTypeDescriptor(resource.type)?.catalog?.label ??
    resource.type.replace(/-/g, ' ');
  const status = resource.status ? ` (${resource.status})` : '';
  return `SageMaker ${typeLabel} ${resource.name} in account ${resource.accountId}, ${resource.region}${status}.`;
}

/** A tag value as an entity ref of one kind, or nothing when it is not a valid one. */
function refFromTag(
  value: string | undefined,
  kind: string,
): string | undefined {
  if (!value?.trim()) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: kind,
      defaultNamespace: DEFAULT_NAMESPACE,
    });
    const valid =
      ref.kind.toLocaleLowerCase('en-US') === kind &&
      KubernetesValidatorFunctions.isValidObjectName(ref.name) &&
      KubernetesValidatorFunctions.isValidNamespace(ref.namespace);
    return valid ? stringifyEntityRef(ref) : undefined;
  } catch {
    return undefined;
  }
}

function componentFromTag(tags: Record<string, string>, key: string): string[] {
  const ref = refFromTag(findTag(tags, key), 'component');
  return ref ? [ref] : [];
}

function systemFromTag(tags: Record<string, string>, key: string) {
  return refFromTag(findTag(tags, key), 'system');
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}
