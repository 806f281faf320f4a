/**
 * The org rollup page over `entity_scores` in SQL (knex, the same on SQLite
 * and PostgreSQL): filtered by owner and by the grade of the score or of a
 * pillar, ordered with rows without a value last in either direction and
 * ties by entity ref, then paged. The order is `pageOrgRows`' exactly: refs
 * order by their sort keys (`sortKey`), which order as `localeCompare`.
 */
import type {
  OrgRollupQuery,
  Pillar,
} from '@mlsec/plugin-sagemaker-security-common';
import type { Knex } from 'knex';
import { chunk } from '../util/chunk';

/** The page size when the query names none. */
export const DEFAULT_PAGE_SIZE = 50;

/** The columns of each pillar's score and grade. */
export const PILLAR_COLUMNS: Record<Pillar, { score: string; grade: string }> =
  {
    encryption: { score: 'encryption_score', grade: 'encryption_grade' },
    network: { score: 'network_score', grade: 'network_grade' },
    iam: { score: 'iam_score', grade: 'iam_grade' },
    monitoring: { score: 'monitoring_score', grade: 'monitoring_grade' },
    resilience: { score: 'resilience_score', grade: 'resilience_grade' },
  };

/** Refs in one `IN` list (the statement may hold several). */
const IN_LIST = 500;

function pillarColumns(pillar: Pillar | undefined) {
  if (!pillar) {
    return { score: 'score', grade: 'grade' };
  }
  const columns = PILLAR_COLUMNS[pillar];
  if (!columns) {
    throw new TypeError(`Unknown pillar '${pillar}'`);
  }
  return columns;
}

/** Services with resources that match the query's owner and grade. */
export function whereMatches(
  builder: Knex.QueryBuilder,
  query: OrgRollupQuery,
): Knex.QueryBuilder {
  builder.where('resource_count', '>', 0);
  if (query.owner) {
    builder.where('owner', query.owner);
  }
  if (query.grade) {
    builder.where(pillarColumns(query.pillar).grade, query.grade);
  }
  return builder;
}

/** Only these refs (`in`) or all but these (`notIn`), in lists of `IN_LIST`. */
export function whereRefs(
  builder: Knex.QueryBuilder,
  refs: { in: string[] } | { notIn: string[] },
): Knex.QueryBuilder {
  if ('in' in refs) {
    return builder.where(inner => {
      // No list at all: nothing matches.
      inner.whereIn('entity_ref', refs.in.slice(0, IN_LIST));
      for (const batch of chunk(refs.in, IN_LIST).slice(1)) {
        inner.orWhereIn('entity_ref', batch);
      }
    });
  }
  for (const batch of chunk(refs.notIn, IN_LIST)) {
    builder.whereNotIn('entity_ref', batch);
  }
  return builder;
}

/** The column the query orders by, and whether rows may have no value in it. */
export function orderKey(query: OrgRollupQuery): {
  column: string;
  nullable: boolean;
} {
  switch (query.orderBy ?? 'score') {
    case 'entityRef':
      return { column: 'entity_ref_key', nullable: false };
    case 'owner':
      return { column: 'owner_key', nullable: true };
    case 'resourceCount':
      return { column: 'resource_count', nullable: false };
    case 'fail':
      return { column: 'fail_count', nullable: false };
    default:
      return { column: pillarColumns(query.pillar).score, nullable: true };
  }
}

/**
 * Orders as `pageOrgRows`: by the query's key (the score of the service or
 * of a pillar by default), rows without one last in either direction, ties
 * by entity ref ascending. `withValue`: the rows all have a value (or all
 * have none), so that an index on the key can give the order.
 */
export function orderedAs(
  builder: Knex.QueryBuilder,
  query: OrgRollupQuery,
  options: { withValue?: boolean } = {},
): Knex.QueryBuilder {
  const direction = query.order === 'desc' ? 'desc' : 'asc';
  const { column, nullable } = orderKey(query);
  if (column === 'entity_ref_key') {
    return builder.orderBy(column, direction);
  }
  if (nullable && !options.withValue) {
    // The same SQL on both databases: false (0) before true (1).
    builder.orderByRaw('(?? is null)', [column]);
  }
  return builder.orderBy(column, direction).orderBy('entity_ref_key', 'asc');
}
