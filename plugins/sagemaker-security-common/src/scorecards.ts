import { CheckMetadata, Evidence } from './checks';
import { CheckStatus, Grade, Pillar, ResultStatus, Severity } from './pillars';
import { CollectionError } from './inventory';
import { ResourceType } from './resourceTypes';
import type { ScanTargetProgressInfo } from './apiTypes';

/**
 * One verdict for one (resource, check) pair.
 *
 * @public
 */
export interface CheckResult {
  checkId: string;
  resourceArn: string;
  resourceType: ResourceType;
  resourceName: string;
  accountId: string;
  region: string;
  pillar: Pillar;
  severity: Severity;
  status: ResultStatus;
  /** The status the check returned, before waivers were applied. */
  evaluatedStatus: CheckStatus;
  message: string;
  evidence: Evidence[];
  missing?: string[];
  /** When the status last changed. */
  since: string;
  evaluatedAt: string;
  waiver?: Waiver;
}

/**
 * Number of results per status.
 *
 * @public
 */
export interface StatusCounts {
  pass: number;
  fail: number;
  warn: number;
  unknown: number;
  not_applicable: number;
  waived: number;
}

/**
 * The score and grade of one pillar.
 *
 * @public
 */
export interface PillarScore {
  pillar: Pillar;
  /** 0–100; null when nothing applicable was evaluated. */
  score: number | null;
  grade: Grade | null;
  counts: StatusCounts;
}

/**
 * A score (0–100) and grade, overall and per pillar, with the result counts behind them.
 *
 * @public
 */
export interface Score {
  score: number | null;
  grade: Grade | null;
  /** Why the grade is lower than the score implies (e.g. a failing critical check). */
  cappedBy?: string;
  pillars: PillarScore[];
  counts: StatusCounts;
}

/**
 * The scan a scorecard's results come from.
 *
 * @public
 */
export interface ScanInfo {
  scanId: string;
  status: ScanStatus;
  startedAt: string;
  finishedAt?: string;
}

/**
 * The state of a scan; `partial` when some accounts, regions or calls failed.
 *
 * @public
 */
export type ScanStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'partial'
  | 'failed'
  | 'cancelled';

/**
 * A SageMaker resource of an entity, with its score.
 *
 * @public
 */
export interface ResourceSummary {
  arn: string;
  type: ResourceType;
  name: string;
  accountId: string;
  region: string;
  tags: Record<string, string>;
  status?: string;
  score: Score;
  deletedAt?: string;
  errors: CollectionError[];
}

/**
 * Scorecard of a catalog entity (ML service Component, or a single SageMaker Resource).
 *
 * @public
 */
export interface EntityScorecard {
  entityRef: string;
  score: Score;
  resources: ResourceSummary[];
  /**
   * The first page of the results, worst first (see `compareResults`);
   * `GET /scorecards/entity/findings` answers the rest.
   */
  results: CheckResult[];
  /** Where `results` lies among all the entity's results (`score.counts` counts them by status). */
  resultsPage: PageInfo;
  /** Time of the last complete evaluation the results come from. */
  evaluatedAt?: string;
  /** True when the newest scan failed or was partial, so results are older than it. */
  stale: boolean;
  lastScan?: ScanInfo;
  /** What the last finished scan could not read of this entity's accounts and regions. */
  scanHealth?: ScanHealth;
  trend: TrendPoint[];
}

/**
 * Which accounts and regions the newest finished scan could not read completely,
 * for an entity (`GET /scorecards/entity`) or the whole estate (`GET /scans/health`).
 *
 * @public
 */
export interface ScanHealth {
  /** False when the backend has no AWS account to scan (`sagemakerSecurity.accounts`). */
  accountsConfigured: boolean;
  /** The newest finished scan; absent when no scan has finished yet. */
  lastFinishedScan?: ScanInfo;
  /**
   * `entity`: only the accounts and regions of the entity's resources, its
   * `amazonaws.com/arn` or its `amazonaws.com/account-id` (and `amazonaws.com/region`)
   * annotations; `all`: every account and region (the estate, or an entity whose
   * accounts are not known because nothing of it was collected).
   */
  scope: 'entity' | 'all';
  /**
   * The targets of that scan, within the scope, that failed or were partial; each
   * with at most 20 of its errors (`errorCount` counts them all).
   */
  targets: ScanTargetProgressInfo[];
  /** The newest account discovery from AWS Organizations, when it is configured. */
  discovery?: AccountDiscoveryStatus;
}

/**
 * The newest account discovery from AWS Organizations
 * (`sagemakerSecurity.discovery.organizations`).
 *
 * @public
 */
export interface AccountDiscoveryStatus {
  /** Where accounts were listed from: AWS Organizations. */
  source: 'organizations';
  /** `failed`: the accounts of the last successful listing are scanned; `error` says why. */
  status: 'succeeded' | 'failed';
  /** When the newest listing was attempted. */
  attemptedAt: string;
  /** When the accounts in use were listed; absent when no listing succeeded yet. */
  listedAt?: string;
  /** Discovered accounts scanned (hand-listed ones not counted). */
  accountCount: number;
  /** Why the newest listing failed (its kind, call and reason; never a secret). */
  error?: CollectionError;
}

/**
 * The score and grade of an entity on one day.
 *
 * @public
 */
export interface TrendPoint {
  date: string;
  score: number | null;
  grade: Grade | null;
}

/**
 * A check result with the check's title, pillar and severity, and the entity it belongs to.
 * In the JSON export the check also carries its `references` (the peer controls it answers).
 *
 * @public
 */
export interface Finding {
  entityRef?: string;
  result: CheckResult;
  check: Pick<CheckMetadata, 'id' | 'title' | 'pillar' | 'severity'> &
    Partial<Pick<CheckMetadata, 'references'>>;
}

/**
 * One entity (ML service) of a rollup, with its score and worst findings.
 *
 * @public
 */
export interface EntityRollupRow {
  entityRef: string;
  title?: string;
  owner?: string;
  score: Score;
  trend: TrendPoint[];
  worstFindings: Finding[];
  resourceCount: number;
}

/**
 * Rollup for a team (Group, nested groups included), System or Domain.
 *
 * @public
 */
export interface Rollup {
  entityRef: string;
  score: Score;
  entities: EntityRollupRow[];
  worstFindings: Finding[];
  expiringWaivers: Waiver[];
  trend: TrendPoint[];
  /**
   * Member ML services the caller may not read. They are counted here only:
   * their names, scores, findings and waivers are left out of `score`,
   * `entities`, `worstFindings` and `expiringWaivers`, and `trend` (stored
   * over every member) is empty when this is above 0.
   */
  hiddenEntityCount?: number;
}

/**
 * An accepted risk: a check waived for an entity's resources until it expires.
 *
 * @public
 */
export interface Waiver {
  id: string;
  checkId: string;
  /** The resource the waiver covers; `*` covers every resource of the entity. */
  resourceArn: string;
  entityRef: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedBy?: string;
  revokedAt?: string;
  status: 'active' | 'expired' | 'revoked';
}

/**
 * One entry of a waiver's audit trail.
 *
 * @public
 */
export interface WaiverEvent {
  event: 'created' | 'revoked' | 'expired';
  /** Who created or revoked it; absent for expiry. */
  actor?: string;
  at: string;
  /** The reason given when creating or revoking. */
  detail?: string;
}

/**
 * A waiver with its audit trail, oldest event first (`GET /waivers/{id}`).
 *
 * @public
 */
export interface WaiverWithEvents extends Waiver {
  events: WaiverEvent[];
}

/**
 * One page of an offset-paginated list.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
  limit: number;
}

/**
 * Where a page lies in the whole list: it starts at `offset`, holds at most
 * `limit` items, of `totalCount` in all.
 *
 * @public
 */
export interface PageInfo {
  offset: number;
  limit: number;
  totalCount: number;
}
