/** Pure helpers that read links, owners and hierarchy from catalog entities. */
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
  parseTagSelector,
} from '@mlsec/plugin-sagemaker-security-common';

export type TagSelector = Array<{ key: string; value: string }>;

/**
 * Parses and normalizes an entity ref from input; 400 naming the field.
 * A NUL character is refused too (PostgreSQL cannot compare text holding
 * one): the router's edge validation refuses it already, the actions rely
 * on this.
 */
export function parseEntityRefInput(
  value: string,
  field = 'entityRef',
): string {
  if (value.includes(String.fromCharCode(0))) {
    throw new InputError(
      `${field} must not contain the NUL character (U+0000)`,
    );
  }
  try {
    return stringifyEntityRef(parseEntityRef(value)).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `${field}: "${value}" is not a valid entity reference, expected kind:namespace/name`,
    );
  }
}

/** Normalizes a reference relative to an entity (kind defaulted, namespace inherited). */
export function normalizeRef(
  ref: string,
  context: { defaultKind: string; defaultNamespace?: string },
): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref, context)).toLocaleLowerCase(
      'en-US',
    );
  } catch {
    return undefined;
  }
}

/** Entity refs are compared lower-cased, as the catalog stores relations. */
export function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}

/** The owners of an entity: `ownedBy` relations, else `spec.owner`. */
export function ownersOf(entity: Entity): string[] {
  const owner = entity.spec?.owner;
  return unique([
    ...relationTargets(entity, RELATION_OWNED_BY),
    typeof owner === 'string'
      ? normalizeRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace,
        })
      : undefined,
  ]);
}

/** Child groups: `spec.children` and `parentOf` relations. */
export function childGroupsOf(group: Entity): string[] {
  const children = Array.isArray(group.spec?.children)
    ? (group.spec!.children as unknown[])
    : [];
  return unique([
    ...relationTargets(group, RELATION_PARENT_OF),
    ...children
      .filter((c): c is string => typeof c === 'string')
      .map(c =>
        normalizeRef(c, {
          defaultKind: 'group',
          defaultNamespace: group.metadata.namespace,
        }),
      ),
  ]).filter(ref => ref.startsWith('group:'));
}

/** What an entity is `partOf`: relations, else `spec.system` / `spec.domain`. */
export function partOf(entity: Entity): string[] {
  const spec = entity.spec ?? {};
  const defaultNamespace = entity.metadata.namespace;
  return unique([
    ...relationTargets(entity, RELATION_PART_OF),
    typeof spec.system === 'string'
      ? normalizeRef(spec.system, { defaultKind: 'system', defaultNamespace })
      : undefined,
    typeof spec.domain === 'string'
      ? normalizeRef(spec.domain, { defaultKind: 'domain', defaultNamespace })
      : undefined,
  ]);
}

export function dependsOnRefs(entity: Entity): string[] {
  return unique(relationTargets(entity, RELATION_DEPENDS_ON));
}

export function arnAnnotation(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[ANNOTATION_AWS_ARN] || undefined;
}

/** The tag selector annotation; undefined when absent, an error when malformed. */
export function tagSelectorOf(entity: Entity): {
  selector?: TagSelector;
  error?: string;
} {
  const value =
    entity.metadata.annotations?.[ANNOTATION_SAGEMAKER_TAG_SELECTOR];
  if (!value) {
    return {};
  }
  try {
    return { selector: parseTagSelector(value) };
  } catch (error) {
    return {
      error: `${ANNOTATION_SAGEMAKER_TAG_SELECTOR} on ${refOf(entity)}: ${
        (error as Error).message
      }`,
    };
  }
}
