import type { EntityScoreSummary } from '../scoring/EntityScoreStore';
import { DEFAULT_PAGE_SIZE } from '../scoring/orgPageQuery';
import type {
  Grade,
  OrgRollupQuery,
  Page,
  Pillar,
} from '@mlsec/plugin-sagemaker-security-common';

export { DEFAULT_PAGE_SIZE };

/** What paging reads of a row: a full `EntityRollupRow` or a stored summary. */
export type PageableRow = EntityScoreSummary;

function scoreFor(
  score: PageableRow['score'],
  pillar?: Pillar,
): { score: number | null; grade: Grade | null } {
  if (!pillar) {
    return { score: score.score, grade: score.grade };
  }
  const found = score.pillars.find(p => p.pillar === pillar);
  return { score: found?.score ?? null, grade: found?.grade ?? null };
}

/** Filters, orders and pages the org rollup rows (query already validated). */
export function pageOrgRows<R extends PageableRow>(
  rows: R[],
  query: OrgRollupQuery,
): Page<R> {
  const { pillar, owner, grade } = query;
  const filtered = rows.filter(
    row =>
      (!owner || row.owner === owner) &&
      (!grade || scoreFor(row.score, pillar).grade === (grade as Grade)),
  );
  const direction = query.order === 'desc' ? -1 : 1;
  const orderBy = query.orderBy ?? 'score';
  const key = (row: R): number | string | null => {
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
