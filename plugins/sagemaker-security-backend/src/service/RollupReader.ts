/**
 * Rollups (a Group, System or Domain over its ML services) and the org page
 * (every ML service), read from the stored service scores.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import type {
  EntityRollupRow,
  OrgRollupQuery,
  Page,
  Rollup,
} from '@mlsec/plugin-sagemaker-security-common';
import { ownersOf, refOf } from '../catalog/entityRefs';
import { rollupComponents } from '../catalog/rollupMembers';
import { rollupScore } from '../scoring/score';
import { worstFindings } from '../scoring/findings';
import type { EntityScoreRow } from '../scoring/EntityScoreStore';
import { DAY_MS } from '../util/time';
import type { ReadFilter } from './access/ReadAccess';
import { ROLLUP_FINDINGS, toScoreRow } from './entityScoring';
import { pageOrgRows } from './orgPage';
import { HeldJson, readKey } from './readCache';
import { CatalogServiceGraph } from '../catalog/CatalogGraph';
import type { ReadContext } from './readContext';
import type { TrendReader } from './trends';

/** A rollup member: the ML service and its stored (or fresh) score. */
interface Member {
  /** Absent when the entity left the catalog since it was scored. */
  entity?: Entity;
  row: EntityScoreRow;
}

const ROW_FINDINGS = 3;
const EXPIRING_WITHIN_DAYS = 14;

export class RollupReader {
  constructor(
    private readonly context: ReadContext,
    private readonly trends: TrendReader,
  ) {}

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
    // The catalog's own queries: a team's members are an indexed query
    // there, while the snapshot would scan every entity per step.
    const components = await rollupComponents(
      entity,
      new CatalogServiceGraph(this.context.options.catalog, credentials),
    );
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
   * The org page as JSON, held per state and query (see readCache.ts) for
   * callers who may read every service; computed for the others (what they
   * see depends on their own decisions).
   */
  async orgPageJson(
    query: OrgRollupQuery,
    credentials: BackstageCredentials,
    filter: ReadFilter,
  ): Promise<HeldJson> {
    const state = filter.all ? await this.context.stateKey() : undefined;
    const key =
      state === undefined
        ? undefined
        : readKey('org', state, JSON.stringify(query));
    return this.context.cache.json(key, () =>
      this.orgPage(query, credentials, filter),
    );
  }

  /**
   * One page of the ML services (Components) with resources that the caller
   * may see, read from the stored scores: filtered, ordered and paged in the
   * database, then completed (catalog title and owner, trend) for the
   * page's rows only.
   */
  async orgPage(
    query: OrgRollupQuery,
    credentials: BackstageCredentials,
    filter: ReadFilter,
  ): Promise<Page<EntityRollupRow>> {
    const { entityScores } = this.context.options;
    if (!(await entityScores.getComputedAt())) {
      // Before the first rescoring: score every service now.
      let rows = await this.orgRows(credentials);
      if (!filter.all) {
        const allowed = await filter.allowed(rows.map(r => r.entityRef));
        rows = rows.filter(r => allowed.has(r.entityRef));
      }
      return pageOrgRows(rows, query);
    }
    const page = await entityScores.page(query, filter);
    const refs = page.items.map(row => row.entityRef);
    const entities = new Map(
      (await this.context.graph(credentials).getByRefs(refs)).map(e => [
        refOf(e),
        e,
      ]),
    );
    const members = page.items.map(row => ({
      entity: entities.get(row.entityRef),
      row,
    }));
    return { ...page, items: await this.rows(members) };
  }

  /**
   * The stored score of each service with resources; a service scored
   * before (or never: before the first rescoring) is scored on the spot.
   */
  private async members(
    components: Entity[],
    credentials: BackstageCredentials,
  ): Promise<Member[]> {
    const { entityScores } = this.context.options;
    const computed = await entityScores.getComputedAt();
    const stored = new Map(
      computed
        ? (await entityScores.getByRefs(components.map(refOf))).map(row => [
            row.entityRef,
            row,
          ])
        : [],
    );
    const checks = this.context.checksById();
    const context = this.context.requestContext(credentials);
    const members: Member[] = [];
    for (const entity of components) {
      const row =
        stored.get(refOf(entity)) ??
        toScoreRow(
          await this.context.evaluate(entity, context),
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
      this.context.options.scoring,
    );
    const now = this.context.now().getTime();
    const expiringWaivers = (
      await this.context.options.waivers.list({
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
      trend: hiddenEntityCount > 0 ? [] : await this.trends.trend(entityRef),
      hiddenEntityCount,
    };
  }

  private async rows(members: Member[]): Promise<EntityRollupRow[]> {
    const trends = await this.trends.trends(members.map(m => m.row.entityRef));
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

  /** Every ML service the caller can see that has resources, scored now. */
  private async orgRows(
    credentials: BackstageCredentials,
  ): Promise<EntityRollupRow[]> {
    const snapshot = await this.context.orgSnapshot(credentials);
    const checks = this.context.checksById();
    const members: Member[] = [];
    for (const component of snapshot.graph.ofKind('component')) {
      const evaluated = await this.context.evaluate(
        component,
        snapshot.context,
      );
      if (evaluated.resources.length > 0) {
        members.push({
          entity: component,
          row: toScoreRow(evaluated, checks, ROLLUP_FINDINGS),
        });
      }
    }
    return this.rows(members);
  }
}
