import type { Knex } from 'knex';
import type { FactKey, FactRefresh, ScanTarget } from '../InventoryStore';
import { FACTS, FactRow, TARGETS, TargetRow } from './rows';

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
  const [lastFullAt, lastReadAt, newest] = await Promise.all([
    lastRead(db, target, ['full', 'fallback']),
    lastRead(db, target, ['full', 'fallback', 'events']),
    db<TargetRow>(TARGETS)
      .where({ account_id: target.accountId, region: target.region })
      .whereIn('fact_source', ['full', 'fallback', 'events'])
      .whereIn('status', COMPLETE)
      .whereNotNull('started_at')
      .orderBy('started_at', 'desc')
      .select('status')
      .first(),
  ]);
  return {
    ...(lastFullAt ? { lastFullAt } : {}),
    ...(lastReadAt ? { lastReadAt } : {}),
    ...(newest ? { lastSucceeded: newest.status === 'succeeded' } : {}),
  };
}

/**
 * See ScanningInventoryStore.touchFacts: only `last_seen_at` moves, never
 * back. One row per statement, outside a transaction: two targets of an
 * account touch the same roles and buckets at once, and a statement holding
 * one row lock at a time cannot deadlock with theirs (PostgreSQL).
 */
export async function touchFacts(
  db: Knex,
  facts: FactKey[],
  seenAt: string,
): Promise<void> {
  const id = (f: FactKey) => `${f.kind}|${f.accountId}|${f.region}|${f.key}`;
  const unique = [...new Map(facts.map(f => [id(f), f])).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, f]) => f);
  for (const f of unique) {
    await db<FactRow>(FACTS)
      .where({
        kind: f.kind,
        account_id: f.accountId,
        region: f.region,
        key: f.key,
      })
      .where('last_seen_at', '<', seenAt)
      .update({ last_seen_at: seenAt });
  }
}
