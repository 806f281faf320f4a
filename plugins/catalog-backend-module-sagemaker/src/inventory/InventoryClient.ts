import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  InventoryPage,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';

/**
 * One stored resource as served by `GET /inventory/resources`.
 *
 * @public
 */
export type InventoryItem = InventoryPage['items'][number];

/**
 * What the provider needs to know about the latest scan.
 *
 * @public
 */
export interface LatestScan {
  /** The scan's status, e.g. `running` or `succeeded`. */
  status?: string;
  /** Set once the scan has ended, successfully or not. */
  finishedAt?: string;
}

/**
 * The slice of the sagemaker-security REST API that the provider reads.
 *
 * @public
 */
export interface InventoryClient {
  /** One page of the stored resources of a type (`GET /inventory/resources`). */
  listResources(request: {
    type: ResourceType;
    limit: number;
    cursor?: string;
  }): Promise<InventoryPage>;
  /** `undefined` when no scan has run yet. */
  getLatestScan(): Promise<LatestScan | undefined>;
}

const PLUGIN_ID = 'sagemaker-security';

/**
 * Calls the sagemaker-security backend plugin with this plugin's own service
 * credentials, found through discovery (so it works across deployments).
 *
 * @public
 */
export class HttpInventoryClient implements InventoryClient {
  private readonly discovery: DiscoveryService;
  private readonly auth: AuthService;
  private readonly fetchFn: typeof fetch;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
  }) {
    this.discovery = options.discovery;
    this.auth = options.auth;
    this.fetchFn = options.fetch ?? fetch;
  }

  /** {@inheritDoc InventoryClient.listResources} */
  async listResources(request: {
    type: ResourceType;
    limit: number;
    cursor?: string;
  }): Promise<InventoryPage> {
    const query = new URLSearchParams({
      type: request.type,
      limit: String(request.limit),
    });
    if (request.cursor) {
      query.set('cursor', request.cursor);
    }
    const response = await this.get(`/inventory/resources?${query}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return parseInventoryPage(await response.json());
  }

  /** {@inheritDoc InventoryClient.getLatestScan} */
  async getLatestScan(): Promise<LatestScan | undefined> {
    const response = await this.get('/scans/latest');
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = await response.json();
    return {
      status: typeof body?.status === 'string' ? body.status : undefined,
      finishedAt:
        typeof body?.finishedAt === 'string' ? body.finishedAt : undefined,
    };
  }

  private async get(path: string): Promise<Response> {
    const baseUrl = await this.discovery.getBaseUrl(PLUGIN_ID);
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: PLUGIN_ID,
    });
    return this.fetchFn(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
  }
}

/**
 * Checks the fields the provider relies on. A malformed page fails the whole
 * refresh: applying a partial inventory would delete the missing entities.
 */
export function parseInventoryPage(body: unknown): InventoryPage {
  const page = body as Partial<InventoryPage> | undefined;
  if (!page || !Array.isArray(page.items)) {
    throw new Error('GET /inventory/resources answered without an items array');
  }
  page.items.forEach((item, index) => {
    for (const field of ['arn', 'type', 'name', 'accountId', 'region']) {
      if (typeof (item as any)?.[field] !== 'string') {
        throw new Error(
          `GET /inventory/resources item ${index} has no string field "${field}"`,
        );
      }
    }
  });
  if (page.nextCursor !== undefined && typeof page.nextCursor !== 'string') {
    throw new Error(
      'GET /inventory/resources answered a non-string nextCursor',
    );
  }
  return {
    items: page.items.map(item => ({
      ...item,
      tags: isStringRecord(item.tags) ? item.tags : {},
      description:
        item.description && typeof item.description === 'object'
          ? item.description
          : {},
    })),
    nextCursor: page.nextCursor || undefined,
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    !!value &&
    typeof value === 'object' &&
    Object.values(value).every(v => typeof v === 'string')
  );
}

/**
 * Yields the live (not deleted) resources of the given types page by page,
 * following `nextCursor`, so no single response holds the whole inventory.
 *
 * @public
 */
export async function* readLiveResources(
  client: InventoryClient,
  types: readonly ResourceType[],
  pageSize: number,
): AsyncGenerator<InventoryItem[]> {
  for (const type of types) {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await client.listResources({
        type,
        limit: pageSize,
        cursor,
      });
      yield page.items.filter(item => !item.deletedAt && item.type === type);
      cursor = page.nextCursor;
      if (cursor !== undefined) {
        if (seen.has(cursor)) {
          throw new Error(
            `GET /inventory/resources repeated cursor "${cursor}" for type ${type}`,
          );
        }
        seen.add(cursor);
      }
    } while (cursor !== undefined);
  }
}
