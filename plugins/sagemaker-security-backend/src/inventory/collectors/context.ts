import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import type { RateLimits } from '../../config/rateLimits';
import type { AccountClients } from '../aws/clients';
import type { FactCache } from '../facts/FactCache';
import type { IamRolesRead } from '../facts/iamDetails';
import type { References } from '../facts/references';
import type { ScanningInventoryStore, ScanTarget } from '../InventoryStore';

/** Errors kept in a target's progress; the count covers all of them. */
const MAX_ERRORS_KEPT = 100;

/** How a type was read in a target. */
export interface ReadPathRecord {
  type: string;
  /** The path chosen by the cost model. */
  chosen: 'list' | 'search' | 'tagging';
  /** Expected calls by IAM action of the chosen path. */
  expectedCalls: Record<string, number>;
  /** Set when the chosen bulk read failed and the per-resource calls were used. */
  fellBack?: { from: 'search' | 'tagging'; reason: string };
}

/** What happened while collecting one target. */
export class TargetReport {
  resourceCount = 0;
  errorCount = 0;
  listingsSucceeded = 0;
  listingsFailed = 0;
  /** AWS refused the region (opt-in region not enabled): nothing more is read. */
  regionDisabled = false;
  /** The account's credentials were refused: nothing more is read. */
  credentialsRejected = false;
  /** How this target read its account's roles (set by the target that chose). */
  iamRoles?: IamRolesRead;
  /**
   * The read path of each type that offers a bulk one, as the cost model
   * chose it (and what it fell back to, and why): for logs and benchmarks.
   */
  readonly readPaths: ReadPathRecord[] = [];
  /**
   * Types a change-driven rescan did not list: nothing said they changed
   * (changes/sagemakerListings.ts); for logs and benchmarks.
   */
  readonly listingsSkipped: string[] = [];
  /**
   * Types a change-driven rescan listed only for what was modified
   * (collectors/listModified.ts); for logs and benchmarks.
   */
  readonly listingsModified: string[] = [];
  /** Failed listings, always kept: checks read them (see failedListings). */
  private readonly listings: CollectionError[] = [];
  private readonly others: CollectionError[] = [];

  get errors(): CollectionError[] {
    return [...this.listings, ...this.others];
  }

  record(error: CollectionError, options: { listing?: boolean } = {}) {
    this.errorCount += 1;
    if (error.kind === 'region_disabled') {
      if (this.regionDisabled) return;
      this.regionDisabled = true;
    }
    if (error.kind === 'credentials_unavailable')
      this.credentialsRejected = true;
    if (options.listing) this.listings.push(error);
    else if (this.others.length < MAX_ERRORS_KEPT) this.others.push(error);
  }

  /** Nothing more is worth reading in this target. */
  get stopped(): boolean {
    return this.regionDisabled || this.credentialsRejected;
  }

  /**
   * What looked like a disabled region (or an unreadable answer) was the
   * credentials being refused: the listing errors become `rejection`.
   */
  credentialsRefused(rejection: CollectionError) {
    this.listings.splice(0, this.listings.length, rejection);
    this.regionDisabled = false;
    this.credentialsRejected = true;
  }
}

export interface CollectContext {
  target: ScanTarget;
  clients: AccountClients;
  store: ScanningInventoryStore;
  /** Start of this target's collection; every row seen gets it. */
  seenAt: string;
  jobLookbackDays: number | 'all';
  refs: References;
  facts: FactCache;
  report: TargetReport;
  logger: LoggerService;
  /**
   * Windows within which the tags of resources that are not described again
   * are re-read (see incremental.ts); defaults 24 h and 168 h.
   */
  tagRefresh?: { windowHours: number; completedJobWindowHours: number };
  /**
   * ARNs whose tags a write event changed (AddTags, DeleteTags) since the
   * last scan: read again when listed, due or not (changes/).
   */
  tagsChanged?: ReadonlySet<string>;
  /**
   * Bulk reads (Search, the Tagging API) where the cost model prefers
   * them, its estimates weighted by these rates; absent: off.
   */
  bulkReads?: { rateLimits?: RateLimits };
}
