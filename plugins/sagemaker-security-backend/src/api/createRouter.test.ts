import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { migrateResultsTables } from '../service/__testUtils__/migrations';
import { InMemoryInventoryStore } from '../service/__testUtils__/InMemoryInventoryStore';
import { startScorecardTestBackend } from '../service/__testUtils__/testBackend';
import {
  CHURN,
  entities,
  FRAUD,
  FRAUD_CONFIG_ARN,
  FRAUD_ENDPOINT_ARN,
  FRAUD_NOTEBOOK_ARN,
  FRAUD_SYSTEM,
  FRAUD_TEAM,
  ML_TEAM,
  PLATFORM,
  RISK_DOMAIN,
  seedEstate,
  UNLINKED_ARN,
} from '../service/__testUtils__/estate';
import { ACCOUNT } from '../service/__testUtils__/fixtures';

jest.setTimeout(60_000);

const READ = 'sagemaker-security.scorecard.read';
const SCAN = 'sagemaker-security.scan.run';
const WAIVE = 'sagemaker-security.waiver.create';
const REVOKE = 'sagemaker-security.waiver.revoke';

const ALICE = 'user:default/alice'; // member of fraud-team
const MALLORY = 'user:default/mallory'; // member of nothing
const SAM = 'user:default/sam'; // member of security
const asUser = (ref = ALICE) => mockCredentials.user.header(ref);

function inDays(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString();
}

type Route = {
  name: string;
  method: 'get' | 'post';
  path: string;
  body?: object;
  /** The permission whose denial gives 403. */
  permission?: string;
  /** A request with malformed input, and a word the 400 message names. */
  malformed: { path: string; body?: object; names: string };
};

describe('createRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let harness: Awaited<ReturnType<typeof startScorecardTestBackend>>;
  let inventory: InMemoryInventoryStore;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateResultsTables(knex);
    inventory = new InMemoryInventoryStore();
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
      config: {
        sagemakerSecurity: {
          waivers: { securityGroups: ['group:default/security'] },
        },
      },
      memberships: {
        [ALICE]: [FRAUD_TEAM],
        [SAM]: ['group:default/security'],
      },
    });
    await harness.backend().evaluateNow();
  });

  beforeEach(() => harness.policy.reset());

  const api = () => request(harness.server);
  const base = '/api/sagemaker-security';

  // Every route of openapi.yaml, with a valid and a malformed request.
  const routes: Route[] = [
    {
      name: 'GET /scorecards/entity',
      method: 'get',
      path: `/scorecards/entity?entityRef=${FRAUD}`,
      permission: READ,
      malformed: { path: '/scorecards/entity', names: 'entityRef' },
    },
    {
      name: 'GET /scorecards/entity/findings',
      method: 'get',
      path: `/scorecards/entity/findings?entityRef=${FRAUD}&status=fail,warn&limit=2`,
      permission: READ,
      malformed: {
        path: `/scorecards/entity/findings?entityRef=${FRAUD}&status=fail,broken`,
        names: 'status',
      },
    },
    {
      name: 'GET /resources/findings',
      method: 'get',
      path: `/resources/findings?arn=${encodeURIComponent(FRAUD_NOTEBOOK_ARN)}`,
      permission: READ,
      malformed: { path: '/resources/findings?arn=not-an-arn', names: 'arn' },
    },
    {
      name: 'GET /checks',
      method: 'get',
      path: '/checks',
      malformed: { path: '/checks?pillar=cooking', names: 'pillar' },
    },
    {
      name: 'GET /checks/{checkId}',
      method: 'get',
      path: '/checks/test-kms-key',
      malformed: { path: '/checks/Not_An_Id', names: 'checkId' },
    },
    {
      name: 'GET /rollups/org',
      method: 'get',
      path: '/rollups/org',
      permission: READ,
      malformed: { path: '/rollups/org?limit=0', names: 'limit' },
    },
    {
      name: 'GET /rollups/entity',
      method: 'get',
      path: `/rollups/entity?entityRef=${ML_TEAM}`,
      permission: READ,
      malformed: { path: '/rollups/entity?entityRef=', names: 'entityRef' },
    },
    {
      name: 'GET /history/entity',
      method: 'get',
      path: `/history/entity?entityRef=${FRAUD}`,
      permission: READ,
      malformed: {
        path: `/history/entity?entityRef=${FRAUD}&from=2026-13-45`,
        names: 'from',
      },
    },
    {
      name: 'GET /waivers',
      method: 'get',
      path: `/waivers?entityRef=${FRAUD}`,
      permission: READ,
      malformed: { path: '/waivers?status=forever', names: 'status' },
    },
    {
      name: 'POST /waivers',
      method: 'post',
      path: '/waivers',
      body: {
        entityRef: FRAUD,
        checkId: 'test-role-boundary',
        resourceArn: '*',
        reason: 'Boundary arrives with the new account baseline',
        expiresAt: inDays(30),
      },
      permission: WAIVE,
      malformed: {
        path: '/waivers',
        body: {
          entityRef: FRAUD,
          checkId: 'test-kms-key',
          resourceArn: '*',
          reason: 'Key migration planned for next sprint',
          expiresAt: 'next tuesday',
        },
        names: 'expiresAt',
      },
    },
    {
      name: 'POST /waivers/{id}/revoke',
      method: 'post',
      path: '/waivers/{waiver}/revoke',
      body: { reason: 'fixed' },
      permission: REVOKE,
      malformed: {
        path: '/waivers/{waiver}/revoke',
        body: { because: 'fixed' },
        names: 'because',
      },
    },
    {
      name: 'POST /scans',
      method: 'post',
      path: '/scans',
      body: {},
      permission: SCAN,
      malformed: {
        path: '/scans',
        body: { targets: [{ accountId: '12', region: 'eu-west-1' }] },
        names: 'accountId',
      },
    },
    {
      name: 'GET /scans/latest',
      method: 'get',
      path: '/scans/latest',
      malformed: { path: '/scans/latest?verbose=1', names: 'verbose' },
    },
    {
      name: 'GET /scans/health',
      method: 'get',
      path: '/scans/health',
      permission: READ,
      malformed: { path: '/scans/health?verbose=1', names: 'verbose' },
    },
    {
      name: 'GET /scans/{id}',
      method: 'get',
      path: '/scans/scan-1',
      malformed: { path: '/scans/scan-1?verbose=1', names: 'verbose' },
    },
    {
      name: 'GET /export',
      method: 'get',
      path: `/export?format=csv&entityRef=${FRAUD}`,
      permission: READ,
      malformed: { path: '/export?format=xml', names: 'format' },
    },
    {
      name: 'GET /inventory/resources',
      method: 'get',
      path: '/inventory/resources?type=notebook-instance&limit=2',
      permission: READ,
      malformed: {
        path: '/inventory/resources?type=spaceship',
        names: 'type',
      },
    },
  ];

  // Waivers of passing results: they exist but change no score.
  const FRAUD_JOB_ARN = `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:training-job/fraud-train`;
  const unusedWaivers: Array<[string, string]> = [
    ['test-role-boundary', FRAUD_NOTEBOOK_ARN],
    ['test-data-capture', FRAUD_ENDPOINT_ARN],
    ['test-kms-key', FRAUD_JOB_ARN],
    ['test-role-boundary', FRAUD_JOB_ARN],
  ];

  /** A fresh active waiver for the revoke route. */
  async function createWaiver() {
    const [checkId, resourceArn] = unusedWaivers.shift()!;
    const response = await api()
      .post(`${base}/waivers`)
      .set('Authorization', asUser())
      .send({
        entityRef: FRAUD,
        checkId,
        resourceArn,
        reason: 'Needed for a data science demo this week',
        expiresAt: inDays(7),
      });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async function send(
    route: Pick<Route, 'method' | 'path' | 'body'>,
    authorization?: string,
  ) {
    let path = route.path;
    if (path.includes('{waiver}')) {
      path = path.replace('{waiver}', await createWaiver());
    }
    const call =
      route.method === 'get'
        ? api().get(`${base}${path}`)
        : api()
            .post(`${base}${path}`)
            .send(route.body ?? {});
    return authorization ? call.set('Authorization', authorization) : call;
  }

  it('registers the permissions', () => {
    expect(harness.registeredPermissions).toEqual([
      READ,
      SCAN,
      WAIVE,
      REVOKE,
      'sagemaker-security.waiver.request',
      'sagemaker-security.waiver.approve',
    ]);
  });

  it.each(routes.map(r => [r.name, r] as const))(
    '%s answers 401 without credentials',
    async (_name, route) => {
      const response = await send(route);
      expect(response.status).toBe(401);
    },
  );

  it.each(routes.map(r => [r.name, r] as const))(
    '%s answers 2xx for an allowed user',
    async (_name, route) => {
      const response = await send(route, asUser());
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
    },
  );

  it.each(routes.filter(r => r.permission).map(r => [r.name, r] as const))(
    '%s answers 403 when its permission is denied',
    async (_name, route) => {
      const prepared = route.path.includes('{waiver}')
        ? {
            ...route,
            path: route.path.replace('{waiver}', await createWaiver()),
          }
        : route;
      harness.policy.denied.add(route.permission!);
      const response = await send(prepared, asUser());
      expect(response.status).toBe(403);
      expect(response.body.error.name).toBe('NotAllowedError');
    },
  );

  it.each(routes.map(r => [r.name, r] as const))(
    '%s answers 400 naming the field on malformed input',
    async (_name, route) => {
      const response = await send(
        { method: route.method, ...route.malformed },
        asUser(),
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(route.malformed.names);
    },
  );

  it('answers 400 naming entityRef for a reference that does not parse', async () => {
    const response = await api()
      .get(`${base}/scorecards/entity?entityRef=${'fraud-scoring'}`)
      .set('Authorization', asUser());
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('entityRef');
  });

  it('serves the scorecard of an ML service over its linked resources', async () => {
    const response = await api()
      .get(`${base}/scorecards/entity?entityRef=${FRAUD}`)
      .set('Authorization', asUser());
    expect(response.status).toBe(200);
    const card = response.body;
    expect(card.entityRef).toBe(FRAUD);
    // dependsOn (endpoint) + tag ml-service (config, notebook, job).
    expect(card.resources.map((r: { arn: string }) => r.arn).sort()).toEqual(
      [
        FRAUD_ENDPOINT_ARN,
        FRAUD_CONFIG_ARN,
        FRAUD_NOTEBOOK_ARN,
        `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:training-job/fraud-train`,
      ].sort(),
    );
    expect(card.score.grade).toBe('F');
    expect(card.stale).toBe(false);
    expect(card.lastScan.scanId).toBe('scan-1');
    const internet = card.results.find(
      (r: { checkId: string }) => r.checkId === 'test-direct-internet',
    );
    expect(internet.status).toBe('fail');
    expect(internet.severity).toBe('critical');
  });

  it('answers 404 for an entity that is not in the catalog', async () => {
    const response = await api()
      .get(`${base}/scorecards/entity?entityRef=component:default/nope`)
      .set('Authorization', asUser());
    expect(response.status).toBe(404);
  });

  it('serves a resource Entity as itself', async () => {
    const response = await api()
      .get(
        `${base}/scorecards/entity?entityRef=resource:default/fraud-endpoint`,
      )
      .set('Authorization', asUser());
    expect(response.status).toBe(200);
    expect(response.body.resources.map((r: { arn: string }) => r.arn)).toEqual([
      FRAUD_ENDPOINT_ARN,
    ]);
  });

  it('filters findings of a resource by the linked entities under a conditional policy', async () => {
    harness.policy.conditional.add(READ);
    harness.policy.conditionalAllows = ref => ref === CHURN;
    const denied = await api()
      .get(
        `${base}/resources/findings?arn=${encodeURIComponent(
          FRAUD_NOTEBOOK_ARN,
        )}`,
      )
      .set('Authorization', asUser());
    expect(denied.status).toBe(404);
    harness.policy.conditionalAllows = ref => ref === FRAUD;
    const allowed = await api()
      .get(
        `${base}/resources/findings?arn=${encodeURIComponent(
          FRAUD_NOTEBOOK_ARN,
        )}`,
      )
      .set('Authorization', asUser());
    expect(allowed.status).toBe(200);
    expect(allowed.body.resource.arn).toBe(FRAUD_NOTEBOOK_ARN);
    // A resource no entity links to needs an unconditional allow.
    const orphan = await api()
      .get(`${base}/resources/findings?arn=${encodeURIComponent(UNLINKED_ARN)}`)
      .set('Authorization', asUser());
    expect(orphan.status).toBe(404);
  });

  it('pages, orders and filters the org rollup, leaving out entities the caller may not read', async () => {
    const all = await api()
      .get(`${base}/rollups/org?orderBy=score&order=asc`)
      .set('Authorization', asUser());
    expect(all.status).toBe(200);
    // idle has no resources: not an ML service with a scorecard.
    expect(
      all.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([FRAUD, CHURN]);
    expect(all.body.totalCount).toBe(2);
    expect(all.body.items[0].owner).toBe(FRAUD_TEAM);
    expect(all.body.items[0].worstFindings[0].check.id).toBe(
      'test-direct-internet',
    );

    const paged = await api()
      .get(`${base}/rollups/org?offset=1&limit=1&orderBy=score&order=asc`)
      .set('Authorization', asUser());
    expect(paged.body).toMatchObject({ offset: 1, limit: 1, totalCount: 2 });
    expect(
      paged.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([CHURN]);

    const owned = await api()
      .get(`${base}/rollups/org?owner=ml-team`)
      .set('Authorization', asUser());
    expect(
      owned.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([CHURN]);

    harness.policy.conditional.add(READ);
    harness.policy.conditionalAllows = ref => ref === CHURN;
    const filtered = await api()
      .get(`${base}/rollups/org`)
      .set('Authorization', asUser());
    expect(
      filtered.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual([CHURN]);
  });

  it('rolls up a group with its nested groups, a system and a domain', async () => {
    const platform = await api()
      .get(`${base}/rollups/entity?entityRef=${PLATFORM}`)
      .set('Authorization', asUser());
    expect(platform.status).toBe(200);
    expect(
      platform.body.entities
        .map((e: { entityRef: string }) => e.entityRef)
        .sort(),
    ).toEqual([CHURN, FRAUD].sort());
    expect(platform.body.score.grade).toBe('D');

    const fraudTeam = await api()
      .get(`${base}/rollups/entity?entityRef=${FRAUD_TEAM}`)
      .set('Authorization', asUser());
    // fraud-team lists platform as a child (a cycle): the walk takes in
    // platform's tree once and ends.
    expect(
      fraudTeam.body.entities
        .map((e: { entityRef: string }) => e.entityRef)
        .sort(),
    ).toEqual([CHURN, FRAUD].sort());

    const system = await api()
      .get(`${base}/rollups/entity?entityRef=${FRAUD_SYSTEM}`)
      .set('Authorization', asUser());
    expect(
      system.body.entities.map((e: { entityRef: string }) => e.entityRef),
    ).toEqual([FRAUD]);
    const domain = await api()
      .get(`${base}/rollups/entity?entityRef=${RISK_DOMAIN}`)
      .set('Authorization', asUser());
    expect(
      domain.body.entities.map((e: { entityRef: string }) => e.entityRef),
    ).toEqual([FRAUD]);

    const notARollup = await api()
      .get(`${base}/rollups/entity?entityRef=${FRAUD}`)
      .set('Authorization', asUser());
    expect(notARollup.status).toBe(400);
    expect(notARollup.body.error.message).toContain('entityRef');
  });

  it('exports findings as CSV and JSON', async () => {
    const csv = await api()
      .get(`${base}/export?format=csv&entityRef=${FRAUD}`)
      .set('Authorization', asUser());
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^entityRef,resourceArn,/);
    expect(lines.length).toBeGreaterThan(3);
    // The last column names the peer controls of the finding's check.
    expect(lines[0]).toMatch(/,waiverExpiresAt,references$/);

    const json = await api()
      .get(`${base}/export?entityRef=${FRAUD}`)
      .set('Authorization', asUser());
    expect(json.body.length).toBe(lines.length - 1);
    expect(json.body[0].entityRef).toBe(FRAUD);
    // Each finding's check carries its references (the peer controls), as
    // the catalogue does.
    const catalogue = await api()
      .get(`${base}/checks`)
      .set('Authorization', asUser());
    const referencesOf = new Map(
      catalogue.body.map((c: { id: string; references: unknown }) => [
        c.id,
        c.references,
      ]),
    );
    for (const finding of json.body) {
      expect(finding.check.references).toEqual(
        referencesOf.get(finding.check.id),
      );
    }

    // Everything at once keeps the services a conditional decision allows
    // (was: 403 unless unconditional).
    harness.policy.conditional.add(READ);
    harness.policy.conditionalAllows = ref => ref === FRAUD;
    const all = await api()
      .get(`${base}/export`)
      .set('Authorization', asUser());
    expect(all.status).toBe(200);
    expect(all.body).toEqual(json.body);
    // And nothing when the permission is denied.
    harness.policy.denied.add(READ);
    const denied = await api()
      .get(`${base}/export`)
      .set('Authorization', asUser());
    expect(denied.status).toBe(403);
  });

  it('serves the inventory to a service principal its decisions allow, and pages it', async () => {
    const first = await api()
      .get(`${base}/inventory/resources?type=notebook-instance&limit=2`)
      .set('Authorization', mockCredentials.service.header());
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].errors).toBeUndefined();
    expect(first.body.nextCursor).toBeDefined();
    const second = await api()
      .get(
        `${base}/inventory/resources?type=notebook-instance&limit=2&cursor=${first.body.nextCursor}`,
      )
      .set('Authorization', mockCredentials.service.header());
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('a service token with scorecard.read denied cannot read the inventory (was: whole inventory)', async () => {
    harness.policy.denied.add(READ);
    const response = await api()
      .get(`${base}/inventory/resources?type=notebook-instance&limit=2`)
      .set('Authorization', mockCredentials.service.header());
    expect(response.status).toBe(403);
    expect(response.body.items).toBeUndefined();
  });

  it('passes a manual scan request with the requester to the scan trigger', async () => {
    const response = await api()
      .post(`${base}/scans`)
      .set('Authorization', asUser())
      .send({ targets: [{ accountId: ACCOUNT, region: 'eu-west-1' }] });
    expect(response.status).toBe(202);
    expect(harness.scanTrigger.requests.pop()).toEqual({
      trigger: 'manual',
      requestedBy: ALICE,
      targets: [{ accountId: ACCOUNT, region: 'eu-west-1' }],
    });
  });

  it('answers 404 for an unknown check, scan and waiver', async () => {
    for (const path of ['/checks/no-such-check', '/scans/nope']) {
      const response = await api()
        .get(`${base}${path}`)
        .set('Authorization', asUser());
      expect(response.status).toBe(404);
    }
    const revoke = await api()
      .post(`${base}/waivers/00000000-0000-0000-0000-000000000000/revoke`)
      .set('Authorization', asUser())
      .send({});
    expect(revoke.status).toBe(404);
  });

  describe('waivers', () => {
    it('waives a failing result, excludes it from the score, and revokes it', async () => {
      const before = await api()
        .get(`${base}/scorecards/entity?entityRef=${FRAUD}`)
        .set('Authorization', asUser());
      const created = await api()
        .post(`${base}/waivers`)
        .set('Authorization', asUser())
        .send({
          entityRef: FRAUD,
          checkId: 'test-kms-key',
          resourceArn: '*',
          reason: 'Keys move to the new KMS account in December',
          expiresAt: inDays(10),
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: FRAUD,
        checkId: 'test-kms-key',
        createdBy: ALICE,
        status: 'active',
      });

      const after = await api()
        .get(`${base}/scorecards/entity?entityRef=${FRAUD}`)
        .set('Authorization', asUser());
      const kms = after.body.results.filter(
        (r: { checkId: string }) => r.checkId === 'test-kms-key',
      );
      const waived = kms.filter(
        (r: { status: string }) => r.status === 'waived',
      );
      expect(waived.length).toBeGreaterThan(0);
      for (const result of waived) {
        expect(result.evaluatedStatus).toBe('fail');
        expect(result.waiver.id).toBe(created.body.id);
      }
      // Passing results stay passing.
      expect(
        kms.filter((r: { status: string }) => r.status === 'pass').length,
      ).toBe(1);
      expect(after.body.score.counts.waived).toBe(
        after.body.results.filter(
          (r: { status: string }) => r.status === 'waived',
        ).length,
      );
      expect(after.body.score.counts.waived).toBeGreaterThan(
        before.body.score.counts.waived,
      );
      expect(after.body.score.score).toBeGreaterThan(before.body.score.score);

      // Rollups read stored scores: the waived service was rescored at once.
      const orgRow = async () =>
        (
          await api()
            .get(`${base}/rollups/org?limit=100`)
            .set('Authorization', asUser())
        ).body.items.find((r: { entityRef: string }) => r.entityRef === FRAUD);
      expect((await orgRow()).score).toEqual(after.body.score);

      // The rollup lists it as expiring soon.
      const team = await api()
        .get(`${base}/rollups/entity?entityRef=${FRAUD_TEAM}`)
        .set('Authorization', asUser());
      expect(
        team.body.expiringWaivers.map((w: { id: string }) => w.id),
      ).toContain(created.body.id);

      // A second waiver for the same check and resource conflicts.
      const duplicate = await api()
        .post(`${base}/waivers`)
        .set('Authorization', asUser())
        .send({
          entityRef: FRAUD,
          checkId: 'test-kms-key',
          resourceArn: '*',
          reason: 'Keys move to the new KMS account in December',
          expiresAt: inDays(10),
        });
      expect(duplicate.status).toBe(409);

      const revoked = await api()
        .post(`${base}/waivers/${created.body.id}/revoke`)
        .set('Authorization', asUser())
        .send({ reason: 'Keys rotated' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({
        status: 'revoked',
        revokedBy: ALICE,
      });
      const again = await api()
        .post(`${base}/waivers/${created.body.id}/revoke`)
        .set('Authorization', asUser())
        .send({});
      expect(again.status).toBe(409);

      const restored = await api()
        .get(`${base}/scorecards/entity?entityRef=${FRAUD}`)
        .set('Authorization', asUser());
      expect(restored.body.score).toEqual(before.body.score);
      expect((await orgRow()).score).toEqual(before.body.score);

      const listed = await api()
        .get(`${base}/waivers?entityRef=${FRAUD}&status=revoked`)
        .set('Authorization', asUser());
      expect(listed.body.map((w: { id: string }) => w.id)).toContain(
        created.body.id,
      );
    });

    it('lets only owners and security group members waive under an open policy', async () => {
      const body = {
        entityRef: CHURN,
        checkId: 'test-role-boundary',
        resourceArn: '*',
        reason: 'Role owned by the platform team, ticket PLAT-12',
        expiresAt: inDays(5),
      };
      // alice is in fraud-team, which does not own churn.
      const alice = await api()
        .post(`${base}/waivers`)
        .set('Authorization', asUser(ALICE))
        .send(body);
      expect(alice.status).toBe(403);
      expect(alice.body.error.message).toContain(ML_TEAM);
      const mallory = await api()
        .post(`${base}/waivers`)
        .set('Authorization', asUser(MALLORY))
        .send(body);
      expect(mallory.status).toBe(403);
      // A service cannot be accountable for a waiver.
      const service = await api()
        .post(`${base}/waivers`)
        .set('Authorization', mockCredentials.service.header())
        .send(body);
      expect(service.status).toBe(403);
      // sam is in the configured security group.
      const sam = await api()
        .post(`${base}/waivers`)
        .set('Authorization', asUser(SAM))
        .send(body);
      expect(sam.status).toBe(201);
      // And alice may not revoke it either.
      const revoke = await api()
        .post(`${base}/waivers/${sam.body.id}/revoke`)
        .set('Authorization', asUser(ALICE))
        .send({});
      expect(revoke.status).toBe(403);
    });

    it('applies a conditional policy decision instead of the owner rule', async () => {
      harness.policy.conditional.add(WAIVE);
      harness.policy.conditionalAllows = ref => ref === CHURN;
      const body = {
        entityRef: CHURN,
        checkId: 'test-direct-internet',
        resourceArn: '*',
        reason: 'The policy says mallory may waive for churn',
        expiresAt: inDays(5),
      };
      const allowed = await api()
        .post(`${base}/waivers`)
        .set('Authorization', asUser(MALLORY))
        .send(body);
      expect(allowed.status).toBe(201);
      const denied = await api()
        .post(`${base}/waivers`)
        .set('Authorization', asUser(ALICE))
        .send({ ...body, entityRef: FRAUD });
      expect(denied.status).toBe(403);
    });

    it('rejects bad waivers with 400 naming the field', async () => {
      const valid = {
        entityRef: FRAUD,
        checkId: 'test-data-capture',
        resourceArn: FRAUD_ENDPOINT_ARN,
        reason: 'Capture is being moved to a new bucket',
        expiresAt: inDays(5),
      };
      const cases: Array<[object, string]> = [
        [{ ...valid, expiresAt: inDays(200) }, 'expiresAt'],
        [{ ...valid, expiresAt: inDays(-1) }, 'expiresAt'],
        [{ ...valid, checkId: 'no-such-check' }, 'checkId'],
        [{ ...valid, resourceArn: UNLINKED_ARN }, 'resourceArn'],
        [{ ...valid, reason: 'because' }, 'reason'],
        [{ ...valid, reason: '          short     ' }, 'reason'],
        [{ ...valid, entityRef: 'fraud-scoring' }, 'entityRef'],
        [{ ...valid, extra: true }, 'extra'],
      ];
      for (const [body, field] of cases) {
        const response = await api()
          .post(`${base}/waivers`)
          .set('Authorization', asUser())
          .send(body);
        expect({ field, status: response.status }).toEqual({
          field,
          status: 400,
        });
        expect(response.body.error.message).toContain(field);
      }
    });
  });

  it('serves history with transitions of the linked resources', async () => {
    const response = await api()
      .get(`${base}/history/entity?entityRef=${FRAUD}`)
      .set('Authorization', asUser());
    expect(response.status).toBe(200);
    expect(response.body.transitions.length).toBeGreaterThan(0);
    expect(
      response.body.transitions.every(
        (t: { resourceArn: string }) =>
          [FRAUD_ENDPOINT_ARN, FRAUD_CONFIG_ARN, FRAUD_NOTEBOOK_ARN].includes(
            t.resourceArn,
          ) || t.resourceArn.includes('training-job/fraud-train'),
      ),
    ).toBe(true);
    // The evaluation recorded today's score.
    expect(response.body.trend.length).toBeGreaterThan(0);
    const bad = await api()
      .get(
        `${base}/history/entity?entityRef=${FRAUD}&from=2026-11-02&to=2026-11-01`,
      )
      .set('Authorization', asUser());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('from');
  });
});
