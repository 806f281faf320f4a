import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_SCORING_CONFIG,
  readScoringConfig,
  ScoringConfig,
} from './ScoringConfig';
import fc from 'fast-check';
import {
  capResults,
  gradeForScore,
  rollupScore,
  ScorableResult,
  scoreResults,
  weightedScore,
} from './score';
import { worstFindings } from './findings';
import { Finding } from '@mlsec/plugin-sagemaker-security-common';

const config = DEFAULT_SCORING_CONFIG;

function result(
  checkId: string,
  status: ScorableResult['status'],
  severity: ScorableResult['severity'] = 'medium',
  pillar: ScorableResult['pillar'] = 'encryption',
): ScorableResult {
  return { checkId, status, severity, pillar };
}

describe('weightedScore', () => {
  it('is 100 when every scored check passes and null when nothing is scored', () => {
    expect(
      weightedScore([result('a', 'pass'), result('b', 'pass')], config),
    ).toBe(100);
    expect(weightedScore([], config)).toBeNull();
    expect(weightedScore([result('a', 'not_applicable')], config)).toBeNull();
  });

  it('weights checks by severity', () => {
    // critical (10) fails, low (1) passes: 1 / 11 kept.
    expect(
      weightedScore(
        [result('a', 'fail', 'critical'), result('b', 'pass', 'low')],
        config,
      ),
    ).toBe(9.1);
    // low (1) fails, critical (10) passes: 10 / 11 kept.
    expect(
      weightedScore(
        [result('a', 'pass', 'critical'), result('b', 'fail', 'low')],
        config,
      ),
    ).toBe(90.9);
  });

  it('counts unknown as the configured fraction of a failure', () => {
    const results = [result('a', 'unknown'), result('b', 'pass')];
    expect(weightedScore(results, config)).toBe(75);
    expect(weightedScore(results, { ...config, unknownWeight: 1 })).toBe(50);
    expect(weightedScore(results, { ...config, unknownWeight: 0 })).toBe(100);
  });

  it('counts warn as the configured fraction of a failure', () => {
    expect(weightedScore([result('a', 'warn')], config)).toBe(75);
  });

  it('excludes waived and not_applicable results from the score', () => {
    const base = [result('a', 'pass'), result('b', 'fail')];
    const withExcluded = [
      ...base,
      result('c', 'waived', 'critical'),
      result('d', 'not_applicable', 'critical'),
    ];
    expect(weightedScore(withExcluded, config)).toBe(
      weightedScore(base, config),
    );
    expect(weightedScore(base, config)).toBe(50);
  });

  it('ignores checks whose severity weighs nothing', () => {
    expect(
      weightedScore(
        [result('a', 'fail', 'informational'), result('b', 'pass')],
        config,
      ),
    ).toBe(100);
  });
});

describe('gradeForScore', () => {
  it('maps scores to grades by the thresholds', () => {
    expect(gradeForScore(100, config)).toBe('A');
    expect(gradeForScore(90, config)).toBe('A');
    expect(gradeForScore(89.9, config)).toBe('B');
    expect(gradeForScore(70, config)).toBe('C');
    expect(gradeForScore(50, config)).toBe('E');
    expect(gradeForScore(49.9, config)).toBe('F');
    expect(gradeForScore(null, config)).toBeNull();
  });
});

describe('scoreResults', () => {
  it('caps the grade while a critical check fails', () => {
    // 1 critical failure among many passing checks still scores high.
    const results = [
      result('crit', 'fail', 'critical'),
      ...Array.from({ length: 40 }, (_, i) =>
        result(`ok-${i}`, 'pass', 'high'),
      ),
    ];
    const score = scoreResults(results, config);
    expect(score.score).toBeGreaterThanOrEqual(95);
    expect(score.grade).toBe('D');
    expect(score.cappedBy).toBe('critical check crit fails');
  });

  it('caps at the high cap while a high check fails, and not at all once waived', () => {
    const results = [
      result('high', 'fail', 'high'),
      ...Array.from({ length: 40 }, (_, i) =>
        result(`ok-${i}`, 'pass', 'high'),
      ),
    ];
    expect(scoreResults(results, config).grade).toBe('B');
    const waived = results.map(r =>
      r.checkId === 'high' ? { ...r, status: 'waived' as const } : r,
    );
    const score = scoreResults(waived, config);
    expect(score.grade).toBe('A');
    expect(score.cappedBy).toBeUndefined();
    expect(score.counts.waived).toBe(1);
  });

  it('does not mention a cap that does not lower the grade', () => {
    const score = scoreResults(
      [result('crit', 'fail', 'critical'), result('b', 'pass', 'low')],
      config,
    );
    expect(score.grade).toBe('F');
    expect(score.cappedBy).toBeUndefined();
  });

  it('scores each pillar apart and shows unknown counts apart', () => {
    const score = scoreResults(
      [
        result('e1', 'pass', 'high', 'encryption'),
        result('n1', 'fail', 'medium', 'network'),
        result('i1', 'unknown', 'medium', 'iam'),
      ],
      config,
    );
    const byPillar = Object.fromEntries(score.pillars.map(p => [p.pillar, p]));
    expect(byPillar.encryption.score).toBe(100);
    expect(byPillar.network.score).toBe(0);
    expect(byPillar.network.grade).toBe('F');
    expect(byPillar.iam.score).toBe(50);
    expect(byPillar.iam.counts.unknown).toBe(1);
    expect(byPillar.monitoring.score).toBeNull();
    expect(byPillar.resilience).toBeUndefined();
    expect(score.counts).toEqual({
      pass: 1,
      fail: 1,
      warn: 0,
      unknown: 1,
      not_applicable: 0,
      waived: 0,
    });
  });
});

describe('rollupScore', () => {
  it('averages member scores and keeps the caps of member failures', () => {
    const healthy = [result('a', 'pass', 'high')];
    const failing = [
      result('crit', 'fail', 'critical'),
      ...Array.from({ length: 60 }, (_, i) =>
        result(`ok-${i}`, 'pass', 'high'),
      ),
    ];
    const members = [
      { score: scoreResults(healthy, config), results: healthy },
      { score: scoreResults(failing, config), results: failing },
    ];
    const rollup = rollupScore(members, config);
    expect(rollup.score).toBe(
      Math.round(((100 + (members[1].score.score ?? 0)) / 2) * 10) / 10,
    );
    expect(rollup.grade).toBe('D');
    expect(rollup.cappedBy).toBe('critical check crit fails');
    expect(rollup.counts.pass).toBe(61);
  });

  it('ignores members without a score and is null when none has one', () => {
    const none = [result('x', 'not_applicable')];
    const some = [result('a', 'fail', 'low'), result('b', 'pass', 'low')];
    expect(
      rollupScore(
        [
          { score: scoreResults(none, config), results: none },
          { score: scoreResults(some, config), results: some },
        ],
        config,
      ).score,
    ).toBe(50);
    expect(
      rollupScore(
        [{ score: scoreResults(none, config), results: none }],
        config,
      ).score,
    ).toBeNull();
  });
});

describe('readScoringConfig', () => {
  const read = (scoring: object) =>
    readScoringConfig(new ConfigReader({ sagemakerSecurity: { scoring } }));

  it('uses the defaults without config', () => {
    expect(readScoringConfig(new ConfigReader({}))).toEqual(
      DEFAULT_SCORING_CONFIG,
    );
  });

  it('merges configured values over the defaults', () => {
    const scoring: ScoringConfig = read({
      severityWeights: { critical: 20 },
      gradeThresholds: { A: 95 },
      unknownWeight: 1,
      criticalFailureCap: 'F',
    });
    expect(scoring.severityWeights.critical).toBe(20);
    expect(scoring.severityWeights.high).toBe(5);
    expect(scoring.gradeThresholds).toEqual({
      A: 95,
      B: 80,
      C: 70,
      D: 60,
      E: 50,
    });
    expect(scoring.unknownWeight).toBe(1);
    expect(scoring.criticalFailureCap).toBe('F');
  });

  it('names the key of a value out of range', () => {
    expect(() => read({ unknownWeight: 1.5 })).toThrow(
      'sagemakerSecurity.scoring.unknownWeight must be a number from 0 to 1, got 1.5',
    );
    expect(() => read({ severityWeights: { high: -1 } })).toThrow(
      'sagemakerSecurity.scoring.severityWeights.high',
    );
    expect(() => read({ gradeThresholds: { A: 120 } })).toThrow(
      'sagemakerSecurity.scoring.gradeThresholds.A',
    );
  });

  it('rejects thresholds out of order, naming both keys', () => {
    expect(() => read({ gradeThresholds: { B: 92 } })).toThrow(
      'sagemakerSecurity.scoring.gradeThresholds.B (92) must not be above sagemakerSecurity.scoring.gradeThresholds.A (90)',
    );
  });

  it('rejects an unknown grade as a cap and all-zero weights', () => {
    expect(() => read({ highFailureCap: 'G' })).toThrow(
      'sagemakerSecurity.scoring.highFailureCap must be one of A, B, C, D, E, F, got "G"',
    );
    expect(() =>
      read({
        severityWeights: {
          critical: 0,
          high: 0,
          medium: 0,
          low: 0,
          informational: 0,
        },
      }),
    ).toThrow('sagemakerSecurity.scoring.severityWeights');
  });

  it('reports a wrongly typed value with its key', () => {
    expect(() => read({ unknownWeight: 'half' })).toThrow(/unknownWeight/);
  });
});

describe('worstFindings', () => {
  const finding = (
    checkId: string,
    status: Finding['result']['status'],
    severity: Finding['result']['severity'],
    since = '2026-01-01T00:00:00.000Z',
  ): Finding => ({
    check: { id: checkId, title: checkId, pillar: 'iam', severity },
    result: {
      checkId,
      resourceArn: 'arn:aws:sagemaker:eu-west-1:111111111111:endpoint/x',
      resourceType: 'endpoint',
      resourceName: 'x',
      accountId: '111111111111',
      region: 'eu-west-1',
      pillar: 'iam',
      severity,
      status,
      evaluatedStatus: status === 'waived' ? 'fail' : status,
      message: '',
      evidence: [],
      since,
      evaluatedAt: since,
    },
  });

  it('orders failures before unknowns and warnings, then by severity and age', () => {
    const ordered = worstFindings(
      [
        finding('warn-critical', 'warn', 'critical'),
        finding('fail-low', 'fail', 'low'),
        finding('unknown-high', 'unknown', 'high'),
        finding('fail-high-new', 'fail', 'high', '2026-02-01T00:00:00.000Z'),
        finding('fail-high-old', 'fail', 'high', '2025-12-01T00:00:00.000Z'),
        finding('pass', 'pass', 'critical'),
        finding('waived', 'waived', 'critical'),
      ],
      10,
    ).map(f => f.check.id);
    expect(ordered).toEqual([
      'fail-high-old',
      'fail-high-new',
      'fail-low',
      'unknown-high',
      'warn-critical',
    ]);
  });
});

describe('capResults', () => {
  const scorable = fc.record({
    checkId: fc.constantFrom('a', 'b', 'c', 'd'),
    status: fc.constantFrom(
      'pass',
      'fail',
      'warn',
      'unknown',
      'not_applicable',
      'waived',
    ) as fc.Arbitrary<ScorableResult['status']>,
    severity: fc.constantFrom(
      'critical',
      'high',
      'medium',
      'low',
      'informational',
    ) as fc.Arbitrary<ScorableResult['severity']>,
    pillar: fc.constantFrom(
      'encryption',
      'network',
      'iam',
      'monitoring',
      'resilience',
    ) as fc.Arbitrary<ScorableResult['pillar']>,
  });

  it('gives a rollup the same score as all the results (stored rollups rely on it)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(scorable, { maxLength: 12 }), { maxLength: 5 }),
        entities => {
          const members = entities.map(results => ({
            score: scoreResults(results, config),
            results,
          }));
          const stored = members.map(m => ({
            score: m.score,
            results: capResults(m.results),
          }));
          expect(rollupScore(stored, config)).toEqual(
            rollupScore(members, config),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps only the first failing critical and high result of each pillar, in order', () => {
    const results = [
      result('p', 'pass', 'critical'),
      result('h1', 'fail', 'high'),
      result('c1', 'fail', 'critical', 'network'),
      result('h2', 'fail', 'high'),
      result('c2', 'fail', 'critical', 'network'),
      result('m', 'fail', 'medium'),
    ];
    expect(capResults(results).map(r => r.checkId)).toEqual(['h1', 'c1']);
  });
});
