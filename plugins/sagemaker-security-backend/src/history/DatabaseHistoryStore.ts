import { Knex } from 'knex';
import type {
  CheckStatus,
  Grade,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';
import { chunk } from '../util/chunk';
import { upsertRows } from '../util/bulkWrite';
import { toIsoString, utcDay } from '../util/time';
import { DailyScore, HistoryStore } from './HistoryStore';

const TRANSITIONS = 'result_transitions';
const DAILY = 'daily_scores';

type DailyRow = {
  entity_ref: string;
  day: string;
  score: number | null;
  grade: string | null;
  counts: string;
};

function fromDailyRow(row: DailyRow): DailyScore {
  return {
    entityRef: row.entity_ref,
    day: row.day,
    score: row.score === null ? null : Number(row.score),
    grade: row.grade as Grade | null,
    counts: JSON.parse(row.counts),
  };
}

function sameScore(a: DailyScore, b: DailyScore): boolean {
  return (
    a.score === b.score &&
    a.grade === b.grade &&
    JSON.stringify(a.counts) === JSON.stringify(b.counts)
  );
}

export class DatabaseHistoryStore implements HistoryStore {
  constructor(private readonly db: Knex) {}

  async addTransitions(transitions: StatusTransition[]): Promise<void> {
    // Multi-row statements in one transaction (a full evaluation adds one
    // transition per result).
    if (transitions.length === 0) return;
    await this.db.transaction(tx =>
      upsertRows(tx, TRANSITIONS, {
        columns: ['resource_arn', 'check_id', 'from_status', 'to_status', 'at'],
        rows: transitions.map(t => [
          t.resourceArn,
          t.checkId,
          t.fromStatus,
          t.toStatus,
          new Date(t.at),
        ]),
      }),
    );
  }

  async listTransitions(query: {
    arns: string[];
    from: Date;
    to: Date;
  }): Promise<StatusTransition[]> {
    const out: StatusTransition[] = [];
    for (const arns of chunk(query.arns, 500)) {
      const rows = await this.db(TRANSITIONS)
        .select('resource_arn', 'check_id', 'from_status', 'to_status', 'at')
        .whereIn('resource_arn', arns)
        .where('at', '>=', query.from)
        .where('at', '<=', query.to);
      for (const row of rows) {
        out.push({
          resourceArn: row.resource_arn,
          checkId: row.check_id,
          fromStatus: row.from_status as CheckStatus | null,
          toStatus: row.to_status as CheckStatus | null,
          at: toIsoString(row.at),
        });
      }
    }
    return out.sort(
      (a, b) =>
        b.at.localeCompare(a.at) ||
        a.resourceArn.localeCompare(b.resourceArn) ||
        a.checkId.localeCompare(b.checkId),
    );
  }

  async recordDailyScores(scores: DailyScore[], at: Date): Promise<number> {
    const today = utcDay(at);
    let written = 0;
    for (const batch of chunk(scores, 200)) {
      const refs = batch.map(s => s.entityRef);
      // The newest row per entity up to today.
      const latest = new Map<string, DailyScore>();
      const rows: DailyRow[] = await this.db(DAILY)
        .select('*')
        .whereIn('entity_ref', refs)
        .where('day', '<=', today)
        .whereIn(
          ['entity_ref', 'day'],
          this.db(DAILY)
            .select('entity_ref')
            .max('day')
            .whereIn('entity_ref', refs)
            .where('day', '<=', today)
            .groupBy('entity_ref'),
        );
      for (const row of rows) {
        latest.set(row.entity_ref, fromDailyRow(row));
      }
      for (const score of batch) {
        const previous = latest.get(score.entityRef);
        if (previous && sameScore(previous, score)) {
          continue;
        }
        await this.db(DAILY)
          .insert({
            entity_ref: score.entityRef,
            day: today,
            score: score.score,
            grade: score.grade,
            counts: JSON.stringify(score.counts),
            updated_at: at,
          })
          .onConflict(['entity_ref', 'day'])
          .merge(['score', 'grade', 'counts', 'updated_at']);
        written += 1;
      }
    }
    return written;
  }

  async listDailyScores(query: {
    entityRefs: string[];
    fromDay: string;
    toDay: string;
  }): Promise<DailyScore[]> {
    const out: DailyScore[] = [];
    for (const refs of chunk(query.entityRefs, 200)) {
      const inRange: DailyRow[] = await this.db(DAILY)
        .select('*')
        .whereIn('entity_ref', refs)
        .whereBetween('day', [query.fromDay, query.toDay]);
      const before: DailyRow[] = await this.db(DAILY)
        .select('*')
        .whereIn(
          ['entity_ref', 'day'],
          this.db(DAILY)
            .select('entity_ref')
            .max('day')
            .whereIn('entity_ref', refs)
            .where('day', '<', query.fromDay)
            .groupBy('entity_ref'),
        );
      out.push(...before.map(fromDailyRow), ...inRange.map(fromDailyRow));
    }
    return out.sort(
      (a, b) =>
        a.entityRef.localeCompare(b.entityRef) || a.day.localeCompare(b.day),
    );
  }

  async deleteOlderThan(
    before: Date,
  ): Promise<{ transitions: number; dailyScores: number }> {
    const transitions = await this.db(TRANSITIONS)
      .where('at', '<', before)
      .delete();
    // Keep each entity's newest row before the cutoff: rows are only written
    // on change, so it holds the value in force at the start of the window.
    const cutoff = utcDay(before);
    const dailyScores = await this.db(DAILY)
      .where('day', '<', cutoff)
      .whereNotIn(
        ['entity_ref', 'day'],
        this.db(DAILY)
          .select('entity_ref')
          .max('day')
          .where('day', '<', cutoff)
          .groupBy('entity_ref'),
      )
      .delete();
    return { transitions, dailyScores };
  }
}
