import { Severity } from '@mlsec/plugin-sagemaker-security-common';
import { IacFinding } from './runChecks';

/** Lowest severity of a failing check that fails the step; `never` only reports. */
export const FAIL_ON_LEVELS = [
  'critical',
  'high',
  'medium',
  'low',
  'never',
] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

export const DEFAULT_FAIL_ON: FailOn = 'high';

const RANK: Record<Severity, number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  informational: 0,
};

export function isFailOn(value: unknown): value is FailOn {
  return (FAIL_ON_LEVELS as readonly unknown[]).includes(value);
}

/** Failing findings at or above the threshold. */
export function blockingFindings(
  findings: IacFinding[],
  failOn: FailOn,
): IacFinding[] {
  if (failOn === 'never') return [];
  return findings.filter(
    f => f.status === 'fail' && RANK[f.severity] >= RANK[failOn],
  );
}

export interface ValidationSummary {
  files: number;
  resources: number;
  pass: number;
  fail: number;
  warn: number;
  unknown: number;
  not_applicable: number;
  failOn: FailOn;
  /** Failing findings at or above `failOn`. */
  blocking: number;
}

export function summarize(
  findings: IacFinding[],
  counts: { files: number; resources: number },
  failOn: FailOn,
): ValidationSummary {
  const summary: ValidationSummary = {
    ...counts,
    pass: 0,
    fail: 0,
    warn: 0,
    unknown: 0,
    not_applicable: 0,
    failOn,
    blocking: blockingFindings(findings, failOn).length,
  };
  for (const finding of findings) summary[finding.status] += 1;
  return summary;
}
