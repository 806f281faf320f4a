import { paginateListTags, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type {
  CollectionError,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, classifyError } from '../aws/errors';
import type { CollectContext } from './context';
import { isoDate, toPlainRecord } from './plain';
import type { ResourceSpec, Summary } from './spec';

const DAY_MS = 24 * 60 * 60 * 1000;

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
 * Lists one resource type page by page, describing and storing each page before
 * the next (memory stays bounded). Terminal jobs already stored are not
 * described again. After a complete listing, resources no longer listed are
 * marked deleted.
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
  const completed = spec.isJob
    ? await store.getCompletedJobNames(target, spec.type)
    : new Set<string>();

  try {
    for await (const page of spec.pages(client, { createdAfter })) {
      const known = page.filter(s =>
        completed.has(spec.identify(s, target).name),
      );
      const fresh = page.filter(s => !known.includes(s));
      const resources = await Promise.all(
        fresh.map(s => collectOne(spec, s, ctx)),
      );
      const present = resources.filter(
        (r): r is SageMakerResource => r !== undefined,
      );
      await store.upsertResources(present, seenAt);
      await store.touchResources(
        known.map(s => spec.identify(s, target).arn),
        seenAt,
      );
      report.resourceCount += present.length + known.length;
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
