import fc from 'fast-check';
import {
  encodeAs,
  encodingArb,
  hostileString,
  jsonValue,
  longString,
  stringValue,
} from './fuzzValues';
import type { ProbeRequest } from './http';
import { API, Known, Route, ROUTES } from './routes';

export interface Principals {
  user: string;
  service: string;
}

export interface FuzzRequest extends ProbeRequest {
  route: string;
  principal: 'user' | 'service' | 'none';
}

const MAX_PATH = 8_000;

const PILLARS = ['encryption', 'network', 'iam', 'monitoring', 'resilience'];
const TYPES = [
  'notebook-instance',
  'endpoint',
  'model',
  'training-job',
  'domain',
];
const DATES = ['2026-01-01', '2026-06-30', '2025-12-31'];

/** Valid values of each query parameter, from the spec and the backend's data. */
function queryParams(route: Route, k: Known): Record<string, string[]> {
  const entities = [...k.components, ...k.groups, ...k.systems];
  switch (route.id) {
    case 'GET /scorecards/entity':
      return { entityRef: entities, findingsLimit: ['1', '50', '500'] };
    case 'GET /scorecards/entity/findings':
      return {
        entityRef: entities,
        offset: ['0', '10'],
        limit: ['1', '50', '500'],
        status: ['fail', 'fail,warn', 'unknown,waived', 'pass,not_applicable'],
        pillar: PILLARS,
      };
    case 'GET /resources/findings':
      return { arn: k.arns };
    case 'GET /checks':
      return { pillar: PILLARS };
    case 'GET /rollups/org':
      return {
        offset: ['0', '10'],
        limit: ['1', '50', '500'],
        orderBy: ['score', 'entityRef', 'owner', 'resourceCount', 'fail'],
        order: ['asc', 'desc'],
        owner: k.groups,
        grade: ['A', 'B', 'C', 'D', 'E', 'F'],
        pillar: PILLARS,
      };
    case 'GET /rollups/entity':
      return { entityRef: entities };
    case 'GET /history/entity':
      return { entityRef: entities, from: DATES, to: DATES };
    case 'GET /waivers':
      return { entityRef: entities, status: ['active', 'expired', 'revoked'] };
    case 'GET /waiver-requests':
      return {
        entityRef: entities,
        status: ['pending', 'approved', 'denied', 'withdrawn'],
      };
    case 'GET /waivers/capabilities':
      return { entityRef: entities };
    case 'GET /export':
      return { format: ['csv', 'json'], entityRef: entities };
    case 'GET /inventory/resources':
      return {
        type: TYPES,
        cursor: k.cursor ? [k.cursor] : [],
        limit: ['1', '100', '500'],
        includeDeleted: ['true', 'false'],
      };
    default:
      return {};
  }
}

/** How one query parameter appears: absent, once, twice, as an array or object. */
function queryPart(name: string, valid: string[]): fc.Arbitrary<string> {
  const value = fc
    .tuple(stringValue(valid), encodingArb)
    .map(([v, e]) => encodeAs(v, e));
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    { weight: 8, arbitrary: value.map(v => `${name}=${v}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(value, value)
        .map(([a, b]) => `${name}=${a}&${name}=${b}`),
    },
    { weight: 1, arbitrary: value.map(v => `${name}[]=${v}&${name}[]=${v}`) },
    { weight: 1, arbitrary: value.map(v => `${name}[a]=${v}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(`${name}=`, name, `${name}[__proto__][x]=1`),
    },
  );
}

const unknownParams = fc.constantFrom(
  '',
  '',
  '',
  'foo=bar',
  '__proto__[admin]=true',
  'constructor[prototype][x]=1',
  'limit=-1',
  '%00=%00',
  '=',
  '&&&',
);

function pathSegment(valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(stringValue(valid), encodingArb)
      .map(([v, e]) => encodeAs(v, e) || 'x'),
    fc.constantFrom(
      '..',
      '%2e%2e',
      '..%2f..%2fcatalog',
      '%00',
      '%2F',
      '.',
      'x%00y',
    ),
  );
}

function path(route: Route, k: Known): fc.Arbitrary<string> {
  const params = queryParams(route, k);
  const query = fc
    .tuple(
      fc.tuple(...Object.entries(params).map(([n, v]) => queryPart(n, v))),
      unknownParams,
    )
    .map(([parts, extra]) => {
      const q = [...parts, extra].filter(Boolean).join('&');
      return q ? `?${q}` : '';
    });
  const base = route.template;
  if (base.includes('{checkId}')) {
    return fc
      .tuple(pathSegment(k.checkIds), query)
      .map(([s, qs]) => `/checks/${s}${qs}`);
  }
  if (base === '/scans/{id}') {
    return fc
      .tuple(pathSegment(k.scanIds), query)
      .map(([s, qs]) => `/scans/${s}${qs}`);
  }
  if (base === '/waivers/{id}') {
    return fc
      .tuple(pathSegment(k.waiverIds), query)
      .map(([s, qs]) => `/waivers/${s}${qs}`);
  }
  if (base === '/waivers/{id}/revoke') {
    return fc
      .tuple(pathSegment(k.waiverIds), query)
      .map(([s, qs]) => `/waivers/${s}/revoke${qs}`);
  }
  const request = /^\/waiver-requests\/\{id\}(.*)$/.exec(base);
  if (request) {
    return fc
      .tuple(pathSegment(k.requestIds), query)
      .map(([s, qs]) => `/waiver-requests/${s}${request[1]}${qs}`);
  }
  return query.map(qs => `${base}${qs}`);
}

/** A JSON object with these fields: each absent, valid, hostile or mistyped. */
function objectBody(fields: Record<string, string[]>): fc.Arbitrary<unknown> {
  const entries = Object.entries(fields).map(([name, valid]) =>
    fc
      .oneof(
        { weight: 1, arbitrary: fc.constant(undefined) },
        {
          weight: 3,
          arbitrary: fc.constantFrom(...(valid.length ? valid : ['x'])),
        },
        { weight: 5, arbitrary: jsonValue(valid) },
      )
      .map(v => [name, v] as const),
  );
  return fc
    .tuple(
      fc.tuple(...entries),
      fc.option(
        fc.tuple(
          fc.constantFrom('extra', '__proto__', 'id', 'status', 'createdBy'),
          jsonValue([]),
        ),
      ),
    )
    .map(([pairs, extra]) => {
      const result: Record<string, unknown> = {};
      for (const [n, v] of pairs) if (v !== undefined) result[n] = v;
      if (extra) result[extra[0]] = extra[1];
      return result;
    });
}

const RAW_BODIES = [
  '',
  '{',
  '{"entityRef":',
  'null',
  '[]',
  '"text"',
  '1e999',
  '-0',
  '{"a":1,"a":2}',
  '\u0000',
  '{"\u0000":"\u0000"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{"reason":"${'x'.repeat(200_000)}"}`,
  '{"targets":[{"accountId":111122223333,"region":["us-east-1"]}]}',
];

function body(route: Route, k: Known): fc.Arbitrary<string> {
  const future = (d: number) =>
    new Date(Date.now() + d * 86_400_000).toISOString();
  let fields: Record<string, string[]>;
  if (route.id === 'POST /waivers' || route.id === 'POST /waiver-requests') {
    fields = {
      entityRef: k.components,
      checkId: k.checkIds,
      resourceArn: ['*', ...k.arns.slice(0, 5)],
      reason: ['outside probe fuzzing a waiver'],
      expiresAt: [
        future(10),
        future(400),
        '2020-01-01T00:00:00Z',
        '2026-02-31T00:00:00Z',
      ],
    };
  } else if (route.id === 'POST /waivers/{id}/revoke') {
    fields = { reason: ['outside probe fuzzing a revoke'] };
  } else if (
    route.id === 'POST /waiver-requests/{id}/approve' ||
    route.id === 'POST /waiver-requests/{id}/deny'
  ) {
    fields = { comment: ['outside probe fuzzing a decision'] };
  } else {
    fields = {};
  }
  const structured =
    route.id === 'POST /scans'
      ? fc.oneof(
          fc.constant({}),
          fc
            .array(
              fc.record({
                accountId: jsonValue([
                  '111122223333',
                  '444455556666',
                  '999999999999',
                ]),
                region: jsonValue(['us-east-1', 'eu-west-1', 'ap-south-1']),
              }),
              { maxLength: 3 },
            )
            .map(targets => ({ targets })),
          objectBody({ targets: [] }),
        )
      : objectBody(fields);
  return fc.oneof(
    { weight: 6, arbitrary: structured.map(b => JSON.stringify(b) ?? '') },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES) },
    { weight: 1, arbitrary: hostileString() },
    {
      weight: 1,
      arbitrary: longString.map(s => JSON.stringify({ reason: s })),
    },
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'multipart/form-data; boundary=x',
  '',
];

export function requestArbitrary(
  route: Route,
  k: Known,
  tokens: Principals,
): fc.Arbitrary<FuzzRequest> {
  const principal = fc.constantFrom<FuzzRequest['principal']>(
    'user',
    'user',
    'user',
    'user',
    'user',
    'user',
    'service',
    'service',
    'none',
  );
  const auth = (p: FuzzRequest['principal']): Record<string, string> => {
    if (p === 'none') return {};
    return {
      authorization: `Bearer ${p === 'user' ? tokens.user : tokens.service}`,
    };
  };
  // Node's HTTP server refuses request heads over 16 KiB before the backend
  // sees them (431, or a reset while a body is still being sent); long
  // values still reach the backend, in paths up to this length and in bodies
  // of any size.
  const routePath = path(route, k).map(p => p.slice(0, MAX_PATH));
  if (route.method === 'GET') {
    return fc.tuple(routePath, principal).map(([p, who]) => ({
      route: route.id,
      method: 'GET',
      path: `${API}${p}`,
      headers: auth(who),
      principal: who,
    }));
  }
  return fc
    .tuple(
      routePath,
      principal,
      body(route, k),
      fc.constantFrom(...CONTENT_TYPES),
    )
    .map(([p, who, b, type]) => ({
      route: route.id,
      method: 'POST',
      path: `${API}${p}`,
      headers: { ...auth(who), ...(type ? { 'content-type': type } : {}) },
      body: b,
      principal: who,
    }));
}

/** The seeded requests: `perRoute` for each route whose id `select` accepts. */
export function generate(options: {
  seed: number;
  known: Known;
  tokens: Principals;
  perRoute: number;
  select: (route: Route) => boolean;
}): FuzzRequest[] {
  return ROUTES.filter(options.select).flatMap((route, i) =>
    fc.sample(requestArbitrary(route, options.known, options.tokens), {
      seed: options.seed + i,
      numRuns: options.perRoute,
    }),
  );
}
