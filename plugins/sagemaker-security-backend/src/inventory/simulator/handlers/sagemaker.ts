import {
  descriptionValueAt,
  RESOURCE_TYPE_DESCRIPTORS,
  ResourceType,
  ResourceTypeDescriptor,
} from '@mlsec/plugin-sagemaker-security-common';
import { listSummaryFields } from '../../collectors/search';
import { awsError, notFound } from '../awsErrors';
import type { EstateSageMakerResource } from '../estate';
import { paginate } from '../paging';
import { Handler, SimScope } from './types';

type Desc = Record<string, any>;

/** How the simulator serves one type, from its descriptor. */
interface TypeOps {
  type: ResourceType;
  list: string;
  items: string;
  summary: (d: Desc) => Desc;
  describe: string;
  /** Describe input field → description fields any of which may equal it. */
  match: Array<[string, string[]]>;
  /** Description field with the resource's ARN (what ListTags is asked for). */
  arn: string;
  /** Fields read besides Describe (e.g. a resource policy): not in its output. */
  extraFields: string[];
}

/**
 * A list summary as AWS's summary of the type has it: the descriptor's
 * `simulator.summary` fields, and `LastModifiedTime` where the SDK's
 * summary has it (what a `LastModifiedTimeAfter` listing is checked by).
 */
function summaryOf(descriptor: ResourceTypeDescriptor<ResourceType>) {
  const fields: Array<readonly string[]> = descriptor.simulator.summary.map(
    field => (typeof field === 'string' ? ([field, field] as const) : field),
  );
  if (
    !fields.some(([name]) => name === 'LastModifiedTime') &&
    listSummaryFields(descriptor.api.list, descriptor.api.items).includes(
      'LastModifiedTime',
    )
  ) {
    fields.push(['LastModifiedTime', 'LastModifiedTime']);
  }
  return (d: Desc): Desc => {
    const out: Desc = {};
    for (const [name, ...paths] of fields) {
      for (const path of paths) {
        const value = descriptionValueAt(d, path);
        if (value !== undefined) {
          out[name] = value;
          break;
        }
      }
    }
    return out;
  };
}

const OPS: TypeOps[] = RESOURCE_TYPE_DESCRIPTORS.map(descriptor => ({
  type: descriptor.id,
  list: descriptor.api.list,
  items: descriptor.api.items,
  summary: summaryOf(descriptor),
  describe: descriptor.api.describe,
  match: Object.keys(descriptor.api.describeInput).map(key => [
    key,
    descriptor.simulator.match?.[key] ?? [key],
  ]),
  arn: descriptor.api.arnField,
  extraFields: (descriptor.api.extraReads ?? []).map(read => read.field),
}));

function resources(
  scope: SimScope,
  type: ResourceType,
): EstateSageMakerResource[] {
  return scope.region?.sagemaker?.[type] ?? [];
}

/**
 * `<Time>After` as AWS reads it: strictly after. A resource without the time
 * cannot be shown out of the window: it is listed.
 */
function after(value: unknown, bound: unknown): boolean {
  if (!bound) return true;
  const time = Date.parse(String(value));
  return Number.isNaN(time) || time > new Date(bound as string).getTime();
}

function describeOutput(ops: TypeOps, d: Desc): Desc {
  if (ops.extraFields.length === 0) return d;
  // e.g. the resource policy is read with GetModelPackageGroupPolicy, not Describe.
  const rest = { ...d };
  for (const field of ops.extraFields) delete rest[field];
  return rest;
}

function findResource(
  ops: TypeOps,
  input: Record<string, any>,
  scope: SimScope,
) {
  const found = resources(scope, ops.type).find(r =>
    ops.match.every(([key, fields]) =>
      fields.some(field => r.description[field] === input[key]),
    ),
  );
  if (!found)
    throw notFound(
      'sagemaker',
      `${ops.type} ${ops.match.map(([k]) => input[k]).join('/')}`,
    );
  return found;
}

export const sagemakerHandlers: Record<string, Handler> = {};

for (const ops of OPS) {
  sagemakerHandlers[ops.list] = (input, scope) => {
    const all = resources(scope, ops.type)
      .map(r => r.description as Desc)
      .filter(
        d =>
          after(d.CreationTime, input.CreationTimeAfter) &&
          after(d.LastModifiedTime, input.LastModifiedTimeAfter),
      )
      .filter(d => !input.DomainIdEquals || d.DomainId === input.DomainIdEquals)
      .sort((a, b) =>
        String(b.CreationTime ?? '').localeCompare(
          String(a.CreationTime ?? ''),
        ),
      );
    const { page, next } = paginate(all, input, scope.pageSize);
    return {
      [ops.items]: page.map(ops.summary),
      ...(next ? { NextToken: next } : {}),
    };
  };
  sagemakerHandlers[ops.describe] = (input, scope) =>
    describeOutput(ops, findResource(ops, input, scope).description);
}

sagemakerHandlers.ListTags = (input, scope) => {
  const arn = String(input.ResourceArn);
  for (const ops of OPS) {
    const found = resources(scope, ops.type).find(
      r => r.description[ops.arn] === arn,
    );
    if (found) {
      const tags = Object.entries(found.tags ?? {}).map(([Key, Value]) => ({
        Key,
        Value,
      }));
      const { page, next } = paginate(tags, input, scope.pageSize);
      return { Tags: page, ...(next ? { NextToken: next } : {}) };
    }
  }
  throw notFound('sagemaker', arn);
};

sagemakerHandlers.GetModelPackageGroupPolicy = (input, scope) => {
  const ops = OPS.find(o => o.extraFields.includes('ResourcePolicy'))!;
  const group = findResource(ops, input, scope);
  const policy = group.description.ResourcePolicy;
  if (policy === undefined || policy === null) {
    throw awsError(
      'ValidationException',
      `Cannot find resource policy for ModelPackageGroup ${input.ModelPackageGroupName}`,
      400,
    );
  }
  return {
    ResourcePolicy:
      typeof policy === 'string' ? policy : JSON.stringify(policy),
  };
};
