/**
 * A small run of `yarn bench` (bench/), so the benchmark cannot rot: every
 * figure is computed and printed next to its goal, and a figure past its
 * goal is reported as a miss (which makes `yarn bench` exit non-zero).
 * The benchmark itself is a measurement, not a test: it is not run here.
 */
import { runBenchmark, BenchResult } from '../bench/benchmark';
import { sliceSize } from '../bench/estate/generateEstate';
import { defaultOptions } from '../bench/options';
import { figureRows, renderReport } from '../bench/report';

jest.setTimeout(120_000);

const FIGURES = [
  'wall',
  'calls',
  'rescan',
  'rss',
  'throughput',
  'rollup-team-sqlite',
  'rollup-team-pg',
  'rollup-org-sqlite',
  'rollup-org-pg',
  'storage',
];

describe('yarn bench, smoke run', () => {
  const options = defaultOptions();
  options.estate = sliceSize(options.estate, 500);
  // Fast AWS (x50) with a small burst, so even this tiny estate has a floor.
  options.scale = 50;
  options.aws = { ...options.aws, burstSeconds: 0.01 };
  options.naiveSlice = 2;
  options.storageScans = 3;
  // A generous time budget: the suite shares the machine with other test workers.
  options.rollup = { entities: 20, teams: 2, requests: 5, budgetSeconds: 30 };
  options.verbose = false;
  let result: BenchResult;

  beforeAll(async () => {
    result = await runBenchmark(options);
  });

  it('computes every figure and prints it with its goal', () => {
    const rows = figureRows(result);
    expect(rows.map(r => r.id)).toEqual(FIGURES);
    const { text } = renderReport(result);
    for (const row of rows) {
      expect(text).toContain(row.label);
      expect(text).toContain(row.goal);
      expect(text).toContain(row.text);
    }
    // Without PostgreSQL its figures are not measured, which counts as a miss.
    const unmeasured = options.postgres
      ? []
      : ['rollup-team-pg', 'rollup-org-pg'];
    const measured = rows.filter(r => !unmeasured.includes(r.id));
    expect(measured.map(r => r.value)).toEqual(
      measured.map(() => expect.any(Number)),
    );
    expect(measured.filter(r => !(Number(r.value) > 0))).toEqual([]);
    expect(
      rows.filter(r => unmeasured.includes(r.id)).map(r => [r.text, r.pass]),
    ).toEqual(unmeasured.map(() => ['not measured', false]));
    expect(result.ours.full.status).toBe('succeeded');
    expect(result.rest!.naive.full.requests).toBeGreaterThan(
      result.rest!.oursSlice.full.requests,
    );
  });

  it('reports a figure past its goal as a miss', () => {
    const at = (wallSeconds: number): BenchResult => ({
      ...result,
      ours: { ...result.ours, full: { ...result.ours.full, wallSeconds } },
    });
    const floor = result.full.floor.seconds;
    const missed = renderReport(at(floor * 1.3));
    expect(missed.misses.map(m => m.id)).toContain('wall');
    expect(missed.text).toMatch(/full scan wall time.*MISS/);
    expect(renderReport(at(floor * 1.1)).misses.map(m => m.id)).not.toContain(
      'wall',
    );
  });
});
