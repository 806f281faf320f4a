import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { DatabaseHistoryStore } from './DatabaseHistoryStore';
import { DailyScore } from './HistoryStore';
import { dailyTrend } from './trend';

jest.setTimeout(60_000);

const counts = {
  pass: 3,
  fail: 1,
  warn: 0,
  unknown: 0,
  not_applicable: 0,
  waived: 0,
};

function daily(entityRef: string, score: number): DailyScore {
  return {
    entityRef,
    day: 'ignored',
    score,
    grade: score >= 90 ? 'A' : 'C',
    counts,
  };
}

describe('DatabaseHistoryStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    return { knex, store: new DatabaseHistoryStore(knex) };
  }

  it.each(databases.eachSupportedId())(
    'writes a daily row only when the score changed, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const a = 'component:default/a';
      const b = 'component:default/b';

      await expect(
        store.recordDailyScores(
          [daily(a, 75), daily(b, 95)],
          new Date('2026-11-01T10:00:00Z'),
        ),
      ).resolves.toBe(2);
      // Same values later that day and on later days: nothing grows.
      await expect(
        store.recordDailyScores(
          [daily(a, 75), daily(b, 95)],
          new Date('2026-11-01T18:00:00Z'),
        ),
      ).resolves.toBe(0);
      await expect(
        store.recordDailyScores(
          [daily(a, 75), daily(b, 95)],
          new Date('2026-11-05T10:00:00Z'),
        ),
      ).resolves.toBe(0);
      // A change is written for the day; a second change the same day replaces it.
      await store.recordDailyScores(
        [daily(a, 80)],
        new Date('2026-11-06T10:00:00Z'),
      );
      await store.recordDailyScores(
        [daily(a, 85)],
        new Date('2026-11-06T12:00:00Z'),
      );
      const [{ count }] = await knex('daily_scores').count({ count: '*' });
      expect(Number(count)).toBe(3);

      const rows = await store.listDailyScores({
        entityRefs: [a],
        fromDay: '2026-11-04',
        toDay: '2026-11-07',
      });
      // The row in force on the first day comes along.
      expect(rows.map(r => [r.day, r.score])).toEqual([
        ['2026-11-01', 75],
        ['2026-11-06', 85],
      ]);
      expect(dailyTrend(rows, '2026-11-04', '2026-11-07')).toEqual([
        { date: '2026-11-04', score: 75, grade: 'C' },
        { date: '2026-11-05', score: 75, grade: 'C' },
        { date: '2026-11-06', score: 85, grade: 'C' },
        { date: '2026-11-07', score: 85, grade: 'C' },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores transitions and applies retention, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const arn = 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/a';
      await store.addTransitions([
        {
          resourceArn: arn,
          checkId: 'kms',
          fromStatus: null,
          toStatus: 'fail',
          at: '2025-01-01T00:00:00.000Z',
        },
        {
          resourceArn: arn,
          checkId: 'kms',
          fromStatus: 'fail',
          toStatus: 'pass',
          at: '2026-11-01T00:00:00.000Z',
        },
        {
          resourceArn: 'arn:other',
          checkId: 'kms',
          fromStatus: null,
          toStatus: 'pass',
          at: '2026-11-01T00:00:00.000Z',
        },
      ]);
      await expect(
        store.listTransitions({
          arns: [arn],
          from: new Date('2026-10-01T00:00:00Z'),
          to: new Date('2026-12-01T00:00:00Z'),
        }),
      ).resolves.toEqual([
        {
          resourceArn: arn,
          checkId: 'kms',
          fromStatus: 'fail',
          toStatus: 'pass',
          at: '2026-11-01T00:00:00.000Z',
        },
      ]);

      const a = 'component:default/a';
      await store.recordDailyScores(
        [daily(a, 50)],
        new Date('2025-01-01T00:00:00Z'),
      );
      await store.recordDailyScores(
        [daily(a, 60)],
        new Date('2025-02-01T00:00:00Z'),
      );
      await store.recordDailyScores(
        [daily(a, 70)],
        new Date('2026-11-01T00:00:00Z'),
      );

      const removed = await store.deleteOlderThan(
        new Date('2026-01-01T00:00:00Z'),
      );
      expect(removed).toEqual({ transitions: 1, dailyScores: 1 });
      // The newest row before the cutoff stays: it is the value in force then.
      const days = (
        await knex('daily_scores').select('day').orderBy('day')
      ).map(r => r.day);
      expect(days).toEqual(['2025-02-01', '2026-11-01']);
      const [{ count }] = await knex('result_transitions').count({
        count: '*',
      });
      expect(Number(count)).toBe(2);
    },
  );
});
