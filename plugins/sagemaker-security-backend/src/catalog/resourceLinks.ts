import { Entity } from '@backstage/catalog-model';
import type {
  InventoryReader,
  ResourceQuery,
  StoredResource,
} from '../inventory/InventoryStore';
import { CatalogGraph } from './CatalogGraph';
import {
  arnAnnotation,
  dependsOnRefs,
  TagSelector,
  tagSelectorOf,
} from './entityRefs';

/** Where linked resources are looked up. */
export interface ResourceSource {
  byArns(arns: string[]): Promise<StoredResource[]>;
  byTags(selector: TagSelector): Promise<StoredResource[]>;
}

/** Queries the inventory store, all pages (one entity at a time). */
export class InventoryResourceSource implements ResourceSource {
  constructor(
    private readonly inventory: InventoryReader,
    private readonly options: { includeDeleted?: boolean } = {},
  ) {}

  byArns(arns: string[]): Promise<StoredResource[]> {
    return arns.length === 0 ? Promise.resolve([]) : this.all({ arns });
  }

  byTags(tags: TagSelector): Promise<StoredResource[]> {
    return this.all({ tags });
  }

  private async all(query: ResourceQuery): Promise<StoredResource[]> {
    const items: StoredResource[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.inventory.listResources({
        ...query,
        includeDeleted: this.options.includeDeleted,
        cursor,
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** Every stored (non-deleted) resource, for bulk linking. */
  listAll(): Promise<StoredResource[]> {
    return this.all({});
  }
}

/** Resources held in memory, indexed by ARN and tag (org-wide work). */
export class IndexedResourceSource implements ResourceSource {
  private readonly byArn = new Map<string, StoredResource>();
  private readonly byTag = new Map<string, StoredResource[]>();

  constructor(resources: StoredResource[]) {
    for (const resource of resources) {
      this.byArn.set(resource.arn, resource);
      for (const [key, value] of Object.entries(resource.tags)) {
        const tag = `${key}=${value}`;
        const list = this.byTag.get(tag) ?? [];
        list.push(resource);
        this.byTag.set(tag, list);
      }
    }
  }

  async byArns(arns: string[]): Promise<StoredResource[]> {
    return arns
      .map(arn => this.byArn.get(arn))
      .filter((r): r is StoredResource => Boolean(r));
  }

  async byTags(selector: TagSelector): Promise<StoredResource[]> {
    if (selector.length === 0) {
      return [];
    }
    const [first, ...rest] = selector;
    return (this.byTag.get(`${first.key}=${first.value}`) ?? []).filter(r =>
      rest.every(t => r.tags[t.key] === t.value),
    );
  }
}

export interface LinkOptions {
  /** Tag naming the ML service a resource belongs to (`ml-service`). */
  componentTagKey: string;
}

/**
 * The stored resources behind an entity:
 * - an entity with `amazonaws.com/arn` is that resource;
 * - a Component also has (a) the ARNs of the entities it `dependsOn`,
 *   (b) resources matching its tag selector annotation and (c) resources
 *   and jobs tagged `<componentTagKey>=<its name>`.
 * Malformed annotations do not fail the scorecard: they come back as warnings.
 */
export async function linkedResources(
  entity: Entity,
  graph: CatalogGraph,
  source: ResourceSource,
  options: LinkOptions,
): Promise<{ resources: StoredResource[]; warnings: string[] }> {
  const arns = new Set<string>();
  const selectors: TagSelector[] = [];
  const warnings: string[] = [];

  const ownArn = arnAnnotation(entity);
  if (ownArn) {
    arns.add(ownArn);
  }
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
    const dependencies = dependsOnRefs(entity);
    if (dependencies.length > 0) {
      for (const dependency of await graph.getByRefs(dependencies)) {
        const arn = arnAnnotation(dependency);
        if (arn) {
          arns.add(arn);
        }
      }
    }
    const { selector, error } = tagSelectorOf(entity);
    if (selector) {
      selectors.push(selector);
    }
    if (error) {
      warnings.push(error);
    }
    selectors.push([
      { key: options.componentTagKey, value: entity.metadata.name },
    ]);
  }

  const found = new Map<string, StoredResource>();
  for (const resource of await source.byArns([...arns])) {
    found.set(resource.arn, resource);
  }
  for (const selector of selectors) {
    for (const resource of await source.byTags(selector)) {
      found.set(resource.arn, resource);
    }
  }
  return {
    resources: [...found.values()].sort((a, b) => a.arn.localeCompare(b.arn)),
    warnings,
  };
}
