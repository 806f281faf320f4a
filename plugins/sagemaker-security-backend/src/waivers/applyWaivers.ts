import type {
  CheckResult,
  Waiver,
} from '@mlsec/plugin-sagemaker-security-common';
import type { StoredResult } from '../checks/ResultStore';

/** Statuses a waiver can cover: a pass needs none, not_applicable is not scored. */
const WAIVABLE = new Set(['fail', 'warn', 'unknown']);

/**
 * Turns stored results into API results: a non-passing result covered by an
 * active waiver of the entity becomes `waived` (and carries the waiver).
 * Only `active` waivers apply; expiry is decided by the store from the clock.
 */
export function applyWaivers(
  results: StoredResult[],
  waivers: Waiver[],
): CheckResult[] {
  const active = waivers
    .filter(w => w.status === 'active')
    .sort((a, b) => b.expiresAt.localeCompare(a.expiresAt));
  return results.map(result => {
    const { status, ...rest } = result;
    const base: CheckResult = {
      ...rest,
      status,
      evaluatedStatus: status,
    };
    if (!WAIVABLE.has(status)) {
      return base;
    }
    const waiver = active.find(
      w =>
        w.checkId === result.checkId &&
        (w.resourceArn === '*' || w.resourceArn === result.resourceArn),
    );
    return waiver ? { ...base, status: 'waived', waiver } : base;
  });
}
