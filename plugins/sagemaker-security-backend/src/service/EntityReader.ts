/** Services whose read decisions are asked for at a time (exports). */
const SCOPE_BATCH = 250;

/**
 * The reads about one entity (its scorecard, history and findings) or one
 * resource, and scan health.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type {
  EntityHistory,
  CheckResult,
  EntityScorecard,
  Finding,
  Page,
  ResourceFindings,
  ScanHealth,
} from '@mlsec/plugin-sagemaker-security-common';
import type { ScanRun } from '../inventory/InventoryStore';
import { dailyTrend } from '../history/trend';
import { refOf } from '../catalog/entityRefs';
import { entitiesLinkedTo } from '../catalog/linkedEntities';
import { isRollupEntity } from '../catalog/rollupMembers';
import { applyWaivers } from '../waivers/applyWaivers';
import { utcDay } from '../util/time';
import { chunk } from '../util/chunk';
import { readCatalogSnapshot } from '../catalog/snapshot';
import {
  latestEvaluation,
  resourceSummaries,
  toFinding,
} from './entityScoring';
import { resolveHistoryRange } from './historyRange';
import { prefillPaths, projectDescription } from './prefillFields';
import { HeldJson, readKey } from './readCache';
import type { ReadContext } from './readContext';
import { pageResults, ResultPageQuery } from './resultPages';
import {
  entityLocations,
  lastFinishedScan,
  Location,
  scanHealthOf,
} from './scanHealth';
import { isStale, toScanInfo } from './staleness';
import type { TrendReader } from './trends';

export class EntityReader {
  constructor(
    private readonly context: ReadContext,
    private readonly trends: TrendReader,
  ) {}

  /** The entity, read with the caller's credentials; 404 when absent. */
  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const { catalog, catalogView } = this.context.options;
    const entity =
      (await catalogView?.entity(entityRef)) ??
      (await catalog.getEntityByRef(entityRef, { credentials }));
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    return entity;
  }

  /** ARNs linked to an entity (to validate a waiver's resource). */
  async linkedArns(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const evaluated = await this.context.evaluateCurrent(entity, credentials);
    return evaluated.resources.map(r => r.arn);
  }

  /**
   * The entity's scorecard; `results` holds the first `findingsLimit` of
   * its results, worst first (see resultPages.ts).
   */
  async entityScorecard(
    entity: Entity,
    credentials: BackstageCredentials,
    findingsLimit?: number,
  ): Promise<EntityScorecard> {
    const { inventory, logger, scoring } = this.context.options;
    const evaluated = await this.context.evaluateCurrent(entity, credentials);
    for (const warning of evaluated.warnings) {
      logger.warn(warning);
    }
    const latest = await inventory.getLatestScan();
    const lastScan = toScanInfo(latest);
    const evaluatedAt = latestEvaluation(evaluated.results);
    const { items, ...resultsPage } = pageResults(evaluated.results, {
      limit: findingsLimit,
    });
    return {
      entityRef: evaluated.entityRef,
      score: evaluated.score,
      resources: resourceSummaries(
        evaluated.resources,
        evaluated.results,
        scoring,
      ),
      results: items,
      resultsPage,
      ...(evaluatedAt ? { evaluatedAt } : {}),
      stale: isStale(latest, evaluated.resources),
      ...(lastScan ? { lastScan } : {}),
      scanHealth: await this.scanHealth(
        entityLocations(entity, evaluated.resources),
        latest,
      ),
      trend: await this.trends.trend(evaluated.entityRef),
    };
  }

  /**
   * The scorecard as JSON, held per state (see readCache.ts): the stored
   * scores and catalog snapshot, the newest scan (not held while one runs)
   * and account discovery.
   */
  async entityScorecardJson(
    entity: Entity,
    credentials: BackstageCredentials,
    findingsLimit?: number,
  ): Promise<HeldJson> {
    const { key: state, latestScan: latest } = await this.context.readState();
    const running = latest?.status === 'queued' || latest?.status === 'running';
    const discovery = this.context.options.accountDiscovery?.();
    const key =
      state === undefined || running
        ? undefined
        : readKey(
            'scorecard',
            state,
            refOf(entity),
            findingsLimit,
            latest?.id,
            latest?.status,
            latest?.finishedAt,
            discovery?.attemptedAt,
            discovery?.status,
          );
    return this.context.cache.json(key, () =>
      this.entityScorecard(entity, credentials, findingsLimit),
    );
  }

  /** A page of the entity's results, worst first (see resultPages.ts). */
  async entityFindings(
    entity: Entity,
    credentials: BackstageCredentials,
    query: ResultPageQuery,
  ): Promise<Page<CheckResult>> {
    const evaluated = await this.context.evaluateCurrent(entity, credentials);
    return pageResults(evaluated.results, query);
  }

  /**
   * What the newest finished scan could not read: the failed and partial
   * targets at the given locations, or all of them (see scanHealth.ts).
   */
  async scanHealth(
    locations?: Location[],
    latest?: ScanRun,
  ): Promise<ScanHealth> {
    const scan = await lastFinishedScan(this.context.options.inventory, latest);
    const configured = this.context.options.scanTargets?.();
    const discovery = this.context.options.accountDiscovery;
    return scanHealthOf({
      scan,
      // Without the configuration at hand, the last scan tells; accounts
      // to discover count as configured before their first listing.
      accountsConfigured: configured
        ? configured.length > 0 || discovery !== undefined
        : !scan || scan.targets.length > 0,
      locations,
      discovery: discovery?.(),
    });
  }

  /**
   * One resource and its results. `credentials` find every entity linked to
   * it; `readable` keeps those the caller may read, and only their waivers
   * apply. `linkedEntities` names the readable ones.
   */
  async resourceFindings(
    arn: string,
    credentials: BackstageCredentials,
    readable: (entityRefs: string[]) => Promise<Set<string>>,
  ): Promise<{ findings: ResourceFindings; linkedEntities: string[] }> {
    const { inventory, catalog, links, waivers, results, scoring } =
      this.context.options;
    const resource = await inventory.getResource(arn);
    if (!resource) {
      throw new NotFoundError(`No stored resource ${arn}`);
    }
    const linked = await entitiesLinkedTo(
      resource,
      catalog,
      credentials,
      links,
    );
    const allowed = await readable(linked);
    const linkedEntities = linked.filter(ref => allowed.has(ref));
    const applying = (
      await waivers.list({ entityRefs: linkedEntities })
    ).filter(w => w.resourceArn === '*' || w.resourceArn === arn);
    const waived = applyWaivers(
      await results.listResults({ arns: [arn] }),
      applying,
    );
    const [summary] = resourceSummaries([resource], waived, scoring);
    const description = projectDescription(
      resource.description,
      prefillPaths(this.context.checksById().values(), resource.type),
    );
    return {
      findings: {
        resource: { ...summary, ...(description ? { description } : {}) },
        results: waived,
      },
      linkedEntities,
    };
  }

  async entityHistory(
    entity: Entity,
    credentials: BackstageCredentials,
    range: { from?: string; to?: string },
  ): Promise<EntityHistory> {
    const { history } = this.context.options;
    const { fromDay, toDay } = resolveHistoryRange(
      range,
      utcDay(this.context.now()),
    );
    const entityRef = refOf(entity);
    // Deleted resources keep their history.
    const context = this.context.requestContext(credentials, true);
    const arns = isRollupEntity(entity)
      ? []
      : (await this.context.evaluate(entity, context)).resources.map(
          r => r.arn,
        );
    const transitions =
      arns.length > 0
        ? await history.listTransitions({
            arns,
            from: new Date(`${fromDay}T00:00:00.000Z`),
            to: new Date(`${toDay}T23:59:59.999Z`),
          })
        : [];
    const rows = await history.listDailyScores({
      entityRefs: [entityRef],
      fromDay,
      toDay,
    });
    return {
      entityRef,
      trend: dailyTrend(rows, fromDay, toDay),
      transitions,
    };
  }

  /** Current findings (every result) of one entity. */
  async findings(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Finding[]> {
    const checks = this.context.checksById();
    const evaluated = await this.context.evaluateCurrent(entity, credentials);
    return evaluated.results.map(r =>
      toFinding(r, checks, evaluated.entityRef),
    );
  }

  /**
   * Current findings of the ML services in a scope (every one, or a team's,
   * optionally only in one account), one service at a time: each is
   * evaluated from the stores on its own and not held (bounded memory,
   * whatever the estate), and only services `allowed` keeps are read. Services are taken
   * from the catalog as the caller sees it, in entity ref order. The catalog
   * read and every permission decision are made before this resolves, so
   * that a refusal or failure there is an error answer, not a broken stream.
   */
  async scopeFindings(
    scope: { owner?: string; accountId?: string },
    allowed: (entityRefs: string[]) => Promise<Set<string>>,
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<Finding[]>> {
    const checks = this.context.checksById();
    const graph = this.context.graph(credentials);
    const components = scope.owner
      ? await graph.componentsOwnedBy([scope.owner])
      : (
          await readCatalogSnapshot(
            this.context.options.catalog,
            credentials,
            false,
          )
        ).ofKind('component');
    const sorted = components
      .map(entity => ({ entity, ref: refOf(entity) }))
      .sort((a, b) => a.ref.localeCompare(b.ref));
    const readable: Entity[] = [];
    for (const batch of chunk(sorted, SCOPE_BATCH)) {
      const refs = await allowed(batch.map(c => c.ref));
      readable.push(...batch.filter(c => refs.has(c.ref)).map(c => c.entity));
    }
    const { context } = this;
    return (async function* findingsOf() {
      for (const entity of readable) {
        // Not held: a sweep over every service must not grow the memory
        // of interactive reads (nor evict what they hold).
        const evaluated = await context.evaluateCurrent(entity, credentials, {
          hold: false,
        });
        yield evaluated.results
          .filter(r => !scope.accountId || r.accountId === scope.accountId)
          .map(r => toFinding(r, checks, evaluated.entityRef));
      }
    })();
  }
}
