import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  CheckResult,
  compareResults,
  Finding,
} from '@mlsec/plugin-sagemaker-security-common';
import request from 'supertest';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { startScorecardTestBackend } from '../service/__testUtils__/testBackend';
import {
  entities,
  FRAUD,
  FRAUD_NOTEBOOK_ARN,
  FRAUD_TEAM,
  seedEstate,
} from '../service/__testUtils__/estate';
import { ACCOUNT } from '../service/__testUtils__/fixtures';

jest.setTimeout(60_000);

const ALICE = 'user:default/alice';
const key = (r: CheckResult) => `${r.resourceArn}|${r.checkId}`;

describe('the entity scorecard pages its findings', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let harness: Awaited<ReturnType<typeof startScorecardTestBackend>>;
  /** Every result of the service, from the export, worst first. */
  let all: CheckResult[];

  const base = '/api/sagemaker-security';
  const get = (path: string) =>
    request(harness.server)
      .get(`${base}${path}`)
      .set('Authorization', mockCredentials.user.header(ALICE));

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateResultsTables(knex);
    const inventory = new InMemoryInventoryStore();
    await seedEstate(inventory);
    await inventory.createScan({
      trigger: 'schedule',
      targets: [{ accountId: ACCOUNT, region: 'eu-west-1' }],
    });
    await inventory.finishScan('scan-1', 'succeeded');
    harness = await startScorecardTestBackend({
      knex,
      entities,
      inventory,
      memberships: { [ALICE]: [FRAUD_TEAM] },
    });
    await harness.backend().evaluateNow();
    const exported = await get(`/export?format=json&entityRef=${FRAUD}`);
    if (exported.status !== 200) {
      throw new Error(`GET /export answered ${exported.status}`);
    }
    all = (exported.body as Finding[]).map(f => f.result).sort(compareResults);
  });

  it('has results of several statuses to page through', () => {
    expect(all.length).toBeGreaterThan(5);
    expect(new Set(all.map(r => r.status)).size).toBeGreaterThan(1);
  });

  it('sends the first page of the worst results with the totals, 50 by default', async () => {
    const card = (await get(`/scorecards/entity?entityRef=${FRAUD}`)).body;
    expect(card.resultsPage).toEqual({
      offset: 0,
      limit: 50,
      totalCount: all.length,
    });
    expect(card.results).toEqual(all.slice(0, 50));

    const small = await get(
      `/scorecards/entity?entityRef=${FRAUD}&findingsLimit=3`,
    );
    expect(small.status).toBe(200);
    expect(small.body.results).toEqual(all.slice(0, 3));
    expect(small.body.resultsPage).toEqual({
      offset: 0,
      limit: 3,
      totalCount: all.length,
    });
    // Worst first: no result of the page is better than one left out.
    const worstLeftOut = all[3];
    for (const shown of small.body.results) {
      expect(compareResults(shown, worstLeftOut)).toBeLessThan(0);
    }
    // The score and the counts still cover every result.
    expect(small.body.score).toEqual(card.score);
    const counted = Object.values(
      small.body.score.counts as Record<string, number>,
    ).reduce((a, b) => a + b);
    expect(counted).toBe(all.length);
  });

  it('answers the rest, page after page, in the same order', async () => {
    const pages: CheckResult[] = [];
    for (let offset = 0; offset < all.length; offset += 2) {
      const page = await get(
        `/scorecards/entity/findings?entityRef=${FRAUD}&offset=${offset}&limit=2`,
      );
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({
        offset,
        limit: 2,
        totalCount: all.length,
      });
      pages.push(...page.body.items);
    }
    expect(pages).toEqual(all);
    const past = await get(
      `/scorecards/entity/findings?entityRef=${FRAUD}&offset=${all.length}`,
    );
    expect(past.body).toEqual({
      items: [],
      offset: all.length,
      limit: 50,
      totalCount: all.length,
    });
  });

  it('filters by statuses, pillar and resource on the server', async () => {
    const open = await get(
      `/scorecards/entity/findings?entityRef=${FRAUD}&status=fail,unknown`,
    );
    expect(open.status).toBe(200);
    const expected = all.filter(
      r => r.status === 'fail' || r.status === 'unknown',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(open.body.items).toEqual(expected);
    expect(open.body.totalCount).toBe(expected.length);

    const pillar = all[0].pillar;
    const byPillar = await get(
      `/scorecards/entity/findings?entityRef=${FRAUD}&pillar=${pillar}`,
    );
    expect(byPillar.body.items.map(key)).toEqual(
      all.filter(r => r.pillar === pillar).map(key),
    );

    const byResource = await get(
      `/scorecards/entity/findings?entityRef=${FRAUD}&resourceArn=${encodeURIComponent(
        FRAUD_NOTEBOOK_ARN,
      )}&limit=500`,
    );
    const ofNotebook = all.filter(r => r.resourceArn === FRAUD_NOTEBOOK_ARN);
    expect(ofNotebook.length).toBeGreaterThan(0);
    expect(byResource.body.items).toEqual(ofNotebook);
  });

  it.each([
    ['/scorecards/entity?entityRef={e}&findingsLimit=0', 'findingsLimit'],
    ['/scorecards/entity?entityRef={e}&findingsLimit=501', 'findingsLimit'],
    ['/scorecards/entity?entityRef={e}&findingsLimit=ten', 'findingsLimit'],
    ['/scorecards/entity/findings?entityRef={e}&limit=501', 'limit'],
    ['/scorecards/entity/findings?entityRef={e}&offset=-1', 'offset'],
    ['/scorecards/entity/findings?entityRef={e}&status=fail,broken', 'status'],
    ['/scorecards/entity/findings?entityRef={e}&pillar=cooking', 'pillar'],
    ['/scorecards/entity/findings?entityRef=fraud-scoring', 'entityRef'],
    ['/scorecards/entity/findings', 'entityRef'],
  ])('answers 400 naming the field for %s', async (path, field) => {
    const response = await get(path.replace('{e}', FRAUD));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(field);
  });

  it('answers 404 for an entity that is not in the catalog', async () => {
    const response = await get(
      '/scorecards/entity/findings?entityRef=component:default/nope',
    );
    expect(response.status).toBe(404);
  });
});
