/**
 * The migration behind crash recovery and replica coordination goes up and
 * down cleanly, and its unique index admits one active scan at a time.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIR } from '../../inventory/store/migrate';

jest.setTimeout(60_000);

const MIGRATION = '20261126210000_scan_coordination.js';

describe('scan coordination migration', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    '%s: up, one active scan, down',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      expect(
        await knex.schema.hasColumn('inventory_scans', 'active_slot'),
      ).toBe(true);
      expect(
        await knex.schema.hasColumn('inventory_scan_targets', 'heartbeat_at'),
      ).toBe(true);

      const scan = (n: number, slot: string | null) => ({
        id: `s${n}`,
        trigger: 'manual',
        status: slot ? 'running' : 'succeeded',
        started_at: `2026-11-26T10:0${n}:00.000Z`,
        active_slot: slot,
      });
      await knex('inventory_scans').insert([scan(1, null), scan(2, null)]);
      await knex('inventory_scans').insert(scan(3, 'active'));
      const second = await knex('inventory_scans')
        .insert(scan(4, 'active'))
        .then(
          () => 'inserted',
          (error: Error) => error.message,
        );
      expect(second).toMatch(/unique|duplicate/i);
      expect(await knex('inventory_scans').count('* as n')).toEqual([
        { n: id === 'POSTGRES_15' ? '3' : 3 },
      ]);

      await knex.migrate.down({ directory: MIGRATIONS_DIR, name: MIGRATION });
      expect(
        await knex.schema.hasColumn('inventory_scans', 'active_slot'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('inventory_scan_targets', 'heartbeat_at'),
      ).toBe(false);
      await knex.destroy();
    },
  );
});
