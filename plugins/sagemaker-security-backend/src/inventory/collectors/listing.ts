/**
 * One listing (List or Search) collected page by page: what changed is
 * described, what cannot have changed is kept (see incremental.ts), and
 * each page is stored before the next.
 */
import type {
  CollectionError,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, CallResult } from '../aws/errors';
import type { StoredResource } from '../InventoryStore';
import type { CollectContext } from './context';
import { HOUR_MS, tagsDue, unchangedSince } from './incremental';
import { isoDate, toPlainRecord } from './plain';
import { Listed, readAhead } from './pages';
import type { ResourceSpec } from './spec';
import { fixedTags, listTagsReader, TagReader, Tags } from './tags';
import { DAY_MS } from '../../util/time';

/** Describes one listed resource; undefined when it vanished meanwhile. */
async function collectOne(
  spec: ResourceSpec,
  { summary, record }: Listed,
  ctx: CollectContext,
  readTags: TagReader,
): Promise<SageMakerResource | undefined> {
  const client = ctx.clients.sagemaker(ctx.target.region);
  const id = spec.identify(summary, ctx.target);
  const errors: CollectionError[] = [];

  // A Search record is the description, unless it lacks a field the checks
  // read (search.describeFields): then the resource is described as well.
  const described: CallResult<object> =
    record && spec.search && !spec.search.needsDescribe(record.summary)
      ? { ok: true, value: record.description }
      : await attempt(spec.describeAction, { target: id.arn }, () =>
          spec.describe(client, summary),
        );
  if (!described.ok && described.error.kind === 'not_found') return undefined;
  let description: Record<string, unknown> | undefined;
  if (described.ok) {
    description = toPlainRecord(described.value);
  } else {
    errors.push(described.error);
  }
  const arn = String(description?.[spec.arnField] ?? id.arn);
  if (description && spec.enrich) {
    errors.push(...(await spec.enrich(client, description, arn)));
  }
  const tags: CallResult<Tags> = record
    ? { ok: true, value: record.tags }
    : await readTags(arn);
  if (!tags.ok) errors.push(tags.error);

  // A failed read keeps the last good value: a scan never erases good inventory.
  const previous =
    errors.length > 0 ? await ctx.store.getResource(arn) : undefined;
  description ??= previous?.description ?? {};
  ctx.refs.addFrom(description);
  errors.forEach(e => ctx.report.record(e));

  const status = spec.statusField
    ? description[spec.statusField] ?? summary[spec.statusField]
    : undefined;
  return {
    arn,
    type: spec.type,
    name: id.name,
    accountId: ctx.target.accountId,
    region: ctx.target.region,
    tags: tags.ok ? tags.value : previous?.tags ?? {},
    ...(status !== undefined ? { status: String(status) } : {}),
    ...(() => {
      const createdAt = isoDate(
        description.CreationTime ?? summary.CreationTime,
      );
      return createdAt ? { createdAt } : {};
    })(),
    description,
    errors,
  };
}

/**
 * A stored resource kept as it is (not described again), its references
 * counted and, when due, its tags read again. A failed tag read keeps the
 * stored tags and records the error on the resource (so the next scan reads
 * it in full) and on the target.
 */
async function keepStored(
  stored: StoredResource,
  ctx: CollectContext,
  options: { readTags?: TagReader; addReferences: boolean },
): Promise<SageMakerResource> {
  if (options.addReferences) ctx.refs.addFrom(stored.description);
  const errors: CollectionError[] = [];
  let tags = stored.tags;
  if (options.readTags) {
    const read = await options.readTags(stored.arn);
    if (read.ok) tags = read.value;
    else {
      errors.push(read.error);
      ctx.report.record(read.error);
    }
  }
  return {
    arn: stored.arn,
    type: stored.type,
    name: stored.name,
    accountId: stored.accountId,
    region: stored.region,
    tags,
    ...(stored.status !== undefined ? { status: stored.status } : {}),
    ...(stored.createdAt ? { createdAt: stored.createdAt } : {}),
    description: stored.description,
    errors,
  };
}

export interface ListingContext {
  ctx: CollectContext;
  spec: ResourceSpec;
  completed: { names: Set<string>; tagsDue: Set<string> };
  windowMs: number;
  /** Tags of resources read without a Search record. */
  readTags: TagReader;
  /** Run once the first resources arrived (the bulk tag read waits for them). */
  onFirstPage?: (arns: string[]) => Promise<void>;
  /** Run when the listing's first page arrived, before anything is read of it. */
  onAnswered?: () => void;
  /** ARNs listed (lower-cased), when the caller checks them. */
  seen?: Set<string>;
}

/**
 * Collects the pages of one listing (List or Search); throws when a page
 * cannot be read. Returns the number of resources listed.
 */
export async function collectListing(
  pages: AsyncIterable<Listed[]>,
  listing: ListingContext,
): Promise<number> {
  const { ctx, spec, completed, windowMs } = listing;
  const { target, store, seenAt } = ctx;
  const incremental = Boolean(spec.immutable || spec.changeFields);
  let count = 0;
  for await (const page of readAhead(pages)) {
    listing.onAnswered?.();
    listing.onAnswered = undefined;
    if (listing.onFirstPage && page.length > 0) {
      await listing.onFirstPage(
        page.map(item => spec.identify(item.summary, target).arn),
      );
      listing.onFirstPage = undefined;
    }
    const { readTags } = listing;
    const listed = page.map(item => ({
      item,
      ...spec.identify(item.summary, target),
    }));
    for (const x of listed) listing.seen?.add(x.arn.toLowerCase());
    const fresh = listed.filter(x => !completed.names.has(x.name));
    const known = listed.filter(x => completed.names.has(x.name));
    const dueJobs = new Set(
      known.filter(x => completed.tagsDue.has(x.name)).map(x => x.arn),
    );
    const stored = await store.getResources([
      ...(incremental ? fresh.map(x => x.arn) : []),
      ...dueJobs,
    ]);
    // A Search record carries the tags: no call to read them.
    const tagsOf = ({ item }: { item: Listed }): TagReader =>
      item.record ? fixedTags(item.record.tags) : readTags;
    const resources = await Promise.all([
      ...fresh.map(x => {
        const previous = stored.get(x.arn);
        if (unchangedSince(spec, x.item.summary, previous)) {
          const due =
            x.item.record ||
            ctx.tagsChanged?.has(x.arn) ||
            tagsDue(x.arn, previous.lastSeenAt, seenAt, windowMs);
          return keepStored(previous, ctx, {
            readTags: due ? tagsOf(x) : undefined,
            addReferences: true,
          });
        }
        return collectOne(spec, x.item, ctx, readTags);
      }),
      ...known
        .filter(x => dueJobs.has(x.arn) && stored.has(x.arn))
        .map(x =>
          keepStored(stored.get(x.arn)!, ctx, {
            readTags: tagsOf(x),
            addReferences: false,
          }),
        ),
    ]);
    const present = resources.filter(
      (r): r is SageMakerResource => r !== undefined,
    );
    const untouched = known.filter(
      x => !(dueJobs.has(x.arn) && stored.has(x.arn)),
    );
    await store.upsertResources(present, seenAt);
    await store.touchResources(
      untouched.map(x => x.arn),
      seenAt,
    );
    count += present.length + untouched.length;
  }
  return count;
}

/**
 * A listing's context: the job look-back window (`createdAfter`), the
 * stored terminal jobs (never described again) and the tag refresh windows.
 */
export async function prepareListing(
  spec: ResourceSpec,
  ctx: CollectContext,
): Promise<{ listing: ListingContext; createdAfter?: Date }> {
  const { target, store, seenAt } = ctx;
  const lookback = ctx.jobLookbackDays;
  const createdAfter =
    spec.isJob && lookback !== 'all'
      ? new Date(Date.parse(seenAt) - lookback * DAY_MS)
      : undefined;
  const windows = ctx.tagRefresh ?? {
    windowHours: 24,
    completedJobWindowHours: 168,
  };
  const jobWindowMs = windows.completedJobWindowHours * HOUR_MS;
  const completed = spec.isJob
    ? await store.getCompletedJobs(
        target,
        spec.type,
        (arn, lastSeenAt) =>
          Boolean(ctx.tagsChanged?.has(arn)) ||
          tagsDue(arn, lastSeenAt, seenAt, jobWindowMs),
      )
    : { names: new Set<string>(), tagsDue: new Set<string>() };
  return {
    listing: {
      ctx,
      spec,
      completed,
      windowMs: windows.windowHours * HOUR_MS,
      readTags: listTagsReader(ctx),
    },
    ...(createdAfter ? { createdAfter } : {}),
  };
}
