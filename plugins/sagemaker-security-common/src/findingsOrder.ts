import { ResultStatus, SEVERITIES, Severity } from './pillars';
import type { CheckResult } from './scorecards';

/**
 * Result statuses, worst first: open findings (failures, then checks that
 * could not be evaluated, then warnings), then waived, passing and not
 * applicable results.
 *
 * @public
 */
export const RESULT_STATUS_ORDER: readonly ResultStatus[] = [
  'fail',
  'unknown',
  'warn',
  'waived',
  'pass',
  'not_applicable',
];

function rank<T>(order: readonly T[], value: T): number {
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
}

/**
 * The order of an entity's results, worst first, as the API pages them: by
 * status (`RESULT_STATUS_ORDER`), then severity (critical first), then
 * oldest first (a long-open finding is worse than a new one), then resource
 * ARN and check id. A total order over the results of one entity.
 *
 * @public
 */
export function compareResults(
  a: Pick<
    CheckResult,
    'status' | 'severity' | 'since' | 'resourceArn' | 'checkId'
  >,
  b: Pick<
    CheckResult,
    'status' | 'severity' | 'since' | 'resourceArn' | 'checkId'
  >,
): number {
  return (
    rank(RESULT_STATUS_ORDER, a.status) - rank(RESULT_STATUS_ORDER, b.status) ||
    rank<Severity>(SEVERITIES, a.severity) -
      rank<Severity>(SEVERITIES, b.severity) ||
    compareText(a.since, b.since) ||
    compareText(a.resourceArn, b.resourceArn) ||
    compareText(a.checkId, b.checkId)
  );
}

/** Code-point order: the same in every locale, browser and server alike. */
function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
