/**
 * The catalog as the read side sees it: the snapshot scoring reads
 * (components, groups, systems, domains and ARN-annotated resources, read
 * with the plugin's own credentials), kept for a short time so a scorecard
 * read costs no catalog request. The caller's own catalog permission is
 * decided before (ReadAccess); like the stored rollups, a service's score
 * counts every resource linked to it, whoever asks.
 */
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogGraph, SnapshotGraph } from './CatalogGraph';
import { readCatalogSnapshot } from './snapshot';

export interface CatalogViewOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Oldest snapshot served, in ms; 0 reads the catalog on every request. */
  maxAgeMs: number;
  now?: () => number;
}

export class CatalogView {
  private current?: { graph: SnapshotGraph; readAt: number };
  private reading?: Promise<SnapshotGraph | undefined>;
  private readonly now: () => number;

  constructor(private readonly options: CatalogViewOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * A snapshot no older than the maximum age (read now, one read at a time,
   * when the last is older), or undefined when the view is off or the
   * catalog could not be read (callers then read the catalog themselves).
   */
  async graph(): Promise<SnapshotGraph | undefined> {
    return (await this.snapshot())?.graph;
  }

  /** The snapshot and when it was read (the same rules as `graph`). */
  async snapshot(): Promise<
    { graph: SnapshotGraph; readAt: number } | undefined
  > {
    if (this.options.maxAgeMs <= 0) {
      return undefined;
    }
    const current = this.current;
    if (current && this.now() - current.readAt <= this.options.maxAgeMs) {
      return current;
    }
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    await this.reading;
    return this.current;
  }

  /** The named entity from the snapshot; undefined when it holds none. */
  async entity(entityRef: string): Promise<Entity | undefined> {
    const graph = await this.graph();
    return (await graph?.getByRefs([entityRef]))?.[0];
  }

  /** A snapshot just read elsewhere (the scoring task's) replaces an older one. */
  offer(graph: SnapshotGraph, readAt: number = this.now()): void {
    if (!this.current || this.current.readAt <= readAt) {
      this.current = { graph, readAt };
    }
  }

  private async read(): Promise<SnapshotGraph | undefined> {
    const readAt = this.now();
    try {
      const graph = await readCatalogSnapshot(
        this.options.catalog,
        await this.options.auth.getOwnServiceCredentials(),
        true,
      );
      this.offer(graph, readAt);
      return graph;
    } catch (error) {
      this.options.logger.warn(
        `Could not read the catalog snapshot; reading per request: ${error}`,
      );
      return undefined;
    }
  }
}

/**
 * The catalog view's snapshot when there is one, else the catalog read
 * with the caller's credentials.
 */
export class ViewGraph implements CatalogGraph {
  constructor(
    private readonly view: CatalogView,
    private readonly live: CatalogGraph,
  ) {}

  private async graph(): Promise<CatalogGraph> {
    return (await this.view.graph()) ?? this.live;
  }

  async getByRefs(refs: string[]): Promise<Entity[]> {
    return (await this.graph()).getByRefs(refs);
  }

  async componentsOwnedBy(groupRefs: string[]): Promise<Entity[]> {
    return (await this.graph()).componentsOwnedBy(groupRefs);
  }

  async componentsPartOf(systemRefs: string[]): Promise<Entity[]> {
    return (await this.graph()).componentsPartOf(systemRefs);
  }

  async systemsPartOf(domainRefs: string[]): Promise<Entity[]> {
    return (await this.graph()).systemsPartOf(domainRefs);
  }
}
