import type { FactsContext } from '../changes/plan';
import { collectBucket, collectBuckets } from './buckets';
import { collectGuardDuty } from './guardduty';
import { collectKey, collectKms } from './kms';
import { collectMonitoring } from './monitoring';
import { collectNetwork } from './network';
import { collectRole, collectRoles } from './roles';
import { collectTrails } from './trails';

/**
 * Reads every related fact the target's resources refer to, plus its
 * regional facts, while the resources are still being listed: the
 * regional facts (trails, alarms, log groups, GuardDuty, KMS aliases) at once, and each
 * role, key and bucket as soon as a description refers to it, so their calls
 * overlap the listing instead of forming a tail after it. `finish` reads what
 * needs the complete references (the network: batched EC2 filters) and waits
 * for everything started. Every read stays once per scan (FactCache), and
 * on a change-driven rescan only what changed is read (`ctx.changes`,
 * changes/plan.ts).
 */
export function startFacts(ctx: FactsContext): { finish(): Promise<void> } {
  const started: Array<Promise<unknown>> = [];
  const track = (read: Promise<unknown>) => {
    // Awaited by finish(); a failure meanwhile is not unhandled.
    read.catch(() => undefined);
    started.push(read);
  };
  track(collectTrails(ctx));
  track(collectMonitoring(ctx));
  track(collectGuardDuty(ctx));
  const readers: Partial<
    Record<string, (ctx: FactsContext, value: string) => Promise<void>>
  > = { roles: collectRole, kmsKeys: collectKey, buckets: collectBucket };
  ctx.refs.onNew = (kind, value) => {
    const read = readers[kind];
    if (read) track(read(ctx, value));
  };
  // The region's aliases, and the references found before this started.
  track(collectKms(ctx));
  track(collectRoles(ctx));
  track(collectBuckets(ctx));
  return {
    async finish() {
      ctx.refs.onNew = undefined;
      const results = await Promise.allSettled([
        ...started,
        // Deduplicated by FactCache: whatever was started is awaited, not read again.
        collectRoles(ctx),
        collectKms(ctx),
        collectBuckets(ctx),
        collectNetwork(ctx),
      ]);
      const failed = results.find(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      if (failed) throw failed.reason;
    },
  };
}

export { FactCache } from './FactCache';
export { References } from './references';
