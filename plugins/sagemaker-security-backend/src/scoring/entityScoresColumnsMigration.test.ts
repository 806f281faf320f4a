/**
 * The migration that gives `entity_scores` its per-pillar columns and sort
 * keys fills them in from the rows stored before it (so the org page needs
 * no rescoring after an upgrade), and goes down and up again, on SQLite and
 * PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ENTITY_SCORE_RUNS_CATALOG_MIGRATION,
  ENTITY_SCORES_COLUMNS_MIGRATION,
  ENTITY_SCORES_MIGRATION,
  MIGRATIONS_DIRECTORY,
} from '../service/__testUtils__/migrations';
import { DatabaseEntityScoreStore } from './DatabaseEntityScoreStore';
import { PILLAR_COLUMNS } from './orgPageQuery';
import { sortKey } from './sortKey';

jest.setTimeout(60_000);

const at = new Date('2026-12-06T10:00:00.000Z');

/** A row as the store wrote it before the migration. */
function oldRow(
  entityRef: string,
  owner: string | null,
  pillars: Array<{
    pillar: string;
    score: number | null;
    grade: string | null;
  }>,
) {
  const score = {
    score: 80,
    grade: 'B',
    pillars: pillars.map(p => ({
      ...p,
      counts: {
        pass: 1,
        fail: 0,
        warn: 0,
        unknown: 0,
        not_applicable: 0,
        waived: 0,
      },
    })),
    counts: {
      pass: 1,
      fail: 0,
      warn: 0,
      unknown: 0,
      not_applicable: 0,
      waived: 0,
    },
  };
  return {
    entity_ref: entityRef,
    owner,
    resource_count: 1,
    score: 80,
    grade: 'B',
    fail_count: 0,
    pillars: JSON.stringify(pillars),
    detail: JSON.stringify({ score, worstFindings: [], capResults: [] }),
    fingerprint: 'old',
    updated_at: at,
  };
}

describe('migration 20261207100000_entity_scores_columns', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'fills the pillar columns and sort keys of existing rows; goes down and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const migrate = (name: string) =>
        knex.migrate.up({ directory: MIGRATIONS_DIRECTORY, name });
      await migrate(ENTITY_SCORES_MIGRATION);
      await migrate(ENTITY_SCORE_RUNS_CATALOG_MIGRATION);
      await knex('entity_score_runs').insert({
        id: 1,
        computed_at: at,
        version: 1,
      });
      await knex('entity_scores').insert([
        oldRow('component:default/b_x', 'group:default/Team', [
          { pillar: 'encryption', score: 74.4, grade: 'D' },
          { pillar: 'network', score: null, grade: null },
          { pillar: 'resilience', score: 50, grade: 'F' },
        ]),
        oldRow('component:default/b-x', null, [
          { pillar: 'iam', score: 100, grade: 'A' },
        ]),
      ]);

      await migrate(ENTITY_SCORES_COLUMNS_MIGRATION);

      const rows = await knex('entity_scores').orderBy('entity_ref');
      // The pillar columns a row has a value in (PostgreSQL's numbers as numbers).
      const columns = (row: Record<string, unknown>) =>
        Object.fromEntries(
          Object.values(PILLAR_COLUMNS)
            .flatMap(c => [c.score, c.grade])
            .filter(c => row[c] !== null)
            .map(c => [c, c.endsWith('_grade') ? row[c] : Number(row[c])]),
        );
      expect(rows.map(columns)).toEqual([
        { iam_score: 100, iam_grade: 'A' },
        {
          encryption_score: 74.4,
          encryption_grade: 'D',
          resilience_score: 50,
          resilience_grade: 'F',
        },
      ]);
      expect(rows.map(r => [r.entity_ref_key, r.owner_key])).toEqual([
        [sortKey('component:default/b-x'), null],
        [sortKey('component:default/b_x'), sortKey('group:default/Team')],
      ]);
      // The page reads them at once, in localeCompare's order ('_' < '-').
      const store = new DatabaseEntityScoreStore(knex);
      const page = await store.page(
        { orderBy: 'entityRef' },
        { all: true, allowed: async refs => new Set(refs) },
      );
      expect(page.items.map(r => r.entityRef)).toEqual([
        'component:default/b_x',
        'component:default/b-x',
      ]);
      await expect(
        store.page(
          { pillar: 'encryption', grade: 'D' },
          { all: true, allowed: async refs => new Set(refs) },
        ),
      ).resolves.toMatchObject({
        totalCount: 1,
        items: [{ entityRef: 'component:default/b_x' }],
      });

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: ENTITY_SCORES_COLUMNS_MIGRATION,
      });
      for (const column of ['entity_ref_key', 'owner_key', 'iam_score']) {
        await expect(
          knex.schema.hasColumn('entity_scores', column),
        ).resolves.toBe(false);
      }
      const kept = await knex('entity_scores')
        .select('entity_ref', 'pillars')
        .orderBy('entity_ref');
      expect(kept.map(r => r.entity_ref)).toEqual([
        'component:default/b-x',
        'component:default/b_x',
      ]);
      expect(JSON.parse(kept[0].pillars)).toEqual([
        { pillar: 'iam', score: 100, grade: 'A' },
      ]);

      await migrate(ENTITY_SCORES_COLUMNS_MIGRATION);
      const again = await knex('entity_scores')
        .where({ entity_ref: 'component:default/b-x' })
        .first();
      expect(Number(again.iam_score)).toBe(100);
      await knex.destroy();
    },
  );
});
