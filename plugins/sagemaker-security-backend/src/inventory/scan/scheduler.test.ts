import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ACCOUNT, fullEstate } from '../__testUtils__/fullEstate';
import { databaseOf, sqliteMemory } from '../__testUtils__/harness';
import { AwsSimulator } from '../simulator/AwsSimulator';
import { createInventory, SCAN_TASK_ID, targetTaskId } from './createInventory';

describe('scans through scheduler tasks', () => {
  it('runs one task per target and finishes the scan run once', async () => {
    const estate = fullEstate();
    estate.accounts[0].regions.push({ region: 'eu-west-1', sagemaker: {} });
    const scheduler = mockServices.scheduler();
    const inventory = await createInventory({
      config: new ConfigReader({ sagemakerSecurity: { scanOnStartup: false } }),
      logger: mockServices.logger.mock(),
      database: databaseOf(sqliteMemory()),
      scheduler,
      simulator: new AwsSimulator(estate),
      clientOptions: { retryTuning: { baseDelayMs: 1, minFillRate: 1000 } },
    });
    const ids = (await scheduler.getScheduledTasks()).map(t => t.id).sort();
    expect(ids).toEqual(
      [
        SCAN_TASK_ID,
        targetTaskId({ accountId: ACCOUNT, region: 'us-east-1' }),
        targetTaskId({ accountId: ACCOUNT, region: 'eu-west-1' }),
      ].sort(),
    );
    const finished: string[] = [];
    inventory.scans.onScanFinished(scan => {
      finished.push(scan.id);
    });

    await scheduler.triggerTask(SCAN_TASK_ID);
    // The mock scheduler runs triggered target tasks to completion; wait for the last one.
    for (let i = 0; i < 100 && finished.length === 0; i++) {
      await new Promise(r => setTimeout(r, 20));
    }

    const scan = await inventory.scans.getLatestScan();
    expect(scan).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    expect(scan?.targets.map(t => t.status)).toEqual([
      'succeeded',
      'succeeded',
    ]);
    expect(finished).toEqual([scan?.id]);
    // A second trigger of a target task finds no pending work.
    await scheduler.triggerTask(
      targetTaskId({ accountId: ACCOUNT, region: 'us-east-1' }),
    );
    expect((await inventory.scans.getLatestScan())?.id).toBe(scan?.id);
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
        clientOptions: { retryTuning: { baseDelayMs: 1, minFillRate: 1000 } },
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
