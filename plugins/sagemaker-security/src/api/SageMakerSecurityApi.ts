import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CheckMetadata,
  CheckResult,
  CreateWaiverRequest,
  EntityFindingsQuery,
  EntityRollupRow,
  EntityScorecard,
  OrgRollupQuery,
  Page,
  Rollup,
  ScanHealth,
  Waiver,
  WaiverStatus,
  WaiverWithEvents,
  NewWaiverRequest,
  WaiverCapabilities,
  WaiverRequestApproval,
  WaiverRequestDecision,
  WaiverRequest,
  WaiverRequestList,
  WaiverRequestStatus,
  WaiverRequestWithEvents,
} from '@mlsec/plugin-sagemaker-security-common';
import type { ResourceDetailFindings, ScanRun } from './types';

/**
 * What the frontend reads from and writes to the SageMaker security backend
 * (`/api/sagemaker-security`). Every method rejects with a `ResponseError`
 * (from `@backstage/errors`) when the backend answers with an error status.
 *
 * @public
 */
export interface SageMakerSecurityApi {
  /**
   * `GET /scorecards/entity`: scorecard of an ML service or SageMaker
   * Resource, with the first page of its results, worst first.
   */
  getEntityScorecard(entityRef: string): Promise<EntityScorecard>;
  /** `GET /scorecards/entity/findings`: a page of an entity's results, in the scorecard's order. */
  listEntityFindings(query: EntityFindingsQuery): Promise<Page<CheckResult>>;
  /** `GET /resources/findings`: one resource and its results. */
  getResourceFindings(arn: string): Promise<ResourceDetailFindings>;
  /** `GET /checks`: the check catalogue. */
  listChecks(): Promise<CheckMetadata[]>;
  /** `GET /rollups/org`: one page of ML services with their scores. */
  getOrgRollup(query?: OrgRollupQuery): Promise<Page<EntityRollupRow>>;
  /** `GET /rollups/entity`: rollup of a Group (nested teams included), System or Domain. */
  getEntityRollup(entityRef: string): Promise<Rollup>;
  /** `GET /waivers` */
  listWaivers(query?: {
    entityRef?: string;
    status?: WaiverStatus;
  }): Promise<Waiver[]>;
  /** `GET /waivers/{id}`: a waiver with its audit trail, oldest event first. */
  getWaiver(id: string): Promise<WaiverWithEvents>;
  /** `POST /waivers` */
  createWaiver(request: CreateWaiverRequest): Promise<Waiver>;
  /** `POST /waivers/{id}/revoke` */
  revokeWaiver(id: string, reason?: string): Promise<Waiver>;
  /**
   * `GET /waiver-requests`: waiver requests, newest first, of these entities
   * (all the caller may read when absent), optionally of one status.
   */
  listWaiverRequests(query?: {
    entityRefs?: string[];
    status?: WaiverRequestStatus;
  }): Promise<WaiverRequestList>;
  /** `GET /waiver-requests/{id}`: a request with its trail, oldest step first. */
  getWaiverRequest(id: string): Promise<WaiverRequestWithEvents>;
  /** `POST /waiver-requests`: asks the security groups for a waiver. */
  requestWaiver(body: NewWaiverRequest): Promise<WaiverRequest>;
  /** `POST /waiver-requests/{id}/approve`: approves it and creates the waiver. */
  approveWaiverRequest(
    id: string,
    comment?: string,
  ): Promise<WaiverRequestApproval>;
  /** `POST /waiver-requests/{id}/deny`: denies it; the comment (≥ 10 characters) is required. */
  denyWaiverRequest(
    id: string,
    comment: string,
  ): Promise<WaiverRequestDecision>;
  /** `POST /waiver-requests/{id}/withdraw`: the requester withdraws it. */
  withdrawWaiverRequest(id: string): Promise<WaiverRequestDecision>;
  /**
   * `GET /waivers/capabilities`: whether the caller may create, request or
   * approve waivers of the entity, and whether approval is required.
   */
  getWaiverCapabilities(entityRef: string): Promise<WaiverCapabilities>;
  /** `POST /scans`: starts a scan of every configured account and region. */
  startScan(): Promise<ScanRun>;
  /** `GET /scans/{id}` */
  getScan(id: string): Promise<ScanRun>;
  /** `GET /scans/latest`: the newest scan, every target with its errors and calls; `undefined` when none has run. */
  getLatestScan(): Promise<ScanRun | undefined>;
  /** `GET /scans/health`: what the newest finished scan could not read, and whether any account is configured. */
  getScanHealth(): Promise<ScanHealth>;
  /**
   * `GET /export?format=csv`: current findings as a CSV file, of one entity,
   * of a team's ML services (`owner`), or of every service the caller may read.
   */
  exportFindingsCsv(options?: {
    entityRef?: string;
    owner?: string;
  }): Promise<Blob>;
}

/**
 * The API ref of {@link SageMakerSecurityApi}.
 *
 * @public
 */
export const sageMakerSecurityApiRef = createApiRef<SageMakerSecurityApi>({
  id: 'plugin.sagemaker-security.service',
});
