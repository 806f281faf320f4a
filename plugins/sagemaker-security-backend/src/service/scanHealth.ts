/**
 * Scan health where users look: which accounts and regions the newest
 * finished scan could not read, for one entity or for the whole estate.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  type AccountDiscoveryStatus,
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_REGION,
  type ScanHealth,
  type ScanInfo,
  type ScanStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import type {
  InventoryReader,
  ScanRun,
  ScanTarget,
  ScanTargetProgress,
} from '../inventory/InventoryStore';

const FINISHED: ScanStatus[] = ['succeeded', 'partial', 'failed', 'cancelled'];

/** Errors kept per target in a health answer; `errorCount` counts them all. */
export const MAX_HEALTH_ERRORS = 20;

const ACCOUNT_ID = /^\d{12}$/;

/** An account, and the region when it is known, that an entity's resources are in. */
export interface Location {
  accountId: string;
  region?: string;
}

/** The newest finished scan: `latest` itself unless it is still queued or running. */
export async function lastFinishedScan(
  inventory: Pick<InventoryReader, 'getLatestScan'>,
  latest?: ScanRun,
): Promise<ScanRun | undefined> {
  if (latest && FINISHED.includes(latest.status)) {
    return latest;
  }
  return inventory.getLatestScan(FINISHED);
}

function fromArn(arn: string | undefined): Location | undefined {
  // arn:partition:service:region:account-id:resource
  const parts = arn?.split(':') ?? [];
  if (parts.length < 6 || parts[0] !== 'arn' || !ACCOUNT_ID.test(parts[4])) {
    return undefined;
  }
  return { accountId: parts[4], ...(parts[3] ? { region: parts[3] } : {}) };
}

/**
 * Where an entity's resources are, or would be: the accounts and regions of
 * its collected resources, of its own `amazonaws.com/arn`, and the account
 * (and region) its `amazonaws.com/account-id` annotations name. Empty when
 * none of these is known (e.g. a tag-linked service nothing was collected of).
 */
export function entityLocations(
  entity: Entity,
  resources: Array<{ accountId: string; region: string }>,
): Location[] {
  const locations: Location[] = resources.map(r => ({
    accountId: r.accountId,
    region: r.region,
  }));
  const annotations = entity.metadata.annotations ?? {};
  const own = fromArn(annotations[ANNOTATION_AWS_ARN]);
  if (own) {
    locations.push(own);
  }
  const accountId = annotations[ANNOTATION_AWS_ACCOUNT_ID]?.trim();
  if (accountId && ACCOUNT_ID.test(accountId)) {
    const region = annotations[ANNOTATION_AWS_REGION]?.trim();
    locations.push({ accountId, ...(region ? { region } : {}) });
  }
  return locations;
}

function toScanInfo(scan: ScanRun): ScanInfo {
  return {
    scanId: scan.id,
    status: scan.status,
    startedAt: scan.startedAt,
    ...(scan.finishedAt ? { finishedAt: scan.finishedAt } : {}),
  };
}

function within(target: ScanTarget, locations: Location[]): boolean {
  return locations.some(
    l =>
      l.accountId === target.accountId &&
      (!l.region || l.region === target.region),
  );
}

/** A target as the health answer shows it: its first errors, no call counts. */
function summarized(target: ScanTargetProgress): ScanTargetProgress {
  const { callCounts, ...rest } = target;
  return { ...rest, errors: target.errors.slice(0, MAX_HEALTH_ERRORS) };
}

/**
 * The failed and partial targets of the newest finished scan: those of the
 * given locations, or all of them when no location is known (`all` scope).
 */
export function scanHealthOf(options: {
  scan: ScanRun | undefined;
  accountsConfigured: boolean;
  locations?: Location[];
  /** The newest account discovery, when it is configured. */
  discovery?: AccountDiscoveryStatus;
}): ScanHealth {
  const { scan, accountsConfigured, locations = [], discovery } = options;
  const scope = locations.length > 0 ? 'entity' : 'all';
  const targets = (scan?.targets ?? [])
    .filter(t => t.status === 'failed' || t.status === 'partial')
    .filter(t => scope === 'all' || within(t, locations))
    .map(summarized);
  return {
    accountsConfigured,
    ...(scan ? { lastFinishedScan: toScanInfo(scan) } : {}),
    scope,
    targets,
    ...(discovery ? { discovery } : {}),
  };
}
