/**
 * The current score of every ML service (Component), so that rollups and
 * the org page read one row per service instead of scoring the inventory on
 * every request. One knex implementation: `DatabaseEntityScoreStore`.
 */
import type {
  Finding,
  Grade,
  OrgRollupQuery,
  Page,
  Pillar,
  Score,
} from '@mlsec/plugin-sagemaker-security-common';
import type { ScorableResult } from './score';

/** What a rollup needs of one ML service. */
export interface EntityScoreRow {
  entityRef: string;
  /** The service's first owner when it was scored. */
  owner?: string;
  resourceCount: number;
  score: Score;
  /** The worst open findings (see `worstFindings`), worst first. */
  worstFindings: Finding[];
  /**
   * The results that set grade caps (the first failing critical and high
   * result, overall and per pillar), in the service's result order: a
   * rollup caps its grade from these exactly as from all results.
   */
  capResults: ScorableResult[];
}

/** The sortable part of a row, for paging the org rollup. */
export interface EntityScoreSummary {
  entityRef: string;
  owner?: string;
  resourceCount: number;
  score: {
    score: number | null;
    grade: Grade | null;
    pillars: Array<{
      pillar: Pillar;
      score: number | null;
      grade: Grade | null;
    }>;
    counts: { fail: number };
  };
}

/** The last recomputation of every row. */
export interface EntityScoreRun {
  computedAt: string;
  /** Hash of the catalog entities it scored (see `catalogFingerprint`). */
  catalogFingerprint?: string;
  /** Grows with every recomputation. */
  version: number;
}

export interface ReplaceAllOptions {
  /** What the recomputation saw of the catalog. */
  catalogFingerprint?: string;
  /**
   * Store only if the last recomputation is still this one (compare and
   * set): a catch-up rescoring must not overwrite the rows an evaluation
   * stored, with newer results, while it ran.
   */
  ifVersion?: number;
}

/** Which services a caller may see (the read side's permission filter). */
export interface VisibleRefs {
  /** Every service. */
  all: boolean;
  /** The entity refs among these that the caller may see. */
  allowed(entityRefs: string[]): Promise<Set<string>>;
}

export interface EntityScoreStore {
  /**
   * Replaces every row: rows absent from `rows` are deleted, unchanged rows
   * are not rewritten. Marks the recomputation time and bumps the version.
   * False (and nothing written) when `ifVersion` is no longer current.
   */
  replaceAll(
    rows: EntityScoreRow[],
    at: Date,
    options?: ReplaceAllOptions,
  ): Promise<boolean>;
  /**
   * Inserts or updates these rows only (one service rescored); bumps the
   * version, not the recomputation time.
   */
  upsert(rows: EntityScoreRow[], at: Date): Promise<void>;
  getByRefs(entityRefs: string[]): Promise<EntityScoreRow[]>;
  /** Summaries of the services with at least one resource. */
  listSummaries(): Promise<EntityScoreSummary[]>;
  /**
   * One page of the org rollup: the services with at least one resource
   * that `visible` lets through and that match the query's owner and grade
   * (of the score, or of the query's pillar), ordered by its key (rows
   * without one last in either direction; ties by entity ref, ascending as
   * `localeCompare` orders) and paged, all in the database. `totalCount`
   * counts every matching visible service.
   */
  page(
    query: OrgRollupQuery,
    visible: VisibleRefs,
  ): Promise<Page<EntityScoreRow>>;
  /** When every row was last recomputed; undefined before the first time. */
  getComputedAt(): Promise<string | undefined>;
  /** The last recomputation; undefined before the first one. */
  getRun(): Promise<EntityScoreRun | undefined>;
  /**
   * Increments the version (after something reads show changed beside the
   * rows, e.g. the daily history a rescoring writes after them), so that
   * reads held under the previous version are computed again. Nothing
   * before the first recomputation.
   */
  markChanged(): Promise<void>;
}
