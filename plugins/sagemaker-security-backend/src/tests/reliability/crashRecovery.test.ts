/**
 * Crash mid-scan (issue 9, part 2). A scan stopped at any point — its
 * backend stopped while calls hang, or its tasks cancelled — leaves the last
 * complete results intact, and the next scan recovers by itself: the stopped
 * worker's targets are failed once their heartbeat lease expires, and a new
 * scan runs to completion. On SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseResultStore } from '../../checks/DatabaseResultStore';
import { createChaos } from './__testUtils__/chaos';
import { createStack, demoEstate } from './__testUtils__/stack';

jest.setTimeout(60_000);

const LEASE = { heartbeatMs: 20, expireAfterMs: 300 };
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
  if (!condition()) throw new Error(`Timed out waiting for ${what}`);
}

async function snapshot(knex: Knex) {
  const results = await new DatabaseResultStore(knex).listResults({});
  return results.map(r => ({ ...r }));
}

const statuses = (
  results: Array<{ resourceArn: string; checkId: string; status: string }>,
) =>
  Object.fromEntries(
    results.map(r => [`${r.resourceArn}|${r.checkId}`, r.status]),
  );

describe('crash mid-scan', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(
    databases.eachSupportedId().flatMap(([id]) =>
      // Stopped before the first call, during the listings, during the facts.
      [1, 60, 250].map(at => [id, at] as const),
    ),
  )(
    '%s: a backend stopped at call %i leaves the last results intact; the next scan recovers',
    async (databaseId, stopAt) => {
      const knex = await databases.init(databaseId);
      const first = await createStack({
        knex,
        estate: await demoEstate(),
        lease: LEASE,
      });
      const good = await first.scan();
      const before = await snapshot(knex);
      expect(before.length).toBeGreaterThan(1000);

      // A second backend starts a scan, its calls hang, then it stops.
      const chaos = createChaos({ seed: 1, hangFromAttempt: stopAt });
      const doomed = await createStack({
        knex,
        estate: await demoEstate(),
        intercept: chaos.intercept,
        lease: LEASE,
      });
      const stuck = await doomed.inventory.scans.triggerScan({
        trigger: 'manual',
      });
      await until(() => chaos.log.attempts >= stopAt, `call ${stopAt}`);
      doomed.inventory.scans.stop();

      // The last complete results are intact while the scan is stuck.
      expect(await snapshot(knex)).toEqual(before);
      expect((await first.inventory.store.getLatestScan())?.status).toBe(
        'running',
      );

      // A backend (re)started later recovers without manual steps.
      // Generous: a heartbeat in flight at the stop may still land.
      await sleep(LEASE.expireAfterMs * 2);
      const next = await createStack({
        knex,
        estate: await demoEstate(),
        lease: LEASE,
      });
      const recovered = await next.inventory.store.getScan(stuck.id);
      expect(['partial', 'failed']).toContain(recovered?.status);
      const stopped = recovered!.targets.filter(t =>
        t.errors.some(e => /stopped|abandoned/.test(e.message)),
      );
      expect(stopped.length).toBeGreaterThan(0);
      expect(stopped.every(t => t.status === 'failed')).toBe(true);

      const fresh = await next.scan();
      expect(fresh.id).not.toBe(stuck.id);
      expect(fresh.status).toBe(good.status);
      const after = await snapshot(knex);
      expect(statuses(after)).toEqual(statuses(before));
      expect(after[0].evaluatedAt > before[0].evaluatedAt).toBe(true);
      chaos.release();
    },
  );

  it.each(databases.eachSupportedId())(
    '%s: cancelled scan tasks fail their targets; late outcomes are dropped',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const first = await createStack({ knex, estate: await demoEstate() });
      await first.scan();
      const before = await snapshot(knex);

      const chaos = createChaos({ seed: 2, hangFromAttempt: 30 });
      const stack = await createStack({
        knex,
        estate: await demoEstate(),
        intercept: chaos.intercept,
        // Every target's task is running when the abort comes.
        config: { concurrency: { regions: 4 } },
      });
      const { scans } = stack.inventory;
      // Scheduler-style: each target is a task that may be aborted.
      scans.useDispatcher(async () => {});
      const scan = await scans.triggerScan({ trigger: 'schedule' });
      const controller = new AbortController();
      const tasks = scan.targets.map(t =>
        scans.runPendingTargets(t, controller.signal),
      );
      await until(() => chaos.log.attempts >= 30, 'the hang');
      controller.abort();
      await Promise.all(tasks);

      const cancelled = (await scans.getScan(scan.id))!;
      expect(cancelled.status).toBe('failed');
      expect(
        cancelled.targets.map(t => [
          t.status,
          t.errors.map(e => e.message.split(':')[0]),
        ]),
      ).toEqual(scan.targets.map(() => ['failed', ['Cancelled']]));
      expect(await snapshot(knex)).toEqual(before);

      // The hung calls finish late: their outcome does not resurrect the target.
      chaos.release();
      await sleep(300);
      const later = (await scans.getScan(scan.id))!;
      expect(later.targets).toEqual(cancelled.targets);
      expect(later.status).toBe(cancelled.status);

      const next = await first.scan();
      expect(next.id).not.toBe(scan.id);
      expect(['succeeded', 'partial']).toContain(next.status);
    },
  );
});
