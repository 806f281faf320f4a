/**
 * The compute side of rollups: scores every ML service, Resource entity,
 * team, System and Domain from the stored results, stores each service's
 * score (`entity_scores`, what rollups and the org page read) and today's
 * scores (history). Runs after each evaluation, when waivers lapse, and
 * whenever the catalog changed since the last time (a scheduled check), so
 * services the catalog gains, re-owns, re-links or loses after a scan are
 * not left out of (or kept in) the org page until the next scan.
 */
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CheckMetadata,
  Waiver,
} from '@mlsec/plugin-sagemaker-security-common';
import type { InventoryReader } from '../inventory/InventoryStore';
import type { ResultStore } from '../checks/ResultStore';
import type { DailyScore, HistoryStore } from '../history/HistoryStore';
import { CatalogServiceGraph, SnapshotGraph } from '../catalog/CatalogGraph';
import { refOf } from '../catalog/entityRefs';
import {
  IndexedResourceSource,
  InventoryResourceSource,
  LinkOptions,
  linkedResources,
} from '../catalog/resourceLinks';
import { rollupComponents } from '../catalog/rollupMembers';
import { catalogFingerprint, readCatalogSnapshot } from '../catalog/snapshot';
import type { CatalogView } from '../catalog/CatalogView';
import { ScoringConfig } from '../scoring/ScoringConfig';
import { rollupScore } from '../scoring/score';
import type {
  EntityScoreRow,
  EntityScoreStore,
} from '../scoring/EntityScoreStore';
import { WaiverService } from '../waivers/WaiverService';
import { chunk } from '../util/chunk';
import { utcDay } from '../util/time';
import {
  EvaluatedEntity,
  evaluateEntity,
  ROLLUP_FINDINGS,
  scoreLinked,
  toScoreRow,
} from './entityScoring';
import { groupBy } from './groupBy';
import type { ScoredService } from '../notifications/SecurityNotifier';

/** Entities scored together when everything is rescored (bounds memory). */
const SCORING_BATCH = 250;

/** Every score one rescoring produces. */
export interface ScoredEverything {
  /** Today's scores of services, Resource entities, groups, systems, domains. */
  daily: DailyScore[];
  /** The current score of every ML service (with or without resources). */
  services: EntityScoreRow[];
  /** What `onScored` is told (empty without it). */
  scored: ScoredService[];
}

export interface RescoringOptions {
  /** Shown every catalog snapshot the rescoring reads. */
  catalogView?: CatalogView;
  catalog: CatalogService;
  auth: AuthService;
  inventory: InventoryReader;
  results: ResultStore;
  history: HistoryStore;
  entityScores: EntityScoreStore;
  waivers: WaiverService;
  checks: () => CheckMetadata[];
  scoring: ScoringConfig;
  links: LinkOptions;
  logger: LoggerService;
  now?: () => Date;
  /**
   * Told the ML services whose scores were just stored (the notifier);
   * must not throw.
   */
  onScored?: (services: ScoredService[]) => Promise<void>;
}

/** What the notifier needs of an evaluated ML service. */
function toScored(evaluated: EvaluatedEntity): ScoredService {
  return {
    entity: evaluated.entity,
    grade: evaluated.score.grade,
    score: evaluated.score.score,
    failing: evaluated.results.filter(r => r.status === 'fail'),
  };
}

export class Rescoring {
  private readonly now: () => Date;

  constructor(private readonly options: RescoringOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Rescores every entity: stores each ML service's score and today's
   * score of every entity whose score changed (returns how many).
   */
  async rescoreAll(): Promise<number> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const graph = await this.readSnapshot(credentials);
    return (await this.store(graph)) ?? 0;
  }

  /**
   * Rescores every entity if the catalog differs from what the last
   * rescoring scored (a service appeared, was re-owned, re-linked or
   * removed). Nothing before the first rescoring: until then rollups are
   * computed on request. Returns whether it rescored.
   */
  async rescoreIfCatalogChanged(): Promise<boolean> {
    const run = await this.options.entityScores.getRun();
    if (!run) {
      return false;
    }
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const graph = await this.readSnapshot(credentials);
    if (catalogFingerprint(graph) === run.catalogFingerprint) {
      return false;
    }
    const written = await this.store(graph, run.version);
    if (written === undefined) {
      // Another rescoring finished meanwhile (an evaluation's, with newer
      // results); if it saw an older catalog, the next check catches up.
      return false;
    }
    this.options.logger.info(
      `The catalog changed since the last scoring: every ML service rescored, ${written} daily scores changed`,
    );
    return true;
  }

  /**
   * Scores one ML service again and stores it (after a waiver of it was
   * created or revoked). Other entities wait for the next rescoring; nothing
   * before the first one (rollups are computed on request until then).
   */
  async rescoreEntity(entityRef: string): Promise<void> {
    if (!(await this.options.entityScores.getRun())) {
      return;
    }
    const { catalog, inventory, results, waivers } = this.options;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'component') {
      return;
    }
    const evaluated = await evaluateEntity(
      entity,
      {
        graph: new CatalogServiceGraph(catalog, credentials),
        source: new InventoryResourceSource(inventory),
        resultsFor: arns => results.listResults({ arns }),
        waiversFor: ref => waivers.list({ entityRefs: [ref] }),
      },
      { scoring: this.options.scoring, links: this.options.links },
    );
    const checks = new Map(this.options.checks().map(c => [c.id, c]));
    await this.options.entityScores.upsert(
      [toScoreRow(evaluated, checks, ROLLUP_FINDINGS)],
      this.now(),
    );
    await this.options.onScored?.([toScored(evaluated)]);
  }

  /**
   * Scores the snapshot and stores the rows; with `ifVersion`, only if no
   * other rescoring finished since that version (undefined when not).
   */
  private async store(
    graph: SnapshotGraph,
    ifVersion?: number,
  ): Promise<number | undefined> {
    const { daily, services, scored } = await this.scoreEverything(graph);
    const at = this.now();
    const stored = await this.options.entityScores.replaceAll(services, at, {
      catalogFingerprint: catalogFingerprint(graph),
      ...(ifVersion === undefined ? {} : { ifVersion }),
    });
    if (!stored) {
      return undefined;
    }
    const written = await this.options.history.recordDailyScores(daily, at);
    if (written > 0) {
      // Written after the rows: reads held under the rows' version lack it.
      await this.options.entityScores.markChanged();
    }
    await this.options.onScored?.(scored);
    return written;
  }

  /**
   * Scores of every ML service and Resource entity with resources, and of
   * every Group, System and Domain above them: the daily scorecard rows,
   * and the stored score of every ML service. Results are read for a batch
   * of entities at a time, so memory does not grow with the estate.
   */
  async scoreEverything(graph: SnapshotGraph): Promise<ScoredEverything> {
    const source = new IndexedResourceSource(
      await new InventoryResourceSource(this.options.inventory).listAll(),
    );
    const waivers = await this.activeWaiversByEntity();
    const checks = new Map(this.options.checks().map(c => [c.id, c]));
    const day = utcDay(this.now());
    const scored = new Map<
      string,
      { score: EvaluatedEntity['score']; results: EntityScoreRow['capResults'] }
    >();
    const daily: DailyScore[] = [];
    const services: EntityScoreRow[] = [];
    const notified: ScoredService[] = [];
    const entities = [
      ...graph.ofKind('component'),
      ...graph.ofKind('resource'),
    ];
    for (const batch of chunk(entities, SCORING_BATCH)) {
      const linked = [];
      for (const entity of batch) {
        linked.push({
          entity,
          ...(await linkedResources(entity, graph, source, this.options.links)),
        });
      }
      const arns = [
        ...new Set(linked.flatMap(l => l.resources.map(r => r.arn))),
      ];
      const byArn = groupBy(
        arns.length > 0 ? await this.options.results.listResults({ arns }) : [],
        r => r.resourceArn,
      );
      for (const item of linked) {
        const evaluated = scoreLinked(
          item,
          item.resources.flatMap(r => byArn.get(r.arn) ?? []),
          waivers.get(refOf(item.entity)) ?? [],
          this.options.scoring,
        );
        const row = toScoreRow(evaluated, checks, ROLLUP_FINDINGS);
        if (item.entity.kind.toLocaleLowerCase('en-US') === 'component') {
          services.push(row);
          if (this.options.onScored) notified.push(toScored(evaluated));
        }
        if (evaluated.resources.length === 0) {
          continue;
        }
        scored.set(row.entityRef, {
          score: row.score,
          results: row.capResults,
        });
        daily.push({
          entityRef: row.entityRef,
          day,
          score: row.score.score,
          grade: row.score.grade,
          counts: row.score.counts,
        });
      }
    }
    for (const kind of ['group', 'system', 'domain']) {
      for (const entity of graph.ofKind(kind)) {
        const members = (await rollupComponents(entity, graph))
          .map(c => scored.get(refOf(c)))
          .filter((m): m is NonNullable<typeof m> => Boolean(m));
        if (members.length === 0) {
          continue;
        }
        const score = rollupScore(members, this.options.scoring);
        daily.push({
          entityRef: refOf(entity),
          day,
          score: score.score,
          grade: score.grade,
          counts: score.counts,
        });
      }
    }
    return { daily, services, scored: notified };
  }

  private async readSnapshot(
    credentials: BackstageCredentials,
  ): Promise<SnapshotGraph> {
    const readAt = Date.now();
    const graph = await readCatalogSnapshot(
      this.options.catalog,
      credentials,
      true,
    );
    this.options.catalogView?.offer(graph, readAt);
    return graph;
  }

  private async activeWaiversByEntity(): Promise<Map<string, Waiver[]>> {
    return groupBy(
      await this.options.waivers.list({ status: 'active' }),
      w => w.entityRef,
    );
  }
}
