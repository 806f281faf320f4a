import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CheckMetadata,
  CheckResult,
  CreateWaiverRequest,
  EntityHistory,
  EntityRollupRow,
  EntityScorecard,
  Finding,
  findingsImportPermission,
  InventoryPage,
  OrgRollupQuery,
  Page,
  ResourceFindings,
  ResourceType,
  Rollup,
  ScanHealth,
  scanRunPermission,
  Waiver,
  WaiverStatus,
  WaiverWithEvents,
} from '@mlsec/plugin-sagemaker-security-common';
import type { InventoryReader } from '../inventory/InventoryStore';
import { isRollupEntity } from '../catalog/rollupMembers';
import { WaiverService } from '../waivers/WaiverService';
import { CachedPermissions } from './access/CachedPermissions';
import { ReadAccess } from './access/ReadAccess';
import { resolveHistoryRange } from './historyRange';
import { utcDay } from '../util/time';
import type { ResultPageQuery } from './resultPages';
import { ScorecardService } from './ScorecardService';
import type { HeldJson } from './readCache';

export interface AuthorizedScorecardServiceOptions {
  scorecards: ScorecardService;
  waivers: WaiverService;
  inventory: InventoryReader;
  permissions: PermissionsService;
  /** How long read decisions are remembered; 0 (default) asks every time. */
  decisionCacheSeconds?: number;
  /** The plugin's own credentials find what the caller may then be refused. */
  auth: AuthService;
  now?: () => Date;
}

/**
 * The scorecard service as callers see it: every method takes the caller's
 * credentials and applies the permission decisions first, as
 * catalog-backend's `AuthorizedEntitiesCatalog` wraps its catalog. The
 * router and the actions use only this; every principal, users and
 * services alike, gets what its decisions allow.
 *
 * - `sagemaker-security.scorecard.read` and the catalog's
 *   `catalog.entity.read` both decide every entity read: a named entity the
 *   catalog hides is a 404, a denied scorecard a 403; lists and rollups keep
 *   what both allow, and rollups count the members left out.
 * - Whole-estate reads (all findings, the inventory) need both permissions
 *   unconditionally.
 * - Waivers: reads follow the entity's read decisions; creating and revoking
 *   also need the entity to be visible, and then `WaiverService` decides the
 *   write permission.
 */
export class AuthorizedScorecardService {
  private readonly access: ReadAccess;
  private readonly now: () => Date;

  constructor(private readonly options: AuthorizedScorecardServiceOptions) {
    this.access = new ReadAccess(
      options.permissions,
      new CachedPermissions(
        options.permissions,
        options.decisionCacheSeconds ?? 0,
      ),
    );
    this.now = options.now ?? (() => new Date());
  }

  /** The check catalogue: not about any entity, any authenticated caller. */
  checkMetadata(): CheckMetadata[] {
    return this.options.scorecards.checkMetadata();
  }

  /** The scorecard, with the first `findingsLimit` results (default 50). */
  async entityScorecard(
    entityRef: string,
    credentials: BackstageCredentials,
    findingsLimit?: number,
  ): Promise<EntityScorecard> {
    const entity = await this.readableEntity(entityRef, credentials);
    return this.options.scorecards.entityScorecard(
      entity,
      credentials,
      findingsLimit,
    );
  }

  /** `entityScorecard` as the JSON the API sends (see readCache.ts). */
  async entityScorecardJson(
    entityRef: string,
    credentials: BackstageCredentials,
    findingsLimit?: number,
  ): Promise<HeldJson> {
    const entity = await this.readableEntity(entityRef, credentials);
    return this.options.scorecards.entityScorecardJson(
      entity,
      credentials,
      findingsLimit,
    );
  }

  /** A page of the entity's results: the scorecard's read decisions. */
  async entityFindings(
    entityRef: string,
    query: ResultPageQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<CheckResult>> {
    const entity = await this.readableEntity(entityRef, credentials);
    return this.options.scorecards.entityFindings(entity, credentials, query);
  }

  /**
   * One resource: served when the caller may read an entity linked to it,
   * or may read every entity (resources no entity links to included);
   * otherwise the same 404 as for a resource that does not exist.
   */
  async resourceFindings(
    arn: string,
    credentials: BackstageCredentials,
  ): Promise<ResourceFindings> {
    const filter = await this.access.filter(credentials);
    const { findings, linkedEntities } =
      await this.options.scorecards.resourceFindings(
        arn,
        await this.serviceCredentials(),
        refs => filter.allowed(refs),
      );
    if (!filter.all && linkedEntities.length === 0) {
      throw new NotFoundError(`No stored resource ${arn}`);
    }
    return findings;
  }

  async rollup(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Rollup> {
    const entity = await this.readableEntity(entityRef, credentials);
    if (!isRollupEntity(entity)) {
      throw new InputError(
        `entityRef: rollups are for Group, System and Domain entities; ${entityRef} is a ${entity.kind}`,
      );
    }
    const filter = await this.access.filter(credentials);
    return this.options.scorecards.rollup(
      entity,
      await this.serviceCredentials(),
      refs => filter.allowed(refs),
    );
  }

  async orgPage(
    query: OrgRollupQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<EntityRollupRow>> {
    const filter = await this.access.filter(credentials);
    return this.options.scorecards.orgPage(query, credentials, filter);
  }

  /** `orgPage` as the JSON the API sends (see readCache.ts). */
  async orgPageJson(
    query: OrgRollupQuery,
    credentials: BackstageCredentials,
  ): Promise<HeldJson> {
    const filter = await this.access.filter(credentials);
    return this.options.scorecards.orgPageJson(query, credentials, filter);
  }

  async entityHistory(
    entityRef: string,
    range: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<EntityHistory> {
    // Bad ranges are refused before anything is read.
    resolveHistoryRange(range, utcDay(this.now()));
    const entity = await this.readableEntity(entityRef, credentials);
    return this.options.scorecards.entityHistory(entity, credentials, range);
  }

  /** Findings of one entity, or (both permissions unconditional) of every ML service. */
  async findings(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Finding[]> {
    const entity = await this.readableEntity(entityRef, credentials);
    return this.options.scorecards.findings(entity, credentials);
  }

  /**
   * Current findings of a scope for export, one ML service at a time: one
   * entity (404/403 as its scorecard), or every service the caller may read
   * (both permissions, conditional decisions applied per service), or a
   * team's, optionally only in one account. The decisions that can refuse
   * the whole export are taken before the first finding is read.
   */
  async exportFindings(
    scope: { entityRef?: string; owner?: string; accountId?: string },
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<Finding[]>> {
    const { entityRef, accountId } = scope;
    if (entityRef) {
      const findings = await this.findings(entityRef, credentials);
      return (async function* one() {
        yield findings.filter(
          f => !accountId || f.result.accountId === accountId,
        );
      })();
    }
    const filter = await this.access.filter(credentials);
    return this.options.scorecards.scopeFindings(
      scope,
      refs => filter.allowed(refs),
      credentials,
    );
  }

  /**
   * A page of the stored inventory (the catalog module reads it with its
   * service token): both permissions must allow every entity, whoever asks.
   */
  async inventoryPage(
    query: {
      type?: ResourceType;
      cursor?: string;
      limit: number;
      includeDeleted: boolean;
    },
    credentials: BackstageCredentials,
  ): Promise<InventoryPage> {
    await this.access.requireAll(credentials);
    const page = await this.options.inventory.listResources({
      types: query.type ? [query.type] : undefined,
      cursor: query.cursor,
      limit: query.limit,
      includeDeleted: query.includeDeleted,
    });
    return {
      items: page.items.map(
        ({ errors, firstSeenAt, lastSeenAt, ...item }) => item,
      ),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async listWaivers(
    query: { entityRef?: string; status?: WaiverStatus },
    credentials: BackstageCredentials,
  ): Promise<Waiver[]> {
    const { waivers } = this.options;
    if (query.entityRef) {
      await this.readableEntity(query.entityRef, credentials);
      return waivers.list({
        entityRefs: [query.entityRef],
        status: query.status,
      });
    }
    const filter = await this.access.filter(credentials);
    const list = await waivers.list({ status: query.status });
    if (filter.all) {
      return list;
    }
    const allowed = await filter.allowed(list.map(w => w.entityRef));
    return list.filter(w => allowed.has(w.entityRef));
  }

  /** A waiver with its audit trail; 404 when its entity is not readable. */
  async getWaiver(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<WaiverWithEvents> {
    const filter = await this.access.filter(credentials);
    const waiver = await this.options.waivers.getWithEvents(id);
    if (!(await filter.allowed([waiver.entityRef])).has(waiver.entityRef)) {
      throw new NotFoundError(`No waiver ${id}`);
    }
    return waiver;
  }

  async createWaiver(
    request: CreateWaiverRequest & { entityRef: string },
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    const entity = await this.visibleEntity(request.entityRef, credentials);
    const linkedArns =
      request.resourceArn === '*'
        ? []
        : await this.options.scorecards.linkedArns(entity, credentials);
    return this.options.waivers.create(
      request,
      entity,
      linkedArns,
      credentials,
    );
  }

  async revokeWaiver(
    id: string,
    reason: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    const { waivers } = this.options;
    const waiver = await waivers.get(id);
    const entity = await this.visibleEntity(
      waiver.entityRef,
      credentials,
      () => new NotFoundError(`No waiver ${id}`),
    );
    return waivers.revoke(waiver, entity, reason, credentials);
  }

  /**
   * What the newest finished scan could not read, estate-wide. Its errors
   * name accounts, roles and buckets: for callers who may read scorecards
   * (403 when the policy denies reading any).
   */
  async scanHealth(credentials: BackstageCredentials): Promise<ScanHealth> {
    await this.access.filter(credentials);
    return this.options.scorecards.scanHealth();
  }

  /** `sagemaker-security.scan.run`, or 403. */
  authorizeScan(credentials: BackstageCredentials): Promise<void> {
    return this.access.requireBasic(scanRunPermission, credentials);
  }

  /** `sagemaker-security.findings.import` (uploads of other tools' findings), or 403. */
  authorizeFindingsImport(credentials: BackstageCredentials): Promise<void> {
    return this.access.requireBasic(findingsImportPermission, credentials);
  }

  /** The entity, after both read decisions allowed it (404 / 403). */
  private async readableEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    await this.access.requireEntity(entityRef, credentials);
    return this.options.scorecards.getEntity(entityRef, credentials);
  }

  /** The entity, when the catalog lets the caller read it (else 404). */
  private async visibleEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    notFound?: () => Error,
  ): Promise<Entity> {
    try {
      await this.access.requireVisible(entityRef, credentials);
      return await this.options.scorecards.getEntity(entityRef, credentials);
    } catch (error) {
      if (notFound && (error as Error).name === 'NotFoundError') {
        throw notFound();
      }
      throw error;
    }
  }

  private serviceCredentials(): Promise<BackstageCredentials> {
    return this.options.auth.getOwnServiceCredentials();
  }
}
