/** The four security pillars, plus a small group for resilience and governance checks. */
export const PILLARS = ['encryption', 'network', 'iam', 'monitoring'] as const;
export type CorePillar = (typeof PILLARS)[number];
export type Pillar = CorePillar | 'resilience';
export const ALL_PILLARS: readonly Pillar[] = [...PILLARS, 'resilience'];

export const SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a check function returns. */
export const CHECK_STATUSES = [
  'pass',
  'fail',
  'warn',
  'unknown',
  'not_applicable',
] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** A stored result is a check status, or `waived` when an active waiver covers a non-passing result. */
export type ResultStatus = CheckStatus | 'waived';

export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** The phases of the ML lifecycle used by the seed guidance. */
export type MlPhase =
  | 'data-preparation'
  | 'experimentation'
  | 'training'
  | 'deployment'
  | 'monitoring'
  | 'governance';
