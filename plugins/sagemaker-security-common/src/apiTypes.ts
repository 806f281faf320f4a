/**
 * Request and response shapes of the REST API that are not scorecard data
 * (those are in `scorecards.ts`). Declared in the backend's
 * `src/schema/openapi.yaml`; keep the two in step.
 */
import type { CheckStatus, Grade, Pillar, ResultStatus } from './pillars';
import type { CollectionError, SageMakerResource } from './inventory';
import type {
  CheckResult,
  ResourceSummary,
  ScanStatus,
  TrendPoint,
  Waiver,
} from './scorecards';

/**
 * A change of a (resource, check) result's status, as kept in history.
 *
 * @public
 */
export interface StatusTransition {
  resourceArn: string;
  checkId: string;
  /** The previous status; null when the result is new. */
  fromStatus: CheckStatus | null;
  /** The new status; null when the resource was deleted. */
  toStatus: CheckStatus | null;
  at: string;
}

/**
 * The status history of an entity: its daily trend and status changes (`GET /history/entity`).
 *
 * @public
 */
export interface EntityHistory {
  entityRef: string;
  trend: TrendPoint[];
  transitions: StatusTransition[];
}

/**
 * A resource as `GET /resources/findings` answers it.
 *
 * @public
 */
export interface ResourceDetail extends ResourceSummary {
  /**
   * The Describe* fields that remediation templates of the resource's checks
   * prefill from (only those), when present.
   */
  description?: Record<string, unknown>;
}

/**
 * One resource and its check results (`GET /resources/findings`).
 *
 * @public
 */
export interface ResourceFindings {
  resource: ResourceDetail;
  results: CheckResult[];
}

/**
 * The state of a waiver.
 *
 * @public
 */
export type WaiverStatus = Waiver['status'];

/**
 * Body of `POST /waivers`: waives a check for an entity's resources.
 *
 * @public
 */
export interface CreateWaiverRequest {
  entityRef: string;
  checkId: string;
  /** An ARN of the entity's resources, or `*` for all of them. */
  resourceArn: string;
  reason: string;
  expiresAt: string;
}

/**
 * Body of `POST /waivers/{id}/revoke`.
 *
 * @public
 */
export interface RevokeWaiverRequest {
  reason?: string;
}

/**
 * One account and region to scan.
 *
 * @public
 */
export interface ScanTargetRef {
  accountId: string;
  region: string;
}

/**
 * Body of `POST /scans`: starts a scan.
 *
 * @public
 */
export interface TriggerScanRequest {
  /** Accounts and regions to scan; all configured ones when absent. */
  targets?: ScanTargetRef[];
}

/**
 * Progress of one account and region of a scan.
 *
 * @public
 */
export interface ScanTargetProgressInfo extends ScanTargetRef {
  status: 'pending' | 'running' | 'succeeded' | 'partial' | 'failed';
  resourceCount: number;
  errorCount: number;
  startedAt?: string;
  finishedAt?: string;
  errors: CollectionError[];
  /** AWS calls sent for this account and region, by IAM action (retries not counted). */
  callCounts?: Record<string, number>;
  /**
   * How the related facts were read: `full` (a periodic full refresh),
   * `events` (only those CloudTrail event history shows changed) or
   * `fallback` (every fact: event history could not be used; `reason`).
   */
  changeSource?: { mode: 'full' | 'events' | 'fallback'; reason?: string };
}

/**
 * A scan as served by `POST /scans`, `GET /scans/latest` and `GET /scans/{id}`.
 *
 * @public
 */
export interface ScanRunInfo {
  id: string;
  trigger: 'schedule' | 'manual' | 'startup';
  requestedBy?: string;
  status: ScanStatus;
  startedAt: string;
  finishedAt?: string;
  targets: ScanTargetProgressInfo[];
  callCounts?: Record<string, number>;
}

/**
 * Sort keys of `GET /rollups/org`.
 *
 * @public
 */
export type OrgRollupOrderBy =
  | 'score'
  | 'entityRef'
  | 'owner'
  | 'resourceCount'
  | 'fail';

/**
 * Query of `GET /rollups/org`.
 *
 * @public
 */
export interface OrgRollupQuery {
  offset?: number;
  limit?: number;
  orderBy?: OrgRollupOrderBy;
  order?: 'asc' | 'desc';
  owner?: string;
  grade?: Grade;
  pillar?: Pillar;
}

/**
 * Query of `GET /scorecards/entity/findings`: a page of an entity's results,
 * worst first, optionally of some statuses, one pillar or one resource.
 *
 * @public
 */
export interface EntityFindingsQuery {
  entityRef: string;
  offset?: number;
  limit?: number;
  status?: ResultStatus[];
  pillar?: Pillar;
  resourceArn?: string;
}

/**
 * One item of `GET /inventory/resources`.
 *
 * @public
 */
export type InventoryItem = Omit<SageMakerResource, 'errors'> & {
  deletedAt?: string;
};

/**
 * The state of a waiver request.
 *
 * @public
 */
export type WaiverRequestStatus =
  | 'pending'
  | 'approved'
  | 'denied'
  | 'withdrawn';

/**
 * A request for a waiver: made by an owner of the entity, approved or denied
 * by a member of the configured security groups, or withdrawn by its
 * requester.
 *
 * @public
 */
export interface WaiverRequest {
  id: string;
  entityRef: string;
  checkId: string;
  /** The resource to waive; `*` for every resource of the entity. */
  resourceArn: string;
  reason: string;
  /** When the waiver would end, if approved. */
  expiresAt: string;
  requestedBy: string;
  requestedAt: string;
  status: WaiverRequestStatus;
  /** Who approved, denied or withdrew it. */
  decidedBy?: string;
  decidedAt?: string;
  /** The approver's or denier's comment. */
  comment?: string;
  /** The waiver the approval created. */
  waiverId?: string;
}

/**
 * One step of a waiver request's trail.
 *
 * @public
 */
export interface WaiverRequestEvent {
  event: 'requested' | 'approved' | 'denied' | 'withdrawn';
  actor: string;
  at: string;
  /** The reason (requested) or the comment (approved, denied). */
  detail?: string;
}

/**
 * A waiver request with its trail, oldest step first (`GET /waiver-requests/{id}`).
 *
 * @public
 */
export interface WaiverRequestWithEvents extends WaiverRequest {
  events: WaiverRequestEvent[];
}

/**
 * Answer of `GET /waiver-requests`, newest first.
 *
 * @public
 */
export interface WaiverRequestList {
  items: WaiverRequest[];
}

/**
 * Body of `POST /waiver-requests`: the same fields as a waiver.
 *
 * @public
 */
export interface NewWaiverRequest {
  entityRef: string;
  checkId: string;
  /** An ARN of the entity's resources, or `*` for all of them. */
  resourceArn: string;
  reason: string;
  expiresAt: string;
}

/**
 * Body of `POST /waiver-requests/{id}/approve`.
 *
 * @public
 */
export interface ApproveWaiverRequestBody {
  comment?: string;
}

/**
 * Body of `POST /waiver-requests/{id}/deny`: the comment is required.
 *
 * @public
 */
export interface DenyWaiverRequestBody {
  comment: string;
}

/**
 * Answer of `POST /waiver-requests/{id}/approve`.
 *
 * @public
 */
export interface WaiverRequestApproval {
  request: WaiverRequest;
  waiver: Waiver;
}

/**
 * Answer of `POST /waiver-requests/{id}/deny` and `/withdraw`.
 *
 * @public
 */
export interface WaiverRequestDecision {
  request: WaiverRequest;
}

/**
 * What the caller may do with the waivers of one entity
 * (`GET /waivers/capabilities`).
 *
 * @public
 */
export interface WaiverCapabilities {
  /** May create a waiver directly (`POST /waivers`). */
  create: boolean;
  /** May request a waiver (`POST /waiver-requests`). */
  request: boolean;
  /** May approve or deny requests for the entity. */
  approve: boolean;
  /** `sagemakerSecurity.waivers.requireApproval` is on. */
  requireApproval: boolean;
}
