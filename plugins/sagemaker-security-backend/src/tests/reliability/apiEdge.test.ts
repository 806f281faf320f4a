/**
 * Input validated at the edge (issue 14, item 2), on the real plugin over
 * SQLite and PostgreSQL: one test per defect found from the outside. NUL
 * characters answered 500 on PostgreSQL; impossible dates were shifted;
 * leaving out `to` bypassed the history limit and `from=0001-01-01` blocked
 * the event loop; `POST /scans` ignored its targets.
 */
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRefused"] }] */
import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  asUser,
  BASE,
  startPluginBackend,
} from './__testUtils__/pluginBackend';
import { SERVICE } from './__testUtils__/routes';
import { writeEstateOf } from './__testUtils__/stack';

jest.setTimeout(120_000);

const USER = 'user:default/erin.walsh';
const TARGETS = [
  { accountId: '111122223333', region: 'eu-west-1' },
  { accountId: '444455556666', region: 'eu-west-1' },
];
const NUL = '%00';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('the API edge on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startPluginBackend>>['server'];
  let scanId: string;
  let arn: string;
  let waiverId: string;
  const get = (path: string) =>
    request(server).get(`${BASE}${path}`).set('Authorization', asUser(USER));
  const post = (path: string, body: unknown) =>
    request(server)
      .post(`${BASE}${path}`)
      .set('Authorization', asUser(USER))
      .send(body as object);

  async function latestFinishedScan() {
    for (let i = 0; i < 400; i++) {
      const latest = await get('/scans/latest');
      if (latest.status === 200 && latest.body.finishedAt) return latest.body;
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error('no scan finished');
  }

  /**
   * Asserts a 400 whose message names the field; `what` says which case
   * failed.
   */
  function expectRefused(
    response: request.Response,
    field: string,
    what: string,
  ) {
    expect({
      what,
      status: response.status,
      name: response.body?.error?.name,
      namesField: String(response.body?.error?.message).includes(field),
    }).toEqual({ what, status: 400, name: 'InputError', namesField: true });
  }

  const waiverBody = {
    entityRef: SERVICE,
    checkId: 'vpc-endpoint-s3',
    resourceArn: '*',
    reason: 'Gateway endpoint arrives with the network rebuild',
  };

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    ({ server } = await startPluginBackend({
      knex,
      config: {
        sagemakerSecurity: {
          demoEstate: await writeEstateOf(TARGETS),
          aws: { maxAttempts: 2 },
          waivers: {
            securityGroups: ['group:default/security'],
            maxDays: 3650,
          },
        },
      },
      memberships: { [USER]: ['group:default/security'] },
    }));
    scanId = (await latestFinishedScan()).id;
    const card = await get(`/scorecards/entity?entityRef=${SERVICE}`);
    arn = card.body.resources[0].arn;
    const waiver = await post('/waivers', {
      ...waiverBody,
      expiresAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    if (waiver.status !== 201) throw new Error(waiver.text);
    waiverId = waiver.body.id;
  });

  it('POST /scans honours its targets (was: every configured target was scanned)', async () => {
    const response = await post('/scans', {
      targets: [TARGETS[1], TARGETS[1]],
    });
    expect(response.status).toBe(202);
    expect(
      response.body.targets.map(
        (t: { accountId: string; region: string }) =>
          `${t.accountId}/${t.region}`,
      ),
    ).toEqual([`${TARGETS[1].accountId}/${TARGETS[1].region}`]);
    const finished = await latestFinishedScan();
    expect(finished.id).toBe(response.body.id);
    expect(finished.targets).toHaveLength(1);
    scanId = finished.id;
  });
  it('POST /scans refuses a target that is not configured, naming it (was: ignored, 202)', async () => {
    const response = await post('/scans', {
      targets: [TARGETS[0], { accountId: '999999999999', region: 'eu-west-1' }],
    });
    expectRefused(response, 'targets/1', 'unconfigured target');
    expect(response.body.error.message).toContain('999999999999');
    // No scan was started.
    expect((await get('/scans/latest')).body.id).toBe(scanId);
  });

  it('NUL in GET /scans/{id} is a 400 naming the field (was 500 on PostgreSQL)', async () => {
    for (const id of [NUL, `${scanId}${NUL}`, `a${NUL}b`]) {
      expectRefused(await get(`/scans/${id}`), 'id', id);
    }
    expect((await get(`/scans/${scanId}`)).status).toBe(200);
  });

  it('NUL in the arn of GET /resources/findings is a 400 naming arn (was 500 on PostgreSQL)', async () => {
    for (const value of [
      `${encodeURIComponent(arn)}${NUL}`,
      `arn:aws${NUL}x`,
    ]) {
      expectRefused(
        await get(`/resources/findings?arn=${value}`),
        'arn',
        value,
      );
    }
    expect(
      (await get(`/resources/findings?arn=${encodeURIComponent(arn)}`)).status,
    ).toBe(200);
  });

  it('NUL in the /inventory/resources cursor is a 400 naming cursor (was 500 on PostgreSQL)', async () => {
    const wellFormed = Buffer.from(
      JSON.stringify({ arn: 'arn:aws:sagemaker\u0000' }),
    ).toString('base64url');
    for (const cursor of [NUL, `abc${NUL}`, wellFormed]) {
      expectRefused(
        await get(`/inventory/resources?cursor=${cursor}`),
        'cursor',
        cursor,
      );
    }
    const first = await get('/inventory/resources?limit=1');
    expect(first.status).toBe(200);
    const next = await get(
      `/inventory/resources?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(next.status).toBe(200);
  });

  it('NUL in a POST /waivers body is a 400 naming the field, and nothing is stored (was 500 on PostgreSQL)', async () => {
    const before = (await get(`/waivers?entityRef=${SERVICE}`)).body.length;
    const valid = {
      ...waiverBody,
      checkId: 'vpc-endpoints-ecr',
      expiresAt: new Date(Date.now() + 86400_000).toISOString(),
    };
    const cases: Array<[object, string]> = [
      [{ ...valid, reason: 'Waiting for the\u0000 network rebuild' }, 'reason'],
      [{ ...valid, entityRef: `${SERVICE}\u0000` }, 'entityRef'],
      [{ ...valid, checkId: 'vpc-endpoints-ecr\u0000' }, 'checkId'],
      [{ ...valid, resourceArn: `${arn}\u0000` }, 'resourceArn'],
      [{ ...valid, 'extra\u0000': 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      expectRefused(await post('/waivers', body), field, field);
    }
    expect((await get(`/waivers?entityRef=${SERVICE}`)).body).toHaveLength(
      before,
    );
  });

  it('NUL in a revoke is a 400 naming the field, and the waiver stays active (was 500 on PostgreSQL)', async () => {
    expectRefused(
      await post(`/waivers/${waiverId}/revoke`, { reason: 'done\u0000' }),
      'reason',
      'reason',
    );
    expectRefused(
      await post(`/waivers/${waiverId}${NUL}/revoke`, { reason: 'done' }),
      'id',
      'id',
    );
    expect((await get(`/waivers/${waiverId}`)).body.status).toBe('active');
  });

  it('NUL in any query parameter is a 400 naming it, on every route', async () => {
    const cases: Array<[string, string]> = [
      [`/scorecards/entity?entityRef=${SERVICE}${NUL}`, 'entityRef'],
      [`/rollups/entity?entityRef=group:default/fraud-ml${NUL}`, 'entityRef'],
      [`/rollups/org?owner=fraud-ml${NUL}`, 'owner'],
      [`/history/entity?entityRef=${SERVICE}${NUL}`, 'entityRef'],
      [`/waivers?entityRef=${SERVICE}${NUL}`, 'entityRef'],
      [`/export?entityRef=${SERVICE}${NUL}`, 'entityRef'],
      [`/checks/vpc-endpoint-s3${NUL}`, 'checkId'],
      [`/waivers?entityRef[${NUL}]=x`, 'entityRef'],
    ];
    for (const [path, field] of cases) {
      expectRefused(await get(path), field, path);
    }
  });

  it('refuses 31 February and other impossible dates instead of shifting them', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const common = year % 4 === 0 ? year + 1 : year; // not a leap year
    for (const expiresAt of [
      `${year}-02-31T12:00:00.000Z`,
      `${year}-04-31T12:00:00Z`,
      `${common}-02-29T12:00:00Z`,
    ]) {
      expectRefused(
        await post('/waivers', {
          ...waiverBody,
          checkId: 'vpc-endpoints-sts-logs',
          expiresAt,
        }),
        'expiresAt',
        expiresAt,
      );
    }
    expectRefused(
      await get(`/history/entity?entityRef=${SERVICE}&from=2026-02-31`),
      'from',
      'from',
    );
    expectRefused(
      await get(
        `/history/entity?entityRef=${SERVICE}&from=2026-01-01&to=2026-02-29`,
      ),
      'to',
      'to',
    );
  });

  it('bounds history ranges whatever is omitted (was: leaving out to bypassed the 366-day limit)', async () => {
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
    const started = Date.now();
    expectRefused(
      await get(`/history/entity?entityRef=${SERVICE}&from=0001-01-01`),
      'from',
      'from=0001-01-01',
    );
    // Refused before any work: not seconds of day-by-day looping.
    expect(Date.now() - started).toBeLessThan(1000);
    expectRefused(
      await get(`/history/entity?entityRef=${SERVICE}&from=${day(-400)}`),
      'from',
      'from 400 days ago',
    );
    expectRefused(
      await get(`/history/entity?entityRef=${SERVICE}&to=9999-12-31`),
      'to',
      'to=9999-12-31',
    );
    expectRefused(
      await get(
        `/history/entity?entityRef=${SERVICE}&from=${day(10)}&to=${day(1)}`,
      ),
      'from',
      'from after to',
    );
    for (const query of [
      '',
      `&from=${day(-365)}`,
      `&to=${day(-100)}`,
      `&from=${day(-30)}&to=${day(0)}`,
    ]) {
      const ok = await get(`/history/entity?entityRef=${SERVICE}${query}`);
      expect({ query, status: ok.status }).toEqual({ query, status: 200 });
    }
    const defaulted = await get(
      `/history/entity?entityRef=${SERVICE}&to=${day(-100)}`,
    );
    expect(defaulted.body.trend.length).toBeLessThanOrEqual(30);
  });
});
