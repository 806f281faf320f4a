/** Services whose calls read related facts, or the event history choosing them. */
const FACT_SERVICES = /^(iam|kms|s3|ec2|cloudtrail|cloudwatch|logs|guardduty):/;

/** True for a call (IAM action) that reads a related fact or event history. */
export function isFactCall(action: string): boolean {
  return FACT_SERVICES.test(action);
}

function factCalls(counts: Record<string, number> | undefined): number {
  return Object.entries(counts ?? {})
    .filter(([action]) => isFactCall(action))
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * Fact calls of a rescan against those of the first scan (call counts by
 * IAM action, e.g. a ScanRun's `callCounts`): what a change-driven rescan
 * saves. Shared by the tests and the benchmark.
 */
export function factCallRatio(
  first: Record<string, number> | undefined,
  rescan: Record<string, number> | undefined,
): { first: number; rescan: number; ratio: number } {
  const a = factCalls(first);
  const b = factCalls(rescan);
  return { first: a, rescan: b, ratio: a === 0 ? 0 : b / a };
}
