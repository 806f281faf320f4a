/**
 * API hostility, part two (issue 9, part 4; issue 14, item 2): property-based
 * fuzzing of every route of the real plugin with fast-check, over 10,000
 * generated requests per database, on SQLite and on PostgreSQL: malformed
 * entity refs, NUL characters anywhere (PostgreSQL answered 500 for them),
 * emoji, huge and unicode strings, values just past each maxLength,
 * impossible dates, injection attempts, wrong types (arrays, objects,
 * numbers where strings go), malformed percent escapes and JSON, random
 * permission denials. No request may answer 5xx, and the read routes must
 * leave every stored row as it was.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import type { Knex } from 'knex';
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
  REVOKE,
  SCAN,
  SERVICE,
  TEAM,
  WAIVE,
} from './__testUtils__/routes';
import { writeSmallEstate } from './__testUtils__/stack';

jest.setTimeout(900_000);

const USER = 'user:default/erin.walsh';
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const READ_RUNS = 700; // x 14 read routes = 9,800
const WRITE_RUNS = 534; // x 3 write routes = 1,602 (11,402 per database)

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE inventory_resources; --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(5)',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  '{"$ne": null}',
  '\u0000',
  '%00',
  '%',
  '%E0%A4%A',
  '\ud800',
  'component:default/fraud-scoring\r\nX-Injected: 1',
  '*',
  'a'.repeat(300),
  'a'.repeat(2049),
  'fraud-scoring\u0000',
  '\u0000component:default/fraud-scoring',
  'component:default/fraud\u0000scoring',
  'arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/a\u0000b',
  '🔥',
  '👩‍💻👩‍💻👩‍💻',
  '🇪🇺',
  'component:default/🔥',
  '😀'.repeat(600),
  '2026-02-31',
  '2026-02-31T10:00:00.000Z',
  '0001-01-01',
  '9999-12-31',
  // A cursor in the right shape whose ARN holds a NUL.
  Buffer.from(JSON.stringify({ arn: 'arn:aws:x\u0000' })).toString('base64url'),
];

/** A string with NUL characters somewhere in it. */
const withNul = fc
  .tuple(fc.string({ maxLength: 30 }), fc.nat(), fc.integer({ min: 1, max: 3 }))
  .map(([text, at, count]) => {
    const i = at % (text.length + 1);
    return `${text.slice(0, i)}${'\u0000'.repeat(count)}${text.slice(i)}`;
  });

const VALID = [
  SERVICE,
  TEAM,
  'component:fraud-scoring',
  'fraud-scoring',
  'system:default/fraud-detection',
  'domain:default/financial-crime',
  'user:default/erin.walsh',
  'resource:default/nothing',
];

/** Entity-ref-like strings, from valid to badly broken. */
const entityRefish = fc
  .tuple(
    fc.constantFrom(
      'component',
      'Component',
      'group',
      'system',
      'x',
      '',
      'ünï',
    ),
    fc.constantFrom('default', 'Default', '', 'development', '../..', '*'),
    fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('fraud-scoring')),
    fc.nat(5),
  )
  .map(
    ([kind, ns, name, shape]) =>
      [
        `${kind}:${ns}/${name}`,
        `${kind}:${name}`,
        `${ns}/${name}`,
        `${kind}:/${name}`,
        `:${ns}/`,
        `${kind}:${ns}/${name}/${name}`,
      ][shape],
  );

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 1, arbitrary: fc.string({ minLength: 1000, maxLength: 4000 }) },
  { weight: 2, arbitrary: withNul },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  },
  { weight: 3, arbitrary: entityRefish },
  { weight: 2, arbitrary: fc.constantFrom(...VALID) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  {
    weight: 1,
    arbitrary: fc.date({ noInvalidDate: true }).map(d => d.toISOString()),
  },
);

const enc = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return escape(value); // lone surrogates: a percent-escape express must survive
  }
};

/** One query parameter, as a value, an array, an object, bare, or broken. */
function param(name: string, values: fc.Arbitrary<string>) {
  return fc.oneof(
    { weight: 6, arbitrary: values.map(v => `${name}=${enc(v)}`) },
    {
      weight: 1,
      arbitrary: fc
        .array(values, { minLength: 2, maxLength: 3 })
        .map(vs => vs.map(v => `${name}=${enc(v)}`).join('&')),
    },
    { weight: 1, arbitrary: values.map(v => `${name}[a]=${enc(v)}`) },
    { weight: 1, arbitrary: values.map(v => `${name}[]=${enc(v)}`) },
    { weight: 1, arbitrary: fc.constant(name) },
    { weight: 1, arbitrary: fc.constant(`${name}=%E0%A4%A`) },
  );
}

/** A query of some of the route's parameters, and sometimes an unknown one. */
function query(params: Record<string, fc.Arbitrary<string>>) {
  const parts = Object.entries(params).map(([name, values]) =>
    fc.option(param(name, values), { nil: undefined, freq: 3 }),
  );
  const unknownParam = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: param('junk', hostile) },
  );
  return fc
    .tuple(fc.tuple(...parts), unknownParam)
    .map(([given, junk]) =>
      [...given, junk].filter((p): p is string => !!p).join('&'),
    );
}

/** An entity reference: a real one a third of the time. */
const ref = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...VALID) },
  { weight: 2, arbitrary: hostile },
);

/** Mostly one of the values the route expects, else anything. */
const oneOf = (...values: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: hostile },
  );

/** A JSON value of the wrong type, or a hostile string. */
const anyJson = fc.oneof(
  { weight: 4, arbitrary: hostile },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(hostile, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostile, hostile, { maxKeys: 3 }) },
);

interface Fuzzed {
  method: 'get' | 'post';
  path: string;
  /** A JSON value, or raw text sent as application/json. */
  body?: unknown;
  raw?: string;
  /** Content-Type of a raw body. */
  type?: string;
  deny: boolean;
  asService: boolean;
}

const withCaller = <T extends object>(a: fc.Arbitrary<T>) =>
  fc
    .tuple(a, fc.boolean(), fc.nat(9))
    .map(([r, deny, who]) => ({ ...r, deny, asService: who === 0 }));

function get(path: (q: string) => string, q: fc.Arbitrary<string>) {
  return withCaller(q.map(s => ({ method: 'get' as const, path: path(s) })));
}

const pathPart = fc.oneof(
  hostile.map(enc),
  fc.constantFrom('%E0%A4%A', '%', '..', '%2e%2e%2f', ''),
);

/** The read routes, with the generator of their requests. */
function readRoutes(known: {
  checkId: string;
  scanId: string;
  arn: string;
  waiverId: string;
}) {
  return {
    'GET /scorecards/entity': get(
      q => `/scorecards/entity?${q}`,
      query({ entityRef: ref, findingsLimit: oneOf('1', '50', '0', '501') }),
    ),
    'GET /scorecards/entity/findings': get(
      q => `/scorecards/entity/findings?${q}`,
      query({
        entityRef: ref,
        offset: oneOf('0', '5', '-1', '1e9'),
        limit: oneOf('1', '500', '0', '501'),
        status: oneOf('fail', 'fail,warn', 'waived,pass', 'broken', ''),
        pillar: oneOf('iam', 'resilience', 'cooking'),
        resourceArn: fc.oneof(fc.constant(known.arn), hostile),
      }),
    ),
    'GET /resources/findings': get(
      q => `/resources/findings?${q}`,
      query({
        arn: fc.oneof(
          fc.constant(known.arn),
          hostile.map(s => `arn:${s}`),
          hostile,
        ),
      }),
    ),
    'GET /checks': get(
      q => `/checks?${q}`,
      query({ pillar: oneOf('iam', 'network', 'encryption') }),
    ),
    'GET /checks/{checkId}': get(
      p => `/checks/${p}`,
      fc.oneof(fc.constant(known.checkId), pathPart),
    ),
    'GET /rollups/org': get(
      q => `/rollups/org?${q}`,
      query({
        offset: oneOf('0', '5', '-1', '1e9', '0x10'),
        limit: oneOf('1', '100', '0', '100000', 'NaN'),
        orderBy: oneOf('score', 'owner', 'fail'),
        order: oneOf('asc', 'desc'),
        owner: oneOf(TEAM, 'fraud-ml', 'group:default/security'),
        grade: oneOf('A', 'F', 'Z'),
        pillar: oneOf('iam', 'resilience'),
      }),
    ),
    'GET /rollups/entity': get(
      q => `/rollups/entity?${q}`,
      query({ entityRef: ref }),
    ),
    'GET /history/entity': get(
      q => `/history/entity?${q}`,
      query({
        entityRef: ref,
        from: oneOf('2026-01-01', '2026-13-45', '1900-01-01', '2026-02-31'),
        to: oneOf('2026-12-31', '9999-12-31', 'yesterday', '2026-02-29'),
      }),
    ),
    'GET /waivers': get(
      q => `/waivers?${q}`,
      query({
        entityRef: ref,
        status: oneOf('active', 'expired', 'revoked'),
      }),
    ),
    'GET /waivers/{id}': get(
      p => `/waivers/${p}`,
      fc.oneof(fc.constant(known.waiverId), pathPart),
    ),
    'GET /scans/latest': get(q => `/scans/latest?${q}`, query({})),
    'GET /scans/{id}': get(
      p => `/scans/${p}`,
      fc.oneof(fc.constant(known.scanId), pathPart),
    ),
    'GET /export': get(
      q => `/export?${q}`,
      query({ format: oneOf('csv', 'json', 'xml'), entityRef: ref }),
    ),
    'GET /inventory/resources': get(
      q => `/inventory/resources?${q}`,
      query({
        type: oneOf('endpoint', 'notebook-instance', 'spaceship'),
        cursor: hostile,
        limit: oneOf('1', '5000', '0', '-3'),
        includeDeleted: oneOf('true', 'false', 'yes'),
      }),
    ),
  };
}

/** Raw bodies that are not JSON, or JSON that attacks the parser. */
const rawBody = fc.tuple(
  fc.constantFrom(
    '{"entityRef": ',
    'not json at all',
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '[]',
    'null',
    '""',
    '',
    `{"reason": "${'x'.repeat(200_000)}"}`,
    `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
    `{"targets": ${'['.repeat(3000)}${']'.repeat(3000)}}`,
    'entityRef=component%3Adefault%2Ffraud-scoring&checkId=x',
  ),
  fc.constantFrom(
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/json; charset=utf-7',
    'multipart/form-data; boundary=x',
  ),
);

function post(path: fc.Arbitrary<string>, body: fc.Arbitrary<unknown>) {
  return withCaller(
    fc
      .tuple(
        path,
        fc.oneof(
          { weight: 4, arbitrary: body.map(b => ({ body: b })) },
          {
            weight: 1,
            arbitrary: rawBody.map(([raw, type]) => ({ raw, type })),
          },
        ),
      )
      .map(([p, b]) => ({ method: 'post' as const, path: p, ...b })),
  );
}

function writeRoutes(known: { checkId: string; waiverId: string }) {
  const waiverField = (valid: fc.Arbitrary<unknown>) =>
    fc.option(
      fc.oneof(
        { weight: 2, arbitrary: valid },
        { weight: 1, arbitrary: anyJson },
      ),
      {
        nil: undefined,
        freq: 6,
      },
    );
  return {
    'POST /waivers': post(
      fc.constant('/waivers'),
      fc.record(
        {
          entityRef: waiverField(fc.constantFrom(SERVICE, TEAM)),
          checkId: waiverField(fc.constant(known.checkId)),
          resourceArn: waiverField(fc.constant('*')),
          reason: waiverField(fc.string({ minLength: 10, maxLength: 60 })),
          expiresAt: waiverField(
            fc
              .integer({ min: -5, max: 120 })
              .map(days =>
                new Date(Date.now() + days * 86400_000).toISOString(),
              )
              .chain(valid =>
                fc.constantFrom(
                  valid,
                  valid,
                  valid,
                  // A real month with a day it does not have.
                  `${valid.slice(0, 5)}02-31${valid.slice(10)}`,
                  valid.replace('Z', ''),
                ),
              ),
          ),
          extra: fc.oneof(
            { weight: 6, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: anyJson },
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    'POST /waivers/{id}/revoke': post(
      fc
        .oneof(fc.constant(known.waiverId), pathPart)
        .map(id => `/waivers/${id}/revoke`),
      fc.oneof(
        fc.record({ reason: anyJson }, { requiredKeys: [] }),
        fc.dictionary(hostile, anyJson, { maxKeys: 3 }),
      ),
    ),
    'POST /scans': post(
      fc.constant('/scans'),
      fc.oneof(
        fc.constant({}),
        fc.record({
          targets: fc.oneof(
            anyJson,
            fc.array(
              fc.record(
                {
                  accountId: fc.oneof(fc.constant('111122223333'), anyJson),
                  region: fc.oneof(fc.constant('eu-west-1'), anyJson),
                },
                { requiredKeys: [] },
              ),
              { maxLength: 3 },
            ),
          ),
        }),
      ),
    ),
  };
}

/** Every row of every table of the plugin, as text. */
async function snapshot(knex: Knex): Promise<Record<string, string>> {
  const tables: Array<{ name: string }> =
    knex.client.config.client === 'pg'
      ? await knex('information_schema.tables')
          .where({ table_schema: knex.raw('current_schema()') })
          .whereNot('table_name', 'like', 'knex_%')
          .select({ name: 'table_name' })
      : await knex('sqlite_master')
          .where({ type: 'table' })
          .whereNot('name', 'like', 'knex_%')
          .whereNot('name', 'like', 'sqlite_%')
          .select('name');
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await knex(name).select('*');
    out[name] = JSON.stringify(rows.map(r => JSON.stringify(r)).sort());
  }
  return out;
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('API fuzzing on %s', databaseId => {
  const policy = new DenyList();
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startPluginBackend>>['server'];
  let known: { checkId: string; scanId: string; arn: string; waiverId: string };
  const served: Record<string, Record<number, number>> = {};

  async function fire(route: string, r: Fuzzed) {
    policy.denied.clear();
    if (r.deny) [READ, WAIVE, REVOKE, SCAN].forEach(p => policy.denied.add(p));
    const url = `${BASE}${r.path}`;
    let call =
      r.method === 'get' ? request(server).get(url) : request(server).post(url);
    call = call.set('Authorization', r.asService ? asService() : asUser(USER));
    if (r.raw !== undefined) {
      call = call.set('Content-Type', r.type ?? 'application/json').send(r.raw);
    } else if (r.body !== undefined) {
      call = call.send(r.body as object);
    }
    const response = await call;
    (served[route] ??= {})[response.status] =
      (served[route][response.status] ?? 0) + 1;
    if (response.status >= 500) {
      throw new Error(
        `${route}: ${
          response.status
        } for ${r.method.toUpperCase()} ${r.path.slice(
          0,
          300,
        )} ${JSON.stringify(r.body ?? r.raw)?.slice(0, 300)}: ${JSON.stringify(
          response.body,
        ).slice(0, 500)}`,
      );
    }
  }

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    ({ server } = await startPluginBackend({
      knex,
      policy,
      config: {
        sagemakerSecurity: {
          // One account region of the demo: scans the fuzzing starts stay cheap.
          demoEstate: await writeSmallEstate(),
          aws: { maxAttempts: 2 },
          waivers: { securityGroups: ['group:default/security'] },
        },
      },
      memberships: { [USER]: ['group:default/security'] },
    }));
    let scanId = '';
    for (let i = 0; i < 200 && !scanId; i++) {
      const latest = await request(server)
        .get(`${BASE}/scans/latest`)
        .set('Authorization', asUser(USER));
      if (latest.body.finishedAt) scanId = latest.body.id;
      else await new Promise(r => setTimeout(r, 50));
    }
    const card = await request(server)
      .get(`${BASE}/scorecards/entity?entityRef=${SERVICE}`)
      .set('Authorization', asUser(USER));
    const waiver = await request(server)
      .post(`${BASE}/waivers`)
      .set('Authorization', asUser(USER))
      .send({
        entityRef: SERVICE,
        checkId: 'vpc-endpoint-s3',
        resourceArn: '*',
        reason: 'Gateway endpoint arrives with the network rebuild',
        expiresAt: new Date(Date.now() + 86400_000).toISOString(),
      });
    if (waiver.status !== 201) throw new Error(waiver.text);
    known = {
      scanId,
      arn: card.body.resources[0].arn,
      checkId: 'endpoint-data-capture-enabled',
      waiverId: waiver.body.id,
    };
  });

  afterAll(() => {
    const byStatus: Record<string, number> = {};
    for (const statuses of Object.values(served)) {
      for (const [status, count] of Object.entries(statuses)) {
        byStatus[status] = (byStatus[status] ?? 0) + count;
      }
    }
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    // The figures of the run, with the seed that reproduces it.
    // eslint-disable-next-line no-console
    console.log(
      `API fuzzing on ${databaseId}, seed ${SEED}: ${total} requests, by status ${JSON.stringify(
        byStatus,
      )}`,
    );
  });

  /**
   * Waits until the evaluation after the start-up scan (and the rescoring a
   * waiver change starts) has written everything: two snapshots a second
   * apart are equal and the daily scores are there.
   */
  async function settled() {
    let previous = await snapshot(knex);
    for (let i = 0; i < 60; i++) {
      await new Promise(r => setTimeout(r, 1000));
      const current = await snapshot(knex);
      if (
        JSON.stringify(current) === JSON.stringify(previous) &&
        current.daily_scores !== '[]'
      ) {
        return current;
      }
      previous = current;
    }
    throw new Error('the stored rows did not settle');
  }

  it('survives 9,800 generated reads across the read routes, NUL characters included, changing nothing (was: 500 on PostgreSQL)', async () => {
    const before = await settled();
    const routes = readRoutes(known);
    expect(Object.keys(routes)).toHaveLength(14);
    for (const [route, arbitrary] of Object.entries(routes)) {
      await fc.assert(
        fc.asyncProperty(arbitrary, r => fire(route, r)),
        { numRuns: READ_RUNS, seed: SEED, endOnFailure: true },
      );
    }
    expect(await snapshot(knex)).toEqual(before);
    // The generators reached past validation, not only into 400s.
    for (const [route, statuses] of Object.entries(served)) {
      expect({ route, reached: (statuses[200] ?? 0) > 0 }).toEqual({
        route,
        reached: true,
      });
      expect(Object.values(statuses).reduce((a, b) => a + b)).toBe(READ_RUNS);
    }
  });

  it('survives 1,602 generated writes with no 5xx, NUL characters included (was: 500 on PostgreSQL)', async () => {
    for (const [route, arbitrary] of Object.entries(writeRoutes(known))) {
      await fc.assert(
        fc.asyncProperty(arbitrary, r => fire(route, r)),
        { numRuns: WRITE_RUNS, seed: SEED, endOnFailure: true },
      );
    }
    expect(served['POST /waivers'][201]).toBeGreaterThan(0);
    for (const route of [
      'POST /waivers',
      'POST /waivers/{id}/revoke',
      'POST /scans',
    ]) {
      expect(Object.values(served[route]).reduce((a, b) => a + b)).toBe(
        WRITE_RUNS,
      );
      expect(served[route][400]).toBeGreaterThan(WRITE_RUNS / 10);
    }
    // Let a scan the fuzzing started finish before the backend stops.
    for (let i = 0; i < 200; i++) {
      const latest = await request(server)
        .get(`${BASE}/scans/latest`)
        .set('Authorization', asUser(USER));
      if (latest.body.finishedAt) break;
      await new Promise(r => setTimeout(r, 50));
    }
  });
});
