import { CheckMetadata, Evidence } from './checks';
import { CheckStatus, Grade, Pillar, ResultStatus, Severity } from './pillars';
import { CollectionError } from './inventory';
import { ResourceType } from './resourceTypes';

/** One verdict for one (resource, check) pair. */
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

export interface StatusCounts {
  pass: number;
  fail: number;
  warn: number;
  unknown: number;
  not_applicable: number;
  waived: number;
}

export interface PillarScore {
  pillar: Pillar;
  /** 0–100; null when nothing applicable was evaluated. */
  score: number | null;
  grade: Grade | null;
  counts: StatusCounts;
}

export interface Score {
  score: number | null;
  grade: Grade | null;
  /** Why the grade is lower than the score implies (e.g. a failing critical check). */
  cappedBy?: string;
  pillars: PillarScore[];
  counts: StatusCounts;
}

export interface ScanInfo {
  scanId: string;
  status: ScanStatus;
  startedAt: string;
  finishedAt?: string;
}

export type ScanStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'partial'
  | 'failed'
  | 'cancelled';

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

/** Scorecard of a catalog entity (ML service Component, or a single SageMaker Resource). */
export interface EntityScorecard {
  entityRef: string;
  score: Score;
  resources: ResourceSummary[];
  results: CheckResult[];
  /** Time of the last complete evaluation the results come from. */
  evaluatedAt?: string;
  /** True when the newest scan failed or was partial, so results are older than it. */
  stale: boolean;
  lastScan?: ScanInfo;
  trend: TrendPoint[];
}

export interface TrendPoint {
  date: string;
  score: number | null;
  grade: Grade | null;
}

export interface Finding {
  entityRef?: string;
  result: CheckResult;
  check: Pick<CheckMetadata, 'id' | 'title' | 'pillar' | 'severity'>;
}

export interface EntityRollupRow {
  entityRef: string;
  title?: string;
  owner?: string;
  score: Score;
  trend: TrendPoint[];
  worstFindings: Finding[];
  resourceCount: number;
}

/** Rollup for a team (Group, nested groups included), System or Domain. */
export interface Rollup {
  entityRef: string;
  score: Score;
  entities: EntityRollupRow[];
  worstFindings: Finding[];
  expiringWaivers: Waiver[];
  trend: TrendPoint[];
}

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

export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
  limit: number;
}
