/**
 * What every read of the scorecard side shares: its stores and settings, and
 * where an evaluation reads from (per request with the caller's
 * credentials, or an org-wide snapshot loaded once).
 */
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  AccountDiscoveryStatus,
  CheckMetadata,
} from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import type {
  InventoryReader,
  ScanHead,
  ScanTarget,
} from '../inventory/InventoryStore';
import type { ResultStore } from '../checks/ResultStore';
import type { HistoryStore } from '../history/HistoryStore';
import {
  CatalogGraph,
  CatalogServiceGraph,
  SnapshotGraph,
} from '../catalog/CatalogGraph';
import { readCatalogSnapshot } from '../catalog/snapshot';
import { CatalogView, ViewGraph } from '../catalog/CatalogView';
import {
  IndexedResourceSource,
  InventoryResourceSource,
  LinkOptions,
  ResourceSource,
} from '../catalog/resourceLinks';
import { ScoringConfig } from '../scoring/ScoringConfig';
import type { EntityScoreStore } from '../scoring/EntityScoreStore';
import { WaiverService } from '../waivers/WaiverService';
import { toCheckMetadata } from './checkMetadata';
import {
  evaluateEntity,
  EvaluatedEntity,
  ScoringContext,
} from './entityScoring';
import { groupBy } from './groupBy';
import { CurrentEvaluations } from './currentEvaluations';
import { ReadCache, readKey } from './readCache';
import { utcDay } from '../util/time';
import { nextRead } from '../util/nextRead';

export interface ScorecardServiceOptions {
  catalog: CatalogService;
  inventory: InventoryReader;
  results: ResultStore;
  history: HistoryStore;
  entityScores: EntityScoreStore;
  waivers: WaiverService;
  checks: () => SecurityCheck[];
  scoring: ScoringConfig;
  links: LinkOptions;
  logger: LoggerService;
  now?: () => Date;
  /** The accounts and regions the backend scans (for scan health). */
  scanTargets?: () => ScanTarget[];
  /** A recent catalog snapshot; without it every read asks the catalog. */
  catalogView?: CatalogView;
  /** The newest account discovery; absent when discovery is not configured. */
  accountDiscovery?: () => AccountDiscoveryStatus | undefined;
}

/** What reads are computed from (see ReadContext.readState). */
export interface ReadState {
  key?: string;
  latestScan?: ScanHead;
}

/** An org-wide view, loaded once and then scored in memory. */
export interface OrgSnapshot {
  graph: SnapshotGraph;
  context: ScoringContext;
}

/** The stores, settings and scoring contexts the readers share. */
export class ReadContext {
  readonly now: () => Date;
  /** Responses as JSON, per state (see readCache.ts). */
  readonly cache = new ReadCache();
  private readonly current: CurrentEvaluations;

  constructor(readonly options: ScorecardServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.current = new CurrentEvaluations({
      entityScores: options.entityScores,
      catalogView: options.catalogView,
      requestContext: credentials => this.requestContext(credentials),
      evaluate: (entity, context) => this.evaluate(entity, context),
    });
  }

  /**
   * The entity's current evaluation (resources, results with waivers
   * applied, score), computed once per stored state (see
   * currentEvaluations.ts).
   */
  evaluateCurrent(
    entity: Entity,
    credentials: BackstageCredentials,
    options?: { hold?: boolean },
  ): Promise<EvaluatedEntity> {
    return this.current.evaluate(entity, credentials, options);
  }

  /**
   * The state reads are computed from: as a key part, the stored scores'
   * version, the catalog snapshot and the UTC day (undefined before the
   * first rescoring or without a catalog view: reads are then computed every
   * time); and the newest scan. Concurrent callers share one read that
   * started after their call (see nextRead.ts), so under load the stores are
   * asked about once per read's latency, and a write that finished before a
   * call is always seen by it.
   */
  readonly readState: () => Promise<ReadState> = nextRead(async () => {
    const { catalogView, entityScores, inventory } = this.options;
    const [snapshot, run, latestScan] = await Promise.all([
      catalogView?.snapshot(),
      catalogView ? entityScores.getRun() : undefined,
      inventory.getLatestScanHead(),
    ]);
    return {
      key:
        snapshot && run
          ? readKey(run.version, snapshot.readAt, utcDay(this.now()))
          : undefined,
      latestScan,
    };
  });

  /** The key part of `readState`. */
  async stateKey(): Promise<string | undefined> {
    return (await this.readState()).key;
  }

  checkMetadata(): CheckMetadata[] {
    return this.options.checks().map(toCheckMetadata);
  }

  checksById(): Map<string, CheckMetadata> {
    return new Map(this.checkMetadata().map(c => [c.id, c]));
  }

  /**
   * The catalog as reads see it: the recent snapshot when there is one,
   * else the catalog read with these credentials.
   */
  graph(credentials: BackstageCredentials): CatalogGraph {
    const live = new CatalogServiceGraph(this.options.catalog, credentials);
    const view = this.options.catalogView;
    return view ? new ViewGraph(view, live) : live;
  }

  /** Reads per request, with the caller's credentials. */
  requestContext(
    credentials: BackstageCredentials,
    includeDeleted = false,
  ): ScoringContext {
    const { inventory, results } = this.options;
    const source = new InventoryResourceSource(inventory, { includeDeleted });
    return {
      graph: this.graph(credentials),
      source,
      resultsFor: arns => results.listResults({ arns }),
      waiversFor: entityRef =>
        this.options.waivers.list({ entityRefs: [entityRef] }),
    };
  }

  evaluate(entity: Entity, context: ScoringContext): Promise<EvaluatedEntity> {
    return evaluateEntity(entity, context, {
      scoring: this.options.scoring,
      links: this.options.links,
    });
  }

  /** Everything in memory, for the org-wide findings (CSV export). */
  async orgSnapshot(credentials: BackstageCredentials): Promise<OrgSnapshot> {
    const graph = await readCatalogSnapshot(
      this.options.catalog,
      credentials,
      false,
    );
    const source: ResourceSource = new IndexedResourceSource(
      await new InventoryResourceSource(this.options.inventory).listAll(),
    );
    const byArn = groupBy(
      await this.options.results.listResults({}),
      r => r.resourceArn,
    );
    const waiversByEntity = groupBy(
      await this.options.waivers.list({ status: 'active' }),
      w => w.entityRef,
    );
    const context: ScoringContext = {
      graph: graph as CatalogGraph,
      source,
      resultsFor: async arns => arns.flatMap(arn => byArn.get(arn) ?? []),
      waiversFor: async ref => waiversByEntity.get(ref) ?? [],
    };
    return { graph, context };
  }
}
