/**
 * Pure scoring functions: results -> pillar scores, overall score and grade;
 * scores of several entities -> a rollup. The rules are in docs/scoring.md.
 */
import {
  Grade,
  GRADES,
  Pillar,
  PILLARS,
  PillarScore,
  ResultStatus,
  Score,
  Severity,
  StatusCounts,
} from '@mlsec/plugin-sagemaker-security-common';
import { ScoringConfig, ThresholdGrade } from './ScoringConfig';

/** What scoring needs of a result. */
export interface ScorableResult {
  checkId: string;
  pillar: Pillar;
  severity: Severity;
  status: ResultStatus;
}

const THRESHOLD_GRADES: ThresholdGrade[] = ['A', 'B', 'C', 'D', 'E'];

export function emptyCounts(): StatusCounts {
  return {
    pass: 0,
    fail: 0,
    warn: 0,
    unknown: 0,
    not_applicable: 0,
    waived: 0,
  };
}

export function countStatuses(results: ScorableResult[]): StatusCounts {
  const counts = emptyCounts();
  for (const result of results) {
    counts[result.status] += 1;
  }
  return counts;
}

export function addCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  const sum = emptyCounts();
  for (const key of Object.keys(sum) as Array<keyof StatusCounts>) {
    sum[key] = a[key] + b[key];
  }
  return sum;
}

/** The grade of a score by the configured thresholds (null stays null). */
export function gradeForScore(
  score: number | null,
  config: ScoringConfig,
): Grade | null {
  if (score === null) {
    return null;
  }
  for (const grade of THRESHOLD_GRADES) {
    if (score >= config.gradeThresholds[grade]) {
      return grade;
    }
  }
  return 'F';
}

/** The worse of two grades. */
export function worseGrade(a: Grade, b: Grade): Grade {
  return GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b;
}

/** How much of a check's weight a status loses; undefined = not scored. */
function penalty(
  status: ResultStatus,
  config: ScoringConfig,
): number | undefined {
  switch (status) {
    case 'pass':
      return 0;
    case 'fail':
      return 1;
    case 'warn':
      return config.warnWeight;
    case 'unknown':
      return config.unknownWeight;
    default:
      // not_applicable and waived are shown but never scored.
      return undefined;
  }
}

/**
 * 0–100, rounded to one decimal: the weighted share of the scored checks'
 * weight that was not lost. Null when nothing with a weight was scored.
 */
export function weightedScore(
  results: ScorableResult[],
  config: ScoringConfig,
): number | null {
  let total = 0;
  let lost = 0;
  for (const result of results) {
    const fraction = penalty(result.status, config);
    const weight = config.severityWeights[result.severity];
    if (fraction === undefined || weight <= 0) {
      continue;
    }
    total += weight;
    lost += weight * fraction;
  }
  if (total === 0) {
    return null;
  }
  return Math.round(((total - lost) / total) * 1000) / 10;
}

/** The cap set by failing critical or high checks, with the reason. */
export function failureCap(
  results: ScorableResult[],
  config: ScoringConfig,
): { grade: Grade; reason: string } | undefined {
  const criticalFailure = results.find(
    r => r.status === 'fail' && r.severity === 'critical',
  );
  if (criticalFailure) {
    return {
      grade: config.criticalFailureCap,
      reason: `critical check ${criticalFailure.checkId} fails`,
    };
  }
  const highFailure = results.find(
    r => r.status === 'fail' && r.severity === 'high',
  );
  if (highFailure) {
    return {
      grade: config.highFailureCap,
      reason: `high check ${highFailure.checkId} fails`,
    };
  }
  return undefined;
}

function capGrade(
  grade: Grade | null,
  cap: { grade: Grade; reason: string } | undefined,
): { grade: Grade | null; cappedBy?: string } {
  if (grade === null || !cap) {
    return { grade };
  }
  const capped = worseGrade(grade, cap.grade);
  return capped === grade ? { grade } : { grade: capped, cappedBy: cap.reason };
}

function pillarsOf(results: ScorableResult[]): Pillar[] {
  const present = new Set<Pillar>(results.map(r => r.pillar));
  const pillars: Pillar[] = [...PILLARS];
  if (present.has('resilience')) {
    pillars.push('resilience');
  }
  return pillars;
}

/** Score of one resource or one entity, from its results. */
export function scoreResults(
  results: ScorableResult[],
  config: ScoringConfig,
): Score {
  const pillars: PillarScore[] = pillarsOf(results).map(pillar => {
    const inPillar = results.filter(r => r.pillar === pillar);
    const score = weightedScore(inPillar, config);
    const { grade } = capGrade(
      gradeForScore(score, config),
      failureCap(inPillar, config),
    );
    return { pillar, score, grade, counts: countStatuses(inPillar) };
  });
  const score = weightedScore(results, config);
  const { grade, cappedBy } = capGrade(
    gradeForScore(score, config),
    failureCap(results, config),
  );
  return {
    score,
    grade,
    ...(cappedBy ? { cappedBy } : {}),
    pillars,
    counts: countStatuses(results),
  };
}

function mean(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) {
    return null;
  }
  const sum = present.reduce((a, b) => a + b, 0);
  return Math.round((sum / present.length) * 10) / 10;
}

/**
 * Score of a team, System or Domain: the mean of its entities' scores (each
 * ML service counts once, whatever its size), capped by any failing
 * critical or high check among the entities' results.
 */
export function rollupScore(
  members: Array<{ score: Score; results: ScorableResult[] }>,
  config: ScoringConfig,
): Score {
  const allResults = members.flatMap(m => m.results);
  // Pillars come from the members' scores (a member's score has a pillar
  // exactly when its results do), so `results` may be just the capping ones.
  const present = new Set(
    members.flatMap(m => m.score.pillars.map(p => p.pillar)),
  );
  const pillars: PillarScore[] = [
    ...PILLARS,
    ...(present.has('resilience') ? (['resilience'] as const) : []),
  ].map(pillar => {
    const score = mean(
      members.map(
        m => m.score.pillars.find(p => p.pillar === pillar)?.score ?? null,
      ),
    );
    const { grade } = capGrade(
      gradeForScore(score, config),
      failureCap(
        allResults.filter(r => r.pillar === pillar),
        config,
      ),
    );
    const counts = members
      .map(
        m =>
          m.score.pillars.find(p => p.pillar === pillar)?.counts ??
          emptyCounts(),
      )
      .reduce(addCounts, emptyCounts());
    return { pillar, score, grade, counts };
  });
  const score = mean(members.map(m => m.score.score));
  const { grade, cappedBy } = capGrade(
    gradeForScore(score, config),
    failureCap(allResults, config),
  );
  return {
    score,
    grade,
    ...(cappedBy ? { cappedBy } : {}),
    pillars,
    counts: members.map(m => m.score.counts).reduce(addCounts, emptyCounts()),
  };
}

/**
 * The results that can set a grade cap: the first failing critical and the
 * first failing high result, overall and per pillar, in their original
 * order. `rollupScore` over these gives the same score as over all results.
 */
export function capResults<T extends ScorableResult>(results: T[]): T[] {
  const keep = new Set<number>();
  const firstOf = (match: (r: T) => boolean) => {
    const index = results.findIndex(match);
    if (index >= 0) keep.add(index);
  };
  const fails = (severity: Severity, pillar?: Pillar) => (r: T) =>
    r.status === 'fail' &&
    r.severity === severity &&
    (pillar === undefined || r.pillar === pillar);
  for (const pillar of [undefined, ...new Set(results.map(r => r.pillar))]) {
    firstOf(fails('critical', pillar));
    firstOf(fails('high', pillar));
  }
  return [...keep].sort((a, b) => a - b).map(i => results[i]);
}
