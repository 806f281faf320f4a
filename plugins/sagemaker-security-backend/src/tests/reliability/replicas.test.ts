/**
 * Two replicas on one PostgreSQL database (issue 9, part 3). Each replica
 * has its own connection pool, scan service and check engine, as two
 * backend processes would. Both are asked for a scan at the same moment,
 * and, as with the scheduler's per-target tasks, both work on every target.
 * One scan runs at a time, each target is collected once, the scan is
 * announced (evaluated) once, and the stored state is the one a single
 * backend produces.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseResultStore } from '../../checks/DatabaseResultStore';
import { DatabaseInventoryStore } from '../../inventory/store/DatabaseInventoryStore';
import { databaseOf } from '../../inventory/__testUtils__/harness';
import type { ClientCustomizer } from '../../inventory/aws/clients';
import type { ScanRun } from '../../inventory/InventoryStore';
import { createStack, demoEstate, Stack } from './__testUtils__/stack';

jest.setTimeout(60_000);

/** Counts the first listing of each target: one per collection of it. */
function listingCounter() {
  const counts = new Map<string, number>();
  const attach: ClientCustomizer = (client, info) => {
    client.middlewareStack.add(
      (next: any, context: { commandName?: string }) => async (args: any) => {
        if (context.commandName === 'ListNotebookInstancesCommand') {
          const key = `${info.accountId}/${info.region}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return next(args);
      },
      { step: 'initialize', priority: 'low', name: 'countListings' },
    );
  };
  return { attach, counts };
}

async function resultStatuses(knex: Knex) {
  const results = await new DatabaseResultStore(knex).listResults({});
  return Object.fromEntries(
    results.map(r => [`${r.resourceArn}|${r.checkId}`, r.status]),
  );
}

describe('two replicas on one PostgreSQL database', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    '%s: one scan at a time, each target once, one evaluation',
    async databaseId => {
      const knexA = await databases.init(databaseId);
      const knexB = knexFactory(knexA.client.config);
      const counter = listingCounter();
      const replicas: Stack[] = [];
      for (const knex of [knexA, knexB]) {
        replicas.push(
          await createStack({
            knex,
            estate: await demoEstate(),
            customize: counter.attach,
          }),
        );
      }
      const finished: Array<{ replica: number; scan: ScanRun }> = [];
      const work: Array<Promise<void>> = [];
      replicas.forEach((replica, i) => {
        replica.inventory.scans.onScanFinished(scan => {
          finished.push({ replica: i, scan });
        });
        // Like the scheduler: every replica may pick up every target.
        replica.inventory.scans.useDispatcher(async scan => {
          for (const r of replicas) {
            for (const target of scan.targets) {
              work.push(r.inventory.scans.runPendingTargets(target));
            }
          }
        });
      });

      const rounds = 3;
      const scanIds: string[] = [];
      for (let round = 0; round < rounds; round++) {
        counter.counts.clear();
        const [a, b] = await Promise.all(
          replicas.map(r =>
            r.inventory.scans.triggerScan({ trigger: 'manual' }),
          ),
        );
        expect(b.id).toBe(a.id); // the second replica got the running scan
        scanIds.push(a.id);
        while (work.length) await Promise.all(work.splice(0));

        const scan = (await replicas[0].inventory.store.getScan(a.id))!;
        expect(scan.status).toBe('partial'); // the demo estate's own two faults
        expect(scan.targets.map(t => t.status)).not.toContain('failed');
        // Each target was collected exactly once, by one replica or the other.
        expect([...counter.counts.values()]).toEqual(scan.targets.map(() => 1));
      }

      // Announced (and so evaluated) once per scan, by whichever finished it.
      expect(finished.map(f => f.scan.id).sort()).toEqual([...scanIds].sort());
      // Never two scans at once.
      const scans = await knexA('inventory_scans').orderBy('started_at');
      expect(scans).toHaveLength(rounds);
      for (let i = 1; i < scans.length; i++) {
        expect(scans[i].started_at >= scans[i - 1].finished_at).toBe(true);
      }
      expect(scans.filter(s => s.active_slot !== null)).toEqual([]);

      // The stored state is what one backend alone produces.
      const last = (await replicas[1].inventory.store.getScan(scanIds[2]))!;
      const { items } = await replicas[1].inventory.store.listResources({
        limit: 5000,
      });
      expect(items).toHaveLength(
        last.targets.reduce((n, t) => n + t.resourceCount, 0),
      );
      const alone = await databases.init(databaseId);
      await (
        await createStack({ knex: alone, estate: await demoEstate() })
      ).scan();
      expect(await resultStatuses(knexA)).toEqual(await resultStatuses(alone));
      await knexB.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    '%s: replicas writing the same facts and resources at once do not collide',
    async databaseId => {
      const knexA = await databases.init(databaseId);
      const knexB = knexFactory(knexA.client.config);
      const stores = [
        await DatabaseInventoryStore.create({ database: databaseOf(knexA) }),
        await DatabaseInventoryStore.create({ database: databaseOf(knexB) }),
      ];
      // Two regions of one account share its roles: both replicas store them.
      const role = (n: number, seen: string) => ({
        kind: 'iam-role' as const,
        key: `arn:aws:iam::111122223333:role/r${n}`,
        accountId: '111122223333',
        region: 'global',
        data: {
          arn: `arn:aws:iam::111122223333:role/r${n}`,
          roleName: `r${n}`,
          seen,
        },
        errors: [],
      });
      const resource = (n: number, replica: number) => ({
        arn: `arn:aws:sagemaker:us-east-1:111122223333:model/m${n}`,
        type: 'model' as const,
        name: `m${n}`,
        accountId: '111122223333',
        region: 'us-east-1',
        tags: { replica: String(replica), team: 'x' },
        description: { ModelName: `m${n}`, replica },
        errors: [],
      });
      for (let round = 0; round < 10; round++) {
        const at = new Date(Date.UTC(2026, 10, 26, 12, round)).toISOString();
        await Promise.all(
          stores.flatMap((store, i) => [
            store.upsertFacts(
              [0, 1, 2, 3].map(n => role(round * 4 + n, `${i}`) as any),
              at,
            ),
            store.upsertResources(
              [0, 1, 2].map(n => resource(round * 3 + n, i)),
              at,
            ),
          ]),
        );
      }
      const facts = await knexA('inventory_facts');
      expect(facts).toHaveLength(40);
      const resources = await stores[0].listResources({ limit: 100 });
      expect(resources.items).toHaveLength(30);
      // Each row is one replica's whole write, tags included: never a mix.
      for (const r of resources.items) {
        expect(r.tags.replica).toBe(String(r.description.replica));
      }
      await knexB.destroy();
    },
  );
});
