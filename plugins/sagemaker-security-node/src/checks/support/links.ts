import {
  activeFieldPath,
  FieldPath,
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceLinks,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { derive } from '../../engine/derived';
import { stringValuesAt } from './valuesAt';

type FieldMap = Partial<Record<ResourceType, FieldPath[]>>;

/** The `links[kind]` fields of every descriptor that has some, by type. */
function fieldMap(kind: keyof ResourceLinks): FieldMap {
  const map: FieldMap = {};
  for (const descriptor of RESOURCE_TYPE_DESCRIPTORS) {
    const fields = descriptor.links[kind];
    if (fields && fields.length > 0) {
      map[descriptor.id] = fields;
    }
  }
  return map;
}

/** Execution roles SageMaker assumes on behalf of each resource type (from the registry). */
export const ROLE_FIELDS: FieldMap = fieldMap('roles');

export const SECURITY_GROUP_FIELDS: FieldMap = fieldMap('securityGroups');

export const SUBNET_FIELDS: FieldMap = fieldMap('subnets');

/** S3 locations a resource reads from or writes to (from the registry). */
export const S3_URI_FIELDS: FieldMap = fieldMap('s3Uris');

export interface LinkedValue {
  value: string;
  /** Where it was read, e.g. `VpcConfig.Subnets.0`. */
  path: string;
}

/**
 * The values of the resource's link fields, in field order, without
 * duplicates. An inactive conditional field links nothing: what a check
 * judges through it is decided here, before any fact is read.
 */
function linked(resource: SageMakerResource, fields: FieldMap): LinkedValue[] {
  let found: LinkedValue[] | undefined;
  for (const field of fields[resource.type] ?? []) {
    const pattern = activeFieldPath(field, resource.description);
    if (pattern === undefined) {
      continue;
    }
    const items = stringValuesAt(resource.description, pattern);
    if (found === undefined && items.length < 2) {
      // The common case: the first value(s), as found.
      found = items;
      continue;
    }
    found ??= [];
    for (const item of items) {
      if (!includesValue(found, item.value)) {
        found.push(item);
      }
    }
  }
  return found ?? [];
}

function includesValue(found: LinkedValue[], value: string): boolean {
  for (const item of found) {
    if (item.value === value) return true;
  }
  return false;
}

export function executionRoles(resource: SageMakerResource): LinkedValue[] {
  return linked(resource, ROLE_FIELDS);
}

export function securityGroupIds(resource: SageMakerResource): LinkedValue[] {
  return linked(resource, SECURITY_GROUP_FIELDS);
}

export function subnetIds(resource: SageMakerResource): LinkedValue[] {
  return linked(resource, SUBNET_FIELDS);
}

/** `s3://bucket/key` → `bucket`; also accepts `https://bucket.s3.<region>.amazonaws.com/...`. */
export function bucketOfUri(uri: string): string | undefined {
  if (typeof uri === 'string') {
    // As /^s3:\/\/([^/]+)/i, without the regular expression.
    if (
      uri.length > 5 &&
      (uri.charCodeAt(0) === 115 || uri.charCodeAt(0) === 83) && // s or S
      uri.startsWith('3://', 1) &&
      uri.charCodeAt(5) !== 47 // not '/'
    ) {
      const slash = uri.indexOf('/', 5);
      return slash < 0 ? uri.slice(5) : uri.slice(5, slash);
    }
  } else {
    const s3 = /^s3:\/\/([^/]+)/i.exec(uri);
    if (s3) {
      return s3[1];
    }
  }
  const virtualHosted = /^https:\/\/([^.]+)\.s3[.-][^/]*amazonaws\.com/i.exec(
    uri,
  );
  return virtualHosted ? virtualHosted[1] : undefined;
}

export function bucketsUsed(resource: SageMakerResource): LinkedValue[] {
  const found: LinkedValue[] = [];
  for (const item of linked(resource, S3_URI_FIELDS)) {
    const bucket = bucketOfUri(item.value);
    if (bucket && !includesValue(found, bucket)) {
      found.push({ value: bucket, path: item.path });
    }
  }
  return found;
}

/** `executionRoles` of the context's resource, found once per evaluation (shared: do not modify). */
export const resourceRoles = derive('execution roles', context =>
  executionRoles(context.resource),
);

/** `bucketsUsed` of the context's resource, found once per evaluation (shared: do not modify). */
export const resourceBuckets = derive('buckets used', context =>
  bucketsUsed(context.resource),
);

/** `subnetIds` of the context's resource, found once per evaluation (shared: do not modify). */
export const resourceSubnets = derive('subnets', context =>
  subnetIds(context.resource),
);

/** `securityGroupIds` of the context's resource, found once per evaluation (shared: do not modify). */
export const resourceSecurityGroups = derive('security groups', context =>
  securityGroupIds(context.resource),
);

export const ROLE_RESOURCE_TYPES = Object.keys(ROLE_FIELDS) as ResourceType[];
export const NETWORKED_RESOURCE_TYPES = Object.keys(
  SUBNET_FIELDS,
) as ResourceType[];
export const SECURITY_GROUP_RESOURCE_TYPES = Object.keys(
  SECURITY_GROUP_FIELDS,
) as ResourceType[];
export const BUCKET_RESOURCE_TYPES = Object.keys(
  S3_URI_FIELDS,
) as ResourceType[];
