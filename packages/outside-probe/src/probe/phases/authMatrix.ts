import { send } from '../http';
import type { BackendProcess } from '../backend';
import type { Context } from '../context';
import { API, Known, ROUTES, specOperations } from '../routes';
import { badCredentials } from '../tokens';

/**
 * Every route of the spec with each of 13 kinds of missing, malformed, expired
 * or forged credentials: all must answer 401 (and write nothing: the writes
 * carry valid bodies). A control request with the guest's token must not.
 */
export async function authMatrix(
  ctx: Context,
  backend: BackendProcess,
  known: Known,
  guest: string,
) {
  const { report, dbName } = ctx;
  const spec = specOperations(ctx.repoRoot);
  const covered = ROUTES.map(r => `${r.method} ${r.template}`).sort();
  report.check(
    dbName,
    'the probe covers every operation of openapi.yaml',
    JSON.stringify(spec) === JSON.stringify(covered),
    `${spec.length} operations in the spec, ${covered.length} probed${
      JSON.stringify(spec) === JSON.stringify(covered)
        ? ''
        : `; spec only: ${spec
            .filter(s => !covered.includes(s))
            .join(', ')}; probe only: ${covered
            .filter(c => !spec.includes(c))
            .join(', ')}`
    }`,
  );
  const credentials = await badCredentials({
    key: ctx.key,
    issuer: `${backend.baseUrl}/api/auth`,
    realUserToken: guest,
    validStatic: ctx.services[0].token,
  });
  let answered401 = 0;
  const wrong: string[] = [];
  for (const route of ROUTES) {
    const valid = route.valid(known);
    for (const credential of credentials) {
      const res = await send(backend.baseUrl, {
        method: route.method,
        path: `${API}${valid.path}`,
        headers: {
          ...credential.headers,
          ...(valid.body ? { 'content-type': 'application/json' } : {}),
        },
        body: valid.body ? JSON.stringify(valid.body) : undefined,
      });
      if (res.status === 401) answered401 += 1;
      else
        wrong.push(`${route.id} with ${credential.name}: HTTP ${res.status}`);
    }
  }
  const total = ROUTES.length * credentials.length;
  report.figure(
    dbName,
    'auth matrix',
    `${answered401}/${total} answered 401 (${ROUTES.length} routes × ${credentials.length} kinds of bad credentials)`,
  );
  report.check(
    dbName,
    'every route answers 401 to missing, malformed, expired and forged credentials',
    answered401 === total,
    `${answered401}/${total}${
      wrong.length ? `; ${wrong.slice(0, 10).join('; ')}` : ''
    }`,
  );
  // Controls: the same reads with a real token are not refused as unauthenticated.
  const refused: string[] = [];
  for (const route of ROUTES.filter(r => r.read)) {
    const res = await send(backend.baseUrl, {
      method: 'GET',
      path: `${API}${route.valid(known).path}`,
      headers: { authorization: `Bearer ${guest}` },
    });
    if (res.status !== 200)
      refused.push(`${route.id}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
  }
  report.check(
    dbName,
    'the same read requests with the guest token answer 200 (control)',
    refused.length === 0,
    refused.length
      ? refused.join('; ')
      : `${ROUTES.filter(r => r.read).length} reads answered 200`,
  );
}
