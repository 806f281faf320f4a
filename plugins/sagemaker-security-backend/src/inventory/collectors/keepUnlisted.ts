/**
 * A SageMaker type a change-driven rescan does not list (no write event
 * names it, nothing stored of it is moving: changes/sagemakerListings.ts).
 * Its stored resources stay as they are; their count is the target's, and
 * the references of long-lived ones are counted, so that the related facts
 * they point at are still visited and read again when an event changed
 * them. Jobs are not walked: a stored job is listed again only while it
 * runs (terminal jobs' references are not walked on any rescan either).
 */
import type { ResourceSpec } from './spec';
import type { CollectContext } from './context';

const PAGE = 1000;

export async function keepUnlisted(
  spec: ResourceSpec,
  ctx: CollectContext,
  stored: number,
): Promise<void> {
  ctx.report.resourceCount += stored;
  ctx.report.listingsSkipped.push(spec.type);
  if (stored > 0) await walkStoredReferences(spec, ctx);
}

/**
 * Counts the references of the type's stored resources in the target: not
 * of jobs (see the top of this file), unless `runningJobs`: then of the
 * jobs not in a terminal status (listModified.ts keeps them as stored).
 */
export async function walkStoredReferences(
  spec: ResourceSpec,
  ctx: CollectContext,
  options: { runningJobs?: boolean } = {},
): Promise<void> {
  if (spec.isJob && !options.runningJobs) return;
  let cursor: string | undefined;
  do {
    const page = await ctx.store.listResources({
      accountId: ctx.target.accountId,
      region: ctx.target.region,
      types: [spec.type],
      ...(spec.isJob ? { exceptStatuses: spec.terminalStatuses } : {}),
      cursor,
      limit: PAGE,
    });
    for (const resource of page.items) ctx.refs.addFrom(resource.description);
    cursor = page.nextCursor;
  } while (cursor);
}
