import { Severity } from '@mlsec/plugin-sagemaker-security-common';
import { IacFinding } from './runChecks';

/**
 * Lowest severity of a failing check that fails the step; `never` only reports.
 *
 * @public
 */
export const FAIL_ON_LEVELS = [
  'critical',
  'high',
  'medium',
  'low',
  'never',
] as const;
/**
 * A `failOn` threshold: one of `FAIL_ON_LEVELS`.
 *
 * @public
 */
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

/**
 * Counts of one validation, as the action's `summary` output.
 *
 * @public
 */
export interface ValidationSummary {
  /** CloudFormation templates read. */
  files: number;
  /** SageMaker resources found in them. */
  resources: number;
  /** Findings that passed. */
  pass: number;
  /** Findings that failed. */
  fail: number;
  /** Findings with a warning. */
  warn: number;
  /** Findings that could not be decided before deploy. */
  unknown: number;
  /** Findings of checks that do not apply, e.g. ones that need live data. */
  not_applicable: number;
  /** The threshold applied. */
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
