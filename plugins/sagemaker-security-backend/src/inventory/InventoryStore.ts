/**
 * Storage of the collected inventory: scan runs, SageMaker resources and related facts.
 * One knex implementation: `DatabaseInventoryStore`.
 */
import type {
  CollectionError,
  FactKind,
  FactLookup,
  RelatedFact,
  ResourceType,
  SageMakerResource,
  ScanStatus,
} from '@mlsec/plugin-sagemaker-security-common';

/** One account and region of a scan; the unit of work of a scheduled task. */
export interface ScanTarget {
  accountId: string;
  region: string;
}

export interface ScanTargetProgress extends ScanTarget {
  status: 'pending' | 'running' | 'succeeded' | 'partial' | 'failed';
  resourceCount: number;
  errorCount: number;
  startedAt?: string;
  finishedAt?: string;
  /** Summary of what failed (no credentials, ever). */
  errors: CollectionError[];
  /** AWS calls made for this target, by IAM action. */
  callCounts?: Record<string, number>;
  /** How the related facts were read; absent when none were (see changes/). */
  changeSource?: ChangeSource;
}

/**
 * How a target's related facts were read: `full` (a periodic full
 * refresh: every fact), `events` (only the facts CloudTrail event history
 * shows changed, and those never read before) or `fallback` (every fact,
 * because event history could not be used; `reason` says why).
 */
export interface ChangeSource {
  mode: 'full' | 'events' | 'fallback';
  reason?: string;
}

/** A target's last complete fact reads (start times), from its finished scans. */
export interface FactRefresh {
  /** Start of the newest complete read of every fact (`full` or `fallback`). */
  lastFullAt?: string;
  /** Start of the newest complete fact read of any mode. */
  lastReadAt?: string;
  /** The newest complete read's target ended `succeeded` (no read failed). */
  lastSucceeded?: boolean;
}

/** A target's stored live resources of one type, as a change-driven rescan weighs them. */
export interface TypeState {
  count: number;
  /** Distinct statuses. */
  statuses: string[];
  /** One was stored with read errors. */
  hasErrors: boolean;
}

/** The identity of a stored fact. */
export type FactKey = Pick<
  RelatedFact,
  'kind' | 'accountId' | 'region' | 'key'
>;

/** A scan without its targets and call counts (see getLatestScanHead). */
export type ScanHead = Pick<
  ScanRun,
  'id' | 'trigger' | 'requestedBy' | 'status' | 'startedAt' | 'finishedAt'
>;

export interface ScanRun {
  id: string;
  trigger: 'schedule' | 'manual' | 'startup';
  requestedBy?: string;
  status: ScanStatus;
  startedAt: string;
  finishedAt?: string;
  targets: ScanTargetProgress[];
  /** AWS calls made, by IAM action; for progress and the benchmark. */
  callCounts?: Record<string, number>;
}

/** A resource as stored: the latest collected state, plus when it was seen and deleted. */
export interface StoredResource extends SageMakerResource {
  firstSeenAt: string;
  lastSeenAt: string;
  /** Set when a complete listing of its type no longer returned it. */
  deletedAt?: string;
}

export interface ResourceQuery {
  types?: ResourceType[];
  accountId?: string;
  region?: string;
  arns?: string[];
  /** Every pair must match the resource's tags. */
  tags?: Array<{ key: string; value: string }>;
  includeDeleted?: boolean;
  /** Leaves out resources in these statuses (those without a status stay). */
  exceptStatuses?: string[];
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Page size; default 500. */
  limit?: number;
}

/** What the read side (checks, catalog links, scoring, service, api) reads of the inventory. */
export interface InventoryReader {
  getScan(scanId: string): Promise<ScanRun | undefined>;
  /** The newest scan, optionally only among the given statuses. */
  getLatestScan(statuses?: ScanStatus[]): Promise<ScanRun | undefined>;
  /**
   * The newest scan's own row (no targets, no call counts): one small query,
   * cheap enough for every read request.
   */
  getLatestScanHead(): Promise<ScanHead | undefined>;
  getResource(arn: string): Promise<StoredResource | undefined>;
  listResources(
    query: ResourceQuery,
  ): Promise<{ items: StoredResource[]; nextCursor?: string }>;
  getFact<K extends FactKind>(
    kind: K,
    accountId: string,
    region: string,
    key: string,
  ): Promise<RelatedFact<K> | undefined>;
  /** Loads the facts of the given accounts into memory for the check engine. */
  loadFacts(accountIds: string[]): Promise<FactLookup>;
  /**
   * Optional: the ARN of every resource of a target that is not deleted,
   * with a version that changes whenever anything of the record but
   * `lastSeenAt` does (so the check engine reads only changed records).
   */
  listResourceVersions?(
    target: ScanTarget,
  ): Promise<Array<{ arn: string; version: string }>>;
}

/** What a scan's collectors write. */
export interface InventoryWriter {
  /** Inserts or updates resources (by ARN); unchanged rows are not rewritten. */
  upsertResources(
    resources: SageMakerResource[],
    seenAt: string,
  ): Promise<void>;
  /**
   * Marks resources of the given types in a target deleted when they were not seen since
   * `seenAt`. Called only after a complete listing of those types succeeded.
   */
  markDeleted(
    target: ScanTarget,
    types: ResourceType[],
    notSeenSince: string,
    deletedAt: string,
    options?: {
      /** Only resources created after this time (the listing's look-back window). */
      createdAfter?: string;
    },
  ): Promise<number>;
  /** Inserts or updates facts (by kind, account, region, key); unchanged rows are not rewritten. */
  upsertFacts(facts: RelatedFact[], seenAt: string): Promise<void>;
}

/**
 * Scan bookkeeping without a worker's lease, and the stored terminal job
 * names: used by tests and the in-memory store only (production scans go
 * through `ScanStore` and `ScanningInventoryStore.getCompletedJobs`).
 */
export interface InventoryTestSupport {
  createScan(input: {
    trigger: ScanRun['trigger'];
    requestedBy?: string;
    targets: ScanTarget[];
  }): Promise<ScanRun>;
  updateScanTarget(
    scanId: string,
    target: ScanTarget,
    patch: Partial<Omit<ScanTargetProgress, 'accountId' | 'region'>>,
  ): Promise<void>;
  finishScan(
    scanId: string,
    status: ScanStatus,
    callCounts?: Record<string, number>,
  ): Promise<void>;
  /** Names of jobs of a type that are stored in a terminal state (never described again). */
  getCompletedJobNames(
    target: ScanTarget,
    type: ResourceType,
  ): Promise<Set<string>>;
}

/** The whole inventory store: reads, writes and the test support. */
export interface InventoryStore
  extends InventoryReader,
    InventoryWriter,
    InventoryTestSupport {}

/** A worker's hold on a running target; only its holder may renew, finish or fail it. */
export interface ScanClaim {
  scanId: string;
  target: ScanTarget;
  claimId: string;
  /** 1 for the first claim of the target in this scan, 2 after one reclaim, ... */
  attempt: number;
}

/** A target waiting for a worker. */
export interface PendingTarget {
  scanId: string;
  target: ScanTarget;
}

/** Who works on a target, as recovery sees it. */
export interface TargetWorker {
  /** Set while the target is running. */
  claimId?: string;
  /** Claims of the target so far. */
  attempts: number;
  /** Last heartbeat (else claim time); absent while never claimed. */
  lastBeat?: string;
}

/**
 * Scan runs and the sharing of their targets between workers (replicas):
 * the database, not the scheduler, says who collects what.
 */
export interface ScanStore {
  /**
   * Finishes a scan that is still queued or running; false when another
   * worker finished it first (so only one announces the result).
   */
  completeScan(
    scanId: string,
    status: ScanStatus,
    callCounts?: Record<string, number>,
  ): Promise<boolean>;
  /**
   * Creates a scan unless one is queued or running; atomic across replicas
   * (`created` is false when an active scan was returned instead).
   */
  startScan(input: {
    trigger: ScanRun['trigger'];
    requestedBy?: string;
    targets: ScanTarget[];
  }): Promise<{ scan: ScanRun; created: boolean }>;
  getScan(scanId: string): Promise<ScanRun | undefined>;
  getLatestScan(statuses?: ScanStatus[]): Promise<ScanRun | undefined>;
  /** Pending targets of the active scan, oldest scan first. */
  findPendingTargets(limit: number): Promise<PendingTarget[]>;
  /** Moves a target from pending to running under a new claim; undefined when another worker has it. */
  claimScanTarget(
    scanId: string,
    target: ScanTarget,
  ): Promise<ScanClaim | undefined>;
  /** Shows that the claim's worker is alive; false when the claim was taken back. */
  heartbeat(claim: ScanClaim): Promise<boolean>;
  /** Records a claimed target's outcome; false when the claim was taken back meanwhile. */
  finishScanTarget(
    claim: ScanClaim,
    outcome: Omit<ScanTargetProgress, 'accountId' | 'region'>,
  ): Promise<boolean>;
  /** Fails a pending target, or a running one under the given claim; false when it moved on. */
  failScanTarget(
    scanId: string,
    target: ScanTarget,
    from: 'pending' | { claimId: string | null },
    error: CollectionError,
  ): Promise<boolean>;
  /**
   * Hands a running target back to pending (its worker stopped); false when
   * its claim moved on. `uncounted`: a graceful hand-back, which does not
   * count as an attempt.
   */
  releaseScanTarget(
    scanId: string,
    target: ScanTarget,
    claimId: string | null,
    uncounted?: boolean,
  ): Promise<boolean>;
  /** Queued and running scans, with each target's worker (by `account/region`). */
  listUnfinishedScans(): Promise<
    Array<{ scan: ScanRun; workers: Map<string, TargetWorker> }>
  >;
}

/**
 * What the collector and the scan service need beyond {@link InventoryStore}:
 * work sharing between replicas and cheap re-listing of unchanged resources.
 */
export interface ScanningInventoryStore extends InventoryStore, ScanStore {
  /** Records that unchanged resources were listed again (only `last_seen_at` moves). */
  touchResources(arns: string[], seenAt: string): Promise<void>;
  /**
   * Records that stored facts are still current without reading them
   * again (event history shows no change): only `last_seen_at` moves.
   */
  touchFacts(facts: FactKey[], seenAt: string): Promise<void>;
  /** The target's last complete fact reads (see changes/plan.ts). */
  getFactRefresh(target: ScanTarget): Promise<FactRefresh>;
  /** Per type, the target's live resources (see store/typeStates.ts). */
  getTypeStates(target: ScanTarget): Promise<Map<ResourceType, TypeState>>;
  /** Stored resources by ARN (deleted ones included); ARNs not stored are absent. */
  getResources(arns: string[]): Promise<Map<string, StoredResource>>;
  /**
   * Names of the jobs of a type stored in a terminal state without errors
   * (never described again), and of those among them whose tags are due
   * for a refresh (`tagsDue` of the ARN and when it was last listed).
   */
  getCompletedJobs(
    target: ScanTarget,
    type: ResourceType,
    tagsDue: (arn: string, lastSeenAt: string) => boolean,
  ): Promise<{ names: Set<string>; tagsDue: Set<string> }>;
  /**
   * Optional: how many facts of a kind an account has stored (the IAM
   * cost model's roles of an account known from earlier scans).
   */
  countFacts?(kind: FactKind, accountId: string): Promise<number>;
  /**
   * Stored (not deleted) resources of a type in a target, and when the
   * latest of them was last listed: what the read-path cost model knows
   * before a listing.
   */
  countResources(
    target: ScanTarget,
    type: ResourceType,
  ): Promise<{ count: number; lastSeenAt?: string }>;
}
