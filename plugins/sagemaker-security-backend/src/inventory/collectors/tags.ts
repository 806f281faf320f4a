/**
 * Where a resource's tags come from: one `ListTags` per resource, or the
 * Resource Groups Tagging API, which returns the tags of 100 resources of a
 * type per `GetResources` call. The Tagging API lists only resources that
 * have (or had) tags, so for a type it serves, a resource it does not list
 * has none. An emulator (or a region) that does not serve the type answers
 * with an error, possibly on a later page: the whole type then falls back to
 * `ListTags`, and the fallback is recorded on the target.
 */
import { paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { paginateListTags, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import { attempt, CallResult, InvalidResponseError } from '../aws/errors';
import type { CollectContext } from './context';
import type { ResourceSpec } from './spec';

export type Tags = Record<string, string>;

/** Reads one resource's tags (a call, or what a bulk read already returned). */
export type TagReader = (arn: string) => Promise<CallResult<Tags>>;

async function listTags(client: SageMakerClient, arn: string): Promise<Tags> {
  const tags: Tags = {};
  for await (const page of paginateListTags(
    { client, pageSize: 100 },
    { ResourceArn: arn },
  )) {
    for (const tag of page.Tags ?? []) {
      if (tag.Key) tags[tag.Key] = tag.Value ?? '';
    }
  }
  return tags;
}

/** One `ListTags` per resource. */
export function listTagsReader(ctx: CollectContext): TagReader {
  const client = ctx.clients.sagemaker(ctx.target.region);
  return arn =>
    attempt('sagemaker:ListTags', { target: arn, field: 'tags' }, () =>
      listTags(client, arn),
    );
}

/** SageMaker lower-cases names in its ARNs; compared case-insensitively all the same. */
const arnKey = (arn: string) => arn.toLowerCase();

/** Tags already read in bulk; a resource not among them has none. */
export function knownTagsReader(tags: Map<string, Tags>): TagReader {
  return async arn => ({ ok: true, value: tags.get(arnKey(arn)) ?? {} });
}

/** One resource's tags, already read (e.g. in its Search record). */
export function fixedTags(tags: Tags): TagReader {
  return async () => ({ ok: true, value: tags });
}

/**
 * The tags of every tagged resource of the type in the target, through the
 * Tagging API; an error (recorded by the caller as the fallback's reason)
 * when any page fails or the answer is not what was asked for.
 */
export async function readTaggingApi(
  spec: ResourceSpec,
  ctx: CollectContext,
  listed: string[],
  readOne: TagReader,
): Promise<CallResult<Map<string, Tags>>> {
  const { target } = ctx;
  const filter = `sagemaker:${spec.arnSegment}`;
  const client = ctx.clients.tagging(target.region);
  // What an ARN of the type starts with in this target (any partition).
  const prefix = `:sagemaker:${target.region}:${target.accountId}:${spec.arnSegment}/`;
  const where = {
    target: `${filter} in ${target.accountId}/${target.region}`,
    field: 'tags',
  };
  const read = await attempt('tag:GetResources', where, async () => {
    const tags = new Map<string, Tags>();
    for await (const page of paginateGetResources(
      { client, pageSize: 100 },
      { ResourceTypeFilters: [filter], ResourcesPerPage: 100 },
    )) {
      for (const mapping of page.ResourceTagMappingList ?? []) {
        const arn = mapping.ResourceARN ?? '';
        if (!arn.toLowerCase().includes(prefix.toLowerCase())) {
          // Fail closed: an endpoint that ignored the filter (or answers for
          // another account or region) cannot say which resources have none.
          throw new InvalidResponseError(
            `GetResources(${filter}) returned a resource of another type, account or region`,
          );
        }
        const map: Tags = {};
        for (const tag of mapping.Tags ?? []) {
          if (tag.Key) map[tag.Key] = tag.Value ?? '';
        }
        tags.set(arnKey(arn), map);
      }
    }
    return tags;
  });
  if (!read.ok) return read;
  const checked = await witness(read.value, listed, readOne, ctx);
  if (checked === 'unverified') {
    return {
      ok: false,
      error: {
        kind: 'invalid_response',
        action: 'tag:GetResources',
        ...where,
        message: `GetResources(${filter}) did not give the tags ListTags gives one resource of the type.`,
      },
    };
  }
  return checked ?? read;
}

/**
 * One resource's tags read with ListTags must be what the Tagging API said:
 * an endpoint that answers GetResources without serving the type (an empty
 * list) would otherwise turn every resource's tags into none. The witness
 * is a listed resource stored with tags, else one the answer has tags for,
 * else the first listed.
 */
async function witness(
  tags: Map<string, Tags>,
  listed: string[],
  readOne: TagReader,
  ctx: CollectContext,
): Promise<{ ok: false; error: CollectionError } | 'unverified' | undefined> {
  const stored = await ctx.store.getResources(listed);
  const arn =
    listed.find(a => Object.keys(stored.get(a)?.tags ?? {}).length > 0) ??
    listed.find(a => tags.has(arnKey(a))) ??
    listed[0];
  const read = await readOne(arn);
  // Unverifiable: the per-resource reads then say what fails.
  if (!read.ok) return read;
  const said = tags.get(arnKey(arn)) ?? {};
  const same =
    Object.keys(said).length === Object.keys(read.value).length &&
    Object.entries(said).every(([k, v]) => read.value[k] === v);
  return same ? undefined : 'unverified';
}
