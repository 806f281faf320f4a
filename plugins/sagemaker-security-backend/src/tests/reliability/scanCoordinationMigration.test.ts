/**
 * The migrations behind crash recovery and replica coordination go up and
 * down cleanly: the unique index admits one active scan at a time, and the
 * claim columns let a worker take back the target of a stopped one.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS_DIR } from '../../inventory/store/migrate';

jest.setTimeout(60_000);

const MIGRATION = '20261126210000_scan_coordination.js';
const CLAIMS = '20261202100000_scan_target_claims.js';

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

  it.each(databases.eachSupportedId())(
    '%s: claims: up adds claim_id and attempts (0 for targets already stored), down removes them',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.up({
        directory: MIGRATIONS_DIR,
        name: '20261126100000_inventory.js',
      });
      await knex.migrate.up({
        directory: MIGRATIONS_DIR,
        name: '20261126200000_results.js',
      });
      await knex.migrate.up({ directory: MIGRATIONS_DIR, name: MIGRATION });
      await knex.migrate.up({
        directory: MIGRATIONS_DIR,
        name: '20261126230000_entity_scores.js',
      });
      await knex('inventory_scans').insert({
        id: 's1',
        trigger: 'manual',
        status: 'running',
        started_at: '2026-12-01T10:00:00.000Z',
        active_slot: 'active',
      });
      const target = (region: string, status: string) => ({
        scan_id: 's1',
        account_id: '111111111111',
        region,
        status,
        resource_count: 0,
        error_count: 0,
        errors: '[]',
      });
      await knex('inventory_scan_targets').insert(
        target('us-east-1', 'running'),
      );

      await knex.migrate.up({ directory: MIGRATIONS_DIR, name: CLAIMS });
      expect(
        await knex('inventory_scan_targets').select('claim_id', 'attempts'),
      ).toEqual([{ claim_id: null, attempts: 0 }]);
      await knex('inventory_scan_targets').insert({
        ...target('eu-west-1', 'running'),
        claim_id: '6f1f5b1e-8d1c-4a52-9a43-0d5c2f0e1a77',
        attempts: 1,
      });
      // A claim is found by its id (what heartbeats and outcomes match on).
      expect(
        await knex('inventory_scan_targets')
          .where({ claim_id: '6f1f5b1e-8d1c-4a52-9a43-0d5c2f0e1a77' })
          .select('region'),
      ).toEqual([{ region: 'eu-west-1' }]);

      await knex.migrate.down({ directory: MIGRATIONS_DIR, name: CLAIMS });
      expect(
        await knex.schema.hasColumn('inventory_scan_targets', 'claim_id'),
      ).toBe(false);
      expect(
        await knex.schema.hasColumn('inventory_scan_targets', 'attempts'),
      ).toBe(false);
      expect(await knex('inventory_scan_targets').count('* as n')).toEqual([
        { n: id === 'POSTGRES_15' ? '2' : 2 },
      ]);
      await knex.destroy();
    },
  );
});
