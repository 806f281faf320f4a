/**
 * A small run of `yarn bench` (bench/), so the benchmark cannot rot: every
 * figure is computed and printed next to its goal, and a figure past its
 * goal is reported as a miss (which makes `yarn bench` exit non-zero).
 * The benchmark itself is a measurement, not a test: it is not run here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runBenchmark, BenchResult } from '../bench/benchmark';
import { drive, DriveFigures } from '../bench/load/drive';
import { loadRows } from '../bench/loadReport';
import type { LoadResult } from '../bench/measure/load';
import { sliceSize } from '../bench/estate/generateEstate';
import { defaultOptions } from '../bench/options';
import { figureRows, renderReport } from '../bench/report';

jest.setTimeout(120_000);

const FIGURES = [
  'wall',
  'wall-best',
  'calls',
  'calls-500k',
  'rescan',
  'rescan-facts',
  'rss',
  'throughput',
  'rollup-team-sqlite',
  'rollup-team-pg',
  'rollup-org-sqlite',
  'rollup-org-pg',
  'evaluation-sqlite',
  'evaluation-postgres',
  'evaluation-no-change-sqlite',
  'evaluation-no-change-postgres',
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
      : [
          'rollup-team-pg',
          'rollup-org-pg',
          'evaluation-postgres',
          'evaluation-no-change-postgres',
        ];
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
    // The fact-heavy estate is scanned in full and rescanned.
    expect(result.factHeavy.ours.full.status).toBe('succeeded');
    // Bulk reads: fewer calls than one per resource, never fewer than the
    // best strategy's minimum.
    expect(result.factHeavy.ours.full.requests).toBeGreaterThanOrEqual(
      result.factHeavy.estate.best.minimumCalls,
    );
    expect(result.factHeavy.estate.best.minimumCalls).toBeLessThan(
      result.factHeavy.estate.minimumCalls,
    );
    expect(result.factHeavy.ours.rescan.requests).toBeLessThan(
      result.factHeavy.ours.full.requests,
    );
    // Below 500,000 jobs the calls goal is not judged: a miss, with its reason.
    const calls = rows.find(r => r.id === 'calls-500k')!;
    expect(calls).toMatchObject({
      pass: false,
      value: result.ours.full.requests,
    });
    expect(calls.note).toContain('--jobs 500000');
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

/**
 * The load figure's driver and rows, against a small local server instead of
 * the production build (which `yarn bench --only load` builds; too slow for
 * a test): answers are attributed to their route with their body size, and a
 * single non-2xx answer fails the throughput figure.
 */
describe('yarn bench --only load, driver smoke run', () => {
  let server: http.Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const failing = req.url?.includes('fail=1');
      const big = req.url?.startsWith('/big');
      res.writeHead(failing ? 500 : 200, {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify({ pad: 'x'.repeat(big ? 5_000 : 10) }));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const address = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await new Promise(r => server.close(r));
  });

  const settings = () => ({ ...defaultOptions().load, connections: 4 });
  const figuresOf = (driven: DriveFigures): LoadResult => ({
    database: 'sqlite',
    services: 1,
    orgPages: 1,
    drive: driven,
    rss: { beforeBytes: 100e6, peakBytes: 150e6, afterBytes: 120e6 },
    loadAverage: { before: [0, 0, 0], after: [0, 0, 0] },
    startSeconds: 1,
    logFile: 'backend.log',
    exitLagSeconds: 3,
  });

  it('times every answer per route, with body sizes', async () => {
    const figures = await drive({
      baseUrl,
      token: 't',
      connections: 4,
      seconds: 3,
      requests: [
        { route: 'big', path: '/big' },
        { route: 'small', path: '/small' },
      ],
    });
    expect(figures.non2xx).toBe(0);
    expect(figures.routes.map(r => r.route).sort()).toEqual(['big', 'small']);
    const big = figures.routes.find(r => r.route === 'big')!;
    const small = figures.routes.find(r => r.route === 'small')!;
    expect(big.maxBodyBytes).toBeGreaterThan(5_000);
    expect(small.maxBodyBytes).toBeLessThan(100);
    expect(big.requests + small.requests).toBe(figures.requests);
    expect(Math.abs(big.requests - small.requests)).toBeLessThanOrEqual(4);
    expect(big.p95Ms).toBeGreaterThan(0);
    const rows = loadRows([figuresOf(figures)], {
      ...settings(),
      connections: 50,
    });
    // Growth 50 MB is within the goal; the rest depends on this machine.
    expect(rows.find(r => r.id === 'load-rss-sqlite')!.pass).toBe(true);
  });

  it('fails the throughput figure on a single non-2xx answer', async () => {
    const figures = await drive({
      baseUrl,
      token: 't',
      connections: 2,
      seconds: 1,
      requests: [
        { route: 'ok', path: '/ok' },
        { route: 'failing', path: '/x?fail=1' },
      ],
    });
    expect(figures.non2xx).toBeGreaterThan(0);
    expect(figures.routes.find(r => r.route === 'failing')!.non2xx).toBe(
      figures.routes.find(r => r.route === 'failing')!.requests,
    );
    // Pretend the rate met the goal: the non-2xx answers alone fail it.
    const result = figuresOf({ ...figures, requestsPerSecond: 10_000 });
    const rows = loadRows([result], { ...settings(), connections: 50 });
    const rps = rows.find(r => r.id === 'load-rps-sqlite')!;
    expect(rps.pass).toBe(false);
    expect(rps.text).toContain('non-2xx');
  });

  it('counts a database it could not measure as a miss', () => {
    const rows = loadRows(
      [{ database: 'postgres', notMeasured: 'no connection string' }],
      settings(),
    );
    expect(rows).toHaveLength(4);
    expect(rows.every(r => !r.pass && r.value === undefined)).toBe(true);
  });
});
