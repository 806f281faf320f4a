import { Entity } from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
  InventoryPage,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  InventoryClient,
  InventoryItem,
  LatestScan,
} from '../inventory/InventoryClient';

/** An inventory item with the fields a test does not care about filled in. */
export function item(
  type: ResourceType,
  name: string,
  options: Partial<InventoryItem> & { resourcePath?: string } = {},
): InventoryItem {
  const { resourcePath, ...rest } = options;
  const accountId = rest.accountId ?? '111111111111';
  const region = rest.region ?? 'us-east-1';
  return {
    arn: `arn:aws:sagemaker:${region}:${accountId}:${
      resourcePath ?? `${type}/${name}`
    }`,
    type,
    name,
    accountId,
    region,
    tags: {},
    status: 'InService',
    description: {},
    ...rest,
  };
}

/**
 * Serves items like `GET /inventory/resources`: filtered by type, in pages
 * of `limit` with an opaque cursor, and records each request.
 */
export class FakeInventoryClient implements InventoryClient {
  readonly requests: Array<{ type: string; limit: number; cursor?: string }> =
    [];
  latestScan?: LatestScan;

  constructor(public items: InventoryItem[]) {}

  async listResources(request: {
    type: ResourceType;
    limit: number;
    cursor?: string;
  }): Promise<InventoryPage> {
    this.requests.push(request);
    const ofType = this.items.filter(i => i.type === request.type);
    const start = request.cursor ? Number(request.cursor.slice(2)) : 0;
    const end = start + request.limit;
    return {
      items: ofType.slice(start, end),
      nextCursor: end < ofType.length ? `c-${end}` : undefined,
    };
  }

  async getLatestScan(): Promise<LatestScan | undefined> {
    return this.latestScan;
  }
}

/** Records full mutations the way the catalog would receive them. */
export function fakeConnection() {
  const mutations: Array<Array<{ entity: Entity; locationKey?: string }>> = [];
  const connection: EntityProviderConnection = {
    applyMutation: jest.fn(async mutation => {
      if (mutation.type !== 'full') {
        throw new Error(`expected a full mutation, got ${mutation.type}`);
      }
      mutations.push(mutation.entities);
    }),
    refresh: jest.fn(),
  };
  const lastEntities = () => {
    const last = mutations[mutations.length - 1];
    if (!last) {
      throw new Error('no mutation applied');
    }
    return last.map(e => e.entity);
  };
  return { connection, mutations, lastEntities };
}

export function group(name: string, namespace = 'default'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace },
    spec: { type: 'team', children: [] },
  };
}

export function component(name: string, tagSelector?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(tagSelector !== undefined && {
        annotations: { [ANNOTATION_SAGEMAKER_TAG_SELECTOR]: tagSelector },
      }),
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'fraud-ml' },
  };
}
