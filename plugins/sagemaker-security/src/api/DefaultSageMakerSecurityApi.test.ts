/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { DefaultSageMakerSecurityApi } from './DefaultSageMakerSecurityApi';

const BASE = 'http://localhost:7007/api/sagemaker-security';

function setup(answer: (url: string, init?: RequestInit) => Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetchApi = {
    fetch: jest.fn(async (input: any, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, init });
      return answer(url, init);
    }),
  };
  const discoveryApi = { getBaseUrl: jest.fn(async () => BASE) };
  const client = new DefaultSageMakerSecurityApi({
    discoveryApi,
    fetchApi: fetchApi as any,
  });
  return { client, calls, discoveryApi };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('DefaultSageMakerSecurityApi', () => {
  it('reads the scorecard of an entity through discovery and fetchApi', async () => {
    const { client, calls, discoveryApi } = setup(() =>
      json({ entityRef: 'component:default/fraud', results: [] }),
    );
    const scorecard = await client.getEntityScorecard(
      'component:default/fraud',
    );
    expect(scorecard.entityRef).toBe('component:default/fraud');
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('sagemaker-security');
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/sagemaker-security/scorecards/entity');
    expect(url.searchParams.get('entityRef')).toBe('component:default/fraud');
  });

  it("asks for a page of an entity's findings, statuses comma-separated", async () => {
    const { client, calls } = setup(() =>
      json({ items: [], totalCount: 120, offset: 50, limit: 50 }),
    );
    const page = await client.listEntityFindings({
      entityRef: 'component:default/fraud',
      status: ['fail', 'warn'],
      pillar: 'network',
      offset: 50,
      limit: 50,
    });
    expect(page.totalCount).toBe(120);
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe(
      '/api/sagemaker-security/scorecards/entity/findings',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'component:default/fraud',
      status: 'fail,warn',
      pillar: 'network',
      offset: '50',
      limit: '50',
    });
  });

  it('sends org rollup filters, sorting and paging', async () => {
    const { client, calls } = setup(() =>
      json({ items: [], totalCount: 0, offset: 20, limit: 10 }),
    );
    await client.getOrgRollup({
      offset: 20,
      limit: 10,
      orderBy: 'score',
      order: 'asc',
      owner: 'group:default/ml-platform',
      grade: 'D',
      pillar: 'network',
    });
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/sagemaker-security/rollups/org');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      offset: '20',
      limit: '10',
      orderBy: 'score',
      order: 'asc',
      owner: 'group:default/ml-platform',
      grade: 'D',
      pillar: 'network',
    });
  });

  it("reads a waiver's audit trail from GET /waivers/{id}", async () => {
    const events = [
      { event: 'created', actor: 'user:default/alice', at: 'x', detail: 'r' },
    ];
    const { client, calls } = setup(() => json({ id: 'w 1', events }));
    const waiver = await client.getWaiver('w 1');
    expect(waiver.events).toEqual(events);
    expect(new URL(calls[0].url).pathname).toBe(
      '/api/sagemaker-security/waivers/w%201',
    );
    expect(calls[0].init?.method).toBe('GET');
  });

  it('posts waivers and revocations as JSON', async () => {
    const { client, calls } = setup(() => json({ id: 'w-1' }, 201));
    await client.createWaiver({
      entityRef: 'component:default/fraud',
      checkId: 'c',
      resourceArn: '*',
      reason: 'sandbox',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    await client.revokeWaiver('w-1', 'no longer needed');
    expect(calls[0].init?.method).toBe('POST');
    expect(new URL(calls[0].url).pathname).toBe(
      '/api/sagemaker-security/waivers',
    );
    expect(JSON.parse(String(calls[0].init?.body))).toMatchObject({
      checkId: 'c',
      resourceArn: '*',
    });
    expect(new URL(calls[1].url).pathname).toBe(
      '/api/sagemaker-security/waivers/w-1/revoke',
    );
    expect(JSON.parse(String(calls[1].init?.body))).toEqual({
      reason: 'no longer needed',
    });
  });

  it('lists waiver requests: entityRef repeated, status once, none when absent', async () => {
    const { client, calls } = setup(() => json({ items: [{ id: 'r-1' }] }));
    const list = await client.listWaiverRequests({
      entityRefs: ['component:default/fraud', 'component:default/recsys'],
      status: 'pending',
    });
    expect(list.items).toEqual([{ id: 'r-1' }]);
    await client.listWaiverRequests();
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/sagemaker-security/waiver-requests');
    expect(url.searchParams.getAll('entityRef')).toEqual([
      'component:default/fraud',
      'component:default/recsys',
    ]);
    expect(url.searchParams.get('status')).toBe('pending');
    expect(calls[0].init?.method).toBe('GET');
    expect(calls[1].url).toBe(`${BASE}/waiver-requests`);
  });

  it("requests a waiver and reads a request's trail", async () => {
    const { client, calls } = setup((_url, init) =>
      init?.method === 'POST'
        ? json({ id: 'r-1', status: 'pending' }, 201)
        : json({ id: 'r 1', events: [{ event: 'requested' }] }),
    );
    const body = {
      entityRef: 'component:default/fraud',
      checkId: 'endpoint-kms',
      resourceArn: '*',
      reason: 'sandbox account only',
      expiresAt: '2030-01-01T00:00:00.000Z',
    };
    await expect(client.requestWaiver(body)).resolves.toMatchObject({
      status: 'pending',
    });
    const request = await client.getWaiverRequest('r 1');
    expect(request.events).toEqual([{ event: 'requested' }]);
    expect(new URL(calls[0].url).pathname).toBe(
      '/api/sagemaker-security/waiver-requests',
    );
    expect(JSON.parse(String(calls[0].init?.body))).toEqual(body);
    expect(new URL(calls[1].url).pathname).toBe(
      '/api/sagemaker-security/waiver-requests/r%201',
    );
  });

  it('approves (comment optional), denies (comment) and withdraws requests', async () => {
    const { client, calls } = setup(url =>
      json(
        url.endsWith('/approve')
          ? { request: { id: 'r-1' }, waiver: { id: 'w-1' } }
          : { request: { id: 'r-1' } },
      ),
    );
    const approval = await client.approveWaiverRequest('r-1', 'ok, for now');
    expect(approval.waiver).toEqual({ id: 'w-1' });
    await client.approveWaiverRequest('r-1');
    await client.denyWaiverRequest('r-1', 'fix it instead, please');
    await client.withdrawWaiverRequest('r-1');
    expect(calls.map(c => [c.init?.method, new URL(c.url).pathname])).toEqual([
      ['POST', '/api/sagemaker-security/waiver-requests/r-1/approve'],
      ['POST', '/api/sagemaker-security/waiver-requests/r-1/approve'],
      ['POST', '/api/sagemaker-security/waiver-requests/r-1/deny'],
      ['POST', '/api/sagemaker-security/waiver-requests/r-1/withdraw'],
    ]);
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      comment: 'ok, for now',
    });
    expect(JSON.parse(String(calls[1].init?.body))).toEqual({});
    expect(JSON.parse(String(calls[2].init?.body))).toEqual({
      comment: 'fix it instead, please',
    });
  });

  it("reads the caller's waiver capabilities of an entity", async () => {
    const answer = {
      create: false,
      request: true,
      approve: false,
      requireApproval: true,
    };
    const { client, calls } = setup(() => json(answer));
    await expect(
      client.getWaiverCapabilities('component:default/fraud'),
    ).resolves.toEqual(answer);
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/sagemaker-security/waivers/capabilities');
    expect(url.searchParams.get('entityRef')).toBe('component:default/fraud');
  });

  it('rejects a refused decision with a ResponseError carrying 409', async () => {
    const { client } = setup(() =>
      json(
        {
          error: { name: 'ConflictError', message: 'already approved' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const error = await client.approveWaiverRequest('r-1').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
  });

  it('starts and polls scans', async () => {
    const { client, calls } = setup(() =>
      json({ id: 'scan-1', status: 'queued', targets: [] }, 202),
    );
    await client.startScan();
    await client.getScan('scan-1');
    expect(calls[0].init?.method).toBe('POST');
    expect(new URL(calls[0].url).pathname).toBe(
      '/api/sagemaker-security/scans',
    );
    expect(new URL(calls[1].url).pathname).toBe(
      '/api/sagemaker-security/scans/scan-1',
    );
  });

  it('reads the latest scan (undefined before the first) and the scan health', async () => {
    let scans = 0;
    const { client, calls } = setup(url => {
      if (url.endsWith('/scans/health')) {
        return json({ accountsConfigured: false, scope: 'all', targets: [] });
      }
      scans += 1;
      return scans === 1
        ? json({ error: { name: 'NotFoundError', message: 'none' } }, 404)
        : json({ id: 'scan-2', status: 'failed', targets: [] });
    });
    await expect(client.getLatestScan()).resolves.toBeUndefined();
    await expect(client.getLatestScan()).resolves.toMatchObject({
      id: 'scan-2',
    });
    await expect(client.getScanHealth()).resolves.toMatchObject({
      accountsConfigured: false,
    });
    expect(calls.map(c => new URL(c.url).pathname)).toEqual([
      '/api/sagemaker-security/scans/latest',
      '/api/sagemaker-security/scans/latest',
      '/api/sagemaker-security/scans/health',
    ]);
  });

  it('exports findings as a CSV blob', async () => {
    const { client, calls } = setup(
      () =>
        new Response('entityRef,checkId\ncomponent:default/fraud,c\n', {
          headers: { 'Content-Type': 'text/csv' },
        }),
    );
    const blob = await client.exportFindingsCsv();
    expect(await blob.text()).toContain('component:default/fraud,c');
    expect(blob.type).toContain('text/csv');
    expect(new URL(calls[0].url).searchParams.get('format')).toBe('csv');
  });

  it('caches the check catalogue, but not a failure', async () => {
    let fail = true;
    const { client, calls } = setup(() =>
      fail
        ? json({ error: { name: 'Error', message: 'boom' } }, 500)
        : json([]),
    );
    await expect(client.listChecks()).rejects.toBeInstanceOf(ResponseError);
    fail = false;
    await client.listChecks();
    await client.listChecks();
    expect(calls).toHaveLength(2);
  });

  it('rejects with a ResponseError carrying the status on 403', async () => {
    const { client } = setup(() =>
      json(
        {
          error: { name: 'NotAllowedError', message: 'denied' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client
      .getEntityScorecard('component:default/fraud')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });
});
