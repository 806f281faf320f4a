import {
  compareResults,
  Finding,
  ResultStatus,
  Severity,
  SEVERITIES,
} from '@mlsec/plugin-sagemaker-security-common';

/** Statuses that are open findings, worst first. */
const OPEN_STATUSES: ResultStatus[] = ['fail', 'unknown', 'warn'];

export function isOpenFinding(status: ResultStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/**
 * The worst open findings: failures before unknowns before warnings, then by
 * severity, then oldest first (a long-open finding is worse than a new one),
 * then by resource and check: -common's `compareResults`, the order the
 * entity scorecard pages its results in.
 */
export function worstFindings(findings: Finding[], limit: number): Finding[] {
  return findings
    .filter(f => isOpenFinding(f.result.status))
    .sort((a, b) => compareResults(a.result, b.result))
    .slice(0, limit);
}
