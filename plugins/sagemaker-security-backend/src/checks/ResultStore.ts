/**
 * Storage of the current check results: one row per (resource, check).
 * One knex implementation: `DatabaseResultStore`.
 */
import type {
  CheckStatus,
  Evidence,
  Pillar,
  ResourceType,
  Severity,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';

/** A result as the engine produces it. */
export interface NewResult {
  resourceArn: string;
  checkId: string;
  resourceType: ResourceType;
  resourceName: string;
  accountId: string;
  region: string;
  pillar: Pillar;
  severity: Severity;
  status: CheckStatus;
  message: string;
  evidence: Evidence[];
  missing?: string[];
}

/** A result as stored. */
export interface StoredResult extends NewResult {
  /** When the status last changed. */
  since: string;
  /** When the account and region of the resource were last evaluated. */
  evaluatedAt: string;
}

export interface ResultTarget {
  accountId: string;
  region: string;
}

export interface ResultQuery {
  arns?: string[];
  checkIds?: string[];
  accountId?: string;
  region?: string;
}

export interface ResultStore {
  /**
   * Inserts new and changed results; unchanged rows are not written.
   * Returns the status changes, for history.
   */
  saveResults(results: NewResult[], at: Date): Promise<StatusTransition[]>;
  /**
   * Removes the target's results whose `resourceArn|checkId` key is not in
   * `keep` (deleted resources, withdrawn checks). Returns the removals as
   * transitions to null.
   */
  pruneTarget(
    target: ResultTarget,
    keep: ReadonlySet<string>,
    at: Date,
  ): Promise<StatusTransition[]>;
  /**
   * Like `saveResults` for the resources `arns` (all their results given):
   * their stored results not in `results` are removed (to null).
   */
  replaceResults(
    arns: string[],
    results: NewResult[],
    at: Date,
  ): Promise<StatusTransition[]>;
  /**
   * Removes the target's results of resources not in `keepArns` (deleted
   * resources). Returns the removals as transitions to null.
   */
  pruneResources(
    target: ResultTarget,
    keepArns: ReadonlySet<string>,
    at: Date,
  ): Promise<StatusTransition[]>;
  /** Records that a target was evaluated (from a scan, or on demand). */
  markEvaluated(target: ResultTarget, at: Date, scanId?: string): Promise<void>;
  listResults(query: ResultQuery): Promise<StoredResult[]>;
  /** Accounts and regions that were ever evaluated. */
  listEvaluatedTargets(): Promise<ResultTarget[]>;
  /** The newest evaluation time over all targets. */
  getLastEvaluatedAt(): Promise<string | undefined>;
}

export function resultKey(resourceArn: string, checkId: string): string {
  return `${resourceArn}|${checkId}`;
}
