/**
 * `yarn bench --only export`: the memory of a whole-organisation export.
 * Per database, one plugin process collects a synthetic estate from the
 * simulated AWS (unthrottled), evaluates it and rescores every ML service,
 * and exits; a second, fresh process (the default heap, as a backend runs)
 * then serves those stored results and streams GET /export as CSV and as
 * OCSF while its RSS is sampled (bench/measure/exportMemory.ts). Goal
 * (issue 18): at least 100,000 results stream with the RSS growing by less
 * than 50 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimulatedAws } from './aws/SimulatedAws';
import { generateEstate } from './estate/generateEstate';
import { FigureRow, fixed, mib, n } from './figures';
import type { ExportFigure } from './measure/exportMemory';
import { createPostgresDatabase } from './measure/postgres';
import { targetsOf, UNLIMITED } from './measure/scanSide';
import type { BenchOptions } from './options';
import { table } from './report';
import type { DatabaseLocation } from './scanner/child';
import type { EvaluationFigure } from './scanner/ourScanner';
import { killAll, ScannerProcess } from './scanner/ScannerProcess';

export const EXPORT_GOAL = { results: 100_000, rssGrowthBytes: 50 * 2 ** 20 };

type Side =
  | {
      database: string;
      evaluation: EvaluationFigure;
      exports: ExportFigure[];
    }
  | { database: string; notMeasured: string };

export interface ExportBenchResult {
  machine: { cpus: number; loadAverage: number[] };
  loadAverageAtEnd: number[];
  trainingJobs: number;
  sides: Side[];
  seconds: number;
}

async function measureSide(
  name: string,
  database: DatabaseLocation,
  options: BenchOptions,
  estate: ReturnType<typeof generateEstate>,
  progress: (message: string) => void,
): Promise<Side> {
  // Every service of the estate is in the catalog, so every result exports.
  const catalog = {
    entities: options.estate.services,
    teams: options.rollup.teams,
  };
  const init = {
    kind: 'ours' as const,
    database,
    targets: targetsOf(estate),
    catalog,
    api: true,
  };
  progress(`${name}: collecting, evaluating and scoring`);
  const writer = await ScannerProcess.start(
    new SimulatedAws(estate, UNLIMITED),
    init,
    { heapMb: 8192 },
  );
  let evaluation: EvaluationFigure;
  try {
    await writer.send({ t: 'scan' });
    evaluation = (await writer.send({ t: 'evaluate', dailyScores: true }))
      .value as EvaluationFigure;
  } finally {
    await writer.stop();
  }
  progress(`${name}: exporting from a fresh process`);
  const reader = await ScannerProcess.start(
    new SimulatedAws({ name: 'none', accounts: [] }, UNLIMITED),
    init,
  );
  try {
    const reply = await reader.send(
      { t: 'export', formats: ['csv', 'ocsf'] },
      { timeoutMs: 30 * 60_000 },
    );
    return {
      database: name,
      evaluation,
      exports: reply.value as ExportFigure[],
    };
  } finally {
    await reader.stop();
  }
}

export async function runExportBenchmark(
  options: BenchOptions,
  progress: (message: string) => void = () => {},
): Promise<ExportBenchResult> {
  const started = performance.now();
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'mlsec-bench-export-'));
  const machine = { cpus: os.cpus().length, loadAverage: os.loadavg() };
  const sides: Side[] = [];
  let dropPostgres: (() => Promise<void>) | undefined;
  try {
    progress('generating the estate');
    const estate = generateEstate(options.estate, Date.now());
    sides.push(
      await measureSide(
        'SQLite',
        { sqlite: path.join(dir, 'export.sqlite') },
        options,
        estate,
        progress,
      ),
    );
    if (options.postgres) {
      const pg = await createPostgresDatabase(options.postgres);
      dropPostgres = pg.drop;
      sides.push(
        await measureSide(
          'PostgreSQL',
          { postgres: pg.url },
          options,
          estate,
          progress,
        ),
      );
    } else {
      sides.push({
        database: 'PostgreSQL',
        notMeasured:
          'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
      });
    }
    return {
      machine,
      loadAverageAtEnd: os.loadavg(),
      trainingJobs: options.estate.trainingJobs,
      sides,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    killAll();
    await dropPostgres?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One row per database and format: the RSS growth, met only with ≥ 100,000 complete results. */
export function exportRows(result: ExportBenchResult): FigureRow[] {
  return result.sides.flatMap((side): FigureRow[] => {
    if ('notMeasured' in side) {
      return [
        {
          id: `export-${side.database.toLowerCase()}`,
          label: `export RSS growth, ${side.database}`,
          goal: '< 50 MiB at >= 100,000 results',
          value: undefined,
          text: 'not measured',
          pass: false,
          oursSlice: '',
          naive: 'n/a',
          note: side.notMeasured,
        },
      ];
    }
    return side.exports.map(figure => {
      const growth = figure.rssPeakBytes - figure.rssBeforeBytes;
      const ok =
        figure.status === 200 &&
        figure.complete &&
        figure.results >= EXPORT_GOAL.results;
      return {
        id: `export-${figure.format}-${side.database.toLowerCase()}`,
        label: `export RSS growth, ${figure.format.toUpperCase()}, ${
          side.database
        }`,
        goal: '< 50 MiB at >= 100,000 results',
        value: growth,
        text: `${mib(growth)} (${n(figure.results)} results)`,
        pass: ok && growth < EXPORT_GOAL.rssGrowthBytes,
        oursSlice: '',
        naive: 'n/a',
        note: ok
          ? undefined
          : `HTTP ${figure.status}, ${
              figure.complete ? 'complete' : 'broken transfer'
            }, ${n(figure.results)} results`,
      };
    });
  });
}

export function renderExportReport(result: ExportBenchResult): {
  text: string;
  misses: FigureRow[];
} {
  const rows = exportRows(result);
  const misses = rows.filter(r => !r.pass);
  const details = result.sides.flatMap(side =>
    'notMeasured' in side
      ? []
      : [
          `${side.database}: ${n(side.evaluation.resources)} resources, ${n(
            side.evaluation.results,
          )} results evaluated in ${fixed(side.evaluation.seconds, 0)} s`,
          ...side.exports.map(
            f =>
              `  ${f.format}: ${n(f.results)} results, ${mib(
                f.bytes,
              )} in ${fixed(f.seconds, 1)} s; RSS ${mib(
                f.rssBeforeBytes,
              )} before, ${mib(f.rssPeakBytes)} at peak`,
          ),
        ],
  );
  const text = [
    'SageMaker security benchmark, export figure only (yarn bench --only export; see docs/benchmarks.md)',
    `machine: ${result.machine.cpus} CPUs, Node ${
      process.version
    }, load average ${result.machine.loadAverage
      .map(x => fixed(x, 2))
      .join(' ')} at start, ${result.loadAverageAtEnd
      .map(x => fixed(x, 2))
      .join(' ')} at end; estate of ${n(result.trainingJobs)} training jobs`,
    '',
    table([
      ['figure', 'ours', 'goal', ''],
      ...rows.map(r => [r.label, r.text, r.goal, r.pass ? 'ok' : 'MISS']),
    ]),
    ...rows.filter(r => r.note).map(r => `${r.label}: ${r.note}`),
    '',
    ...details,
    '',
    misses.length
      ? `${misses.length} of ${rows.length} export figures MISS their goal`
      : `all ${rows.length} export figures meet their goals`,
  ].join('\n');
  return { text, misses };
}
