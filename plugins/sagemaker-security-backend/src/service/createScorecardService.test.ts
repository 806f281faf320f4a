import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { ScanRun } from '../inventory/InventoryStore';
import { DatabaseHistoryStore } from '../history/DatabaseHistoryStore';
import { DatabaseEntityScoreStore } from '../scoring/DatabaseEntityScoreStore';
import { createScorecardService } from './createScorecardService';
import { migrateResultsTables } from './__testUtils__/migrations';
import { InMemoryInventoryStore } from './__testUtils__/InMemoryInventoryStore';
import { kmsCheck, testChecks } from './__testUtils__/fixtures';
import {
  entities,
  FRAUD,
  FRAUD_SYSTEM,
  FRAUD_TEAM,
  PLATFORM,
  RISK_DOMAIN,
  seedEstate,
} from './__testUtils__/estate';

jest.setTimeout(60_000);

describe('createScorecardService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function create(config: object = {}, extra: object = {}) {
    const knex = await databases.init('SQLITE_3');
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seedEstate(inventory);
    const backend = await createScorecardService({
      config: new ConfigReader(config),
      logger: mockServices.logger.mock(),
      knex,
      inventory,
      checks: testChecks,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      userInfo: mockServices.userInfo(),
      ...extra,
    });
    return { knex, inventory, backend };
  }

  it.each([
    [
      { scoring: { unknownWeight: 2 } },
      'sagemakerSecurity.scoring.unknownWeight',
    ],
    [{ waivers: { maxDays: 0 } }, 'sagemakerSecurity.waivers.maxDays'],
    [
      { waivers: { securityGroups: ['user:default/x'] } },
      'sagemakerSecurity.waivers.securityGroups[0]',
    ],
    [
      { waivers: { requireApproval: 'yes' } },
      'sagemakerSecurity.waivers.requireApproval',
    ],
    [
      { waivers: { requireApproval: true } },
      'sagemakerSecurity.waivers.requireApproval',
    ],
    [
      { history: { retentionDays: 1.5 } },
      'sagemakerSecurity.history.retentionDays',
    ],
  ])('refuses to start with %j, naming %s', async (section, key) => {
    await expect(create({ sagemakerSecurity: section })).rejects.toThrow(key);
  });

  it('refuses two checks with the same id', async () => {
    await expect(
      create({}, { checks: [kmsCheck, { ...kmsCheck }] }),
    ).rejects.toThrow('Two checks have the id "test-kms-key"');
  });

  it('evaluates after each finished scan and records daily scores of services and rollups', async () => {
    const listeners: Array<(scan: ScanRun) => Promise<void> | void> = [];
    const { knex, inventory } = await create(
      {},
      { scanEvents: { onScanFinished: (l: any) => listeners.push(l) } },
    );
    expect(listeners).toHaveLength(1);
    const scan = await inventory.createScan({
      trigger: 'schedule',
      targets: [{ accountId: '111111111111', region: 'eu-west-1' }],
    });
    await inventory.updateScanTarget(scan.id, scan.targets[0], {
      status: 'succeeded',
    });
    await inventory.finishScan(scan.id, 'succeeded');
    await listeners[0]((await inventory.getScan(scan.id))!);

    const [{ count }] = await knex('check_results').count({ count: '*' });
    expect(Number(count)).toBeGreaterThan(0);
    const refs = (await knex('daily_scores').select('entity_ref')).map(
      r => r.entity_ref,
    );
    expect(refs).toEqual(
      expect.arrayContaining([FRAUD, FRAUD_TEAM, PLATFORM, RISK_DOMAIN]),
    );
    // The Resource entity with an ARN has its own row too.
    expect(refs).toContain('resource:default/fraud-endpoint');
    // idle has no resources: no row.
    expect(refs).not.toContain('component:default/idle');
  });

  it('publishes a new version after the daily history, so reads held per version show it', async () => {
    const recorded = jest.spyOn(
      DatabaseHistoryStore.prototype,
      'recordDailyScores',
    );
    const marked = jest.spyOn(
      DatabaseEntityScoreStore.prototype,
      'markChanged',
    );
    const replaced = jest.spyOn(
      DatabaseEntityScoreStore.prototype,
      'replaceAll',
    );
    try {
      const { knex, backend } = await create();
      expect(await backend.recordDailyScores()).toBeGreaterThan(0);
      expect(marked).toHaveBeenCalledTimes(1);
      expect(replaced.mock.invocationCallOrder[0]).toBeLessThan(
        recorded.mock.invocationCallOrder[0],
      );
      expect(recorded.mock.invocationCallOrder[0]).toBeLessThan(
        marked.mock.invocationCallOrder[0],
      );
      // replaceAll made it 1; the history's publication 2.
      const [run] = await knex('entity_score_runs').select('version');
      expect(Number(run.version)).toBe(2);
      // Nothing changed since: no history written, no new version.
      expect(await backend.recordDailyScores()).toBe(0);
      expect(marked).toHaveBeenCalledTimes(1);
    } finally {
      recorded.mockRestore();
      marked.mockRestore();
      replaced.mockRestore();
    }
  });

  it('answers rollups from the stored scores exactly as scoring on request', async () => {
    const { knex, backend } = await create();
    await backend.evaluateNow();
    const credentials = mockCredentials.service();
    const all = { all: true, allowed: async (refs: string[]) => new Set(refs) };
    const queries = [
      {},
      { orderBy: 'score', order: 'desc' },
      { pillar: 'network', orderBy: 'score' },
      { owner: FRAUD_TEAM },
      { offset: 1, limit: 1 },
    ] as const;
    const answers = async () => {
      const out: unknown[] = [];
      for (const ref of [PLATFORM, FRAUD_TEAM, FRAUD_SYSTEM, RISK_DOMAIN]) {
        const entity = await backend.scorecards.getEntity(ref, credentials);
        out.push(
          await backend.scorecards.rollup(entity, credentials, all.allowed),
        );
      }
      for (const query of queries) {
        out.push(
          await backend.scorecards.orgPage({ ...query }, credentials, all),
        );
      }
      return out;
    };

    const [{ count }] = await knex('entity_scores').count({ count: '*' });
    expect(Number(count)).toBeGreaterThan(0);
    const stored = await answers();
    // Without stored scores the same answers are computed on request.
    await knex('entity_score_runs').delete();
    await knex('entity_scores').delete();
    const live = await answers();
    expect(stored).toEqual(live);
    expect(JSON.stringify(stored)).toContain(FRAUD);

    // A score stored before a change is what rollups show until rescoring.
    await backend.recordDailyScores();
    await knex('entity_scores')
      .where({ entity_ref: FRAUD })
      .update({ score: 1, grade: 'F' });
    const page = await backend.scorecards.orgPage(
      { orderBy: 'score', order: 'asc' },
      credentials,
      all,
    );
    expect(page.items[0].entityRef).toBe(FRAUD);
  });

  it('schedules waiver expiry, history retention and the catalog check', async () => {
    const scheduler = mockServices.scheduler.mock();
    await create({}, { scheduler });
    expect(
      scheduler.scheduleTask.mock.calls.map(([task]) => task.id).sort(),
    ).toEqual([
      'sagemaker-security-catalog-rescore',
      'sagemaker-security-history-retention',
      'sagemaker-security-waiver-expiry',
    ]);
  });

  it('applies the configured retention', async () => {
    const { knex, backend } = await create({
      sagemakerSecurity: { history: { retentionDays: 30 } },
    });
    const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    await knex('result_transitions').insert({
      resource_arn: 'arn:x',
      check_id: 'c',
      from_status: null,
      to_status: 'pass',
      at: old,
    });
    await knex('result_transitions').insert({
      resource_arn: 'arn:x',
      check_id: 'c',
      from_status: 'pass',
      to_status: 'fail',
      at: new Date(),
    });
    await expect(backend.applyRetention()).resolves.toEqual({
      transitions: 1,
      dailyScores: 0,
    });
  });
});
