import { ResponseError } from '@backstage/errors';
import crossFetch from 'cross-fetch';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/apis/Api.client';
import type { CheckMetadata } from './checks';
import type { InventoryPage } from './inventory';
import type { Pillar } from './pillars';
import type { ResourceType } from './resourceTypes';
import type {
  CheckResult,
  EntityRollupRow,
  EntityScorecard,
  Finding,
  Page,
  Rollup,
  ScanHealth,
  Waiver,
  WaiverWithEvents,
} from './scorecards';
import type {
  CreateWaiverRequest,
  EntityFindingsQuery,
  EntityHistory,
  OrgRollupQuery,
  ResourceFindings,
  RevokeWaiverRequest,
  ScanRunInfo,
  TriggerScanRequest,
  WaiverStatus,
  NewWaiverRequest,
  WaiverCapabilities,
  WaiverRequest,
  WaiverRequestApproval,
  WaiverRequestDecision,
  WaiverRequestList,
  WaiverRequestStatus,
  WaiverRequestWithEvents,
} from './apiTypes';
import type { ExternalFinding, ProwlerImportResult } from './externalFindings';
import type {
  ExportScope,
  SageMakerSecurityRequestOptions,
} from './clientTypes';

export type {
  ExportScope,
  SageMakerSecurityRequestOptions,
} from './clientTypes';

/**
 * Client of the `sagemaker-security` backend. A thin wrapper of the client
 * generated from the OpenAPI schema that parses answers and throws a
 * `ResponseError` on any non-2xx answer.
 *
 * @public
 */
export class SageMakerSecurityClient {
  private readonly api: DefaultApiClient;
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.api = new DefaultApiClient(options);
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: crossFetch };
  }

  /**
   * Scorecard of a catalog entity (`GET /scorecards/entity`), with the first
   * page of its results (`findingsLimit` of them, default 50).
   */
  async getEntityScorecard(
    entityRef: string,
    options?: SageMakerSecurityRequestOptions & { findingsLimit?: number },
  ): Promise<EntityScorecard> {
    const { findingsLimit, ...requestOptions } = options ?? {};
    return json(
      await this.api.getEntityScorecard(
        {
          query: {
            entityRef,
            ...(findingsLimit === undefined ? {} : { findingsLimit }),
          },
        },
        requestOptions,
      ),
    );
  }

  /**
   * A page of an entity's results, worst first, in the order of the
   * scorecard's (`GET /scorecards/entity/findings`).
   */
  async listEntityFindings(
    query: EntityFindingsQuery,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<Page<CheckResult>> {
    return json(await this.api.listEntityFindings({ query }, options));
  }

  /** One resource and its check results (`GET /resources/findings`). */
  async getResourceFindings(
    arn: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<ResourceFindings> {
    return json(
      await this.api.getResourceFindings({ query: { arn } }, options),
    );
  }

  /** The check catalogue, optionally of one pillar (`GET /checks`). */
  async listChecks(
    query: { pillar?: Pillar } = {},
    options?: SageMakerSecurityRequestOptions,
  ): Promise<CheckMetadata[]> {
    return json(await this.api.listChecks({ query }, options));
  }

  /** One check of the catalogue (`GET /checks/{checkId}`). */
  async getCheck(
    checkId: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<CheckMetadata> {
    return json(await this.api.getCheck({ path: { checkId } }, options));
  }

  /** One page of ML services with their scores (`GET /rollups/org`). */
  async listOrgRollup(
    query: OrgRollupQuery = {},
    options?: SageMakerSecurityRequestOptions,
  ): Promise<Page<EntityRollupRow>> {
    return json(await this.api.listOrgRollup({ query }, options));
  }

  /** Rollup of a Group (nested teams included), System or Domain (`GET /rollups/entity`). */
  async getEntityRollup(
    entityRef: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<Rollup> {
    return json(
      await this.api.getEntityRollup({ query: { entityRef } }, options),
    );
  }

  /** Daily trend and status changes of an entity (`GET /history/entity`). */
  async getEntityHistory(
    query: { entityRef: string; from?: string; to?: string },
    options?: SageMakerSecurityRequestOptions,
  ): Promise<EntityHistory> {
    return json(await this.api.getEntityHistory({ query }, options));
  }

  /** Waivers, optionally of one entity or status (`GET /waivers`). */
  async listWaivers(
    query: { entityRef?: string; status?: WaiverStatus } = {},
    options?: SageMakerSecurityRequestOptions,
  ): Promise<Waiver[]> {
    return json(await this.api.listWaivers({ query }, options));
  }

  /** A waiver with its audit trail, oldest event first (`GET /waivers/{id}`). */
  async getWaiver(
    id: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<WaiverWithEvents> {
    return json(await this.api.getWaiver({ path: { id } }, options));
  }

  /** Waives a check for an entity's resources (`POST /waivers`). */
  async createWaiver(
    body: CreateWaiverRequest,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<Waiver> {
    return json(await this.api.createWaiver({ body }, options));
  }

  /** Revokes a waiver (`POST /waivers/{id}/revoke`). */
  async revokeWaiver(
    id: string,
    body: RevokeWaiverRequest = {},
    options?: SageMakerSecurityRequestOptions,
  ): Promise<Waiver> {
    return json(await this.api.revokeWaiver({ path: { id }, body }, options));
  }

  /** Starts a scan (`POST /scans`). */
  async triggerScan(
    body: TriggerScanRequest = {},
    options?: SageMakerSecurityRequestOptions,
  ): Promise<ScanRunInfo> {
    return json(await this.api.triggerScan({ body }, options));
  }

  /** The newest scan (`GET /scans/latest`); `undefined` when none has run. */
  async getLatestScan(
    options?: SageMakerSecurityRequestOptions,
  ): Promise<ScanRunInfo | undefined> {
    const response = await this.api.getLatestScan({}, options);
    if (response.status === 404) {
      return undefined;
    }
    return json(response);
  }

  /** What the newest finished scan could not read, estate-wide (`GET /scans/health`). */
  async getScanHealth(
    options?: SageMakerSecurityRequestOptions,
  ): Promise<ScanHealth> {
    return json(await this.api.getScanHealth({}, options));
  }

  /** One scan (`GET /scans/{id}`). */
  async getScan(
    id: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<ScanRunInfo> {
    return json(await this.api.getScan({ path: { id } }, options));
  }

  /**
   * Current findings of a scope (`GET /export?format=json`): one entity, a
   * team's ML services (`owner`), or every service the caller may read;
   * `accountId` keeps one account's.
   */
  async exportFindings(
    query: ExportScope,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<Finding[]> {
    // With format=json the answer is findings (OCSF only with format=ocsf).
    return (await json(
      await this.api.exportFindings(
        { query: { ...query, format: 'json' } },
        options,
      ),
    )) as Finding[];
  }

  /** The findings of a scope as CSV text (the generated client only speaks JSON). */
  async exportFindingsCsv(
    query: ExportScope,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sagemaker-security');
    const params = new URLSearchParams({ format: 'csv' });
    for (const [key, value] of Object.entries(query)) {
      if (value) params.set(key, value);
    }
    const response = await this.fetchApi.fetch(`${baseUrl}/export?${params}`, {
      headers: options?.token
        ? { Authorization: `Bearer ${options.token}` }
        : {},
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  /** One page of the stored inventory (`GET /inventory/resources`). */
  async listInventoryResources(
    query: {
      type?: ResourceType;
      cursor?: string;
      limit?: number;
      includeDeleted?: boolean;
    } = {},
    options?: SageMakerSecurityRequestOptions,
  ): Promise<InventoryPage> {
    return json(await this.api.listInventoryResources({ query }, options));
  }

  /** Findings of other tools on an entity's resources (`GET /external-findings`). */
  async listExternalFindings(
    entityRef: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<ExternalFinding[]> {
    return json(
      await this.api.listExternalFindings({ query: { entityRef } }, options),
    ) as Promise<ExternalFinding[]>;
  }

  /**
   * Imports Prowler's OCSF output (`POST /findings/prowler`): the parsed
   * array (the backend reads the file as a stream; for a large file, send
   * it with `curl` as the README shows).
   */
  async importProwlerFindings(
    findings: object[],
    options?: SageMakerSecurityRequestOptions,
  ): Promise<ProwlerImportResult> {
    return json(
      await this.api.importProwlerFindings(
        // The spec says only `object` of each finding (the route validates).
        { body: findings as Array<Record<string, never>> },
        options,
      ),
    );
  }

  /**
   * Waiver requests, newest first, of some entities or of every entity the
   * caller may read, optionally of one status (`GET /waiver-requests`).
   */
  async listWaiverRequests(
    query: { entityRefs?: string[]; status?: WaiverRequestStatus } = {},
    options?: SageMakerSecurityRequestOptions,
  ): Promise<WaiverRequestList> {
    const { entityRefs, status } = query;
    return json(
      await this.api.listWaiverRequests(
        {
          query: {
            ...(entityRefs?.length ? { entityRef: entityRefs } : {}),
            ...(status ? { status } : {}),
          },
        },
        options,
      ),
    );
  }

  /** A waiver request with its trail (`GET /waiver-requests/{id}`). */
  async getWaiverRequest(
    id: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<WaiverRequestWithEvents> {
    return json(await this.api.getWaiverRequest({ path: { id } }, options));
  }

  /** Asks for a waiver (`POST /waiver-requests`). */
  async requestWaiver(
    body: NewWaiverRequest,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<WaiverRequest> {
    return json(await this.api.requestWaiver({ body }, options));
  }

  /** Approves a request, creating its waiver (`POST /waiver-requests/{id}/approve`). */
  async approveWaiverRequest(
    id: string,
    comment?: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<WaiverRequestApproval> {
    return json(
      await this.api.approveWaiverRequest(
        { path: { id }, body: comment === undefined ? {} : { comment } },
        options,
      ),
    );
  }

  /** Denies a request with a comment (`POST /waiver-requests/{id}/deny`). */
  async denyWaiverRequest(
    id: string,
    comment: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<WaiverRequestDecision> {
    return json(
      await this.api.denyWaiverRequest(
        { path: { id }, body: { comment } },
        options,
      ),
    );
  }

  /** Withdraws the caller's own request (`POST /waiver-requests/{id}/withdraw`). */
  async withdrawWaiverRequest(
    id: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<WaiverRequestDecision> {
    return json(
      await this.api.withdrawWaiverRequest({ path: { id } }, options),
    );
  }

  /** What the caller may do with an entity's waivers (`GET /waivers/capabilities`). */
  async getWaiverCapabilities(
    entityRef: string,
    options?: SageMakerSecurityRequestOptions,
  ): Promise<WaiverCapabilities> {
    return json(
      await this.api.getWaiverCapabilities({ query: { entityRef } }, options),
    );
  }
}

async function json<T>(response: TypedResponse<T>): Promise<T> {
  if (!response.ok) {
    throw await ResponseError.fromResponse(response as unknown as Response);
  }
  return response.json();
}
