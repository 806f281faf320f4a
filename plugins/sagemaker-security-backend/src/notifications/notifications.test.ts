/**
 * Notifications end to end through the scorecard backend (real engine,
 * stores and migrations) on SQLite and PostgreSQL, with a recording
 * NotificationService: a grade drop and a new critical failure are told
 * once, whatever the number of evaluations or restarts; waivers about to
 * expire once each; a failed send is retried, never fails an evaluation;
 * nothing when disabled; bad config names its key.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { createScorecardService } from '../service/createScorecardService';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { resource, testChecks } from '../service/__testUtils__/fixtures';
import {
  CHURN,
  CHURN_NOTEBOOK_ARN,
  entities,
  FRAUD,
  FRAUD_TEAM,
  ML_TEAM,
  seedEstate,
} from '../service/__testUtils__/estate';
import { DatabaseWaiverStore } from '../waivers/DatabaseWaiverStore';
import { DAY_MS } from '../util/time';

jest.setTimeout(60_000);

/** Records what was sent; fails the next `failures` sends. */
class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  failures = 0;

  async send(options: NotificationSendOptions): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('notifications backend answered 503');
    }
    this.sent.push(options);
  }
}

const ENABLED = { sagemakerSecurity: { notifications: { enabled: true } } };

/** churn's notebook gets direct internet access: a critical failure. */
async function openChurnNotebook(inventory: InMemoryInventoryStore) {
  await inventory.upsertResources(
    [
      resource({
        type: 'notebook-instance',
        name: 'churn-nb',
        tags: { project: 'churn' },
        description: {
          DirectInternetAccess: 'Enabled',
          KmsKeyId: 'key-1',
          RoleArn: 'arn:aws:iam::111111111111:role/unreadable',
        },
      }),
    ],
    '2026-11-27T09:00:00.000Z',
  );
}

describe('security notifications', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seedEstate(inventory);
    return { knex, inventory };
  }

  function start(
    knex: Knex,
    inventory: InMemoryInventoryStore,
    notifications: NotificationService,
    config: object = ENABLED,
    logger = mockServices.logger.mock(),
  ) {
    return createScorecardService({
      config: new ConfigReader(config),
      logger,
      knex,
      inventory,
      checks: testChecks,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      userInfo: mockServices.userInfo(),
      notifications,
    });
  }

  it.each(databases.eachSupportedId())(
    'tells a grade drop and a new critical failure once, across evaluations and a restart, %p',
    async databaseId => {
      const { knex, inventory } = await setUp(databaseId);
      const recorder = new RecordingNotifications();
      const backend = await start(knex, inventory, recorder);

      // The first evaluation is the baseline: fraud-scoring's existing
      // critical and high failures are not news.
      await backend.evaluateNow();
      expect(recorder.sent).toEqual([]);

      await openChurnNotebook(inventory);
      await backend.evaluateNow();
      expect(recorder.sent).toHaveLength(2);
      const byTopic = new Map(recorder.sent.map(s => [s.payload.topic, s]));
      const drop = byTopic.get('sagemaker-security: grade dropped')!;
      expect(drop.recipients).toEqual({ type: 'entity', entityRef: [ML_TEAM] });
      expect(drop.payload).toMatchObject({
        title: expect.stringMatching(
          /^Security grade of churn dropped from [A-F] to [A-F]$/,
        ),
        link: '/catalog/default/component/churn/sagemaker-security',
        scope: `sagemaker-security:grade:${CHURN}`,
      });
      const [, from, to] = /from (\w) to (\w)/.exec(drop.payload.title)!;
      expect(to > from).toBe(true);
      const finding = byTopic.get('sagemaker-security: new finding')!;
      expect(finding.recipients).toEqual({
        type: 'entity',
        entityRef: [ML_TEAM],
      });
      expect(finding.payload).toMatchObject({
        title:
          'New critical finding on churn-nb: Notebook has no direct internet access',
        severity: 'critical',
        link: '/catalog/default/component/churn/sagemaker-security',
        scope: `sagemaker-security:finding:${CHURN_NOTEBOOK_ARN}:test-direct-internet`,
      });

      // The same state again: nothing new.
      await backend.evaluateNow();
      await backend.recordDailyScores();
      expect(recorder.sent).toHaveLength(2);

      // A restart (a new instance on the same database) sends nothing.
      const restarted = new RecordingNotifications();
      const again = await start(knex, inventory, restarted);
      await again.evaluateNow();
      await again.recordDailyScores();
      expect(restarted.sent).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'tells a new high failure once per (resource, check), to the owners of every service behind it, %p',
    async databaseId => {
      const { knex, inventory } = await setUp(databaseId);
      const recorder = new RecordingNotifications();
      const backend = await start(knex, inventory, recorder, {
        sagemakerSecurity: {
          notifications: { enabled: true, gradeDrop: false },
        },
      });
      await backend.evaluateNow();
      // fraud-scoring's training job loses its KMS key (high), and a new
      // notebook without one appears; a medium failure is not told.
      await inventory.upsertResources(
        [
          resource({
            type: 'training-job',
            name: 'fraud-train',
            status: 'Completed',
            tags: { 'ml-service': 'fraud-scoring' },
            description: { RoleArn: 'arn:aws:iam::111111111111:role/none' },
          }),
          resource({
            type: 'notebook-instance',
            name: 'fraud-nb-2',
            tags: { 'ml-service': 'fraud-scoring' },
            description: { DirectInternetAccess: 'Disabled' },
          }),
        ],
        '2026-11-27T09:00:00.000Z',
      );
      await backend.evaluateNow();
      await backend.evaluateNow();
      const titles = recorder.sent.map(s => s.payload.title).sort();
      expect(titles).toEqual([
        'New high finding on fraud-nb-2: Volumes are encrypted with a customer managed key',
        'New high finding on fraud-train: Volumes are encrypted with a customer managed key',
      ]);
      for (const sent of recorder.sent) {
        expect(sent.recipients).toEqual({
          type: 'entity',
          entityRef: [FRAUD_TEAM],
        });
        expect(sent.payload.severity).toBe('high');
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'tells a waiver about to expire once, also after a restart, %p',
    async databaseId => {
      const { knex, inventory } = await setUp(databaseId);
      const store = new DatabaseWaiverStore(knex);
      const now = Date.now();
      const soon = await store.create(
        {
          entityRef: FRAUD,
          checkId: 'test-kms-key',
          resourceArn: '*',
          reason: 'Key migration in progress',
          createdBy: 'user:default/alice',
          expiresAt: new Date(now + 3 * DAY_MS),
        },
        new Date(now),
      );
      await store.create(
        {
          entityRef: FRAUD,
          checkId: 'test-direct-internet',
          resourceArn: '*',
          reason: 'Later',
          createdBy: 'user:default/alice',
          expiresAt: new Date(now + 30 * DAY_MS),
        },
        new Date(now),
      );
      const recorder = new RecordingNotifications();
      const backend = await start(knex, inventory, recorder);
      expect(await backend.notifyExpiringWaivers()).toBe(1);
      expect(await backend.notifyExpiringWaivers()).toBe(0);
      const restarted = await start(knex, inventory, recorder);
      expect(await restarted.notifyExpiringWaivers()).toBe(0);
      expect(recorder.sent).toHaveLength(1);
      expect(recorder.sent[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: [FRAUD_TEAM] },
        payload: {
          topic: 'sagemaker-security: waiver expiring',
          scope: `sagemaker-security:waiver:${soon.id}`,
          link: '/catalog/default/component/fraud-scoring/sagemaker-security',
          title: `Waiver of test-kms-key for fraud-scoring expires on ${soon.expiresAt.slice(
            0,
            10,
          )}`,
        },
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'logs a failed send without failing the evaluation, and sends it on the next one, %p',
    async databaseId => {
      const { knex, inventory } = await setUp(databaseId);
      const recorder = new RecordingNotifications();
      const logger = mockServices.logger.mock();
      const backend = await start(knex, inventory, recorder, ENABLED, logger);
      await backend.evaluateNow();
      await openChurnNotebook(inventory);
      recorder.failures = 2;
      const summary = await backend.evaluateNow();
      expect(summary.results).toBeGreaterThan(0);
      expect(recorder.sent).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('notifications backend answered 503'),
      );
      await backend.evaluateNow();
      expect(recorder.sent).toHaveLength(2);
      await backend.evaluateNow();
      expect(recorder.sent).toHaveLength(2);
    },
  );

  it('sends nothing when disabled (the default), and writes no marks', async () => {
    const { knex, inventory } = await setUp('SQLITE_3');
    const recorder = new RecordingNotifications();
    const backend = await start(knex, inventory, recorder, {});
    await backend.evaluateNow();
    await openChurnNotebook(inventory);
    await backend.evaluateNow();
    expect(await backend.notifyExpiringWaivers()).toBe(0);
    expect(recorder.sent).toEqual([]);
    const [{ count }] = await knex('notification_marks').count({ count: '*' });
    expect(Number(count)).toBe(0);
  });

  it.each([
    [{ enabled: 'yes' }, 'sagemakerSecurity.notifications.enabled'],
    [{ gradeDrop: 1 }, 'sagemakerSecurity.notifications.gradeDrop'],
    [
      { newFindingSeverities: ['critical', 'severe'] },
      'sagemakerSecurity.notifications.newFindingSeverities[1]',
    ],
    [
      { newFindingSeverities: 'high' },
      'sagemakerSecurity.notifications.newFindingSeverities',
    ],
    [
      { waiverExpiryDays: -1 },
      'sagemakerSecurity.notifications.waiverExpiryDays',
    ],
    [
      { waiverExpiryDays: 2.5 },
      'sagemakerSecurity.notifications.waiverExpiryDays',
    ],
  ])('refuses to start with %j, naming %s', async (section, key) => {
    const { knex, inventory } = await setUp('SQLITE_3');
    await expect(
      start(knex, inventory, new RecordingNotifications(), {
        sagemakerSecurity: { notifications: section },
      }),
    ).rejects.toThrow(`'${key}'`);
  });

  it('refuses to start enabled without a notifications service', async () => {
    const { knex, inventory } = await setUp('SQLITE_3');
    await expect(
      createScorecardService({
        config: new ConfigReader(ENABLED),
        logger: mockServices.logger.mock(),
        knex,
        inventory,
        checks: testChecks,
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        permissions: mockServices.permissions(),
        userInfo: mockServices.userInfo(),
      }),
    ).rejects.toThrow("'sagemakerSecurity.notifications.enabled'");
  });
});
