/**
 * History: status transitions per (resource, check) and one scorecard row per
 * entity and day. One knex implementation: `DatabaseHistoryStore`.
 */
import type {
  Grade,
  StatusCounts,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';

export interface DailyScore {
  entityRef: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  score: number | null;
  grade: Grade | null;
  counts: StatusCounts;
}

export interface HistoryStore {
  addTransitions(transitions: StatusTransition[]): Promise<void>;
  listTransitions(query: {
    arns: string[];
    from: Date;
    to: Date;
  }): Promise<StatusTransition[]>;
  /**
   * Records today's scores. A row is written only when the score differs
   * from the entity's latest row, so nothing grows while nothing changes;
   * readers carry the last value forward (see `trend.ts`).
   */
  recordDailyScores(scores: DailyScore[], at: Date): Promise<number>;
  /**
   * Rows of the entities within [fromDay, toDay], plus for each entity the
   * newest row before `fromDay` (the value in force on `fromDay`).
   */
  listDailyScores(query: {
    entityRefs: string[];
    fromDay: string;
    toDay: string;
  }): Promise<DailyScore[]>;
  /** Deletes transitions and daily rows older than `before`. */
  deleteOlderThan(before: Date): Promise<{
    transitions: number;
    dailyScores: number;
  }>;
}
