import type { CollectContext } from '../collectors/context';
import { collectBuckets } from './buckets';
import { collectKms } from './kms';
import { collectMonitoring } from './monitoring';
import { collectNetwork } from './network';
import { collectRoles } from './roles';
import { collectTrails } from './trails';

/** Reads every related fact the target's resources refer to, plus its regional facts. */
export async function collectFacts(ctx: CollectContext): Promise<void> {
  await Promise.all([
    collectRoles(ctx),
    collectKms(ctx),
    collectBuckets(ctx),
    collectNetwork(ctx),
    collectTrails(ctx),
    collectMonitoring(ctx),
  ]);
}

export { FactCache } from './FactCache';
export { References } from './references';
