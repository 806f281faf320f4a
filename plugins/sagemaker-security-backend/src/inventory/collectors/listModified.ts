/**
 * A change-driven rescan's listing of a type listed only because stored
 * resources of it are moving (`Creating`, `InProgress`...: see
 * changes/sagemakerListings.ts): only what was modified after the event
 * history's start is listed (`LastModifiedTimeAfter`) and read; the rest
 * stays as stored. A job that ends, an endpoint that comes into service,
 * moves its `LastModifiedTime`; a creation, deletion or tag change is a
 * write event, which lists the type in full. So nothing is marked deleted
 * here, and a running job not modified keeps its stored description (its
 * `RemoteDebugConfig` included: `UpdateTrainingJob` is a write event).
 *
 * A witness guards against an endpoint that misreads the filter: every
 * resource on the first page of the unfiltered List modified after `since`
 * (or without a `LastModifiedTime`) must be in the filtered listing.
 * Otherwise, or when the filtered listing fails, the type is listed in
 * full (collectResourceType.ts) and why is recorded on the target.
 */
import type { Summary } from './spec';
import type { ResourceSpec } from './spec';
import type { CollectContext } from './context';
import { classifyError, InvalidResponseError } from '../aws/errors';
import { collectResourceType } from './collectResourceType';
import { walkStoredReferences } from './keepUnlisted';
import { collectListing, prepareListing } from './listing';
import { asListed } from './pages';
import { isoDate } from './plain';

/** True when the summary says it was modified after `since` (or cannot say). */
function modifiedAfter(summary: Summary, since: Date): boolean {
  const modified = isoDate(summary.LastModifiedTime);
  return !modified || Date.parse(modified) > since.getTime();
}

/** ARNs (lower-cased) on the unfiltered List's first non-empty page modified after `since`. */
async function modifiedWitness(
  spec: ResourceSpec,
  ctx: CollectContext,
  createdAfter: Date | undefined,
  since: Date,
): Promise<Set<string>> {
  const client = ctx.clients.sagemaker(ctx.target.region);
  for await (const page of spec.pages(client, { createdAfter })) {
    if (page.length > 0) {
      return new Set(
        page
          .filter(s => modifiedAfter(s, since))
          .map(s => spec.identify(s, ctx.target).arn.toLowerCase()),
      );
    }
  }
  return new Set();
}

export async function collectModified(
  spec: ResourceSpec,
  ctx: CollectContext,
  since: Date,
): Promise<void> {
  const { target, report } = ctx;
  if (report.regionDisabled) return;
  const client = ctx.clients.sagemaker(target.region);
  const where = `${spec.type} in ${target.accountId}/${target.region}`;
  const { listing, createdAfter } = await prepareListing(spec, ctx);
  try {
    const witness = await modifiedWitness(spec, ctx, createdAfter, since);
    const seen = new Set<string>();
    listing.seen = seen;
    await collectListing(
      asListed(spec.pages(client, { createdAfter, modifiedAfter: since })),
      listing,
    );
    const missed = [...witness].filter(arn => !seen.has(arn));
    if (missed.length > 0) {
      throw new InvalidResponseError(
        `${
          spec.listAction
        } with LastModifiedTimeAfter ${since.toISOString()} did not return ${
          missed.length
        } of the ${
          witness.size
        } resources modified since on the first page of the unfiltered listing`,
      );
    }
  } catch (error) {
    const classified = classifyError(error, spec.listAction, { target: where });
    report.record({
      ...classified,
      message: `${classified.message.replace(
        /\.?$/,
        '.',
      )} The type was listed in full instead.`,
    });
    await collectResourceType(spec, ctx);
    return;
  }
  await walkStoredReferences(spec, ctx, { runningJobs: true });
  const states = await ctx.store.getTypeStates(target);
  report.resourceCount += states.get(spec.type)?.count ?? 0;
  report.listingsSucceeded += 1;
  report.listingsModified.push(spec.type);
}
