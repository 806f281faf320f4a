/**
 * The org page's indexes: a descending page and the count of services with
 * a score read indexes on SQLite instead of sorting or reading every row,
 * and the migration goes down and up again, on SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  ENTITY_SCORES_ORDER_INDEXES_MIGRATION,
  MIGRATIONS_DIRECTORY,
} from '../service/__testUtils__/migrations';
import { DatabaseEntityScoreStore } from './DatabaseEntityScoreStore';

jest.setTimeout(60_000);

const NEW_INDEXES = [
  'entity_scores_counted_idx',
  'entity_scores_fail_desc_idx',
  'entity_scores_owner_key_desc_idx',
  'entity_scores_resource_count_desc_idx',
  'entity_scores_score_desc_idx',
];

async function indexes(knex: Knex): Promise<string[]> {
  const rows =
    knex.client.config.client === 'pg'
      ? await knex('pg_indexes')
          .where({ tablename: 'entity_scores' })
          .select({ name: 'indexname' })
      : await knex('sqlite_master')
          .where({ type: 'index', tbl_name: 'entity_scores' })
          .select('name');
  return rows.map((r: { name: string }) => r.name).sort();
}

/** SQLite's plan of a statement, one line per step. */
async function plan(knex: Knex, query: Knex.QueryBuilder): Promise<string> {
  const { sql, bindings } = query.toSQL();
  const rows = await knex.raw(`explain query plan ${sql}`, bindings as any);
  return rows.map((r: { detail: string }) => r.detail).join('\n');
}

describe('entity_scores order indexes migration', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  it.each(databases.eachSupportedId())(
    'adds the indexes, goes down and up again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await indexes(knex)).toEqual(expect.arrayContaining(NEW_INDEXES));
      // The store reads and writes through them.
      const store = new DatabaseEntityScoreStore(knex);
      expect(
        await store.page(
          { orderBy: 'fail', order: 'desc' },
          { all: true, allowed: async refs => new Set(refs) },
        ),
      ).toMatchObject({ items: [], totalCount: 0 });

      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: ENTITY_SCORES_ORDER_INDEXES_MIGRATION,
      });
      const after = await indexes(knex);
      for (const name of NEW_INDEXES) expect(after).not.toContain(name);
      await knex.migrate.up({
        directory: MIGRATIONS_DIRECTORY,
        name: ENTITY_SCORES_ORDER_INDEXES_MIGRATION,
      });
      expect(await indexes(knex)).toEqual(expect.arrayContaining(NEW_INDEXES));
    },
  );

  it('lets SQLite page in descending order and count scored services from indexes', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const table = () => knex('entity_scores').where('resource_count', '>', 0);
    for (const column of ['fail_count', 'resource_count', 'score']) {
      const steps = await plan(
        knex,
        table()
          .select('entity_ref')
          .orderBy(column, 'desc')
          .orderBy('entity_ref_key', 'asc')
          .limit(50),
      );
      expect(steps).not.toContain('TEMP B-TREE');
    }
    for (const column of ['score', 'iam_score', 'owner_key']) {
      const counting = await plan(
        knex,
        table().whereNotNull(column).count({ count: '*' }),
      );
      expect(counting).toContain('COVERING INDEX entity_scores_counted_idx');
    }
  });
});
