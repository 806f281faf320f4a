/**
 * After an evaluation that changed nothing, the scorecard service writes
 * nothing either: no result, history, input, score or daily-score row (the
 * catalog is only compared with what the last scoring saw). A change of a
 * resource's tags (what links it to its service) rescores, on SQLite and
 * PostgreSQL.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { createScorecardService } from './createScorecardService';
import { migrateResultsTables } from './__testUtils__/migrations';
import { InMemoryInventoryStore } from './__testUtils__/InMemoryInventoryStore';
import { testChecks } from './__testUtils__/fixtures';
import { entities, seedEstate } from './__testUtils__/estate';

jest.setTimeout(60_000);

function countWrites(knex: Knex) {
  const writes: string[] = [];
  const listener = (query: { sql: string }) => {
    const sql = query.sql.trim().toLowerCase();
    if (
      /^(insert|update|delete)/.test(sql) &&
      !sql.includes('evaluation_targets')
    ) {
      writes.push(sql.slice(0, 50));
    }
  };
  knex.on('query', listener);
  return { writes, stop: () => knex.removeListener('query', listener) };
}

describe('scorecard service after an evaluation with no changes', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  it.each(databases.eachSupportedId())(
    'writes no row, and rescores when a resource changed, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateResultsTables(knex);
      const inventory = new InMemoryInventoryStore();
      await seedEstate(inventory);
      const backend = await createScorecardService({
        config: new ConfigReader({}),
        logger: mockServices.logger.mock(),
        knex,
        inventory,
        checks: testChecks,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        permissions: mockServices.permissions(),
        userInfo: mockServices.userInfo(),
      });
      const first = await backend.evaluateNow();
      expect(first.changed).toBe(true);
      const scored = await knex('entity_scores').count({ n: '*' });
      expect(Number(scored[0].n)).toBeGreaterThan(0);

      const counter = countWrites(knex);
      const again = await backend.evaluateNow();
      counter.stop();
      expect(again).toMatchObject({ evaluated: 0, changed: false });
      expect(counter.writes).toEqual([]);

      // A resource's tags change (and so may its links): everything rescored.
      const [resource] = (await inventory.listResources({})).items;
      await inventory.upsertResources(
        [{ ...resource, tags: { ...resource.tags, extra: 'x' } }],
        new Date().toISOString(),
      );
      const counter2 = countWrites(knex);
      const changed = await backend.evaluateNow();
      counter2.stop();
      // The resource, and those that read it (e.g. an endpoint its config).
      expect(changed.changed).toBe(true);
      expect(changed.evaluated).toBeGreaterThanOrEqual(1);
      expect(changed.evaluated).toBeLessThan(first.evaluated);
      expect(counter2.writes.some(w => w.includes('entity_score'))).toBe(true);
    },
  );
});
