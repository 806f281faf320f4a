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
} from './EntityScoreStore';

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
}

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
  const columns = {
    entity_ref: row.entityRef,
    owner: row.owner ?? null,
    resource_count: row.resourceCount,
    score: row.score.score,
    grade: row.score.grade,
    fail_count: row.score.counts.fail,
    pillars: JSON.stringify(pillars),
    detail: JSON.stringify(detail),
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
  constructor(private readonly db: Knex) {}

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
