import {
  findResourceTypeDescriptor,
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceType,
  resourceTypeDescriptor,
  stringsAt,
} from '@mlsec/plugin-sagemaker-security-common';
import { InventoryItem } from '../inventory/InventoryClient';

/** A resource another one depends on, as named in a Describe* response. */
export interface DependencyTarget {
  type: ResourceType;
  accountId: string;
  region: string;
  /** The AWS name, or the domain ID for domains. */
  key: string;
}

const PACKAGE_ARN_SEGMENT = resourceTypeDescriptor('model-package').arnSegment;

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** `d-abc123` from the description or from the ARN (`domain/d-abc123`, `user-profile/d-abc123/x`). */
export function domainIdOf(resource: InventoryItem): string | undefined {
  const fromDescription = asString(resource.description.DomainId);
  if (fromDescription) {
    return fromDescription;
  }
  const [segment, id] = resource.arn.split(':').slice(5).join(':').split('/');
  // Catalog types whose ARN path starts with the domain ID (per descriptor).
  const named = RESOURCE_TYPE_DESCRIPTORS.some(
    d =>
      d.catalog !== undefined &&
      d.arnSegment === segment &&
      d.api.arnPath?.[0] === 'DomainId',
  );
  return named ? asString(id) : undefined;
}

/** The key a resource is found by in `DependencyTarget.key` (the descriptor's `catalog.key`). */
export function targetKeyOf(resource: InventoryItem): string | undefined {
  return findResourceTypeDescriptor(resource.type)?.catalog?.key === 'domainId'
    ? domainIdOf(resource)
    : resource.name;
}

/**
 * What a resource depends on, read from its Describe* response as its
 * descriptor's `catalog.dependsOn` says: endpoint → endpoint config →
 * model(s) → model package group, monitoring schedule → endpoint, user
 * profile → domain.
 */
export function dependencyTargets(resource: InventoryItem): DependencyTarget[] {
  const dependencies =
    findResourceTypeDescriptor(resource.type)?.catalog?.dependsOn ?? [];
  return dependencies.flatMap(dependency => {
    const type = dependency.on as ResourceType;
    const local = (key: string | undefined): DependencyTarget[] =>
      key
        ? [
            {
              type,
              key,
              accountId: resource.accountId,
              region: resource.region,
            },
          ]
        : [];
    switch (dependency.value) {
      case 'domainId':
        return local(domainIdOf(resource));
      case 'modelPackageArn':
        return dependency.paths
          .flatMap(path => stringsAt(resource.description, path))
          .flatMap(arn => modelPackageGroupOf(arn, type));
      default:
        return dependency.paths
          .flatMap(path => stringsAt(resource.description, path))
          .flatMap(local);
    }
  });
}

/** `arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>` → the group. */
function modelPackageGroupOf(
  arn: string | undefined,
  type: ResourceType,
): DependencyTarget[] {
  const parts = arn?.split(':');
  if (!parts || parts.length < 6 || parts[0] !== 'arn') {
    return [];
  }
  const [kind, group, version] = parts.slice(5).join(':').split('/');
  // A versioned model package ARN names its group.
  if (kind !== PACKAGE_ARN_SEGMENT || !group || !version) {
    return [];
  }
  return [
    {
      type,
      region: parts[3],
      accountId: parts[4],
      key: group,
    },
  ];
}
