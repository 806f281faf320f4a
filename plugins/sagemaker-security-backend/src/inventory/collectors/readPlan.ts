/**
 * The read path of one type in one target: what the store knows of it from
 * the last scan, turned into an estimate for the cost model (costModel.ts).
 */
import { DEFAULT_RATE_LIMITS } from '../../config/rateLimits';
import type { CollectContext } from './context';
import {
  chooseReadPath,
  PAGE_SIZE,
  ReadChoice,
  ReadEstimate,
} from './costModel';
import type { ResourceSpec } from './spec';

/** The estimate from the store (count, last listing) and the stored terminal jobs. */
export function estimateOf(
  spec: ResourceSpec,
  stored: { count: number; lastSeenAt?: string },
  completed: { names: Set<string>; tagsDue: Set<string> },
  seenAt: string,
  tagWindowMs: number,
): ReadEstimate {
  if (stored.count === 0) {
    // Nothing known (a first scan, or an empty type): a full page is
    // assumed, where a bulk read costs at most one call more and saves up
    // to a hundred.
    return {
      listed: PAGE_SIZE,
      described: PAGE_SIZE,
      tagReads: PAGE_SIZE,
      stored: PAGE_SIZE,
    };
  }
  const n = stored.count;
  if (spec.isJob) {
    // Terminal jobs are never described again; their tags when due.
    const open = Math.max(0, n - completed.names.size);
    return {
      listed: n,
      described: open,
      tagReads: open + completed.tagsDue.size,
      stored: n,
    };
  }
  const incremental = Boolean(spec.immutable || spec.changeFields);
  // The tags of resources not described again fall due evenly over the
  // window: about (time since the last listing ÷ window) of them.
  const since = stored.lastSeenAt
    ? Date.parse(seenAt) - Date.parse(stored.lastSeenAt)
    : tagWindowMs;
  const due = Math.min(1, Math.max(0, since / tagWindowMs));
  return {
    listed: n,
    described: incremental ? 0 : n,
    tagReads: incremental ? Math.ceil(n * due) : n,
    stored: n,
  };
}

/** The chosen path of a type in this target (always `list` with bulk reads off). */
export async function planRead(
  spec: ResourceSpec,
  ctx: CollectContext,
  completed: { names: Set<string>; tagsDue: Set<string> },
  tagWindowMs: number,
): Promise<ReadChoice | undefined> {
  if (!ctx.bulkReads || (!spec.search && !spec.taggingApi)) return undefined;
  const stored = await ctx.store.countResources(ctx.target, spec.type);
  return chooseReadPath(
    { list: spec.listAction, describe: spec.describeAction },
    {
      search: Boolean(spec.search),
      // Jobs described only while they run count as not described: few run.
      searchNeedsDescribe:
        (spec.search?.describeFields.length ?? 0) > 0 &&
        !spec.search?.describeWhileRunning,
      tagging: Boolean(spec.taggingApi),
    },
    estimateOf(spec, stored, completed, ctx.seenAt, tagWindowMs),
    ctx.bulkReads.rateLimits ?? DEFAULT_RATE_LIMITS,
  );
}
