import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIR } from './migrate';

jest.setTimeout(60_000);

const MIGRATION = '20261126100000_inventory.js';
const TABLES = [
  'inventory_scans',
  'inventory_scan_targets',
  'inventory_resources',
  'inventory_resource_tags',
  'inventory_facts',
];

describe('inventory migration', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'goes up and down cleanly on %s',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.up({ directory: MIGRATIONS_DIR, name: MIGRATION });
      for (const table of TABLES)
        expect(await knex.schema.hasTable(table)).toBe(true);

      await knex('inventory_scans').insert({
        id: 's1',
        trigger: 'manual',
        status: 'queued',
        started_at: 'x',
      });
      await knex('inventory_resources').insert({
        arn: 'a',
        type: 'model',
        name: 'm',
        account_id: '111111111111',
        region: 'us-east-1',
        tags: '{}',
        description: '{}',
        errors: '[]',
        content_hash: 'h',
        first_seen_at: 'x',
        last_seen_at: 'x',
        updated_at: 'x',
      });
      await knex('inventory_resource_tags').insert({
        arn: 'a',
        key: 'k',
        value: 'v',
      });
      expect(
        await knex('inventory_resource_tags').select('key', 'value'),
      ).toEqual([{ key: 'k', value: 'v' }]);

      await knex.migrate.down({ directory: MIGRATIONS_DIR, name: MIGRATION });
      for (const table of TABLES)
        expect(await knex.schema.hasTable(table)).toBe(false);
      await knex.destroy();
    },
  );
});
