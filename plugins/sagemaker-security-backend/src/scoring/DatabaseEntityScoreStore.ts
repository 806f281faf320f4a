import type {
  OrgRollupQuery,
  Page,
} from '@mlsec/plugin-sagemaker-security-common';
import type { Knex } from 'knex';
import { contentHash } from '../inventory/store/hash';
import { chunk } from '../util/chunk';
import { toIsoString } from '../util/time';
import type {
  EntityScoreRow,
  EntityScoreRun,
  EntityScoreStore,
  EntityScoreSummary,
  ReplaceAllOptions,
  VisibleRefs,
} from './EntityScoreStore';
import {
  DEFAULT_PAGE_SIZE,
  orderedAs,
  orderKey,
  PILLAR_COLUMNS,
  whereMatches,
  whereRefs,
} from './orgPageQuery';
import { sortKey } from './sortKey';

const TABLE = 'entity_scores';
const RUNS = 'entity_score_runs';

interface DbRow {
  entity_ref: string;
  owner: string | null;
  resource_count: number | string;
  score: number | string | null;
  grade: string | null;
  fail_count: number | string;
  pillars: string;
  detail: string;
  fingerprint: string;
  updated_at: unknown;
  entity_ref_key: string;
  owner_key: string | null;
  /** The score and grade columns of each pillar (see `PILLAR_COLUMNS`). */
  [pillarColumn: string]: unknown;
}

/**
 * Refs bound into one statement at most (SQLite allows 32,766 variables,
 * PostgreSQL 65,535); past that, the page orders refs only and keeps the
 * visible ones here.
 */
const MAX_BOUND_REFS = 10_000;

type Detail = Pick<EntityScoreRow, 'score' | 'worstFindings' | 'capResults'>;

function toDbRow(row: EntityScoreRow, at: Date): DbRow {
  const detail: Detail = {
    score: row.score,
    worstFindings: row.worstFindings,
    capResults: row.capResults,
  };
  const pillars = row.score.pillars.map(p => ({
    pillar: p.pillar,
    score: p.score,
    grade: p.grade,
  }));
  const pillarColumns: Record<string, number | string | null> = {};
  for (const [pillar, column] of Object.entries(PILLAR_COLUMNS)) {
    const found = pillars.find(p => p.pillar === pillar);
    pillarColumns[column.score] = found?.score ?? null;
    pillarColumns[column.grade] = found?.grade ?? null;
  }
  const columns = {
    entity_ref: row.entityRef,
    owner: row.owner ?? null,
    resource_count: row.resourceCount,
    score: row.score.score,
    grade: row.score.grade,
    fail_count: row.score.counts.fail,
    pillars: JSON.stringify(pillars),
    detail: JSON.stringify(detail),
    ...pillarColumns,
    entity_ref_key: sortKey(row.entityRef),
    owner_key: row.owner ? sortKey(row.owner) : null,
  };
  return { ...columns, fingerprint: contentHash(columns), updated_at: at };
}

function toNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

function toNullableNumber(value: number | string | null): number | null {
  return value === null ? null : toNumber(value);
}

function toRow(row: DbRow): EntityScoreRow {
  const detail = JSON.parse(row.detail) as Detail;
  return {
    entityRef: row.entity_ref,
    ...(row.owner ? { owner: row.owner } : {}),
    resourceCount: toNumber(row.resource_count),
    ...detail,
  };
}

/** Knex implementation of `EntityScoreStore` (SQLite and PostgreSQL). */
export class DatabaseEntityScoreStore implements EntityScoreStore {
  constructor(
    private readonly db: Knex,
    private readonly options: { maxBoundRefs?: number } = {},
  ) {}

  async replaceAll(
    rows: EntityScoreRow[],
    at: Date,
    options: ReplaceAllOptions = {},
  ): Promise<boolean> {
    const wanted = new Map(rows.map(r => [r.entityRef, toDbRow(r, at)]));
    return this.db.transaction(async tx => {
      // Claim the run row first: on PostgreSQL a concurrent recomputation
      // waits here, then sees the version this one wrote.
      const run = {
        computed_at: at,
        catalog_fingerprint: options.catalogFingerprint ?? null,
      };
      if (options.ifVersion === undefined) {
        await tx(RUNS)
          .insert({ id: 1, ...run, version: 1 })
          .onConflict('id')
          .merge({ ...run, version: tx.raw('?? + 1', [`${RUNS}.version`]) });
      } else {
        const claimed = await tx(RUNS)
          .where({ id: 1, version: options.ifVersion })
          .update({ ...run, version: options.ifVersion + 1 });
        if (claimed !== 1) {
          return false;
        }
      }
      const existing = new Map<string, string>(
        (await tx<DbRow>(TABLE).select('entity_ref', 'fingerprint')).map(r => [
          r.entity_ref,
          r.fingerprint,
        ]),
      );
      const stale = [...existing.keys()].filter(ref => !wanted.has(ref));
      for (const batch of chunk(stale, 200)) {
        await tx(TABLE).whereIn('entity_ref', batch).delete();
      }
      const changed = [...wanted.values()].filter(
        r => existing.get(r.entity_ref) !== r.fingerprint,
      );
      await this.write(tx, changed);
      return true;
    });
  }

  async upsert(rows: EntityScoreRow[], at: Date): Promise<void> {
    await this.db.transaction(async tx => {
      // A catch-up rescoring that read the results before this change must
      // not store over it (its compare-and-set fails).
      await tx(RUNS).where({ id: 1 }).increment('version', 1);
      await this.write(
        tx,
        rows.map(r => toDbRow(r, at)),
      );
    });
  }

  private async write(tx: Knex.Transaction, rows: DbRow[]): Promise<void> {
    for (const batch of chunk(rows, 50)) {
      await tx(TABLE)
        .insert(batch)
        .onConflict('entity_ref')
        .merge([
          'owner',
          'resource_count',
          'score',
          'grade',
          'fail_count',
          'pillars',
          'detail',
          'fingerprint',
          'updated_at',
          'entity_ref_key',
          'owner_key',
          ...Object.values(PILLAR_COLUMNS).flatMap(c => [c.score, c.grade]),
        ]);
    }
  }

  async getByRefs(entityRefs: string[]): Promise<EntityScoreRow[]> {
    const rows: EntityScoreRow[] = [];
    for (const batch of chunk([...new Set(entityRefs)], 500)) {
      const found = await this.db<DbRow>(TABLE).whereIn('entity_ref', batch);
      rows.push(...found.map(toRow));
    }
    return rows;
  }

  async listSummaries(): Promise<EntityScoreSummary[]> {
    const rows = await this.db<DbRow>(TABLE)
      .select(
        'entity_ref',
        'owner',
        'resource_count',
        'score',
        'grade',
        'fail_count',
        'pillars',
      )
      .where('resource_count', '>', 0);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      ...(row.owner ? { owner: row.owner } : {}),
      resourceCount: toNumber(row.resource_count),
      score: {
        score: toNullableNumber(row.score),
        grade: row.grade as EntityScoreSummary['score']['grade'],
        pillars: JSON.parse(
          row.pillars,
        ) as EntityScoreSummary['score']['pillars'],
        counts: { fail: toNumber(row.fail_count) },
      },
    }));
  }

  async page(
    query: OrgRollupQuery,
    visible: VisibleRefs,
  ): Promise<Page<EntityScoreRow>> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const matching = () => whereMatches(this.db<DbRow>(TABLE), query);
    if (visible.all) {
      return this.pageOf(matching, query, offset, limit);
    }
    const refs = (
      (await matching().select('entity_ref')) as Array<{ entity_ref: string }>
    ).map(r => r.entity_ref);
    const allowed = await visible.allowed(refs);
    const shown = refs.filter(ref => allowed.has(ref));
    const hidden = refs.filter(ref => !allowed.has(ref));
    if (Math.min(shown.length, hidden.length) > this.maxBoundRefs) {
      return this.pageOfRefs(matching, query, allowed, offset, limit);
    }
    const restrict =
      hidden.length < shown.length ? { notIn: hidden } : { in: shown };
    return this.pageOf(
      () => whereRefs(matching(), restrict),
      query,
      offset,
      limit,
    );
  }

  private get maxBoundRefs() {
    return this.options.maxBoundRefs ?? MAX_BOUND_REFS;
  }

  /**
   * Orders and pages the refs only (narrow rows: the database sorts no
   * `detail`), then reads the page's rows by their key. A key rows may
   * lack is read in two parts, the rows with a value, then the rows
   * without, so that its index gives the order of each.
   */
  private async pageOf(
    matching: () => Knex.QueryBuilder,
    query: OrgRollupQuery,
    offset: number,
    limit: number,
  ): Promise<Page<EntityScoreRow>> {
    const refsOf = async (builder: Knex.QueryBuilder) =>
      ((await builder) as Array<{ entity_ref: string }>).map(r => r.entity_ref);
    const countOf = async (builder: Knex.QueryBuilder) =>
      toNumber(
        (
          (await builder.count({ count: '*' })) as Array<{
            count: number | string;
          }>
        )[0].count,
      );
    const { column, nullable } = orderKey(query);
    let refs: string[];
    let totalCount: number;
    if (!nullable) {
      [refs, totalCount] = await Promise.all([
        refsOf(
          orderedAs(matching().select('entity_ref'), query)
            .limit(limit)
            .offset(offset),
        ),
        countOf(matching()),
      ]);
    } else {
      const withValue = () => matching().whereNotNull(column);
      const [valued, all] = await Promise.all([
        countOf(withValue()),
        countOf(matching()),
      ]);
      totalCount = all;
      refs =
        offset < valued
          ? await refsOf(
              orderedAs(withValue().select('entity_ref'), query, {
                withValue: true,
              })
                .limit(limit)
                .offset(offset),
            )
          : [];
      if (refs.length < limit && offset + limit > valued) {
        refs.push(
          ...(await refsOf(
            matching()
              .whereNull(column)
              .select('entity_ref')
              .orderBy('entity_ref_key', 'asc')
              .limit(limit - refs.length)
              .offset(Math.max(0, offset - valued)),
          )),
        );
      }
    }
    return { items: await this.inOrder(refs), totalCount, offset, limit };
  }

  /** Too many refs to bind: orders the refs in SQL, keeps the visible ones here. */
  private async pageOfRefs(
    matching: () => Knex.QueryBuilder,
    query: OrgRollupQuery,
    allowed: Set<string>,
    offset: number,
    limit: number,
  ): Promise<Page<EntityScoreRow>> {
    const ordered = (
      (await orderedAs(matching().select('entity_ref'), query)) as Array<{
        entity_ref: string;
      }>
    )
      .map(r => r.entity_ref)
      .filter(ref => allowed.has(ref));
    return {
      items: await this.inOrder(ordered.slice(offset, offset + limit)),
      totalCount: ordered.length,
      offset,
      limit,
    };
  }

  /** The rows of these refs, in their order (a row deleted meanwhile is left out). */
  private async inOrder(refs: string[]): Promise<EntityScoreRow[]> {
    const found = new Map(
      (await this.getByRefs(refs)).map(row => [row.entityRef, row]),
    );
    return refs.flatMap(ref => found.get(ref) ?? []);
  }

  async markChanged(): Promise<void> {
    await this.db(RUNS).where({ id: 1 }).increment('version', 1);
  }

  async getComputedAt(): Promise<string | undefined> {
    return (await this.getRun())?.computedAt;
  }

  async getRun(): Promise<EntityScoreRun | undefined> {
    const row = await this.db(RUNS).where({ id: 1 }).first();
    if (!row) {
      return undefined;
    }
    return {
      computedAt: toIsoString(row.computed_at),
      ...(row.catalog_fingerprint
        ? { catalogFingerprint: row.catalog_fingerprint }
        : {}),
      version: toNumber(row.version),
    };
  }
}
