import { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import { InventoryItem } from '../inventory/InventoryClient';

/** A resource another one depends on, as named in a Describe* response. */
export interface DependencyTarget {
  type: ResourceType;
  accountId: string;
  region: string;
  /** The AWS name, or the domain ID for domains. */
  key: string;
}

type Description = Record<string, any>;

const asArray = (value: unknown): Description[] =>
  Array.isArray(value) ? value.filter(v => v && typeof v === 'object') : [];
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** `d-abc123` from the description or from the ARN (`domain/d-abc123`, `user-profile/d-abc123/x`). */
export function domainIdOf(resource: InventoryItem): string | undefined {
  const fromDescription = asString(resource.description.DomainId);
  if (fromDescription) {
    return fromDescription;
  }
  const [resourceType, id] = resource.arn
    .split(':')
    .slice(5)
    .join(':')
    .split('/');
  return resourceType === 'domain' || resourceType === 'user-profile'
    ? asString(id)
    : undefined;
}

/** The key a resource is found by in `DependencyTarget.key`. */
export function targetKeyOf(resource: InventoryItem): string | undefined {
  return resource.type === 'domain' ? domainIdOf(resource) : resource.name;
}

/**
 * What a resource depends on, read from its Describe* response:
 * endpoint → endpoint config → model(s) → model package group, monitoring
 * schedule → endpoint, user profile → domain.
 */
export function dependencyTargets(resource: InventoryItem): DependencyTarget[] {
  const d = resource.description as Description;
  const local = (type: ResourceType, key: string | undefined) =>
    key
      ? [{ type, key, accountId: resource.accountId, region: resource.region }]
      : [];

  switch (resource.type) {
    case 'endpoint':
      return local('endpoint-config', asString(d.EndpointConfigName));
    case 'endpoint-config':
      return [
        ...asArray(d.ProductionVariants),
        ...asArray(d.ShadowProductionVariants),
      ].flatMap(variant => local('model', asString(variant.ModelName)));
    case 'monitoring-schedule': {
      const inputs = asArray(
        d.MonitoringScheduleConfig?.MonitoringJobDefinition?.MonitoringInputs,
      ).map(input => asString(input.EndpointInput?.EndpointName));
      return [asString(d.EndpointName), ...inputs].flatMap(name =>
        local('endpoint', name),
      );
    }
    case 'user-profile':
      return local('domain', domainIdOf(resource));
    case 'model':
      return [d.PrimaryContainer, ...asArray(d.Containers)].flatMap(container =>
        modelPackageGroupOf(asString(container?.ModelPackageName)),
      );
    default:
      return [];
  }
}

/** `arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>` → the group. */
function modelPackageGroupOf(arn: string | undefined): DependencyTarget[] {
  const parts = arn?.split(':');
  if (!parts || parts.length < 6 || parts[0] !== 'arn') {
    return [];
  }
  const [kind, group, version] = parts.slice(5).join(':').split('/');
  if (kind !== 'model-package' || !group || !version) {
    return [];
  }
  return [
    {
      type: 'model-package-group',
      region: parts[3],
      accountId: parts[4],
      key: group,
    },
  ];
}
