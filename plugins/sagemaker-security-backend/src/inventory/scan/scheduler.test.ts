import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { fullEstate } from '../__testUtils__/fullEstate';
import { databaseOf, sqliteMemory } from '../__testUtils__/harness';
import { AwsSimulator } from '../simulator/AwsSimulator';
import {
  createInventory,
  SCAN_TASK_ID,
  WORKER_TASK_ID,
} from './createInventory';

const clientOptions = { retryTuning: { baseDelayMs: 1, minFillRate: 1000 } };

function twoRegionEstate() {
  const estate = fullEstate();
  estate.accounts[0].regions.push({ region: 'eu-west-1', sagemaker: {} });
  return estate;
}

async function until<T>(read: () => Promise<T | undefined>, what: string) {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('scans through the scheduler', () => {
  it('runs the periodic scan as a global task and the worker as a local task of every replica', async () => {
    const scheduler = mockServices.scheduler();
    const inventory = await createInventory({
      config: new ConfigReader({ sagemakerSecurity: { scanOnStartup: false } }),
      logger: mockServices.logger.mock(),
      database: databaseOf(sqliteMemory()),
      scheduler,
      simulator: new AwsSimulator(twoRegionEstate()),
      clientOptions,
    });
    const tasks = await scheduler.getScheduledTasks();
    expect(tasks.map(t => [t.id, t.scope]).sort()).toEqual(
      [
        [WORKER_TASK_ID, 'local'],
        [SCAN_TASK_ID, 'global'],
      ].sort(),
    );
    const finished: string[] = [];
    inventory.scans.onScanFinished(scan => {
      finished.push(scan.id);
    });

    await scheduler.triggerTask(SCAN_TASK_ID);
    const scan = await until(async () => {
      const latest = await inventory.scans.getLatestScan();
      return latest?.status === 'succeeded' ? latest : undefined;
    }, 'the scan');
    expect(scan).toMatchObject({ trigger: 'schedule' });
    expect(scan.targets.map(t => t.status)).toEqual(['succeeded', 'succeeded']);
    expect(finished).toEqual([scan.id]);
    // The worker's poll finds no pending work and starts nothing.
    await scheduler.triggerTask(WORKER_TASK_ID);
    expect((await inventory.scans.getLatestScan())?.id).toBe(scan.id);
  });

  it('a scan is not held by scheduler task locks: with every task trigger refused (a dead process holds the lock), it still runs (was queued for 22 min)', async () => {
    const refused: string[] = [];
    const scheduler = mockServices.scheduler.mock({
      triggerTask: async id => {
        refused.push(id);
        throw new ConflictError(`Task ${id} is currently running`);
      },
    });
    const inventory = await createInventory({
      config: new ConfigReader({ sagemakerSecurity: { scanOnStartup: false } }),
      logger: mockServices.logger.mock(),
      database: databaseOf(sqliteMemory()),
      scheduler,
      simulator: new AwsSimulator(twoRegionEstate()),
      clientOptions,
    });
    const started = await inventory.scans.triggerScan({ trigger: 'manual' });
    const scan = await until(async () => {
      const current = await inventory.scans.getScan(started.id);
      return current?.status === 'succeeded' ? current : undefined;
    }, 'the scan to run although every scheduler trigger is refused');
    expect(scan.targets.map(t => t.status)).toEqual(['succeeded', 'succeeded']);
    expect(refused).toEqual([]);
  });

  it('a scan whose targets cannot be claimed says why in the log, and runs at the next worker poll (the refusal was swallowed)', async () => {
    const logger = mockServices.logger.mock();
    const inventory = await createInventory({
      config: new ConfigReader({ sagemakerSecurity: { scanOnStartup: false } }),
      logger,
      database: databaseOf(sqliteMemory()),
      simulator: new AwsSimulator(twoRegionEstate()),
      clientOptions,
    });
    const { store } = inventory;
    const claim = store.claimScanTarget.bind(store);
    store.claimScanTarget = async () => {
      throw new Error('connection to the database was reset');
    };
    const scan = await inventory.scans.triggerScan({ trigger: 'manual' });
    expect(scan.status).toBe('queued');
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `Scan ${scan.id}: this backend could not claim its targets \\(Error: connection to the database was reset\\)`,
        ),
      ),
    );

    store.claimScanTarget = claim;
    await inventory.scans.work();
    expect((await inventory.scans.waitForScan(scan.id))?.status).toBe(
      'succeeded',
    );
  });

  it('a trigger on a backend that is shutting down is refused, saying so', async () => {
    const inventory = await createInventory({
      config: new ConfigReader({ sagemakerSecurity: { scanOnStartup: false } }),
      logger: mockServices.logger.mock(),
      database: databaseOf(sqliteMemory()),
      simulator: new AwsSimulator(fullEstate()),
      clientOptions,
    });
    await inventory.scans.stop();
    const refusal = inventory.scans.triggerScan({ trigger: 'manual' });
    await expect(refusal).rejects.toThrow(ServiceUnavailableError);
    await expect(refusal).rejects.toThrow(/shutting down/);
    expect(await inventory.scans.getLatestScan()).toBeUndefined();
  });
});

describe('start-up scan', () => {
  it('scans at start-up while no scan has completed, not after', async () => {
    const db = sqliteMemory();
    const start = () =>
      createInventory({
        config: new ConfigReader({}),
        logger: mockServices.logger.mock(),
        database: databaseOf(db),
        simulator: new AwsSimulator(fullEstate()),
        clientOptions,
      });
    const first = await start();
    let startup = await first.scans.getLatestScan();
    for (let i = 0; i < 50 && !startup; i++) {
      await new Promise(r => setTimeout(r, 10));
      startup = await first.scans.getLatestScan();
    }
    expect(startup).toMatchObject({ trigger: 'startup' });
    expect((await first.scans.waitForScan(startup!.id))?.status).toBe(
      'succeeded',
    );

    const second = await start();
    await new Promise(r => setTimeout(r, 100)); // a start-up scan would have begun by now
    expect((await second.scans.getLatestScan())?.id).toBe(startup!.id);
  });
});
