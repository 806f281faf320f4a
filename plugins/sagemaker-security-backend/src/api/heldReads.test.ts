import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { startScorecardTestBackend } from '../service/__testUtils__/testBackend';
import {
  CHURN,
  entities,
  FRAUD,
  FRAUD_NOTEBOOK_ARN,
  seedEstate,
} from '../service/__testUtils__/estate';
import { ACCOUNT } from '../service/__testUtils__/fixtures';

jest.setTimeout(60_000);

/**
 * The scorecard and the org page are held as JSON per state
 * (service/readCache.ts): every read after a change of that state shows
 * the change, through the API as callers read it.
 */
describe('reads held per state', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });
  const base = '/api/sagemaker-security';
  const asUser = () => mockCredentials.user.header('user:default/alice');

  async function start(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seedEstate(inventory);
    const targets = [{ accountId: ACCOUNT, region: 'eu-west-1' }];
    await inventory.createScan({ trigger: 'schedule', targets });
    await inventory.finishScan('scan-1', 'succeeded');
    const harness = await startScorecardTestBackend({
      knex,
      entities,
      inventory,
    });
    await harness.backend().evaluateNow();
    const get = async (path: string) => {
      const response = await request(harness.server)
        .get(`${base}${path}`)
        .set('Authorization', asUser());
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(
        'application/json; charset=utf-8',
      );
      return response.body;
    };
    const etagOf = async (path: string) =>
      (
        await request(harness.server)
          .get(`${base}${path}`)
          .set('Authorization', asUser())
      ).headers.etag as string;
    const revalidate = (path: string, etag: string) =>
      request(harness.server)
        .get(`${base}${path}`)
        .set('Authorization', asUser())
        .set('If-None-Match', etag);
    return { inventory, harness, get, targets, etagOf, revalidate };
  }

  const scorecard = `/scorecards/entity?entityRef=${FRAUD}`;
  const org = '/rollups/org?orderBy=score&order=asc';
  const status = (card: any, checkId: string) =>
    card.results.find((r: { checkId: string }) => r.checkId === checkId)
      ?.status;

  it.each(databases.eachSupportedId())(
    'shows new results after an evaluation, %p',
    async databaseId => {
      const { inventory, harness, get, targets, etagOf, revalidate } =
        await start(databaseId);
      const before = await get(scorecard);
      const etag = await etagOf(scorecard);
      expect((await revalidate(scorecard, etag)).status).toBe(304);
      expect(await get(scorecard)).toEqual(before);
      expect(status(before, 'test-direct-internet')).toBe('fail');
      const orgBefore = await get(org);
      expect(orgBefore.items.map((r: any) => r.entityRef)).toEqual([
        FRAUD,
        CHURN,
      ]);

      const notebook = (await inventory.getResource(FRAUD_NOTEBOOK_ARN))!;
      await inventory.upsertResources(
        [
          {
            ...notebook,
            description: {
              ...notebook.description,
              DirectInternetAccess: 'Disabled',
            },
          },
        ],
        new Date().toISOString(),
      );
      await inventory.createScan({ trigger: 'schedule', targets });
      await inventory.finishScan('scan-2', 'succeeded');
      await harness.backend().evaluateNow();

      const after = await get(scorecard);
      expect(status(after, 'test-direct-internet')).toBe('pass');
      const changed = await revalidate(scorecard, etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(after.score.score).toBeGreaterThan(before.score.score);
      expect(after.lastScan.scanId).toBe('scan-2');
      const orgAfter = await get(org);
      const fraudRow = (page: any) =>
        page.items.find((r: any) => r.entityRef === FRAUD);
      expect(fraudRow(orgAfter).score.score).toBe(after.score.score);
      expect(fraudRow(orgAfter).score.score).toBeGreaterThan(
        fraudRow(orgBefore).score.score,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'follows the newest scan while it runs and after it fails, %p',
    async databaseId => {
      const { inventory, get, targets } = await start(databaseId);
      expect((await get(scorecard)).lastScan).toMatchObject({
        scanId: 'scan-1',
        status: 'succeeded',
      });

      await inventory.createScan({ trigger: 'manual', targets });
      const running = await get(scorecard);
      expect(running.lastScan).toMatchObject({ scanId: 'scan-2' });
      expect(['queued', 'running']).toContain(running.lastScan.status);
      expect(running.stale).toBe(false);

      await inventory.finishScan('scan-2', 'failed');
      const failed = await get(scorecard);
      expect(failed.lastScan).toMatchObject({
        scanId: 'scan-2',
        status: 'failed',
      });
      expect(failed.stale).toBe(true);
      expect(failed.scanHealth.lastFinishedScan.scanId).toBe('scan-2');
    },
  );
});
