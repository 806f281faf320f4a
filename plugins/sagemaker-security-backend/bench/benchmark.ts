/**
 * One benchmark run: generates the estate, runs the real collector, check
 * engine, stores and REST API against the simulated AWS, runs the naive
 * baseline against the same simulated AWS, and returns every figure.
 *
 *  1. our scanner process: full scan and rescan at AWS's (scaled) rates;
 *  2. check throughput over what it stored;
 *  3. at once: a SQLite API process evaluating that inventory, and a
 *     PostgreSQL API process collecting the estate into PostgreSQL
 *     (unthrottled) and evaluating it; then each serves the rollup routes,
 *     timed one database after the other;
 *  4. the naive baseline and our scanner on a 1/K estate, ours with 24
 *     scans for the storage figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { DatabaseInventoryStore } from '../src/inventory';
import { generateEstate, sliceSize } from './estate/generateEstate';
import { startApiSide } from './measure/apiSide';
import {
  measureCheckThroughput,
  ThroughputFigure,
} from './measure/checkThroughput';
import { createPostgresDatabase } from './measure/postgres';
import { measureScans, ScanFigures, targetsOf } from './measure/scanSide';
import type { RollupFigures } from './measure/scorecards';
import { EvaluationFigures, measureEvaluation } from './measure/evaluation';
import { minimumCalls, rateLimitFloor } from './model/minimumCalls';
import {
  BenchOptions,
  EstateSize,
  FACT_HEAVY_ESTATE,
  scaledAws,
} from './options';
import type { EvaluationFigure } from './scanner/ourScanner';
import { scannerConfig } from './scanner/ourScanner';
import { killAll } from './scanner/ScannerProcess';
import { databaseOf, sqliteFile } from './scanner/sqlite';

/** The collector's look-back for jobs (its default); the estate's jobs are all inside it. */
const JOB_LOOKBACK_DAYS = 30;

export interface EstateFigures {
  size: EstateSize;
  /** One call per resource (List, Describe, ListTags; per-role IAM). */
  minimumCalls: number;
  minimumByAction: Record<string, number>;
  floor: ReturnType<typeof rateLimitFloor>;
  /** The best read strategy available (bulk reads where cheaper; model/minimumCalls.ts). */
  best: {
    minimumCalls: number;
    minimumByAction: Record<string, number>;
    floor: ReturnType<typeof rateLimitFloor>;
  };
}

export interface BenchResult {
  options: BenchOptions;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
    node: string;
    loadAverage: number[];
  };
  collectorConfig: ReturnType<typeof scannerConfig>;
  full: EstateFigures;
  ours: ScanFigures;
  /** The fact-heavy estate's full scan and no-change rescan (issue 17). */
  factHeavy: { estate: EstateFigures; ours: ScanFigures };
  /** Everything after the scan figures; absent with `scanOnly`. */
  rest?: {
    slice: EstateFigures;
    oursSlice: ScanFigures;
    naive: ScanFigures;
    throughput: ThroughputFigure;
    evaluation: {
      sqlite: EvaluationFigure;
      postgres?: EvaluationFigure;
    };
    /** End to end, then after a no-change scan, on a copy of the inventory. */
    evaluationRuns: { sqlite: EvaluationFigures; postgres?: EvaluationFigures };
    rollups: {
      sqlite: RollupFigures;
      postgres: RollupFigures | { notMeasured: string };
    };
  };
  seconds: number;
}

function estateFigures(size: EstateSize, options: BenchOptions, now: number) {
  const estate = generateEstate(size, now);
  const minimum = minimumCalls(estate, {
    jobLookbackDays: JOB_LOOKBACK_DAYS,
    now,
  });
  const best = minimumCalls(estate, {
    jobLookbackDays: JOB_LOOKBACK_DAYS,
    now,
    strategy: 'best',
  });
  const profile = scaledAws(options.aws, options.scale);
  const figures: EstateFigures = {
    size,
    minimumCalls: minimum.total,
    minimumByAction: minimum.byAction,
    floor: rateLimitFloor(minimum, profile),
    best: {
      minimumCalls: best.total,
      minimumByAction: best.byAction,
      floor: rateLimitFloor(best, profile),
    },
  };
  return { estate, figures };
}

/** Files of SQLite go to memory when the system has it: as the plugin's default in-memory SQLite. */
function scratchDirectory(): string {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, 'mlsec-bench-'));
}

export async function runBenchmark(
  options: BenchOptions,
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  const started = performance.now();
  const now = Date.now();
  const profile = scaledAws(options.aws, options.scale);
  const dir = scratchDirectory();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    node: process.version,
    loadAverage: os.loadavg(),
  };
  const catalog = {
    entities: options.rollup.entities,
    teams: options.rollup.teams,
  };
  let dropPostgres: (() => Promise<void>) | undefined;
  try {
    progress('generating the estate');
    const full = estateFigures(options.estate, options, now);
    const dbFile = path.join(dir, 'ours.sqlite');

    // 1. The scan figures, alone on the machine.
    const ours = await measureScans({
      kind: 'ours',
      estate: full.estate,
      trainingJobs: options.estate.trainingJobs,
      profile,
      dbFile,
      storageScans: 0,
      rescanLimited: true,
      catalog,
      floorBucket: full.figures.best.floor.bucket,
      progress,
    });

    // 1b. The fact-heavy estate: few resources, many related facts.
    const factHeavy = estateFigures(FACT_HEAVY_ESTATE, options, now);
    const factHeavyOurs = await measureScans({
      kind: 'ours',
      estate: factHeavy.estate,
      trainingJobs: FACT_HEAVY_ESTATE.trainingJobs,
      profile,
      dbFile: path.join(dir, 'fact-heavy.sqlite'),
      storageScans: 0,
      rescanLimited: true,
      catalog: { entities: 0, teams: 0 },
      floorBucket: factHeavy.figures.best.floor.bucket,
      progress: message => progress(`fact-heavy estate: ${message}`),
    });
    const head = {
      options,
      machine,
      collectorConfig: scannerConfig(targetsOf(full.estate)),
      full: full.figures,
      ours,
      factHeavy: { estate: factHeavy.figures, ours: factHeavyOurs },
    };
    if (options.scanOnly) {
      return { ...head, seconds: (performance.now() - started) / 1000 };
    }

    // 2. Check throughput on what was collected (CPU time: not disturbed by step 3).
    progress('check evaluation throughput');
    const knex = sqliteFile(dbFile);
    const throughput = await measureCheckThroughput(
      await DatabaseInventoryStore.create({ database: databaseOf(knex) }),
      defaultChecks,
      targetsOf(full.estate).accounts.flatMap(a =>
        a.regions.map(region => ({ accountId: a.accountId, region })),
      ),
    );
    await knex.destroy();

    // 2b. Evaluation end to end and after a no-change scan, both databases
    // (on copies of the inventory; step 3 evaluates it again for the rollups).
    progress('evaluation figures (end to end, after a no-change scan)');
    const evaluationRuns = await measureEvaluation({
      inventoryFile: dbFile,
      workDir: dir,
      postgres: options.postgres,
      progress,
    });

    // 3. Evaluation on both databases at once, then rollup latency one at a time.
    progress(
      'evaluating the checks (SQLite; PostgreSQL: collecting, then evaluating)',
    );
    const sqliteApi = startApiSide({
      name: 'SQLite',
      database: { sqlite: dbFile },
      estate: full.estate,
      collect: false,
      catalog,
      rollup: options.rollup,
    });
    // Awaited below; a failure meanwhile must not crash the run unhandled.
    sqliteApi.ready.catch(() => undefined);
    let postgresApi: ReturnType<typeof startApiSide> | undefined;
    if (options.postgres) {
      const pg = await createPostgresDatabase(options.postgres);
      dropPostgres = pg.drop;
      postgresApi = startApiSide({
        name: 'PostgreSQL',
        database: { postgres: pg.url },
        estate: full.estate,
        collect: true,
        catalog,
        rollup: options.rollup,
      });
    }
    const [sqliteEvaluation, postgresEvaluation] = await Promise.all([
      sqliteApi.ready,
      postgresApi?.ready,
    ]);
    const sqliteRollups = await sqliteApi.measure(progress);
    const postgresRollups = postgresApi
      ? await postgresApi.measure(progress)
      : {
          notMeasured:
            'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
        };

    // 4. Ours and the naive baseline on the same small estate.
    const sliceSized = sliceSize(options.estate, options.naiveSlice);
    const slice = estateFigures(sliceSized, options, now);
    const sliceCatalog = {
      entities: sliceSized.services,
      teams: Math.max(1, Math.round(options.rollup.teams / options.naiveSlice)),
    };
    const oursSlice = await measureScans({
      kind: 'ours',
      estate: slice.estate,
      trainingJobs: sliceSized.trainingJobs,
      profile,
      dbFile: path.join(dir, 'ours-slice.sqlite'),
      storageScans: options.storageScans,
      rescanLimited: true,
      catalog: sliceCatalog,
      floorBucket: slice.figures.best.floor.bucket,
      progress,
    });
    const naive = await measureScans({
      kind: 'naive',
      estate: slice.estate,
      trainingJobs: sliceSized.trainingJobs,
      profile,
      dbFile: path.join(dir, 'naive-slice.sqlite'),
      storageScans: options.storageScans,
      rescanLimited: false,
      catalog: sliceCatalog,
      floorBucket: slice.figures.best.floor.bucket,
      progress,
    });

    return {
      ...head,
      rest: {
        slice: slice.figures,
        oursSlice,
        naive,
        throughput,
        evaluation: { sqlite: sqliteEvaluation, postgres: postgresEvaluation },
        evaluationRuns,
        rollups: { sqlite: sqliteRollups, postgres: postgresRollups },
      },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    killAll();
    await dropPostgres?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
