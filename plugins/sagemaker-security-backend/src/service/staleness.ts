/**
 * What an entity's scorecard says about the newest scan: its summary, and
 * whether the entity's results are older than it.
 */
import type { ScanInfo } from '@mlsec/plugin-sagemaker-security-common';
import type { ScanRun } from '../inventory/InventoryStore';

export function toScanInfo(scan: ScanRun | undefined): ScanInfo | undefined {
  if (!scan) {
    return undefined;
  }
  return {
    scanId: scan.id,
    status: scan.status,
    startedAt: scan.startedAt,
    ...(scan.finishedAt ? { finishedAt: scan.finishedAt } : {}),
  };
}

/**
 * The results of an entity are older than the newest scan when that scan
 * failed or was cancelled, or when it could not collect an account and
 * region that holds one of the entity's resources. A partial scan that still
 * collected those targets (say, one call was denied) is not stale: its
 * results are current, and the denied call shows as `unknown`.
 */
export function isStale(
  scan: ScanRun | undefined,
  resources: Array<{ accountId: string; region: string }>,
): boolean {
  if (!scan || scan.status === 'queued' || scan.status === 'running') {
    return false;
  }
  if (scan.status === 'failed' || scan.status === 'cancelled') {
    return true;
  }
  const failedTargets = new Set(
    scan.targets
      .filter(target => target.status === 'failed')
      .map(target => `${target.accountId}/${target.region}`),
  );
  return resources.some(resource =>
    failedTargets.has(`${resource.accountId}/${resource.region}`),
  );
}
