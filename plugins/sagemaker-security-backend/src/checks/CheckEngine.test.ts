import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  defaultChecks,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import { CHECK_STATUSES } from '@mlsec/plugin-sagemaker-security-common';
import { Knex } from 'knex';
import type { ScanRun } from '../inventory/InventoryStore';
import { DatabaseHistoryStore } from '../history/DatabaseHistoryStore';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import {
  ACCOUNT,
  REGION,
  kmsCheck,
  resource,
  testChecks,
} from '../service/__testUtils__/fixtures';
import { CheckEngine, ScanEvents } from './CheckEngine';
import { DatabaseResultStore } from './DatabaseResultStore';

jest.setTimeout(60_000);

const ROLE = `arn:aws:iam::${ACCOUNT}:role/exec`;

async function seed(inventory: InventoryStoreLike) {
  await inventory.upsertResources(
    [
      resource({
        type: 'notebook-instance',
        name: 'nb-open',
        description: { DirectInternetAccess: 'Enabled', RoleArn: ROLE },
      }),
      resource({
        type: 'notebook-instance',
        name: 'nb-closed',
        description: {
          DirectInternetAccess: 'Disabled',
          KmsKeyId: 'key-1',
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/unreadable`,
        },
      }),
      resource({
        type: 'endpoint-config',
        name: 'cfg',
        description: { KmsKeyId: 'key-1', DataCaptureConfig: {} },
      }),
      resource({
        type: 'endpoint',
        name: 'ep',
        description: { EndpointConfigName: 'cfg' },
      }),
      resource({
        type: 'training-job',
        name: 'job',
        region: 'us-east-1',
        status: 'Completed',
        description: { RoleArn: ROLE },
      }),
    ],
    '2026-11-26T09:00:00.000Z',
  );
  await inventory.upsertFacts(
    [
      {
        kind: 'iam-role',
        key: ROLE,
        accountId: ACCOUNT,
        region: 'global',
        data: {
          arn: ROLE,
          roleName: 'exec',
          permissionsBoundaryArn: 'arn:aws:iam::aws:policy/boundary',
        },
        errors: [],
      },
    ],
    '2026-11-26T09:00:00.000Z',
  );
}

type InventoryStoreLike = InMemoryInventoryStore;

function statusOf(
  results: Array<{ resourceArn: string; checkId: string; status: string }>,
) {
  return Object.fromEntries(
    results.map(r => [
      `${r.resourceArn.split(':').pop()}|${r.checkId}`,
      r.status,
    ]),
  );
}

async function countRows(knex: Knex, table: string) {
  const [{ count }] = await knex(table).count({ count: '*' });
  return Number(count);
}

function scan(
  targets: Array<{ region: string; status: ScanRun['targets'][0]['status'] }>,
): ScanRun {
  return {
    id: 'scan-9',
    trigger: 'schedule',
    status: targets.every(t => t.status === 'succeeded')
      ? 'succeeded'
      : 'partial',
    startedAt: '2026-11-26T10:00:00.000Z',
    targets: targets.map(t => ({
      accountId: ACCOUNT,
      region: t.region,
      status: t.status,
      resourceCount: 0,
      errorCount: 0,
      errors: [],
    })),
  };
}

describe('CheckEngine', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    checks: SecurityCheck[] = testChecks,
  ) {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seed(inventory);
    const results = new DatabaseResultStore(knex);
    const engine = new CheckEngine({
      inventory,
      checks,
      results,
      history: new DatabaseHistoryStore(knex),
      logger: mockServices.logger.mock(),
      pageSize: 2,
    });
    return { knex, inventory, results, engine };
  }

  it.each(databases.eachSupportedId())(
    'evaluates every applicable check over the stored inventory, in pages, %p',
    async databaseId => {
      const { inventory, results, engine } = await setup(databaseId);
      const summary = await engine.evaluateNow();

      expect(summary.resources).toBe(5);
      expect(statusOf(await results.listResults({}))).toEqual({
        'notebook-instance/nb-open|test-kms-key': 'fail',
        'notebook-instance/nb-open|test-direct-internet': 'fail',
        'notebook-instance/nb-open|test-role-boundary': 'pass',
        'notebook-instance/nb-closed|test-kms-key': 'pass',
        'notebook-instance/nb-closed|test-direct-internet': 'pass',
        // The role fact is absent: unknown, never pass.
        'notebook-instance/nb-closed|test-role-boundary': 'unknown',
        'endpoint-config/cfg|test-kms-key': 'pass',
        'endpoint/ep|test-data-capture': 'pass',
        'training-job/job|test-kms-key': 'fail',
        'training-job/job|test-role-boundary': 'pass',
      });
      // Paged through the store with a cursor.
      expect(inventory.queries.some(q => q.cursor !== undefined)).toBe(true);
      const unknown = (await results.listResults({})).find(
        r => r.status === 'unknown',
      )!;
      expect(unknown.missing).toEqual(['iam:GetRole']);
      expect(unknown.evaluatedAt).toBe(summary.at);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing when nothing changed, %p',
    async databaseId => {
      const { knex, engine } = await setup(databaseId);
      const first = await engine.evaluateNow();
      expect(first.transitions).toBe(10);
      const transitions = await countRows(knex, 'result_transitions');
      const second = await engine.evaluateNow();
      expect(second.transitions).toBe(0);
      expect(await countRows(knex, 'result_transitions')).toBe(transitions);
      expect(await countRows(knex, 'check_results')).toBe(10);
    },
  );

  it.each(databases.eachSupportedId())(
    'removes results of deleted resources and keeps those of failed targets, %p',
    async databaseId => {
      const { knex, inventory, results, engine } = await setup(databaseId);
      const events: Array<(scan: ScanRun) => Promise<void> | void> = [];
      const scanEvents: ScanEvents = {
        onScanFinished: listener => events.push(listener),
      };
      engine.subscribe(scanEvents);
      await engine.evaluateNow();

      // eu-west-1 loses a notebook; us-east-1 loses its job but its scan failed.
      const open = [...inventory.resources.values()].find(
        r => r.name === 'nb-open',
      )!;
      open.deletedAt = '2026-11-26T10:30:00.000Z';
      const job = [...inventory.resources.values()].find(
        r => r.name === 'job',
      )!;
      job.deletedAt = '2026-11-26T10:30:00.000Z';

      const summary = await engine.handleScanFinished(
        scan([
          { region: REGION, status: 'succeeded' },
          { region: 'us-east-1', status: 'failed' },
        ]),
      );
      expect(summary.skippedTargets).toEqual([
        { accountId: ACCOUNT, region: 'us-east-1' },
      ]);

      const statuses = statusOf(await results.listResults({}));
      expect(Object.keys(statuses).some(k => k.includes('nb-open'))).toBe(
        false,
      );
      expect(statuses['training-job/job|test-kms-key']).toBe('fail');

      // History keeps the deleted resource's last status.
      const removed = await knex('result_transitions').whereNull('to_status');
      expect(removed.map(r => [r.check_id, r.from_status]).sort()).toEqual([
        ['test-direct-internet', 'fail'],
        ['test-kms-key', 'fail'],
        ['test-role-boundary', 'pass'],
      ]);

      // The subscribed listener evaluates too.
      expect(events).toHaveLength(1);
      await events[0](scan([{ region: 'us-east-1', status: 'succeeded' }]));
      await engine.evaluateNow();
      expect(
        Object.keys(statusOf(await results.listResults({}))).some(k =>
          k.includes('training-job'),
        ),
      ).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a check that throws as unknown with the reason, %p',
    async databaseId => {
      const broken: SecurityCheck = {
        ...kmsCheck,
        id: 'test-broken',
        evaluate: () => {
          throw new Error('cannot read property KmsKeyId');
        },
      };
      const { results, engine } = await setup(databaseId, [broken]);
      await engine.evaluateNow();
      const stored = await results.listResults({});
      expect(stored.length).toBeGreaterThan(0);
      for (const result of stored) {
        expect(result.status).toBe('unknown');
        expect(result.message).toContain('cannot read property KmsKeyId');
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'tells listeners after each evaluation and runs evaluations one at a time, %p',
    async databaseId => {
      const { engine } = await setup(databaseId);
      const seen: number[] = [];
      let running = 0;
      let overlapped = false;
      engine.onEvaluated(async summary => {
        running += 1;
        overlapped ||= running > 1;
        await new Promise(resolve => setTimeout(resolve, 5));
        seen.push(summary.resources);
        running -= 1;
      });
      await Promise.all([engine.evaluateNow(), engine.evaluateNow()]);
      expect(seen).toEqual([5, 5]);
      expect(overlapped).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs the real check catalogue over the inventory, %p',
    async databaseId => {
      const { results, engine } = await setup(databaseId, defaultChecks);
      await engine.evaluateNow();
      const stored = await results.listResults({});
      expect(stored.length).toBeGreaterThan(defaultChecks.length / 4);
      for (const result of stored) {
        expect(CHECK_STATUSES).toContain(result.status);
      }
      const internet = stored.find(
        r =>
          r.checkId === 'notebook-direct-internet-access' &&
          r.resourceName === 'nb-open',
      );
      expect(internet?.status).toBe('fail');
    },
  );
});
