import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { chunk } from '../util/chunk';
import { ownersOf, partOf, refOf } from './entityRefs';

/** The parts of the catalog that linking and rollups read. */
export interface CatalogGraph {
  /** The entities that exist among `refs` (the caller may read). */
  getByRefs(refs: string[]): Promise<Entity[]>;
  componentsOwnedBy(groupRefs: string[]): Promise<Entity[]>;
  componentsPartOf(systemRefs: string[]): Promise<Entity[]>;
  systemsPartOf(domainRefs: string[]): Promise<Entity[]>;
}

/** Reads the catalog with the caller's credentials, one query per step. */
export class CatalogServiceGraph implements CatalogGraph {
  constructor(
    private readonly catalog: CatalogService,
    private readonly credentials: BackstageCredentials,
  ) {}

  async getByRefs(refs: string[]): Promise<Entity[]> {
    const found: Entity[] = [];
    for (const batch of chunk(refs, 100)) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: batch },
        { credentials: this.credentials },
      );
      found.push(...items.filter((e): e is Entity => Boolean(e)));
    }
    return found;
  }

  componentsOwnedBy(groupRefs: string[]): Promise<Entity[]> {
    return this.query('component', 'relations.ownedBy', groupRefs);
  }

  componentsPartOf(systemRefs: string[]): Promise<Entity[]> {
    return this.query('component', 'relations.partOf', systemRefs);
  }

  systemsPartOf(domainRefs: string[]): Promise<Entity[]> {
    return this.query('system', 'relations.partOf', domainRefs);
  }

  private async query(
    kind: string,
    key: string,
    values: string[],
  ): Promise<Entity[]> {
    const byRef = new Map<string, Entity>();
    for (const batch of chunk(values, 100)) {
      const { items } = await this.catalog.getEntities(
        { filter: { kind, [key]: batch } },
        { credentials: this.credentials },
      );
      for (const entity of items) {
        byRef.set(refOf(entity), entity);
      }
    }
    return [...byRef.values()];
  }
}

/** The same questions over entities held in memory (bulk work). */
export class SnapshotGraph implements CatalogGraph {
  private readonly byRef = new Map<string, Entity>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      this.byRef.set(refOf(entity), entity);
    }
  }

  async getByRefs(refs: string[]): Promise<Entity[]> {
    return refs
      .map(ref => this.byRef.get(ref.toLocaleLowerCase('en-US')))
      .filter((e): e is Entity => Boolean(e));
  }

  async componentsOwnedBy(groupRefs: string[]): Promise<Entity[]> {
    const groups = new Set(groupRefs);
    return this.ofKind('component').filter(e =>
      ownersOf(e).some(owner => groups.has(owner)),
    );
  }

  async componentsPartOf(systemRefs: string[]): Promise<Entity[]> {
    const systems = new Set(systemRefs);
    return this.ofKind('component').filter(e =>
      partOf(e).some(ref => systems.has(ref)),
    );
  }

  async systemsPartOf(domainRefs: string[]): Promise<Entity[]> {
    const domains = new Set(domainRefs);
    return this.ofKind('system').filter(e =>
      partOf(e).some(ref => domains.has(ref)),
    );
  }

  entities(): Entity[] {
    return [...this.byRef.values()];
  }

  ofKind(kind: string): Entity[] {
    return this.entities().filter(
      e => e.kind.toLocaleLowerCase('en-US') === kind,
    );
  }
}
