import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CheckMetadata,
  EntityHistory,
  EntityRollupRow,
  EntityScorecard,
  Finding,
  OrgRollupQuery,
  Page,
  ResourceFindings,
  Rollup,
  ScanHealth,
  ScanInfo,
  Waiver,
} from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import type {
  InventoryStore,
  ScanRun,
  ScanTarget,
} from '../inventory/InventoryStore';
import type { ResultStore } from '../checks/ResultStore';
import type { DailyScore, HistoryStore } from '../history/HistoryStore';
import { addDays, dailyTrend } from '../history/trend';
import {
  CatalogGraph,
  CatalogServiceGraph,
  SnapshotGraph,
} from '../catalog/CatalogGraph';
import { readCatalogSnapshot } from '../catalog/snapshot';
import { ownersOf, refOf } from '../catalog/entityRefs';
import { entitiesLinkedTo } from '../catalog/linkedEntities';
import {
  IndexedResourceSource,
  InventoryResourceSource,
  LinkOptions,
  ResourceSource,
} from '../catalog/resourceLinks';
import { isRollupEntity, rollupComponents } from '../catalog/rollupMembers';
import { ScoringConfig } from '../scoring/ScoringConfig';
import { rollupScore } from '../scoring/score';
import { worstFindings } from '../scoring/findings';
import type {
  EntityScoreRow,
  EntityScoreStore,
} from '../scoring/EntityScoreStore';
import { pageOrgRows } from './orgPage';
import type { ReadFilter } from './access/ReadAccess';
import { resolveHistoryRange } from './historyRange';
import { applyWaivers } from '../waivers/applyWaivers';
import { WaiverService } from '../waivers/WaiverService';
import { DAY_MS, utcDay } from '../util/time';
import {
  evaluateEntity,
  latestEvaluation,
  resourceSummaries,
  ROLLUP_FINDINGS,
  ScoringContext,
  toFinding,
  toScoreRow,
} from './entityScoring';
import { groupBy } from './groupBy';
import {
  entityLocations,
  lastFinishedScan,
  Location,
  scanHealthOf,
} from './scanHealth';

/** A rollup member: the ML service and its stored (or fresh) score. */
interface Member {
  /** Absent when the entity left the catalog since it was scored. */
  entity?: Entity;
  row: EntityScoreRow;
}

const TREND_DAYS = 30;
const ROW_FINDINGS = 3;
const EXPIRING_WITHIN_DAYS = 14;

export interface ScorecardServiceOptions {
  catalog: CatalogService;
  inventory: InventoryStore;
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
}

/** Check metadata without the function, as the API shows it. */
export function toCheckMetadata(check: SecurityCheck): CheckMetadata {
  return {
    id: check.id,
    pillar: check.pillar,
    title: check.title,
    severity: check.severity,
    resourceTypes: check.resourceTypes,
    rationale: check.rationale,
    references: check.references,
    remediation: check.remediation,
    ...(check.requiresLiveData !== undefined
      ? { requiresLiveData: check.requiresLiveData }
      : {}),
  };
}

/** An org-wide view, loaded once and then scored in memory. */
interface OrgSnapshot {
  graph: SnapshotGraph;
  context: ScoringContext;
}

/** Reads scorecards, rollups, history and findings. */
export class ScorecardService {
  private readonly now: () => Date;

  constructor(private readonly options: ScorecardServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  checkMetadata(): CheckMetadata[] {
    return this.options.checks().map(toCheckMetadata);
  }

  private checksById(): Map<string, CheckMetadata> {
    return new Map(this.checkMetadata().map(c => [c.id, c]));
  }

  /** The entity, read with the caller's credentials; 404 when absent. */
  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    return entity;
  }

  private requestContext(
    credentials: BackstageCredentials,
    includeDeleted = false,
  ): ScoringContext {
    const { inventory, results } = this.options;
    const source = new InventoryResourceSource(inventory, { includeDeleted });
    return {
      graph: new CatalogServiceGraph(this.options.catalog, credentials),
      source,
      resultsFor: arns => results.listResults({ arns }),
      waiversFor: entityRef =>
        this.options.waivers.list({ entityRefs: [entityRef] }),
    };
  }

  private evaluate(entity: Entity, context: ScoringContext) {
    return evaluateEntity(entity, context, {
      scoring: this.options.scoring,
      links: this.options.links,
    });
  }

  /** ARNs linked to an entity (to validate a waiver's resource). */
  async linkedArns(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const evaluated = await this.evaluate(
      entity,
      this.requestContext(credentials),
    );
    return evaluated.resources.map(r => r.arn);
  }

  async entityScorecard(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecard> {
    const evaluated = await this.evaluate(
      entity,
      this.requestContext(credentials),
    );
    for (const warning of evaluated.warnings) {
      this.options.logger.warn(warning);
    }
    const latest = await this.options.inventory.getLatestScan();
    const lastScan = toScanInfo(latest);
    const evaluatedAt = latestEvaluation(evaluated.results);
    return {
      entityRef: evaluated.entityRef,
      score: evaluated.score,
      resources: resourceSummaries(
        evaluated.resources,
        evaluated.results,
        this.options.scoring,
      ),
      results: evaluated.results,
      ...(evaluatedAt ? { evaluatedAt } : {}),
      stale: isStale(latest, evaluated.resources),
      ...(lastScan ? { lastScan } : {}),
      scanHealth: await this.scanHealth(
        entityLocations(entity, evaluated.resources),
        latest,
      ),
      trend: await this.trend(evaluated.entityRef),
    };
  }

  /**
   * What the newest finished scan could not read: the failed and partial
   * targets at the given locations, or all of them (see scanHealth.ts).
   */
  async scanHealth(
    locations?: Location[],
    latest?: ScanRun,
  ): Promise<ScanHealth> {
    const scan = await lastFinishedScan(this.options.inventory, latest);
    const configured = this.options.scanTargets?.();
    return scanHealthOf({
      scan,
      // Without the configuration at hand, the last scan tells.
      accountsConfigured: configured
        ? configured.length > 0
        : !scan || scan.targets.length > 0,
      locations,
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
    const resource = await this.options.inventory.getResource(arn);
    if (!resource) {
      throw new NotFoundError(`No stored resource ${arn}`);
    }
    const linked = await entitiesLinkedTo(
      resource,
      this.options.catalog,
      credentials,
      this.options.links,
    );
    const allowed = await readable(linked);
    const linkedEntities = linked.filter(ref => allowed.has(ref));
    const waivers = (
      await this.options.waivers.list({ entityRefs: linkedEntities })
    ).filter(w => w.resourceArn === '*' || w.resourceArn === arn);
    const results = applyWaivers(
      await this.options.results.listResults({ arns: [arn] }),
      waivers,
    );
    const [summary] = resourceSummaries(
      [resource],
      results,
      this.options.scoring,
    );
    return { findings: { resource: summary, results }, linkedEntities };
  }

  /**
   * The rollup of a Group, System or Domain. `credentials` walk the catalog
   * (every member, so that hidden ones can be counted); members `readable`
   * leaves out are only counted (`hiddenEntityCount`).
   */
  async rollup(
    entity: Entity,
    credentials: BackstageCredentials,
    readable: (entityRefs: string[]) => Promise<Set<string>>,
  ): Promise<Rollup> {
    const graph = new CatalogServiceGraph(this.options.catalog, credentials);
    const components = await rollupComponents(entity, graph);
    const members = await this.members(components, credentials);
    const allowed = await readable(members.map(m => m.row.entityRef));
    const visible = members.filter(m => allowed.has(m.row.entityRef));
    return this.buildRollup(
      refOf(entity),
      visible,
      members.length - visible.length,
    );
  }

  /**
   * The stored score of each service with resources; a service scored
   * before (or never: before the first rescoring) is scored on the spot.
   */
  private async members(
    components: Entity[],
    credentials: BackstageCredentials,
  ): Promise<Member[]> {
    const computed = await this.options.entityScores.getComputedAt();
    const stored = new Map(
      computed
        ? (
            await this.options.entityScores.getByRefs(components.map(refOf))
          ).map(row => [row.entityRef, row])
        : [],
    );
    const checks = this.checksById();
    const context = this.requestContext(credentials);
    const members: Member[] = [];
    for (const entity of components) {
      const row =
        stored.get(refOf(entity)) ??
        toScoreRow(
          await this.evaluate(entity, context),
          checks,
          ROLLUP_FINDINGS,
        );
      if (row.resourceCount > 0) {
        members.push({ entity, row });
      }
    }
    return members;
  }

  private async buildRollup(
    entityRef: string,
    members: Member[],
    hiddenEntityCount: number,
  ): Promise<Rollup> {
    const score = rollupScore(
      members.map(m => ({ score: m.row.score, results: m.row.capResults })),
      this.options.scoring,
    );
    const now = this.now().getTime();
    const expiringWaivers = (
      await this.options.waivers.list({
        entityRefs: members.map(m => m.row.entityRef),
        status: 'active',
      })
    )
      .filter(
        w => Date.parse(w.expiresAt) - now <= EXPIRING_WITHIN_DAYS * DAY_MS,
      )
      .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
    return {
      entityRef,
      score,
      entities: await this.rows(members),
      worstFindings: worstFindings(
        members.flatMap(m => m.row.worstFindings),
        ROLLUP_FINDINGS,
      ),
      expiringWaivers,
      // The stored trend covers every member: shown only when all are visible.
      trend: hiddenEntityCount > 0 ? [] : await this.trend(entityRef),
      hiddenEntityCount,
    };
  }

  private async rows(members: Member[]): Promise<EntityRollupRow[]> {
    const trends = await this.trends(members.map(m => m.row.entityRef));
    return members.map(({ entity, row }) => {
      const owner = entity ? ownersOf(entity)[0] : row.owner;
      const title = entity?.metadata.title;
      return {
        entityRef: row.entityRef,
        ...(title ? { title } : {}),
        ...(owner ? { owner } : {}),
        score: row.score,
        trend: trends.get(row.entityRef) ?? [],
        // The stored findings are sorted worst first: the top rows are theirs.
        worstFindings: row.worstFindings.slice(0, ROW_FINDINGS),
        resourceCount: row.resourceCount,
      };
    });
  }

  /**
   * One page of the ML services (Components) with resources that the caller
   * may see, read from the stored scores: filtered, ordered and paged over
   * the summaries, then completed for the page's rows only.
   */
  async orgPage(
    query: OrgRollupQuery,
    credentials: BackstageCredentials,
    filter: ReadFilter,
  ): Promise<Page<EntityRollupRow>> {
    if (!(await this.options.entityScores.getComputedAt())) {
      // Before the first rescoring: score every service now.
      let rows = await this.orgRows(credentials);
      if (!filter.all) {
        const allowed = await filter.allowed(rows.map(r => r.entityRef));
        rows = rows.filter(r => allowed.has(r.entityRef));
      }
      return pageOrgRows(rows, query);
    }
    let summaries = await this.options.entityScores.listSummaries();
    if (!filter.all) {
      const allowed = await filter.allowed(summaries.map(s => s.entityRef));
      summaries = summaries.filter(s => allowed.has(s.entityRef));
    }
    const page = pageOrgRows(summaries, query);
    const refs = page.items.map(s => s.entityRef);
    const stored = new Map(
      (await this.options.entityScores.getByRefs(refs)).map(r => [
        r.entityRef,
        r,
      ]),
    );
    const entities = new Map(
      (
        await new CatalogServiceGraph(
          this.options.catalog,
          credentials,
        ).getByRefs(refs)
      ).map(e => [refOf(e), e]),
    );
    const members = refs.flatMap(ref => {
      const row = stored.get(ref);
      return row ? [{ entity: entities.get(ref), row }] : [];
    });
    return { ...page, items: await this.rows(members) };
  }

  /** Every ML service the caller can see that has resources, scored now. */
  private async orgRows(
    credentials: BackstageCredentials,
  ): Promise<EntityRollupRow[]> {
    const snapshot = await this.orgSnapshot(credentials);
    const checks = this.checksById();
    const members: Member[] = [];
    for (const component of snapshot.graph.ofKind('component')) {
      const evaluated = await this.evaluate(component, snapshot.context);
      if (evaluated.resources.length > 0) {
        members.push({
          entity: component,
          row: toScoreRow(evaluated, checks, ROLLUP_FINDINGS),
        });
      }
    }
    return this.rows(members);
  }

  async entityHistory(
    entity: Entity,
    credentials: BackstageCredentials,
    range: { from?: string; to?: string },
  ): Promise<EntityHistory> {
    const { fromDay, toDay } = resolveHistoryRange(range, utcDay(this.now()));
    const entityRef = refOf(entity);
    // Deleted resources keep their history.
    const context = this.requestContext(credentials, true);
    const arns = isRollupEntity(entity)
      ? []
      : (await this.evaluate(entity, context)).resources.map(r => r.arn);
    const transitions =
      arns.length > 0
        ? await this.options.history.listTransitions({
            arns,
            from: new Date(`${fromDay}T00:00:00.000Z`),
            to: new Date(`${toDay}T23:59:59.999Z`),
          })
        : [];
    const rows = await this.options.history.listDailyScores({
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

  /** Current findings (every result) of one entity, or of every ML service. */
  async findings(
    entity: Entity | undefined,
    credentials: BackstageCredentials,
  ): Promise<Finding[]> {
    const checks = this.checksById();
    if (entity) {
      const evaluated = await this.evaluate(
        entity,
        this.requestContext(credentials),
      );
      return evaluated.results.map(r =>
        toFinding(r, checks, evaluated.entityRef),
      );
    }
    const snapshot = await this.orgSnapshot(credentials);
    const findings: Finding[] = [];
    for (const component of snapshot.graph.ofKind('component')) {
      const evaluated = await this.evaluate(component, snapshot.context);
      findings.push(
        ...evaluated.results.map(r =>
          toFinding(r, checks, evaluated.entityRef),
        ),
      );
    }
    return findings;
  }

  private async activeWaiversByEntity(): Promise<Map<string, Waiver[]>> {
    return groupBy(
      await this.options.waivers.list({ status: 'active' }),
      w => w.entityRef,
    );
  }

  /** Everything in memory, for the org-wide findings (CSV export). */
  private async orgSnapshot(
    credentials: BackstageCredentials,
  ): Promise<OrgSnapshot> {
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
    const waiversByEntity = await this.activeWaiversByEntity();
    const context: ScoringContext = {
      graph: graph as CatalogGraph,
      source,
      resultsFor: async arns => arns.flatMap(arn => byArn.get(arn) ?? []),
      waiversFor: async ref => waiversByEntity.get(ref) ?? [],
    };
    return { graph, context };
  }

  private async trend(entityRef: string) {
    return (await this.trends([entityRef])).get(entityRef) ?? [];
  }

  private async trends(entityRefs: string[]) {
    const toDay = utcDay(this.now());
    const fromDay = addDays(toDay, -(TREND_DAYS - 1));
    const rows = await this.options.history.listDailyScores({
      entityRefs,
      fromDay,
      toDay,
    });
    const byRef = new Map<string, DailyScore[]>();
    for (const row of rows) {
      const list = byRef.get(row.entityRef) ?? [];
      list.push(row);
      byRef.set(row.entityRef, list);
    }
    return new Map(
      entityRefs.map(ref => [
        ref,
        dailyTrend(byRef.get(ref) ?? [], fromDay, toDay),
      ]),
    );
  }
}

function toScanInfo(scan: ScanRun | undefined): ScanInfo | undefined {
  if (!scan) {
    return undefined;
  }
  return {
    scanId: scan.id,
    status: scan.status,
    startedAt: scan.startedAt,
    ...(scan.finishedAt ? { finishedAt: scan.finishedAt } : {}),
  };
}

/**
 * The results of an entity are older than the newest scan when that scan
 * failed or was cancelled, or when it could not collect an account and
 * region that holds one of the entity's resources. A partial scan that still
 * collected those targets (say, one call was denied) is not stale: its
 * results are current, and the denied call shows as `unknown`.
 */
function isStale(
  scan: ScanRun | undefined,
  resources: Array<{ accountId: string; region: string }>,
): boolean {
  if (!scan || scan.status === 'queued' || scan.status === 'running') {
    return false;
  }
  if (scan.status === 'failed' || scan.status === 'cancelled') {
    return true;
  }
  const failedTargets = new Set(
    scan.targets
      .filter(target => target.status === 'failed')
      .map(target => `${target.accountId}/${target.region}`),
  );
  return resources.some(resource =>
    failedTargets.has(`${resource.accountId}/${resource.region}`),
  );
}
