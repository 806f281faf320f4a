/**
 * Findings other tools reported on SageMaker resources: AWS Security Hub
 * (read per scanned account and region) and Prowler (its OCSF output,
 * uploaded). A data flow apart from our checks: nothing here is read by the
 * check engine or the scoring, so these findings never change a verdict or
 * a score; the API shows them beside our results, labelled by source.
 */
import type {
  ExternalFinding,
  ExternalFindingSource,
} from '@mlsec/plugin-sagemaker-security-common';

/**
 * One finding as a source reported it, normalized: the API's shape without
 * what the store and the read side add.
 */
export type ExternalFindingRecord = Omit<
  ExternalFinding,
  'importedAt' | 'duplicateOf'
>;

export interface StoredExternalFinding extends ExternalFindingRecord {
  /** When the newest import that reported it was stored. */
  importedAt: string;
  /** `resolved`: the source stopped reporting it (see replaceLocation). */
  state: 'active' | 'resolved';
  resolvedAt?: string;
}

export interface UpsertCounts {
  /** Findings not stored before. */
  imported: number;
  /** Findings stored before, now updated. */
  updated: number;
}

export interface ExternalFindingStore {
  /**
   * Stores the findings in one transaction: a finding already stored (same
   * source and source id) is updated, never added twice. All or nothing.
   */
  upsert(
    records: ExternalFindingRecord[],
    importedAt: Date,
  ): Promise<UpsertCounts>;

  /**
   * The complete current set of one source in one account and region (a
   * Security Hub read that finished): upserted as `upsert` does, and every
   * active finding of that source and location that the set does not hold
   * any more becomes `resolved`. One transaction.
   */
  replaceLocation(
    location: {
      source: ExternalFindingSource;
      accountId: string;
      region: string;
    },
    records: ExternalFindingRecord[],
    importedAt: Date,
  ): Promise<UpsertCounts & { resolved: number }>;

  /** Active findings (or all, with `includeResolved`) on these resources. */
  listByResources(
    arns: string[],
    options?: { includeResolved?: boolean },
  ): Promise<StoredExternalFinding[]>;
}
