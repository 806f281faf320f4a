/**
 * `yarn bench --only api`: only the rollup latency figures. Each database
 * (SQLite, and PostgreSQL when its connection string is set) gets an API
 * process that collects the full estate from the simulated AWS without
 * rate limits, evaluates it and rescores every entity (as after a scan),
 * then serves the rollup routes while they are timed, one database after
 * the other — the same step 3 as the full run, without the throttled scan
 * (minutes of waiting on rate limits), the throughput figure and the naive
 * baseline.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateEstate } from './estate/generateEstate';
import { latencyRow, FigureRow, fixed, n } from './figures';
import { startApiSide } from './measure/apiSide';
import { createPostgresDatabase } from './measure/postgres';
import type { RollupFigures } from './measure/scorecards';
import type { BenchOptions } from './options';
import { latencyDetail } from './report';
import type { EvaluationFigure } from './scanner/ourScanner';
import { killAll } from './scanner/ScannerProcess';

export interface ApiBenchResult {
  options: BenchOptions;
  machine: { cpus: number; cpuModel: string; loadAverage: number[] };
  /** Load average when the timing ended (the machine may be shared). */
  loadAverageAtEnd: number[];
  evaluation: { sqlite: EvaluationFigure; postgres?: EvaluationFigure };
  rollups: {
    sqlite: RollupFigures;
    postgres: RollupFigures | { notMeasured: string };
  };
  seconds: number;
}

export async function runApiBenchmark(
  options: BenchOptions,
  progress: (message: string) => void = () => {},
): Promise<ApiBenchResult> {
  const started = performance.now();
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'mlsec-bench-api-'));
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAverage: os.loadavg(),
  };
  const catalog = {
    entities: options.rollup.entities,
    teams: options.rollup.teams,
  };
  let dropPostgres: (() => Promise<void>) | undefined;
  try {
    progress('generating the estate');
    const estate = generateEstate(options.estate, Date.now());
    progress('collecting and evaluating (SQLite and PostgreSQL at once)');
    const sqliteApi = startApiSide({
      name: 'SQLite',
      database: { sqlite: path.join(dir, 'api.sqlite') },
      estate,
      collect: true,
      catalog,
      rollup: options.rollup,
    });
    sqliteApi.ready.catch(() => undefined);
    let postgresApi: ReturnType<typeof startApiSide> | undefined;
    if (options.postgres) {
      const pg = await createPostgresDatabase(options.postgres);
      dropPostgres = pg.drop;
      postgresApi = startApiSide({
        name: 'PostgreSQL',
        database: { postgres: pg.url },
        estate,
        collect: true,
        catalog,
        rollup: options.rollup,
      });
    }
    const [sqliteEvaluation, postgresEvaluation] = await Promise.all([
      sqliteApi.ready,
      postgresApi?.ready,
    ]);
    const sqlite = await sqliteApi.measure(progress);
    const postgres = postgresApi
      ? await postgresApi.measure(progress)
      : {
          notMeasured:
            'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
        };
    return {
      options,
      machine,
      loadAverageAtEnd: os.loadavg(),
      evaluation: { sqlite: sqliteEvaluation, postgres: postgresEvaluation },
      rollups: { sqlite, postgres },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    killAll();
    await dropPostgres?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The four rollup figures next to their goal, then the numbers behind them. */
export function renderApiReport(result: ApiBenchResult): {
  text: string;
  misses: FigureRow[];
} {
  const { sqlite, postgres } = result.rollups;
  const pg = 'notMeasured' in postgres ? undefined : postgres;
  const pgReason = 'notMeasured' in postgres ? postgres.notMeasured : undefined;
  const rows = [
    latencyRow(
      'rollup-team-sqlite',
      'team rollup p95 (GET /rollups/entity), SQLite',
      sqlite.team,
    ),
    latencyRow(
      'rollup-team-pg',
      'team rollup p95 (GET /rollups/entity), PostgreSQL',
      pg?.team,
      pgReason,
    ),
    latencyRow(
      'rollup-org-sqlite',
      'org rollup page p95 (GET /rollups/org), SQLite',
      sqlite.org,
    ),
    latencyRow(
      'rollup-org-pg',
      'org rollup page p95 (GET /rollups/org), PostgreSQL',
      pg?.org,
      pgReason,
    ),
  ];
  const width = Math.max(...rows.map(r => r.label.length));
  const load = (l: number[]) => l.map(x => fixed(x, 2)).join(' ');
  const { machine, options } = result;
  const misses = rows.filter(r => !r.pass);
  const lines = [
    'SageMaker security benchmark, rollup latency only (yarn bench --only api)',
    `machine: ${machine.cpus} CPUs (${
      machine.cpuModel
    }), load average at start ${load(machine.loadAverage)}, at end ${load(
      result.loadAverageAtEnd,
    )}`,
    `catalog ${n(options.rollup.entities)} entities, ${n(
      options.rollup.teams,
    )} teams; ${n(options.estate.trainingJobs)} training jobs`,
    '',
    ...rows.map(
      r =>
        `${r.label.padEnd(width)}  ${r.text.padStart(10)}  ${r.goal}  ${
          r.pass ? 'ok' : 'MISS'
        }${r.note ? `  (${r.note})` : ''}`,
    ),
    '',
    ...(['sqlite', 'postgres'] as const).flatMap(db => {
      const e = result.evaluation[db];
      return e
        ? [
            `evaluation (${db}): ${fixed(e.seconds, 1)} s for ${n(
              e.resources,
            )} resources`,
          ]
        : [];
    }),
    latencyDetail('SQLite', sqlite),
    pg
      ? latencyDetail('PostgreSQL', pg)
      : `PostgreSQL: not measured (${pgReason})`,
    `benchmark ran ${fixed(result.seconds / 60, 1)} min`,
    '',
    misses.length
      ? `${misses.length} of ${rows.length} figures MISS their goal: ${misses
          .map(m => m.id)
          .join(', ')}`
      : `all ${rows.length} figures meet their goals`,
  ];
  return { text: lines.join('\n'), misses };
}
