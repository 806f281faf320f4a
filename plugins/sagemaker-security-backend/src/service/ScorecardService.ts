/**
 * The read side of the scorecards, before permissions (see
 * AuthorizedScorecardService): one entity or resource (EntityReader),
 * rollups and the org page (RollupReader), trends (TrendReader), over the
 * stores and scoring contexts they share (ReadContext). Rescoring.ts
 * computes and stores the scores these reads use.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import type {
  CheckMetadata,
  CheckResult,
  EntityHistory,
  EntityRollupRow,
  EntityScorecard,
  Finding,
  OrgRollupQuery,
  Page,
  ResourceFindings,
  Rollup,
  ScanHealth,
} from '@mlsec/plugin-sagemaker-security-common';
import type { ScanRun } from '../inventory/InventoryStore';
import type { ReadFilter } from './access/ReadAccess';
import { EntityReader } from './EntityReader';
import { ReadContext, ScorecardServiceOptions } from './readContext';
import type { ResultPageQuery } from './resultPages';
import { RollupReader } from './RollupReader';
import type { Location } from './scanHealth';
import { TrendReader } from './trends';
import type { HeldJson } from './readCache';

export { toCheckMetadata } from './checkMetadata';
export type { ScorecardServiceOptions } from './readContext';

/** Reads scorecards, rollups, history and findings. */
export class ScorecardService {
  private readonly context: ReadContext;
  private readonly entities: EntityReader;
  private readonly rollups: RollupReader;

  constructor(options: ScorecardServiceOptions) {
    this.context = new ReadContext(options);
    const trends = new TrendReader(this.context);
    this.entities = new EntityReader(this.context, trends);
    this.rollups = new RollupReader(this.context, trends);
  }

  checkMetadata(): CheckMetadata[] {
    return this.context.checkMetadata();
  }

  /** The entity, read with the caller's credentials; 404 when absent. */
  getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    return this.entities.getEntity(entityRef, credentials);
  }

  /** ARNs linked to an entity (to validate a waiver's resource). */
  linkedArns(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    return this.entities.linkedArns(entity, credentials);
  }

  /** See EntityReader.entityScorecard. */
  entityScorecard(
    entity: Entity,
    credentials: BackstageCredentials,
    findingsLimit?: number,
  ): Promise<EntityScorecard> {
    return this.entities.entityScorecard(entity, credentials, findingsLimit);
  }

  /** See EntityReader.entityScorecardJson. */
  entityScorecardJson(
    entity: Entity,
    credentials: BackstageCredentials,
    findingsLimit?: number,
  ): Promise<HeldJson> {
    return this.entities.entityScorecardJson(
      entity,
      credentials,
      findingsLimit,
    );
  }

  /** See EntityReader.entityFindings. */
  entityFindings(
    entity: Entity,
    credentials: BackstageCredentials,
    query: ResultPageQuery,
  ): Promise<Page<CheckResult>> {
    return this.entities.entityFindings(entity, credentials, query);
  }

  /** See EntityReader.scanHealth. */
  scanHealth(locations?: Location[], latest?: ScanRun): Promise<ScanHealth> {
    return this.entities.scanHealth(locations, latest);
  }

  /** See EntityReader.resourceFindings. */
  resourceFindings(
    arn: string,
    credentials: BackstageCredentials,
    readable: (entityRefs: string[]) => Promise<Set<string>>,
  ): Promise<{ findings: ResourceFindings; linkedEntities: string[] }> {
    return this.entities.resourceFindings(arn, credentials, readable);
  }

  /** See RollupReader.rollup. */
  rollup(
    entity: Entity,
    credentials: BackstageCredentials,
    readable: (entityRefs: string[]) => Promise<Set<string>>,
  ): Promise<Rollup> {
    return this.rollups.rollup(entity, credentials, readable);
  }

  /** See RollupReader.orgPage. */
  orgPage(
    query: OrgRollupQuery,
    credentials: BackstageCredentials,
    filter: ReadFilter,
  ): Promise<Page<EntityRollupRow>> {
    return this.rollups.orgPage(query, credentials, filter);
  }

  /** See RollupReader.orgPageJson. */
  orgPageJson(
    query: OrgRollupQuery,
    credentials: BackstageCredentials,
    filter: ReadFilter,
  ): Promise<HeldJson> {
    return this.rollups.orgPageJson(query, credentials, filter);
  }

  entityHistory(
    entity: Entity,
    credentials: BackstageCredentials,
    range: { from?: string; to?: string },
  ): Promise<EntityHistory> {
    return this.entities.entityHistory(entity, credentials, range);
  }

  /** Current findings (every result) of one entity. */
  findings(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<Finding[]> {
    return this.entities.findings(entity, credentials);
  }

  /** See EntityReader.scopeFindings. */
  scopeFindings(
    scope: { owner?: string; accountId?: string },
    allowed: (entityRefs: string[]) => Promise<Set<string>>,
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<Finding[]>> {
    return this.entities.scopeFindings(scope, allowed, credentials);
  }
}
