/**
 * An in-memory catalog with the catalog's filter semantics over indexed
 * search rows (key = dotted path, lower case), as the catalog backend's
 * search table answers them. The test utility InMemoryCatalogClient
 * rebuilds every entity's search rows on every query (hundreds of ms at
 * 10,000 entities), which would measure the fake, not the plugin.
 */
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

type Filter = Record<string, string | symbol | (string | symbol)[]>;

/** Search rows of an entity: every primitive leaf, plus relations by type. */
function searchRows(entity: Entity): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const walk = (value: unknown, key: string) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) value.forEach(v => walk(v, key));
    else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        walk(v, key ? `${key}.${k}` : k);
      }
    } else rows.push([key.toLowerCase(), String(value).toLowerCase()]);
  };
  const { relations, ...rest } = entity;
  walk(rest, '');
  for (const r of relations ?? []) {
    rows.push([`relations.${r.type.toLowerCase()}`, r.targetRef.toLowerCase()]);
  }
  return rows;
}

export class IndexedCatalog {
  private readonly byRef = new Map<string, Entity>();
  /** key → value → entity refs; key → refs having it. */
  private readonly index = new Map<string, Map<string, Set<string>>>();
  private readonly hasKey = new Map<string, Set<string>>();
  /** Catalog calls answered (each would be an HTTP round trip in a deployment). */
  calls = 0;

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity).toLowerCase();
      this.byRef.set(ref, entity);
      for (const [key, value] of searchRows(entity)) {
        let values = this.index.get(key);
        if (!values) this.index.set(key, (values = new Map()));
        let refs = values.get(value);
        if (!refs) values.set(value, (refs = new Set()));
        refs.add(ref);
        let present = this.hasKey.get(key);
        if (!present) this.hasKey.set(key, (present = new Set()));
        present.add(ref);
      }
    }
  }

  private match(filter: Filter): Set<string> {
    let result: Set<string> | undefined;
    for (const [rawKey, expected] of Object.entries(filter)) {
      const key = rawKey.toLowerCase();
      let refs: Set<string>;
      if (expected === CATALOG_FILTER_EXISTS) {
        refs = this.hasKey.get(key) ?? new Set();
      } else {
        refs = new Set();
        const values = this.index.get(key);
        for (const v of [expected].flat()) {
          values?.get(String(v).toLowerCase())?.forEach(r => refs.add(r));
        }
      }
      result = result ? new Set([...result].filter(r => refs.has(r))) : refs;
    }
    return result ?? new Set(this.byRef.keys());
  }

  /** The catalog service, as the plugin sees it. */
  service(): CatalogService {
    const service = {
      getEntities: async (request?: { filter?: Filter | Filter[] }) => {
        this.calls += 1;
        const filters = request?.filter ? [request.filter].flat() : [{}];
        const refs = new Set<string>();
        for (const f of filters) this.match(f).forEach(r => refs.add(r));
        return { items: [...refs].map(r => this.byRef.get(r)!) };
      },
      getEntitiesByRefs: async (request: { entityRefs: string[] }) => {
        this.calls += 1;
        return {
          items: request.entityRefs.map(r => this.byRef.get(r.toLowerCase())),
        };
      },
      getEntityByRef: async (ref: string | { kind: string; name: string }) => {
        this.calls += 1;
        const key = (
          typeof ref === 'string' ? ref : stringifyEntityRef(ref)
        ).toLowerCase();
        return this.byRef.get(key);
      },
    };
    return service as unknown as CatalogService;
  }
}
