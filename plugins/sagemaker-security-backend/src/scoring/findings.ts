import {
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
 * severity, then oldest first (a long-open finding is worse than a new one).
 */
export function worstFindings(findings: Finding[], limit: number): Finding[] {
  return findings
    .filter(f => isOpenFinding(f.result.status))
    .sort(
      (a, b) =>
        OPEN_STATUSES.indexOf(a.result.status) -
          OPEN_STATUSES.indexOf(b.result.status) ||
        severityRank(a.result.severity) - severityRank(b.result.severity) ||
        a.result.since.localeCompare(b.result.since) ||
        a.result.resourceArn.localeCompare(b.result.resourceArn) ||
        a.result.checkId.localeCompare(b.result.checkId),
    )
    .slice(0, limit);
}
