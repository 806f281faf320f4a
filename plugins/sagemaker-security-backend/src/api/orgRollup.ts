import type {
  EntityRollupRow,
  Grade,
  OrgRollupQuery,
  Page,
} from '@mlsec/plugin-sagemaker-security-common';
import { scoreFor } from '../scoring/score';

export const DEFAULT_PAGE_SIZE = 50;

/** Filters, orders and pages the org rollup rows (query already validated). */
export function pageOrgRows(
  rows: EntityRollupRow[],
  query: OrgRollupQuery,
): Page<EntityRollupRow> {
  const { pillar, owner, grade } = query;
  const filtered = rows.filter(
    row =>
      (!owner || row.owner === owner) &&
      (!grade || scoreFor(row.score, pillar).grade === (grade as Grade)),
  );
  const direction = query.order === 'desc' ? -1 : 1;
  const orderBy = query.orderBy ?? 'score';
  const key = (row: EntityRollupRow): number | string | null => {
    switch (orderBy) {
      case 'entityRef':
        return row.entityRef;
      case 'owner':
        return row.owner ?? null;
      case 'resourceCount':
        return row.resourceCount;
      case 'fail':
        return row.score.counts.fail;
      default:
        return scoreFor(row.score, pillar).score;
    }
  };
  const sorted = [...filtered].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    // Rows without a value go last in either direction.
    if (ka === null && kb === null) {
      return a.entityRef.localeCompare(b.entityRef);
    }
    if (ka === null) {
      return 1;
    }
    if (kb === null) {
      return -1;
    }
    const order =
      typeof ka === 'number' && typeof kb === 'number'
        ? ka - kb
        : String(ka).localeCompare(String(kb));
    return order * direction || a.entityRef.localeCompare(b.entityRef);
  });
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return {
    items: sorted.slice(offset, offset + limit),
    totalCount: sorted.length,
    offset,
    limit,
  };
}
