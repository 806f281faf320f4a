import { mockServices } from '@backstage/backend-test-utils';
import { HttpInventoryClient, readLiveResources } from './InventoryClient';
import { FakeInventoryClient, item } from '../testing/fakes';

function client(responses: Array<{ status: number; body: unknown }>) {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetchFn = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, headers: init?.headers as Record<string, string> });
    const next = responses.shift()!;
    return new Response(JSON.stringify(next.body), {
      status: next.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  const http = new HttpInventoryClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async id => `http://backend/api/${id}`,
    }),
    auth: mockServices.auth({ pluginId: 'catalog' }),
    fetch: fetchFn as unknown as typeof fetch,
  });
  return { http, calls };
}

describe('HttpInventoryClient', () => {
  it('asks the sagemaker-security plugin for a page with a service token', async () => {
    const resource = item('endpoint', 'fraud-scorer-prod', {
      tags: { owner: 'fraud-ml' },
    });
    const { http, calls } = client([
      { status: 200, body: { items: [resource], nextCursor: 'abc' } },
    ]);
    await expect(
      http.listResources({ type: 'endpoint', limit: 50, cursor: 'xyz' }),
    ).resolves.toEqual({ items: [resource], nextCursor: 'abc' });

    expect(calls[0].url).toBe(
      'http://backend/api/sagemaker-security/inventory/resources?type=endpoint&limit=50&cursor=xyz',
    );
    const token = calls[0].headers.Authorization.replace('Bearer ', '');
    expect(JSON.parse(token.replace('mock-service-token:', ''))).toMatchObject({
      sub: 'plugin:catalog',
      target: 'sagemaker-security',
    });
  });

  it('fails on an error status instead of returning an empty page', async () => {
    const { http } = client([
      {
        status: 403,
        body: { error: { name: 'NotAllowedError', message: 'no' } },
      },
    ]);
    await expect(
      http.listResources({ type: 'endpoint', limit: 50 }),
    ).rejects.toThrow(/403/);
  });

  it('rejects a page without items or with an item missing its ARN', async () => {
    const { http } = client([
      { status: 200, body: { resources: [] } },
      { status: 200, body: { items: [{ type: 'endpoint', name: 'x' }] } },
    ]);
    await expect(
      http.listResources({ type: 'endpoint', limit: 50 }),
    ).rejects.toThrow('without an items array');
    await expect(
      http.listResources({ type: 'endpoint', limit: 50 }),
    ).rejects.toThrow('item 0 has no string field "arn"');
  });

  it('reads the latest scan, and treats 404 as no scan yet', async () => {
    const { http, calls } = client([
      {
        status: 200,
        body: {
          scanId: 's1',
          status: 'succeeded',
          finishedAt: '2026-05-01T10:00:00Z',
        },
      },
      {
        status: 404,
        body: { error: { name: 'NotFoundError', message: 'none' } },
      },
      { status: 500, body: { error: { name: 'Error', message: 'boom' } } },
    ]);
    await expect(http.getLatestScan()).resolves.toEqual({
      status: 'succeeded',
      finishedAt: '2026-05-01T10:00:00Z',
    });
    expect(calls[0].url).toBe(
      'http://backend/api/sagemaker-security/scans/latest',
    );
    await expect(http.getLatestScan()).resolves.toBeUndefined();
    await expect(http.getLatestScan()).rejects.toThrow(/500/);
  });
});

describe('readLiveResources', () => {
  it('follows cursors per type and leaves deleted resources out', async () => {
    const fake = new FakeInventoryClient([
      item('model', 'a'),
      item('model', 'b', { deletedAt: '2026-01-01T00:00:00Z' }),
      item('model', 'c'),
      item('endpoint', 'e'),
    ]);
    const pages = [];
    for await (const page of readLiveResources(
      fake,
      ['model', 'endpoint'],
      2,
    )) {
      pages.push(page.map(i => i.name));
    }
    expect(pages).toEqual([['a'], ['c'], ['e']]);
  });

  it('stops on a repeated cursor instead of looping forever', async () => {
    const looping = new FakeInventoryClient([]);
    looping.listResources = async () => ({ items: [], nextCursor: 'same' });
    const read = async () => {
      for await (const _ of readLiveResources(looping, ['model'], 10)) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow('repeated cursor "same"');
  });
});
