import type { ScanTarget } from '../InventoryStore';
import type {
  AccountDiscoveryStatus,
  OrganizationsDiscovery,
} from './OrganizationsDiscovery';

/** The targets of scans: fixed, or listed again before each scan. */
export interface TargetSource {
  /** The targets in use now. */
  current(): ScanTarget[];
  /** Lists them again (never throws: a failure keeps the previous ones). */
  refresh(): Promise<void>;
}

/**
 * Hand-listed targets, then each discovered account in each of `regions`,
 * except accounts that are hand-listed: those keep their own regions
 * (hand-listed wins).
 */
export function mergeTargets(
  handListed: ScanTarget[],
  discoveredAccounts: string[],
  regions: string[],
): ScanTarget[] {
  const listed = new Set(handListed.map(t => t.accountId));
  const discovered = [...new Set(discoveredAccounts)]
    .filter(accountId => !listed.has(accountId))
    .flatMap(accountId => regions.map(region => ({ accountId, region })));
  return [...handListed, ...discovered];
}

/** The accounts of the newest scan and when it started. */
export interface LatestScan {
  accountIds: string[];
  startedAt: string;
}

/** Hand-listed targets merged with the accounts AWS Organizations lists. */
export class DiscoveredTargets implements TargetSource {
  private readonly handListedAccounts: Set<string>;
  private latestScan?: () => Promise<LatestScan | undefined>;

  constructor(
    private readonly handListed: ScanTarget[],
    private readonly discovery: OrganizationsDiscovery,
    private readonly regions: string[],
    /** Accounts the `aws` section reaches its own way (`aws.accounts`). */
    private readonly ownCredentials: Set<string>,
  ) {
    this.handListedAccounts = new Set(handListed.map(t => t.accountId));
  }

  current(): ScanTarget[] {
    return mergeTargets(this.handListed, this.discovery.accounts, this.regions);
  }

  /**
   * Where the accounts of the newest scan are read from (the store): after
   * a restart, a failed listing falls back to them, as to a last listing.
   */
  restoreFrom(latestScan: () => Promise<LatestScan | undefined>): void {
    this.latestScan = latestScan;
  }

  async refresh(): Promise<void> {
    const status = await this.discovery.refresh();
    if (status.status === 'succeeded' || status.listedAt || !this.latestScan) {
      return;
    }
    try {
      const latest = await this.latestScan();
      if (!latest) return;
      this.discovery.restore(
        latest.accountIds.filter(id => !this.handListedAccounts.has(id)),
        latest.startedAt,
      );
    } catch {
      // No previous scan to read: no discovered account is scanned.
    }
  }

  get status(): AccountDiscoveryStatus | undefined {
    return this.discovery.status;
  }

  /**
   * Whether an account is reached through the member role: a discovered
   * account that is neither hand-listed nor given its own `aws.accounts`
   * entry.
   */
  usesMemberRole = (accountId: string): boolean =>
    !this.handListedAccounts.has(accountId) &&
    !this.ownCredentials.has(accountId);
}
