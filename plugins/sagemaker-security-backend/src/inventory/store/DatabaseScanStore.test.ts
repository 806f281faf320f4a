import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { databaseOf } from '../__testUtils__/harness';
import { DatabaseInventoryStore } from './DatabaseInventoryStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const target = { accountId: '111111111111', region: 'us-east-1' };
const T2 = '2026-01-02T00:00:00.000Z';

async function createStore(id: TestDatabaseId) {
  const knex = await databases.init(id);
  const store = await DatabaseInventoryStore.create({
    database: databaseOf(knex),
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())('DatabaseScanStore on %s', id => {
  it('tracks a scan run and its targets, claimed once each', async () => {
    const { store } = await createStore(id);
    const other = { accountId: '111111111111', region: 'eu-west-1' };
    const scan = await store.createScan({
      trigger: 'manual',
      requestedBy: 'user:default/ana',
      targets: [target, other],
    });
    expect(scan).toMatchObject({
      status: 'queued',
      requestedBy: 'user:default/ana',
    });
    expect(scan.targets.map(t => t.status)).toEqual(['pending', 'pending']);
    expect(await store.findPendingTargets(10)).toEqual([
      { scanId: scan.id, target: other },
      { scanId: scan.id, target },
    ]);

    expect(await store.claimScanTarget(scan.id, target)).toMatchObject({
      scanId: scan.id,
      target,
      attempt: 1,
    });
    expect(await store.claimScanTarget(scan.id, target)).toBeUndefined();
    expect((await store.getScan(scan.id))?.status).toBe('running');
    expect(await store.findPendingTargets(10)).toEqual([
      { scanId: scan.id, target: other },
    ]);

    const error = {
      kind: 'access_denied' as const,
      action: 'sagemaker:ListModels',
      message: 'denied',
    };
    await store.updateScanTarget(scan.id, target, {
      status: 'partial',
      resourceCount: 7,
      errorCount: 1,
      errors: [error],
      finishedAt: T2,
      callCounts: { 'sagemaker:ListModels': 2 },
    });
    await store.updateScanTarget(scan.id, other, {
      status: 'succeeded',
      callCounts: { 'sagemaker:ListModels': 1 },
    });
    const updated = await store.getScan(scan.id);
    expect(updated?.targets.find(t => t.region === 'us-east-1')).toMatchObject({
      status: 'partial',
      resourceCount: 7,
      errorCount: 1,
      errors: [error],
      finishedAt: T2,
    });
    expect(updated?.callCounts).toEqual({ 'sagemaker:ListModels': 3 });

    expect(await store.completeScan(scan.id, 'partial', { x: 1 })).toBe(true);
    expect(await store.completeScan(scan.id, 'failed')).toBe(false);
    expect(await store.getLatestScan(['succeeded'])).toBeUndefined();
    expect(await store.getLatestScan(['partial'])).toMatchObject({
      id: scan.id,
      callCounts: { x: 1 },
    });
    expect(await store.getScan('no-such-scan')).toBeUndefined();
    // The head is the newest scan's own row, without targets or counts.
    const { targets, callCounts, ...head } = (await store.getLatestScan())!;
    expect(await store.getLatestScanHead()).toEqual(head);
    expect(head).toMatchObject({ id: scan.id, status: 'partial' });
  });

  it("lets only the holder of a claim renew, finish or fail it; a stopped worker's claim is taken back", async () => {
    const { store } = await createStore(id);
    const scan = await store.createScan({
      trigger: 'manual',
      targets: [target],
    });
    const first = (await store.claimScanTarget(scan.id, target))!;
    expect(await store.heartbeat(first)).toBe(true);

    // Recovery sees the claim and its last sign of life ...
    const [{ workers }] = await store.listUnfinishedScans();
    expect(workers.get('111111111111/us-east-1')).toMatchObject({
      claimId: first.claimId,
      attempts: 1,
    });
    // ... and hands the target back; a second worker claims it.
    expect(await store.releaseScanTarget(scan.id, target, 'someone-else')).toBe(
      false,
    );
    expect(await store.releaseScanTarget(scan.id, target, first.claimId)).toBe(
      true,
    );
    expect((await store.getScan(scan.id))!.targets[0].status).toBe('pending');
    const second = (await store.claimScanTarget(scan.id, target))!;
    expect(second.attempt).toBe(2);
    expect(second.claimId).not.toBe(first.claimId);

    // The first worker, alive after all, can no longer touch the target.
    const outcome = {
      status: 'succeeded' as const,
      resourceCount: 3,
      errorCount: 0,
      errors: [],
      finishedAt: T2,
    };
    expect(await store.heartbeat(first)).toBe(false);
    expect(await store.finishScanTarget(first, outcome)).toBe(false);
    expect(
      await store.failScanTarget(
        scan.id,
        target,
        { claimId: first.claimId },
        { kind: 'other', action: 'collect', message: 'late' },
      ),
    ).toBe(false);
    expect((await store.getScan(scan.id))!.targets[0].status).toBe('running');

    expect(await store.finishScanTarget(second, outcome)).toBe(true);
    expect(await store.heartbeat(second)).toBe(false);
    expect((await store.getScan(scan.id))!.targets[0]).toMatchObject({
      status: 'succeeded',
      resourceCount: 3,
    });
    expect(await store.findPendingTargets(10)).toEqual([]);
  });
});
