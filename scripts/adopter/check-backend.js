#!/usr/bin/env node
/*
 * Checks the adopter app's running backend as the README promises it works:
 * every route of the plugin answers a signed-in user, the catalog module
 * registered SageMaker Resources and the secure templates, the scaffolder lists
 * the validate action, a remediation link names an existing template whose
 * parameters take its prefill, and the actions registry lists the actions.
 *
 * Usage: check-backend.js <backendBaseUrl> <openapi.yaml> <appDir>
 * Env: ADOPTER_SERVICE (the ML service Component the README registers), ADOPTER_GROUP.
 */
const fs = require('node:fs');
const path = require('node:path');

const [baseUrl, openapiFile, appDir] = process.argv.slice(2);
const SERVICE =
  process.env.ADOPTER_SERVICE ?? 'component:default/fraud-scoring';
const GROUP = process.env.ADOPTER_GROUP ?? 'group:default/guests';
const appRequire = id =>
  require(require.resolve(id, {
    paths: [path.join(appDir, 'packages/backend')],
  }));
const YAML = appRequire('yaml');

let failures = 0;
const pass = msg => console.log(`  ok   ${msg}`);
const fail = msg => {
  failures += 1;
  console.log(`  FAIL ${msg}`);
};
const check = (cond, msg) => (cond ? pass(msg) : fail(msg));

async function signIn() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity;
}

async function call(token, method, route, body) {
  const res = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      accept: 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

async function poll(what, fn, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

async function main() {
  // A user token carries the ownership refs the catalog held at sign-in: wait
  // until the catalog has ingested the guest's membership of the owning group
  // (the waiver routes authorize by it), as a user signing in later would.
  const { token } = await poll(
    `the guest's membership of ${GROUP}`,
    async () => {
      const identity = await signIn();
      return identity.identity?.ownershipEntityRefs?.includes(GROUP)
        ? identity
        : undefined;
    },
  );
  pass(`guest signs in (user token, owning ${GROUP})`);
  const api = (method, route, body) =>
    call(token, method, `/api/sagemaker-security${route}`, body);
  const catalog = query =>
    call(token, 'GET', `/api/catalog/entities/by-query?${query}`);

  // The catalog module: SageMaker resources and the secure templates.
  const resources = await poll('SageMaker Resource entities', async () => {
    const r = await catalog('filter=kind=resource&limit=200');
    const items = (r.json?.items ?? []).filter(
      e => e.metadata.annotations?.['amazonaws.com/arn'],
    );
    return items.length > 0 ? items : undefined;
  });
  pass(
    `catalog module registered ${resources.length} SageMaker Resource entities`,
  );
  const templates = (await catalog('filter=kind=template&limit=100')).json
    .items;
  const templateNames = templates.map(t => t.metadata.name).sort();
  const nodePkg = appRequire('@mlsec/plugin-sagemaker-security-node');
  const expected = Object.keys(nodePkg.REMEDIATION_TEMPLATES).sort();
  for (const name of expected) {
    check(templateNames.includes(name), `template ${name} is registered`);
  }

  // The ML service the README registers links to its resources.
  const scorecard = await poll(`the scorecard of ${SERVICE}`, async () => {
    const r = await api(
      'GET',
      `/scorecards/entity?entityRef=${encodeURIComponent(SERVICE)}`,
    );
    return r.status === 200 && r.json?.results?.length > 0 ? r.json : undefined;
  });
  pass(
    `${SERVICE} has a scorecard (${scorecard.results.length} results, grade ${
      scorecard.score?.grade ?? 'none'
    })`,
  );

  // A remediation link resolves to a registered template that takes its prefill.
  const checksList = (await api('GET', '/checks')).json;
  const checks = new Map((checksList.items ?? checksList).map(c => [c.id, c]));
  const failing = scorecard.results.find(
    r => r.status === 'fail' && checks.get(r.checkId)?.remediation?.template,
  );
  check(
    Boolean(failing),
    'a failing result has a "Fix with template" remediation',
  );
  if (failing) {
    const { name, prefill } = checks.get(failing.checkId).remediation.template;
    const template = templates.find(t => t.metadata.name === name);
    check(
      Boolean(template),
      `remediation of ${failing.checkId} names registered template ${name}`,
    );
    const params = (template?.spec.parameters ?? []).flatMap(step =>
      Object.keys(step.properties ?? {}),
    );
    const missing = Object.keys(prefill).filter(key => !params.includes(key));
    check(
      missing.length === 0,
      `template ${name} has every prefilled field (${Object.keys(prefill).join(
        ', ',
      )})${missing.length ? `; missing ${missing}` : ''}`,
    );
    fs.writeFileSync(
      path.join(appDir, 'remediation.json'),
      JSON.stringify({ checkId: failing.checkId, template: name }),
    );
  }

  // Every route of the plugin's OpenAPI spec answers the signed-in user.
  const spec = YAML.parse(fs.readFileSync(openapiFile, 'utf8'));
  const arn =
    failing?.resourceArn ??
    resources[0].metadata.annotations['amazonaws.com/arn'];
  const checkId = failing?.checkId ?? [...checks.keys()][0];
  const enc = encodeURIComponent;
  let waiverId;
  let requestId;
  let scanId;
  // Answers other than 2xx that prove a route is wired and enforcing: the
  // adopter app has one user, who may not decide their own waiver request.
  const expectedStatus = {
    'POST /waiver-requests/{id}/approve': 403,
    'POST /waiver-requests/{id}/deny': 403,
  };
  const samples = {
    'GET /scorecards/entity': () =>
      api('GET', `/scorecards/entity?entityRef=${enc(SERVICE)}`),
    'GET /scorecards/entity/findings': () =>
      api(
        'GET',
        `/scorecards/entity/findings?entityRef=${enc(
          SERVICE,
        )}&status=fail,warn&offset=1&limit=5`,
      ),
    'GET /resources/findings': () =>
      api('GET', `/resources/findings?arn=${enc(arn)}`),
    'GET /checks': () => api('GET', '/checks'),
    'GET /checks/{checkId}': () => api('GET', `/checks/${enc(checkId)}`),
    'GET /rollups/org': () => api('GET', '/rollups/org?limit=20'),
    'GET /rollups/entity': () =>
      api('GET', `/rollups/entity?entityRef=${enc(GROUP)}`),
    'GET /history/entity': () =>
      api('GET', `/history/entity?entityRef=${enc(SERVICE)}`),
    'GET /waivers': () => api('GET', `/waivers?entityRef=${enc(SERVICE)}`),
    'POST /waivers': async () => {
      const r = await api('POST', '/waivers', {
        entityRef: SERVICE,
        checkId,
        resourceArn: arn,
        reason: 'Adopter test: accepted for the demo estate',
        expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      });
      waiverId = r.json?.id;
      return r;
    },
    'GET /waivers/{id}': () =>
      api('GET', `/waivers/${enc(waiverId ?? 'none')}`),
    'POST /waivers/{id}/revoke': () =>
      api('POST', `/waivers/${enc(waiverId ?? 'none')}/revoke`, {
        reason: 'done',
      }),
    'POST /waiver-requests': async () => {
      const r = await api('POST', '/waiver-requests', {
        entityRef: SERVICE,
        checkId,
        resourceArn: arn,
        reason: 'Adopter test: a request for the security group',
        expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      });
      requestId = r.json?.id;
      return r;
    },
    'GET /waiver-requests': () =>
      api('GET', `/waiver-requests?entityRef=${enc(SERVICE)}&status=pending`),
    'GET /waiver-requests/{id}': () =>
      api('GET', `/waiver-requests/${enc(requestId ?? 'none')}`),
    'POST /waiver-requests/{id}/approve': () =>
      api('POST', `/waiver-requests/${enc(requestId ?? 'none')}/approve`, {
        comment: 'my own request',
      }),
    'POST /waiver-requests/{id}/deny': () =>
      api('POST', `/waiver-requests/${enc(requestId ?? 'none')}/deny`, {
        comment: 'my own request, denied',
      }),
    'POST /waiver-requests/{id}/withdraw': () =>
      api('POST', `/waiver-requests/${enc(requestId ?? 'none')}/withdraw`),
    'GET /waivers/capabilities': () =>
      api('GET', `/waivers/capabilities?entityRef=${enc(SERVICE)}`),
    'GET /external-findings': () =>
      api('GET', `/external-findings?entityRef=${enc(SERVICE)}`),
    'POST /findings/prowler': () =>
      api('POST', '/findings/prowler', [
        {
          class_uid: 2004,
          finding_info: { uid: 'adopter-test-1', title: 'Adopter test' },
          metadata: {
            event_code: 'sagemaker_notebook_instance_encryption_enabled',
          },
          severity: 'Medium',
          status_code: 'FAIL',
          resources: [{ uid: arn }],
          cloud: {
            account: { uid: arn.split(':')[4] },
            region: arn.split(':')[3] || 'us-east-1',
          },
        },
      ]),
    'POST /scans': async () => {
      const r = await api('POST', '/scans', {});
      scanId = r.json?.id;
      return r;
    },
    'GET /scans/latest': () => api('GET', '/scans/latest'),
    'GET /scans/health': () => api('GET', '/scans/health'),
    'GET /scans/{id}': () => api('GET', `/scans/${enc(scanId ?? 'none')}`),
    'GET /export': () =>
      api('GET', `/export?format=csv&entityRef=${enc(SERVICE)}`),
    'GET /inventory/resources': () =>
      api('GET', '/inventory/resources?type=endpoint&limit=5'),
  };
  const order = Object.keys(samples);
  const routes = Object.entries(spec.paths).flatMap(([route, ops]) =>
    Object.keys(ops)
      .filter(m => m !== 'parameters')
      .map(m => `${m.toUpperCase()} ${route}`),
  );
  for (const route of routes.sort(
    (x, y) => order.indexOf(x) - order.indexOf(y),
  )) {
    const sample = samples[route];
    if (!sample) {
      fail(`${route}: no sample request in scripts/adopter/check-backend.js`);
      continue;
    }
    const r = await sample();
    const want = expectedStatus[route];
    check(
      want ? r.status === want : r.status >= 200 && r.status < 300,
      `${route} answers ${r.status}${want ? ` (expected ${want})` : ''}`,
    );
  }

  // The scaffolder lists the validate action.
  const actions =
    (await call(token, 'GET', '/api/scaffolder/v2/actions')).json ?? [];
  check(
    actions.some(a => a.id === 'sagemaker-security:validate'),
    'scaffolder lists sagemaker-security:validate',
  );

  // The actions registry (backend.actions.pluginSources) lists the actions.
  const mcp = async (id, method, params) => {
    const res = await fetch(`${baseUrl}/api/mcp-actions/v1`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
    });
    const text = await res.text();
    const data = text.startsWith('{')
      ? text
      : text
          .split('\n')
          .filter(l => l.startsWith('data:'))
          .map(l => l.slice(5))
          .join('');
    return { status: res.status, json: data ? JSON.parse(data) : undefined };
  };
  await mcp(1, 'initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'adopter-test', version: '1' },
  });
  const tools = await mcp(2, 'tools/list', {});
  const names = (tools.json?.result?.tools ?? []).map(t => t.name);
  for (const action of [
    'get-entity-security-scorecard',
    'list-failing-checks',
    'explain-check',
    'list-team-failing-checks',
    'explain-finding',
    'list-waivers',
    'get-service-security-history',
    'start-scan',
  ]) {
    check(
      names.some(n => n.endsWith(action)),
      `actions registry lists sagemaker-security ${action} (MCP tools/list)`,
    );
  }

  // What the browser test must find on the pages: the scorecard and the org
  // rollup as the API answers them now (after the waiver was revoked).
  const final = await poll('the scorecard after the checks', async () => {
    const r = await api(
      'GET',
      `/scorecards/entity?entityRef=${encodeURIComponent(SERVICE)}`,
    );
    return r.status === 200 && r.json?.score?.grade ? r.json : undefined;
  });
  // `results` is the first page (the worst first): the titles the tab shows
  // before "Show more"; the section counts every failing result.
  const failingNow = final.results.filter(
    r => r.status === 'fail' || r.status === 'warn',
  );
  const expectedUi = {
    entityRef: SERVICE,
    grade: final.score.grade,
    score: final.score.score,
    failingCount: final.score.counts.fail + final.score.counts.warn,
    failingCheckTitles: [
      ...new Set(failingNow.map(r => checks.get(r.checkId)?.title)),
    ].filter(Boolean),
    resourceNames: final.resources.map(r => r.name).filter(Boolean),
  };
  check(
    expectedUi.failingCount > 0 && expectedUi.failingCheckTitles.length > 0,
    `${SERVICE}: grade ${expectedUi.grade}, ${expectedUi.failingCount} failing results (${expectedUi.failingCheckTitles.length} checks) for the browser test`,
  );
  fs.writeFileSync(
    path.join(appDir, 'expected-ui.json'),
    JSON.stringify(expectedUi, null, 2),
  );

  if (failures > 0) {
    console.log(`backend checks: ${failures} failed`);
    process.exit(1);
  }
  console.log('backend checks: all passed');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
