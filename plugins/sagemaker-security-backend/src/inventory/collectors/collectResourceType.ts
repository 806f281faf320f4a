import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import { classifyError, InvalidResponseError } from '../aws/errors';
import type { CollectContext, ReadPathRecord } from './context';
import { fallbackError, firstListed } from './fallbacks';
import { planRead } from './readPlan';
import { asListed, asRecords } from './pages';
import { collectListing, prepareListing } from './listing';
import type { ResourceSpec } from './spec';
import { knownTagsReader, readTaggingApi } from './tags';

/**
 * Lists one resource type page by page, describing and storing each page before
 * the next (memory stays bounded). What cannot have changed is not described
 * again (see incremental.ts): terminal jobs, immutable resources, resources
 * whose change fields did not move; their tags are re-read when due. After a
 * complete listing, resources no longer listed are marked deleted.
 *
 * With bulk reads, the cost model (readPlan.ts) may choose SageMaker Search
 * (records with their tags in place of List, Describe and ListTags) or the
 * Tagging API (tags of 100 resources per call in place of ListTags). A bulk
 * read that fails falls back to the per-resource calls, recorded on the
 * target; a Search that fails part-way is not a complete listing, so only
 * the List that follows it can mark resources deleted.
 */
export async function collectResourceType(
  spec: ResourceSpec,
  ctx: CollectContext,
  options: {
    /** Run once a listing's first page arrived (collectTarget's first type). */
    onAnswered?: () => void;
  } = {},
): Promise<void> {
  const { target, store, seenAt, report } = ctx;
  if (report.regionDisabled) return;
  const client = ctx.clients.sagemaker(target.region);
  const { listing, createdAfter } = await prepareListing(spec, ctx);
  listing.onAnswered = options.onAnswered;
  const { windowMs, completed } = listing;

  const plan = await planRead(spec, ctx, completed, windowMs);
  let record: ReadPathRecord | undefined;
  if (plan) {
    record = { type: spec.type, chosen: plan.path, expectedCalls: plan.calls };
    report.readPaths.push(record);
  }
  // Recorded once the per-resource path has listed the type: when it fails
  // too (a disabled region, refused credentials), its error says it all.
  const fallbacks: CollectionError[] = [];
  const fellBack = (from: 'search' | 'tagging', error: CollectionError) => {
    fallbacks.push(fallbackError(from, error));
    if (record) record.fellBack = { from, reason: error.message };
  };

  if (plan?.path === 'tagging') {
    // After the listing's first page: a region or credentials that refuse
    // the listing then cost that one call (see collectTarget's first type).
    listing.onFirstPage = async arns => {
      const tags = await readTaggingApi(spec, ctx, arns, listing.readTags);
      if (tags.ok) listing.readTags = knownTagsReader(tags.value);
      else fellBack('tagging', tags.error);
    };
  }

  let count = 0;
  let listed = false;
  let unverified: CollectionError | undefined;
  if (plan?.path === 'search' && spec.search) {
    const where = `${spec.type} in ${target.accountId}/${target.region}`;
    try {
      // A witness: the first resources List returns must all be in the
      // Search listing. An endpoint that answers Search with less (e.g. one
      // that ignores or misreads the CreationTime filter and returns none)
      // would otherwise leave resources out, silently.
      const witness = await firstListed(spec, ctx, createdAfter).catch(
        error => {
          unverified = classifyError(error, spec.listAction, { target: where });
          return undefined;
        },
      );
      listing.seen = new Set();
      count = await collectListing(
        asRecords(spec.search.pages(client, { createdAfter })),
        listing,
      );
      const missed = [...(witness ?? [])].filter(a => !listing.seen!.has(a));
      listing.seen = undefined;
      if (missed.length > 0) {
        throw new InvalidResponseError(
          `Search did not return ${missed.length} of the ${
            witness!.size
          } resources the first page of ${spec.listAction} returned`,
        );
      }
      listed = true;
    } catch (error) {
      unverified = undefined;
      fellBack(
        'search',
        classifyError(error, 'sagemaker:Search', { target: where }),
      );
    }
  }
  if (unverified) {
    // Search listed resources List could not (e.g. moto cannot list feature
    // groups): they are stored, but a listing nothing vouches for is not
    // complete, so nothing is marked deleted and the List failure stays.
    report.resourceCount += count;
    report.listingsFailed += 1;
    report.record(unverified, { listing: true });
    return;
  }
  if (!listed) {
    try {
      count = await collectListing(
        asListed(spec.pages(client, { createdAfter })),
        listing,
      );
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
  }
  fallbacks.forEach(error => report.record(error));
  report.resourceCount += count;
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
