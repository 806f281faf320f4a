import type { Knex } from 'knex';
import type { FactKey, FactRefresh, ScanTarget } from '../InventoryStore';
import { chunk } from '../../util/chunk';
import { FACTS, FactRow, TARGETS, TargetRow } from './rows';

/** Rows per statement: keeps SQLite under its bound-variable limit. */
const BATCH = 100;
/** A target's facts were all read when it ended in one of these. */
const COMPLETE = ['succeeded', 'partial'];

/**
 * The start of the target's newest complete fact read (of the given modes):
 * a target that ended `failed` (or never ended) may have stopped before its
 * facts were read, so it does not count.
 */
async function lastRead(
  db: Knex,
  target: ScanTarget,
  modes: string[],
): Promise<string | undefined> {
  const row = await db<TargetRow>(TARGETS)
    .where({ account_id: target.accountId, region: target.region })
    .whereIn('fact_source', modes)
    .whereIn('status', COMPLETE)
    .whereNotNull('started_at')
    .max({ at: 'started_at' })
    .first();
  const at = (row as { at?: string | Date | null } | undefined)?.at;
  if (!at) return undefined;
  return at instanceof Date ? at.toISOString() : String(at);
}

/** See ScanningInventoryStore.getFactRefresh. */
export async function getFactRefresh(
  db: Knex,
  target: ScanTarget,
): Promise<FactRefresh> {
  const [lastFullAt, lastReadAt] = await Promise.all([
    lastRead(db, target, ['full', 'fallback']),
    lastRead(db, target, ['full', 'fallback', 'events']),
  ]);
  return {
    ...(lastFullAt ? { lastFullAt } : {}),
    ...(lastReadAt ? { lastReadAt } : {}),
  };
}

/** See ScanningInventoryStore.touchFacts: only `last_seen_at` moves, never back. */
export async function touchFacts(
  db: Knex,
  facts: FactKey[],
  seenAt: string,
): Promise<void> {
  for (const part of chunk(facts, BATCH)) {
    await db.transaction(async tx => {
      for (const f of part) {
        await tx<FactRow>(FACTS)
          .where({
            kind: f.kind,
            account_id: f.accountId,
            region: f.region,
            key: f.key,
          })
          .where('last_seen_at', '<', seenAt)
          .update({ last_seen_at: seenAt });
      }
    });
  }
}
