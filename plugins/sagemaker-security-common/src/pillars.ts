/**
 * The four core security pillars; `Pillar` adds a small group for resilience
 * and governance checks.
 *
 * @public
 */
export const PILLARS = ['encryption', 'network', 'iam', 'monitoring'] as const;

/**
 * One of the four core security pillars.
 *
 * @public
 */
export type CorePillar = (typeof PILLARS)[number];

/**
 * The pillar a check belongs to: a core pillar, or `resilience` for
 * resilience and governance checks.
 *
 * @public
 */
export type Pillar = CorePillar | 'resilience';

/**
 * Every pillar: the core ones, then `resilience`.
 *
 * @public
 */
export const ALL_PILLARS: readonly Pillar[] = [...PILLARS, 'resilience'];

/**
 * Check severities, from most to least severe.
 *
 * @public
 */
export const SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
] as const;

/**
 * How severe a failing check is.
 *
 * @public
 */
export type Severity = (typeof SEVERITIES)[number];

/**
 * What a check function returns.
 *
 * @public
 */
export const CHECK_STATUSES = [
  'pass',
  'fail',
  'warn',
  'unknown',
  'not_applicable',
] as const;

/**
 * The status a check returned for one resource.
 *
 * @public
 */
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/**
 * A stored result is a check status, or `waived` when an active waiver covers a non-passing result.
 *
 * @public
 */
export type ResultStatus = CheckStatus | 'waived';

/**
 * Letter grades, from best (`A`) to worst (`F`).
 *
 * @public
 */
export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/**
 * The letter grade of a score.
 *
 * @public
 */
export type Grade = (typeof GRADES)[number];

/**
 * The phases of the ML lifecycle used by the seed guidance.
 *
 * @public
 */
export type MlPhase =
  | 'data-preparation'
  | 'experimentation'
  | 'training'
  | 'deployment'
  | 'monitoring'
  | 'governance';
