/**
 * The fact-refresh bookkeeping (changes/plan.ts): how each target's facts
 * were read is recorded with its outcome, a rescan finds its last complete
 * full read and fact read, skipped facts stay seen; and the migration adding
 * the columns goes down and up again. On SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';
import { MIGRATIONS_DIR } from './migrate';

jest.setTimeout(60_000);

const MIGRATION = '20261210100000_fact_refresh.js';
const TARGET = { accountId: '111111111111', region: 'eu-west-1' };
const OTHER = { accountId: '111111111111', region: 'us-east-1' };

describe('fact refresh bookkeeping', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'finds the last complete reads and keeps facts seen; migrates down and up, on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseInventoryStore.create({
        database: { getClient: async () => knex, migrations: { skip: false } },
      });
      expect(await store.getFactRefresh(TARGET)).toEqual({});

      /** A finished scan of both targets; TARGET's outcome as given. */
      const finished = async (
        startedAt: string,
        status: 'succeeded' | 'partial' | 'failed',
        mode?: 'full' | 'events' | 'fallback',
      ) => {
        const { scan } = await store.startScan({
          trigger: 'manual',
          targets: [TARGET, OTHER],
        });
        for (const target of [TARGET, OTHER]) {
          const claim = await store.claimScanTarget(scan.id, target);
          const own = target === TARGET;
          await store.finishScanTarget(claim!, {
            status: own ? status : 'succeeded',
            resourceCount: 0,
            errorCount: 0,
            startedAt,
            finishedAt: startedAt,
            errors: [],
            ...(own && mode
              ? { changeSource: { mode, reason: `${mode} because` } }
              : {}),
            ...(!own ? { changeSource: { mode: 'full' as const } } : {}),
          });
        }
        await store.completeScan(scan.id, 'succeeded');
        return scan.id;
      };

      const first = await finished(
        '2026-12-01T00:00:00.000Z',
        'partial',
        'full',
      );
      // The newest complete read was partial: a rescan lists every type.
      expect(await store.getFactRefresh(TARGET)).toEqual({
        lastFullAt: '2026-12-01T00:00:00.000Z',
        lastReadAt: '2026-12-01T00:00:00.000Z',
        lastSucceeded: false,
      });
      expect((await store.getScan(first))!.targets).toContainEqual(
        expect.objectContaining({
          ...TARGET,
          changeSource: { mode: 'full', reason: 'full because' },
        }),
      );
      await finished('2026-12-01T01:00:00.000Z', 'succeeded', 'events');
      // Failed, or no fact read: not a complete read.
      await finished('2026-12-01T02:00:00.000Z', 'failed', 'events');
      await finished('2026-12-01T03:00:00.000Z', 'succeeded');
      expect(await store.getFactRefresh(TARGET)).toEqual({
        lastFullAt: '2026-12-01T00:00:00.000Z',
        lastReadAt: '2026-12-01T01:00:00.000Z',
        lastSucceeded: true,
      });
      await finished('2026-12-01T04:00:00.000Z', 'succeeded', 'fallback');
      expect(await store.getFactRefresh(TARGET)).toEqual({
        lastFullAt: '2026-12-01T04:00:00.000Z',
        lastReadAt: '2026-12-01T04:00:00.000Z',
        lastSucceeded: true,
      });

      // Kept facts: only last_seen_at moves, and never back.
      const fact = {
        kind: 'guardduty' as const,
        key: '-',
        ...TARGET,
        data: { detectors: [] },
        errors: [],
      };
      await store.upsertFacts([fact], '2026-12-01T00:00:00.000Z');
      await store.touchFacts([fact], '2026-12-01T05:00:00.000Z');
      await store.touchFacts([fact], '2026-12-01T04:30:00.000Z');
      const row = await knex('inventory_facts').first();
      expect([row.last_seen_at, row.updated_at]).toEqual([
        '2026-12-01T05:00:00.000Z',
        '2026-12-01T00:00:00.000Z',
      ]);

      // Two targets of an account keep the same facts at once, in their own
      // orders: neither waits for the other forever (no deadlock).
      const shared = Array.from({ length: 150 }, (_, i) => ({
        ...fact,
        kind: 'iam-role' as const,
        region: 'global',
        key: `arn:aws:iam::111111111111:role/r-${i}`,
      }));
      await store.upsertFacts(shared, '2026-12-01T00:00:00.000Z');
      for (let round = 1; round <= 5; round++) {
        const at = `2026-12-02T0${round}:00:00.000Z`;
        await Promise.all([
          store.touchFacts(shared, at),
          store.touchFacts([...shared].reverse(), at),
          store.upsertFacts([...shared].reverse(), at),
        ]);
      }
      expect(
        new Set(
          (
            await knex('inventory_facts')
              .where({ kind: 'iam-role' })
              .select('last_seen_at')
          ).map(r => r.last_seen_at),
        ),
      ).toEqual(new Set(['2026-12-02T05:00:00.000Z']));

      await knex.migrate.down({ directory: MIGRATIONS_DIR, name: MIGRATION });
      expect(
        await knex.schema.hasColumn('inventory_scan_targets', 'fact_source'),
      ).toBe(false);
      // The targets' other columns are untouched.
      expect(
        await knex('inventory_scan_targets').where({ scan_id: first }),
      ).toHaveLength(2);
      await knex.migrate.up({ directory: MIGRATIONS_DIR, name: MIGRATION });
      expect(
        await knex.schema.hasColumn('inventory_scan_targets', 'fact_source'),
      ).toBe(true);
      expect(await store.getFactRefresh(TARGET)).toEqual({});
      await knex.destroy();
    },
  );
});
