/**
 * Crash mid-scan (issue 9, part 2; issue 14, item 1). A scan stopped at any
 * point — its backend stopped while calls hang: heartbeats end, work in
 * flight is abandoned — leaves the last complete results intact, and the
 * scan recovers by itself: once the stopped worker's lease expires, a live
 * worker takes its targets back and collects them, whatever the scheduler's
 * task timeout; the next scan is never held. A target that runs past
 * `schedule.timeout` is cancelled. On SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseResultStore } from '../../checks/DatabaseResultStore';
import { createChaos } from './__testUtils__/chaos';
import { consoleLogger, realScheduler } from './__testUtils__/realScheduler';
import { createStack, demoEstate } from './__testUtils__/stack';

jest.setTimeout(90_000);

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

/** Claims per target of a scan, by `account/region`. */
async function attempts(knex: Knex, scanId: string) {
  const rows = await knex('inventory_scan_targets')
    .where({ scan_id: scanId })
    .select('account_id', 'region', 'attempts');
  return Object.fromEntries(
    rows.map(r => [`${r.account_id}/${r.region}`, Number(r.attempts)]),
  );
}

/** A backend whose worker hangs at call `stopAt`, then stops (no heartbeat, work abandoned). */
async function crashMidScan(knex: Knex, stopAt: number, seed: number) {
  const chaos = createChaos({ seed, hangFromAttempt: stopAt });
  const doomed = await createStack({
    knex,
    estate: await demoEstate(),
    intercept: chaos.intercept,
    lease: LEASE,
    // A full refresh (every related fact read again, not only the changed
    // ones: inventory/changes/), so that call 250 falls during the facts.
    config: { fullRefreshHours: 1e-9 },
  });
  const stuck = await doomed.inventory.scans.triggerScan({
    trigger: 'manual',
  });
  await until(() => chaos.log.attempts >= stopAt, `call ${stopAt}`);
  // As a crash: nothing handed back, nothing recorded.
  await doomed.inventory.scans.stop({ handBack: false });
  // The targets it was collecting when it stopped.
  const held = (
    await knex('inventory_scan_targets').where({
      scan_id: stuck.id,
      status: 'running',
    })
  ).map(r => `${r.account_id}/${r.region}`);
  return { chaos, stuck, held };
}

describe('crash mid-scan', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(
    databases.eachSupportedId().flatMap(([id]) =>
      // Stopped before the first call, during the listings, during the facts.
      [1, 60, 250].map(at => [id, at] as const),
    ),
  )(
    '%s: a backend stopped at call %i leaves the last results intact; the next backend takes its targets back and completes the scan (they were failed, not collected)',
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

      const { chaos, stuck, held } = await crashMidScan(knex, stopAt, 1);
      expect(held.length).toBeGreaterThan(0);

      // The last complete results are intact while the scan is stuck.
      expect(await snapshot(knex)).toEqual(before);
      expect((await first.inventory.store.getLatestScan())?.status).toBe(
        'running',
      );

      // A backend (re)started later recovers without manual steps: it takes
      // the stopped worker's targets back and collects every target.
      // Generous: a heartbeat in flight at the stop may still land.
      await sleep(LEASE.expireAfterMs * 2);
      const next = await createStack({
        knex,
        estate: await demoEstate(),
        lease: LEASE,
      });
      const recovered = await next.inventory.scans.waitForScan(stuck.id);
      expect(recovered?.status).toBe(good.status);
      expect(recovered!.targets.map(t => t.status)).not.toContain('failed');
      const claims = await attempts(knex, stuck.id);
      for (const target of held) expect(claims[target]).toBe(2);
      // Its results were evaluated: the same verdicts, newer.
      const afterRecovery = await snapshot(knex);
      expect(statuses(afterRecovery)).toEqual(statuses(before));
      expect(afterRecovery[0].evaluatedAt > before[0].evaluatedAt).toBe(true);

      const fresh = await next.scan();
      expect(fresh.id).not.toBe(stuck.id);
      expect(fresh.status).toBe(good.status);
      expect(statuses(await snapshot(knex))).toEqual(statuses(before));
      chaos.release();
    },
  );

  it.each(databases.eachSupportedId())(
    '%s: a backend restarted within the lease takes the dead worker targets back when it expires, with no trigger, under the real scheduler (the scan stayed running 7 min after the kill, the next one queued 22 min)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const lease = { heartbeatMs: 100, expireAfterMs: 1500 };
      const first = await createStack({ knex, estate: await demoEstate() });
      const t0 = Date.now();
      const good = await first.scan();
      const oneScanMs = Date.now() - t0;

      const { chaos, stuck, held } = await crashMidScan(knex, 60, 3);
      const crashedAt = Date.now();
      // Restarted at once (as an orchestrator does), with Backstage's real
      // scheduler: recovery must not wait for a trigger or a task timeout.
      const { scheduler, shutdown } = realScheduler(
        knex,
        consoleLogger('restarted', true),
      );
      const next = await createStack({
        knex,
        estate: await demoEstate(),
        scheduler,
        lease,
        config: {
          schedule: { frequency: { hours: 6 }, timeout: { hours: 1 } },
        },
      });
      let recovered = await next.inventory.store.getScan(stuck.id);
      for (let i = 0; i < 1200 && recovered?.status === 'running'; i++) {
        await sleep(50);
        recovered = await next.inventory.store.getScan(stuck.id);
      }
      const recoveredMs = Date.now() - crashedAt;
      expect(recovered?.status).toBe(good.status);
      const claims = await attempts(knex, stuck.id);
      for (const target of held) expect(claims[target]).toBe(2);
      // Within the lease plus a scan (twice, and 10 s, for a loaded machine),
      // where the scheduler's task timeout (1 h here) used to hold it.
      expect(recoveredMs).toBeLessThanOrEqual(
        lease.expireAfterMs + lease.heartbeatMs + 2 * oneScanMs + 10_000,
      );

      // The next scan runs at once (no lock of the dead process holds it).
      const t1 = Date.now();
      const fresh = await next.scan();
      expect(fresh.id).not.toBe(stuck.id);
      expect(fresh.status).toBe(good.status);
      const nextMs = Date.now() - t1;
      expect(nextMs).toBeLessThanOrEqual(2 * oneScanMs + 10_000);
      // eslint-disable-next-line no-console
      console.log(
        `${databaseId}: one scan ${oneScanMs} ms, lease ${lease.expireAfterMs} ms; the stuck scan finished ${recoveredMs} ms after the crash; the next scan took ${nextMs} ms`,
      );
      await shutdown();
      chaos.release();
    },
  );

  it.each(databases.eachSupportedId())(
    '%s: a backend shut down gracefully hands its targets back; another finishes the scan without waiting for the lease',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const lease = { heartbeatMs: 1000, expireAfterMs: 10 * 60_000 };
      const chaos = createChaos({ seed: 4, hangFromAttempt: 1 });
      const leaving = await createStack({
        knex,
        estate: await demoEstate(),
        intercept: chaos.intercept,
        lease,
      });
      const scan = await leaving.inventory.scans.triggerScan({
        trigger: 'manual',
      });
      await until(() => chaos.log.attempts >= 1, 'the first call');
      expect(
        (await leaving.inventory.scans.getScan(scan.id))!.targets.filter(
          t => t.status === 'running',
        ).length,
      ).toBeGreaterThan(0);
      // A rolling deploy stops it (the plugin's shutdown hook).
      await leaving.inventory.scans.stop();
      expect(
        (await leaving.inventory.scans.getScan(scan.id))!.targets.map(
          t => t.status,
        ),
      ).toEqual(scan.targets.map(() => 'pending'));

      const t0 = Date.now();
      const next = await createStack({
        knex,
        estate: await demoEstate(),
        lease,
      });
      const done = await next.inventory.scans.waitForScan(scan.id);
      expect(['succeeded', 'partial']).toContain(done?.status);
      expect(done!.targets.map(t => t.status)).not.toContain('failed');
      // Handed back, not abandoned: the claim did not count.
      expect(Object.values(await attempts(knex, scan.id))).toEqual(
        scan.targets.map(() => 1),
      );
      expect(Date.now() - t0).toBeLessThan(lease.expireAfterMs);
      chaos.release();
    },
  );

  it.each(databases.eachSupportedId())(
    '%s: a target collecting past schedule.timeout is cancelled (failed, last results kept); its late outcome is dropped',
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
        config: {
          // Every target is running when the hang comes (a full refresh:
          // a change-driven rescan makes too few calls for attempt 30).
          concurrency: { regions: 4 },
          schedule: { frequency: { hours: 1 }, timeout: { seconds: 2 } },
          fullRefreshHours: 1e-9,
        },
      });
      const { scans } = stack.inventory;
      const scan = await scans.triggerScan({ trigger: 'schedule' });
      const cancelled = (await scans.waitForScan(scan.id))!;
      expect(chaos.log.attempts).toBeGreaterThanOrEqual(30);
      expect(cancelled.status).toBe('failed');
      expect(
        cancelled.targets.map(t => [
          t.status,
          t.errors.map(e => e.message.split(':')[0]),
        ]),
      ).toEqual(scan.targets.map(() => ['failed', ['Cancelled']]));
      expect(cancelled.targets[0].errors[0].message).toContain(
        'sagemakerSecurity.schedule.timeout',
      );
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
