import { Config } from '@backstage/config';
import {
  Grade,
  GRADES,
  Severity,
  SEVERITIES,
} from '@mlsec/plugin-sagemaker-security-common';

/** Grades that have a lowest score; anything below `E` is `F`. */
export type ThresholdGrade = Exclude<Grade, 'F'>;

/** How results become scores and grades; see docs/scoring.md. */
export interface ScoringConfig {
  /** Weight of a check by severity. */
  severityWeights: Record<Severity, number>;
  /** Lowest score of each grade. */
  gradeThresholds: Record<ThresholdGrade, number>;
  /** Fraction of a failure that an `unknown` costs (0–1). */
  unknownWeight: number;
  /** Fraction of a failure that a `warn` costs (0–1). */
  warnWeight: number;
  /** Best grade possible while a critical check fails. */
  criticalFailureCap: Grade;
  /** Best grade possible while a high check fails. */
  highFailureCap: Grade;
}

export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  severityWeights: {
    critical: 10,
    high: 5,
    medium: 3,
    low: 1,
    informational: 0,
  },
  gradeThresholds: { A: 90, B: 80, C: 70, D: 60, E: 50 },
  unknownWeight: 0.5,
  warnWeight: 0.25,
  criticalFailureCap: 'D',
  highFailureCap: 'B',
};

const PREFIX = 'sagemakerSecurity.scoring';
const THRESHOLD_GRADES: ThresholdGrade[] = ['A', 'B', 'C', 'D', 'E'];

/**
 * Reads `sagemakerSecurity.scoring.*` over the defaults. Throws at start-up
 * with the offending key in the message when a value is out of range.
 */
export function readScoringConfig(config: Config): ScoringConfig {
  const scoring = config.getOptionalConfig(PREFIX);
  if (!scoring) {
    return DEFAULT_SCORING_CONFIG;
  }

  const severityWeights = { ...DEFAULT_SCORING_CONFIG.severityWeights };
  for (const severity of SEVERITIES) {
    const key = `severityWeights.${severity}`;
    const value = scoring.getOptionalNumber(key);
    if (value !== undefined) {
      requireRange(`${PREFIX}.${key}`, value, 0, 1000);
      severityWeights[severity] = value;
    }
  }
  if (Object.values(severityWeights).every(weight => weight === 0)) {
    throw new Error(
      `${PREFIX}.severityWeights must give at least one severity a weight above 0`,
    );
  }

  const gradeThresholds = { ...DEFAULT_SCORING_CONFIG.gradeThresholds };
  for (const grade of THRESHOLD_GRADES) {
    const key = `gradeThresholds.${grade}`;
    const value = scoring.getOptionalNumber(key);
    if (value !== undefined) {
      requireRange(`${PREFIX}.${key}`, value, 0, 100);
      gradeThresholds[grade] = value;
    }
  }
  for (let i = 1; i < THRESHOLD_GRADES.length; i++) {
    const better = THRESHOLD_GRADES[i - 1];
    const worse = THRESHOLD_GRADES[i];
    if (gradeThresholds[worse] > gradeThresholds[better]) {
      throw new Error(
        `${PREFIX}.gradeThresholds.${worse} (${gradeThresholds[worse]}) must not be above ` +
          `${PREFIX}.gradeThresholds.${better} (${gradeThresholds[better]})`,
      );
    }
  }

  const fraction = (key: 'unknownWeight' | 'warnWeight') => {
    const value = scoring.getOptionalNumber(key);
    if (value === undefined) {
      return DEFAULT_SCORING_CONFIG[key];
    }
    requireRange(`${PREFIX}.${key}`, value, 0, 1);
    return value;
  };

  const cap = (key: 'criticalFailureCap' | 'highFailureCap') => {
    const value = scoring.getOptionalString(key);
    if (value === undefined) {
      return DEFAULT_SCORING_CONFIG[key];
    }
    if (!(GRADES as readonly string[]).includes(value)) {
      throw new Error(
        `${PREFIX}.${key} must be one of ${GRADES.join(', ')}, got "${value}"`,
      );
    }
    return value as Grade;
  };

  return {
    severityWeights,
    gradeThresholds,
    unknownWeight: fraction('unknownWeight'),
    warnWeight: fraction('warnWeight'),
    criticalFailureCap: cap('criticalFailureCap'),
    highFailureCap: cap('highFailureCap'),
  };
}

function requireRange(key: string, value: number, min: number, max: number) {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(
      `${key} must be a number from ${min} to ${max}, got ${value}`,
    );
  }
}
