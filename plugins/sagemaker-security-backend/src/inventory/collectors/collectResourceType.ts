import { paginateListTags, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type {
  CollectionError,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, classifyError } from '../aws/errors';
import type { StoredResource } from '../InventoryStore';
import type { CollectContext } from './context';
import { HOUR_MS, tagsDue, unchangedSince } from './incremental';
import { isoDate, toPlainRecord } from './plain';
import type { ResourceSpec, Summary } from './spec';
import { DAY_MS } from '../../util/time';

async function listTags(client: SageMakerClient, arn: string) {
  const tags: Record<string, string> = {};
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

/** Describes one listed resource; undefined when it vanished meanwhile. */
async function collectOne(
  spec: ResourceSpec,
  summary: Summary,
  ctx: CollectContext,
): Promise<SageMakerResource | undefined> {
  const client = ctx.clients.sagemaker(ctx.target.region);
  const id = spec.identify(summary, ctx.target);
  const errors: CollectionError[] = [];

  const described = await attempt(spec.describeAction, { target: id.arn }, () =>
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
  const tags = await attempt(
    'sagemaker:ListTags',
    { target: arn, field: 'tags' },
    () => listTags(client, arn),
  );
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
  options: { readTags: boolean; addReferences: boolean },
): Promise<SageMakerResource> {
  if (options.addReferences) ctx.refs.addFrom(stored.description);
  const errors: CollectionError[] = [];
  let tags = stored.tags;
  if (options.readTags) {
    const read = await attempt(
      'sagemaker:ListTags',
      { target: stored.arn, field: 'tags' },
      () => listTags(ctx.clients.sagemaker(ctx.target.region), stored.arn),
    );
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

/**
 * Pages of a listing, the next one requested while the caller works on the
 * current one (the listing's latency and rate limit overlap the describes).
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // Awaited on the next turn; a failure meanwhile is not unhandled.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await next.catch(() => undefined);
    await iterator.return?.();
  }
}

/**
 * Lists one resource type page by page, describing and storing each page before
 * the next (memory stays bounded). What cannot have changed is not described
 * again (see incremental.ts): terminal jobs, immutable resources, resources
 * whose change fields did not move; their tags are re-read when due. After a
 * complete listing, resources no longer listed are marked deleted.
 */
export async function collectResourceType(
  spec: ResourceSpec,
  ctx: CollectContext,
): Promise<void> {
  const { target, store, seenAt, report } = ctx;
  if (report.regionDisabled) return;
  const client = ctx.clients.sagemaker(target.region);
  const lookback = ctx.jobLookbackDays;
  const createdAfter =
    spec.isJob && lookback !== 'all'
      ? new Date(Date.parse(seenAt) - lookback * DAY_MS)
      : undefined;
  const incremental = Boolean(spec.immutable || spec.changeFields);
  const windows = ctx.tagRefresh ?? {
    windowHours: 24,
    completedJobWindowHours: 168,
  };
  const windowMs = windows.windowHours * HOUR_MS;
  const jobWindowMs = windows.completedJobWindowHours * HOUR_MS;
  const completed = spec.isJob
    ? await store.getCompletedJobs(target, spec.type, (arn, lastSeenAt) =>
        tagsDue(arn, lastSeenAt, seenAt, jobWindowMs),
      )
    : { names: new Set<string>(), tagsDue: new Set<string>() };

  try {
    for await (const page of readAhead(spec.pages(client, { createdAfter }))) {
      const listed = page.map(summary => ({
        summary,
        ...spec.identify(summary, target),
      }));
      const fresh = listed.filter(x => !completed.names.has(x.name));
      const known = listed.filter(x => completed.names.has(x.name));
      const dueJobs = new Set(
        known.filter(x => completed.tagsDue.has(x.name)).map(x => x.arn),
      );
      const stored = await store.getResources([
        ...(incremental ? fresh.map(x => x.arn) : []),
        ...dueJobs,
      ]);
      const resources = await Promise.all([
        ...fresh.map(x => {
          const previous = stored.get(x.arn);
          if (unchangedSince(spec, x.summary, previous)) {
            return keepStored(previous, ctx, {
              readTags: tagsDue(x.arn, previous.lastSeenAt, seenAt, windowMs),
              addReferences: true,
            });
          }
          return collectOne(spec, x.summary, ctx);
        }),
        ...known
          .filter(x => dueJobs.has(x.arn) && stored.has(x.arn))
          .map(x =>
            keepStored(stored.get(x.arn)!, ctx, {
              readTags: true,
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
      report.resourceCount += present.length + untouched.length;
    }
  } catch (error) {
    report.listingsFailed += 1;
    report.record(
      classifyError(error, spec.listAction, {
        target: `${spec.type} in ${target.accountId}/${target.region}`,
      }),
      { listing: true },
    );
    return;
  }
  report.listingsSucceeded += 1;
  await store.markDeleted(
    target,
    [spec.type],
    seenAt,
    new Date().toISOString(),
    {
      createdAfter: createdAfter?.toISOString(),
    },
  );
}
