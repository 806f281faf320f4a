import { json, ProbeResponse, send, sleep } from './http';
import { API, Known } from './routes';

/** Calls the plugin's API as one principal (a bearer token, or none). */
export class Api {
  constructor(readonly baseUrl: string, readonly token?: string) {}

  private headers(body: boolean): Record<string, string> {
    return {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    };
  }

  get(path: string): Promise<ProbeResponse> {
    return send(this.baseUrl, {
      method: 'GET',
      path: path.startsWith('/api/') ? path : `${API}${path}`,
      headers: this.headers(false),
    });
  }

  post(path: string, body?: object): Promise<ProbeResponse> {
    return send(this.baseUrl, {
      method: 'POST',
      path: path.startsWith('/api/') ? path : `${API}${path}`,
      headers: this.headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** GET that must answer 200; its JSON body. */
  async getJson<T = any>(path: string): Promise<T> {
    const res = await this.get(path);
    if (res.status !== 200) {
      throw new Error(
        `GET ${path}: HTTP ${res.status} ${res.body.slice(0, 300)}`,
      );
    }
    return json<T>(res) as T;
  }
}

export interface ScanView {
  id: string;
  status: string;
  startedAt: string;
  finishedAt?: string;
  targets: Array<{ accountId: string; region: string; status: string }>;
}

export const ACTIVE = ['queued', 'running'];

/** Per-target statuses of a scan, as `account/region=status`. */
export const targetStatuses = (scan: ScanView) =>
  scan.targets
    .map(t => `${t.accountId}/${t.region}=${t.status}`)
    .sort()
    .join(' ');

/** Polls the latest scan until `done` holds; undefined when `timeoutMs` passes. */
export async function waitForScan(
  api: Api,
  done: (scan: ScanView) => boolean,
  timeoutMs: number,
  path = '/scans/latest',
): Promise<ScanView | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const res = await api.get(path);
    const scan = json<ScanView>(res);
    if (res.status === 200 && scan && done(scan)) return scan;
    await sleep(500);
  }
  return undefined;
}

/**
 * Entities, resources, checks and scans of the running backend; waits (up to
 * `timeoutMs`) until the catalog and the scores have caught up with the scan.
 */
export async function harvest(api: Api, timeoutMs = 180_000): Promise<Known> {
  const deadline = performance.now() + timeoutMs;
  let first: Known;
  for (;;) {
    try {
      first = await harvestOnce(api);
      break;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await sleep(2000);
    }
  }
  // The catalog may still be ingesting ML services: take what is served once
  // the scored entities have stopped growing for 4 s (at most 60 s more), so
  // that every phase names the whole estate, not its first few services.
  const settle = performance.now() + 60_000;
  let known = first;
  let stableSince = performance.now();
  while (
    performance.now() < settle &&
    performance.now() - stableSince < 4_000
  ) {
    await sleep(2000);
    let next: Known;
    try {
      next = await harvestOnce(api);
    } catch {
      continue;
    }
    if (
      next.components.length !== known.components.length ||
      next.groups.length !== known.groups.length
    ) {
      stableSince = performance.now();
    }
    known = next;
  }
  return known;
}

async function harvestOnce(api: Api): Promise<Known> {
  const org = await api.getJson('/rollups/org?limit=500');
  const components: string[] = org.items
    .filter((row: any) => row.resourceCount > 0)
    .map((row: any) => row.entityRef);
  const groups: string[] = [
    ...new Set<string>(org.items.map((row: any) => row.owner).filter(Boolean)),
  ];
  const systems = (
    await api.getJson<any[]>(
      '/api/catalog/entities?filter=kind=system&fields=metadata.name',
    )
  ).map(e => `system:default/${e.metadata.name}`);
  const page = await api.getJson('/inventory/resources?limit=100');
  const arns: string[] = page.items.map((i: any) => i.arn);
  const checkIds: string[] = (await api.getJson<any[]>('/checks')).map(
    c => c.id,
  );
  const scan = await api.getJson<ScanView>('/scans/latest');
  const waivers = await api.getJson<Array<{ id: string }>>('/waivers');
  const requests = await api.getJson<{ items: Array<{ id: string }> }>(
    '/waiver-requests',
  );
  // An ML service with findings of other tools (the demo estate's Security
  // Hub findings), so that GET /external-findings has something to reveal;
  // their resources join the markers of the leak checks.
  let findingsComponent: string | undefined;
  for (const component of components) {
    const found = await api.getJson<Array<{ resourceArn: string }>>(
      `/external-findings?entityRef=${encodeURIComponent(component)}`,
    );
    if (found.length > 0) {
      findingsComponent = component;
      for (const f of found) {
        if (!arns.includes(f.resourceArn)) arns.push(f.resourceArn);
      }
      break;
    }
  }
  if (
    !components.length ||
    !groups.length ||
    !arns.length ||
    !checkIds.length
  ) {
    throw new Error(
      'The backend serves no data to probe with (no scored entities, resources or checks)',
    );
  }
  return {
    components,
    groups,
    systems,
    arns,
    checkIds,
    scanIds: [scan.id],
    waiverIds: waivers.map(w => w.id),
    requestIds: requests.items.map(r => r.id),
    findingsComponent,
    cursor: page.nextCursor,
  };
}
