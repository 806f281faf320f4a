import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AWS_ARN,
  CheckMetadata,
  EntityHistory,
  EntityRollupRow,
  EntityScorecard,
  Finding,
  ResourceFindings,
  Rollup,
  ScanInfo,
  Waiver,
} from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import type { InventoryStore, ScanRun } from '../inventory/InventoryStore';
import type { ResultStore, StoredResult } from '../checks/ResultStore';
import type { DailyScore, HistoryStore } from '../history/HistoryStore';
import { addDays, dailyTrend } from '../history/trend';
import {
  CatalogGraph,
  CatalogServiceGraph,
  SnapshotGraph,
} from '../catalog/CatalogGraph';
import { ownersOf, refOf } from '../catalog/entityRefs';
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
import { applyWaivers } from '../waivers/applyWaivers';
import { WaiverService } from '../waivers/WaiverService';
import { utcDay } from './dates';
import {
  EvaluatedEntity,
  evaluateEntity,
  latestEvaluation,
  resourceSummaries,
  ScoringContext,
  toFinding,
} from './entityScoring';

const TREND_DAYS = 30;
const ROW_FINDINGS = 3;
const ROLLUP_FINDINGS = 10;
const EXPIRING_WITHIN_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScorecardServiceOptions {
  catalog: CatalogService;
  inventory: InventoryStore;
  results: ResultStore;
  history: HistoryStore;
  waivers: WaiverService;
  checks: () => SecurityCheck[];
  scoring: ScoringConfig;
  links: LinkOptions;
  logger: LoggerService;
  now?: () => Date;
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
      trend: await this.trend(evaluated.entityRef),
    };
  }

  /**
   * One resource and its results. Waivers of the entities it is linked to
   * apply; `linkedEntities` names them for the permission check.
   */
  async resourceFindings(
    arn: string,
    credentials: BackstageCredentials,
  ): Promise<{ findings: ResourceFindings; linkedEntities: string[] }> {
    const resource = await this.options.inventory.getResource(arn);
    if (!resource) {
      throw new NotFoundError(`No stored resource ${arn}`);
    }
    const linkedEntities = await this.entitiesLinkedTo(resource, credentials);
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

  /** Resource entities annotated with the ARN and Components tagged with it. */
  private async entitiesLinkedTo(
    resource: { arn: string; tags: Record<string, string> },
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const refs = new Set<string>();
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${ANNOTATION_AWS_ARN}`]: resource.arn,
        },
      },
      { credentials },
    );
    items.forEach(e => refs.add(refOf(e)));
    const service = resource.tags[this.options.links.componentTagKey];
    if (service) {
      const components = await this.options.catalog.getEntities(
        { filter: { kind: 'component', 'metadata.name': service } },
        { credentials },
      );
      components.items.forEach(e => refs.add(refOf(e)));
    }
    // Components that dependsOn a linked Resource entity.
    const resourceEntityRefs = items.map(refOf);
    if (resourceEntityRefs.length > 0) {
      const dependents = await this.options.catalog.getEntities(
        {
          filter: {
            kind: 'component',
            'relations.dependsOn': resourceEntityRefs,
          },
        },
        { credentials },
      );
      dependents.items.forEach(e => refs.add(refOf(e)));
    }
    return [...refs].sort();
  }

  async rollup(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Rollup> {
    const context = this.requestContext(credentials);
    const components = await rollupComponents(entity, context.graph);
    const members: EvaluatedEntity[] = [];
    for (const component of components) {
      const evaluated = await this.evaluate(component, context);
      if (evaluated.resources.length > 0) {
        members.push(evaluated);
      }
    }
    return this.buildRollup(refOf(entity), members);
  }

  private async buildRollup(
    entityRef: string,
    members: EvaluatedEntity[],
  ): Promise<Rollup> {
    const checks = this.checksById();
    const score = rollupScore(
      members.map(m => ({ score: m.score, results: m.results })),
      this.options.scoring,
    );
    const findings = members.flatMap(m =>
      m.results.map(r => toFinding(r, checks, m.entityRef)),
    );
    const now = this.now().getTime();
    const expiringWaivers = (
      await this.options.waivers.list({
        entityRefs: members.map(m => m.entityRef),
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
      worstFindings: worstFindings(findings, ROLLUP_FINDINGS),
      expiringWaivers,
      trend: await this.trend(entityRef),
    };
  }

  private async rows(members: EvaluatedEntity[]): Promise<EntityRollupRow[]> {
    const checks = this.checksById();
    const trends = await this.trends(members.map(m => m.entityRef));
    return members.map(member => {
      const owner = ownersOf(member.entity)[0];
      const title = member.entity.metadata.title;
      return {
        entityRef: member.entityRef,
        ...(title ? { title } : {}),
        ...(owner ? { owner } : {}),
        score: member.score,
        trend: trends.get(member.entityRef) ?? [],
        worstFindings: worstFindings(
          member.results.map(r => toFinding(r, checks, member.entityRef)),
          ROW_FINDINGS,
        ),
        resourceCount: member.resources.length,
      };
    });
  }

  /** Every ML service (Component) the caller can see that has resources. */
  async orgRows(credentials: BackstageCredentials): Promise<EntityRollupRow[]> {
    const snapshot = await this.orgSnapshot(credentials);
    const members: EvaluatedEntity[] = [];
    for (const component of snapshot.graph.ofKind('component')) {
      const evaluated = await this.evaluate(component, snapshot.context);
      if (evaluated.resources.length > 0) {
        members.push(evaluated);
      }
    }
    return this.rows(members);
  }

  async entityHistory(
    entity: Entity,
    credentials: BackstageCredentials,
    range: { from?: string; to?: string },
  ): Promise<EntityHistory> {
    const toDay = range.to ?? utcDay(this.now());
    const fromDay = range.from ?? addDays(toDay, -(TREND_DAYS - 1));
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

  /**
   * Scores of every ML service and Resource entity with resources, and of
   * every Group, System and Domain above them: the daily scorecard rows.
   */
  async scoreEverything(
    credentials: BackstageCredentials,
  ): Promise<DailyScore[]> {
    const snapshot = await this.orgSnapshot(credentials, true);
    const day = utcDay(this.now());
    const byRef = new Map<string, EvaluatedEntity>();
    for (const entity of [
      ...snapshot.graph.ofKind('component'),
      ...snapshot.graph.ofKind('resource'),
    ]) {
      const evaluated = await this.evaluate(entity, snapshot.context);
      if (evaluated.resources.length > 0) {
        byRef.set(evaluated.entityRef, evaluated);
      }
    }
    const scores: DailyScore[] = [...byRef.values()].map(e => ({
      entityRef: e.entityRef,
      day,
      score: e.score.score,
      grade: e.score.grade,
      counts: e.score.counts,
    }));
    for (const kind of ['group', 'system', 'domain']) {
      for (const entity of snapshot.graph.ofKind(kind)) {
        const members = (await rollupComponents(entity, snapshot.graph))
          .map(c => byRef.get(refOf(c)))
          .filter((m): m is EvaluatedEntity => Boolean(m));
        if (members.length === 0) {
          continue;
        }
        const score = rollupScore(members, this.options.scoring);
        scores.push({
          entityRef: refOf(entity),
          day,
          score: score.score,
          grade: score.grade,
          counts: score.counts,
        });
      }
    }
    return scores;
  }

  private async orgSnapshot(
    credentials: BackstageCredentials,
    withHierarchy = false,
  ): Promise<OrgSnapshot> {
    const { catalog } = this.options;
    const kinds = withHierarchy
      ? ['component', 'group', 'system', 'domain']
      : ['component'];
    const entities: Entity[] = [];
    for (const kind of kinds) {
      entities.push(
        ...(await catalog.getEntities({ filter: { kind } }, { credentials }))
          .items,
      );
    }
    entities.push(
      ...(
        await catalog.getEntities(
          {
            filter: {
              kind: 'resource',
              [`metadata.annotations.${ANNOTATION_AWS_ARN}`]:
                CATALOG_FILTER_EXISTS,
            },
          },
          { credentials },
        )
      ).items,
    );
    const graph = new SnapshotGraph(entities);
    const source: ResourceSource = new IndexedResourceSource(
      await new InventoryResourceSource(this.options.inventory).listAll(),
    );
    const byArn = new Map<string, StoredResult[]>();
    for (const result of await this.options.results.listResults({})) {
      const list = byArn.get(result.resourceArn) ?? [];
      list.push(result);
      byArn.set(result.resourceArn, list);
    }
    const waiversByEntity = new Map<string, Waiver[]>();
    for (const waiver of await this.options.waivers.list({
      status: 'active',
    })) {
      const list = waiversByEntity.get(waiver.entityRef) ?? [];
      list.push(waiver);
      waiversByEntity.set(waiver.entityRef, list);
    }
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
