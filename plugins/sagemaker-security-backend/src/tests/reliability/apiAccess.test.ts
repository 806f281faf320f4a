/**
 * API hostility, part one (issue 9, part 4): every route of openapi.yaml
 * answers 401 without (or with forged) credentials, and 403 when its
 * permission is denied, on the real plugin.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  asService,
  asUser,
  BASE,
  DenyList,
  startPluginBackend,
} from './__testUtils__/pluginBackend';
import {
  READ,
  RouteCase,
  routeCases,
  SCAN,
  SERVICE,
  specRoutes,
  WAIVE,
  REVOKE,
} from './__testUtils__/routes';
import { DEMO_ESTATE } from './__testUtils__/stack';

jest.setTimeout(60_000);

const USER = 'user:default/erin.walsh';

describe('API access control', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const policy = new DenyList();
  let server: Awaited<ReturnType<typeof startPluginBackend>>['server'];
  let cases: RouteCase[];
  const waivers: string[] = [];
  let requestId: string;

  const send = (c: RouteCase, authorization?: string) => {
    const call =
      c.method === 'get'
        ? request(server).get(`${BASE}${c.path}`)
        : request(server)
            .post(`${BASE}${c.path}`)
            .send(c.body ?? {});
    return authorization ? call.set('Authorization', authorization) : call;
  };

  async function createWaiver(checkId: string) {
    const response = await request(server)
      .post(`${BASE}/waivers`)
      .set('Authorization', asUser(USER))
      .send({
        entityRef: SERVICE,
        checkId,
        resourceArn: '*',
        reason: 'Accepted while the platform team migrates the VPC',
        expiresAt: new Date(Date.now() + 86400_000).toISOString(),
      });
    if (response.status !== 201) {
      throw new Error(`waiver not created: ${response.text}`);
    }
    return response.body.id as string;
  }

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    ({ server } = await startPluginBackend({
      knex,
      policy,
      config: {
        sagemakerSecurity: {
          demoEstate: DEMO_ESTATE,
          aws: { maxAttempts: 2 },
          waivers: { securityGroups: ['group:default/security'] },
        },
      },
      memberships: { [USER]: ['group:default/security'] },
    }));
    let latest;
    for (let i = 0; i < 200; i++) {
      latest = await request(server)
        .get(`${BASE}/scans/latest`)
        .set('Authorization', asUser(USER));
      if (latest.status === 200 && latest.body.finishedAt) break;
      await new Promise(r => setTimeout(r, 50));
    }
    const scorecard = await request(server)
      .get(`${BASE}/scorecards/entity?entityRef=${SERVICE}`)
      .set('Authorization', asUser(USER));
    if (scorecard.status !== 200) throw new Error(scorecard.text);
    const checks = [
      'vpc-endpoint-s3',
      'vpc-endpoints-ecr',
      'vpc-endpoints-sagemaker',
      'vpc-endpoints-sts-logs',
    ];
    for (const checkId of checks) waivers.push(await createWaiver(checkId));
    // A pending request, for the routes that read and decide one.
    const pending = await request(server)
      .post(`${BASE}/waiver-requests`)
      .set('Authorization', asUser(USER))
      .send({
        entityRef: SERVICE,
        checkId: 'endpoint-latency-alarms',
        resourceArn: '*',
        reason: 'Alarms come with the new dashboards next month',
        expiresAt: new Date(Date.now() + 86400_000).toISOString(),
      });
    if (pending.status !== 201) throw new Error(pending.text);
    requestId = pending.body.id;
    cases = routeCases({
      requestId,
      arn: scorecard.body.resources[0].arn,
      readWaiverId: waivers[waivers.length - 1],
      waiverId: () => waivers.shift() ?? 'no-more-waivers',
      scanId: latest!.body.id,
    });
  });

  beforeEach(() => policy.denied.clear());

  it('knows every route of openapi.yaml', () => {
    expect(cases.map(c => c.route).sort()).toEqual(specRoutes().sort());
  });

  it('answers 401 to every route without credentials or with forged ones', async () => {
    for (const c of cases) {
      for (const authorization of [
        undefined,
        'Bearer not-a-token',
        'Basic YWRtaW46YWRtaW4=',
      ]) {
        const response = await send(c, authorization);
        expect({
          route: c.route,
          authorization,
          status: response.status,
        }).toEqual({ route: c.route, authorization, status: 401 });
      }
    }
  });

  it('answers 403 to a service principal on every guarded route whose permission is denied (was: the inventory was served)', async () => {
    for (const c of cases.filter(x => x.permission && x.method === 'get')) {
      policy.denied.clear();
      policy.denied.add(c.permission!);
      const response = await send(c, asService());
      expect({ route: c.route, status: response.status }).toEqual({
        route: c.route,
        status: 403,
      });
    }
  });

  it('answers 403 to every guarded route whose permission is denied', async () => {
    const latestBefore = (
      await request(server)
        .get(`${BASE}/scans/latest`)
        .set('Authorization', asUser(USER))
    ).body.id;
    for (const c of cases.filter(x => x.permission)) {
      policy.denied.clear();
      policy.denied.add(c.permission!);
      const response = await send(c, asUser(USER));
      expect({ route: c.route, status: response.status }).toEqual({
        route: c.route,
        status: 403,
      });
    }
    // Denied writes wrote nothing.
    policy.denied.clear();
    const latestAfter = await request(server)
      .get(`${BASE}/scans/latest`)
      .set('Authorization', asUser(USER));
    expect(latestAfter.body.id).toBe(latestBefore);
    const active = await request(server)
      .get(`${BASE}/waivers?entityRef=${SERVICE}&status=active`)
      .set('Authorization', asUser(USER));
    expect(
      active.body.map((w: { checkId: string }) => w.checkId),
    ).not.toContain('endpoint-data-capture-enabled');
    expect(active.body).toHaveLength(4); // the revoke was denied too
    // No request was made, decided or withdrawn.
    const requests = await request(server)
      .get(`${BASE}/waiver-requests?entityRef=${SERVICE}`)
      .set('Authorization', asUser(USER));
    expect(
      requests.body.items.map((r: { id: string; status: string }) => [
        r.id,
        r.status,
      ]),
    ).toEqual([[requestId, 'pending']]);
    // The denied import stored nothing.
    const external = await request(server)
      .get(`${BASE}/external-findings?entityRef=${SERVICE}`)
      .set('Authorization', asUser(USER));
    expect(external.status).toBe(200);
    expect(
      external.body.map((f: { sourceId: string }) => f.sourceId),
    ).not.toContain('reliability-1');
  });

  it('serves the routes that need no permission to any authenticated caller, and only those', async () => {
    for (const p of [READ, SCAN, WAIVE, REVOKE]) policy.denied.add(p);
    const open = cases.filter(c => !c.permission);
    expect(open.map(c => c.route).sort()).toEqual([
      'GET /checks',
      'GET /checks/{checkId}',
      'GET /scans/latest',
      'GET /scans/{id}',
    ]);
    for (const c of open) {
      expect({
        route: c.route,
        status: (await send(c, asUser(USER))).status,
      }).toEqual({
        route: c.route,
        status: 200,
      });
    }
    // The inventory is guarded for services (the catalog module) as for
    // users: what the decisions allow, no bypass.
    const inventory = cases.find(c => c.route === 'GET /inventory/resources')!;
    expect((await send(inventory, asService())).status).toBe(403);
    expect((await send(inventory, asUser(USER))).status).toBe(403);
    policy.denied.clear();
    expect((await send(inventory, asService())).status).toBe(200);
  });
});
