import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  InventoryPage,
  ResourceType,
  SageMakerSecurityClient,
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
 * Calls the sagemaker-security backend plugin through its client (the one of
 * `@mlsec/plugin-sagemaker-security-common`, generated from the plugin's
 * OpenAPI spec) with this plugin's own service credentials, found through
 * discovery (so it works across deployments).
 *
 * @public
 */
export class HttpInventoryClient implements InventoryClient {
  private readonly auth: AuthService;
  private readonly client: SageMakerSecurityClient;

  constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
  }) {
    this.auth = options.auth;
    this.client = new SageMakerSecurityClient({
      discoveryApi: options.discovery,
      fetchApi: { fetch: options.fetch ?? fetch },
    });
  }

  /** {@inheritDoc InventoryClient.listResources} */
  async listResources(request: {
    type: ResourceType;
    limit: number;
    cursor?: string;
  }): Promise<InventoryPage> {
    const page: unknown = await this.client.listInventoryResources(
      request,
      await this.options(),
    );
    return parseInventoryPage(page);
  }

  /** {@inheritDoc InventoryClient.getLatestScan} */
  async getLatestScan(): Promise<LatestScan | undefined> {
    const body: unknown = await this.client.getLatestScan(await this.options());
    if (body === undefined) {
      return undefined;
    }
    const scan = body as { status?: unknown; finishedAt?: unknown } | null;
    return {
      status: typeof scan?.status === 'string' ? scan.status : undefined,
      finishedAt:
        typeof scan?.finishedAt === 'string' ? scan.finishedAt : undefined,
    };
  }

  private async options(): Promise<{ token: string }> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: PLUGIN_ID,
    });
    return { token };
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
