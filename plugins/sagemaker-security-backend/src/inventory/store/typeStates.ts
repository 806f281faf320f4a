import type { ResourceType } from '@mlsec/plugin-sagemaker-security-common';
import type { Knex } from 'knex';
import type { ScanTarget, TypeState } from '../InventoryStore';
import { RESOURCES, ResourceRow } from './rows';

/**
 * See ScanningInventoryStore.getTypeStates: per type of a target's live
 * resources, how many there are, their distinct statuses and whether one
 * was stored with read errors. One grouped query; no description is read.
 */
export async function getTypeStates(
  db: Knex,
  target: ScanTarget,
): Promise<Map<ResourceType, TypeState>> {
  const rows = (await db<ResourceRow>(RESOURCES)
    .where({ account_id: target.accountId, region: target.region })
    .whereNull('deleted_at')
    .select('type', 'status')
    .select(db.raw("CASE WHEN errors = '[]' THEN 0 ELSE 1 END AS failed"))
    .count({ count: '*' })
    .groupBy(
      'type',
      'status',
      db.raw("CASE WHEN errors = '[]' THEN 0 ELSE 1 END"),
    )) as Array<{
    type: ResourceType;
    status: string | null;
    failed: number | string;
    count: number | string;
  }>;
  const states = new Map<ResourceType, TypeState>();
  for (const row of rows) {
    const state = states.get(row.type) ?? {
      count: 0,
      statuses: [],
      hasErrors: false,
    };
    state.count += Number(row.count);
    if (row.status !== null && !state.statuses.includes(row.status)) {
      state.statuses.push(row.status);
    }
    if (Number(row.failed) === 1) state.hasErrors = true;
    states.set(row.type, state);
  }
  return states;
}
