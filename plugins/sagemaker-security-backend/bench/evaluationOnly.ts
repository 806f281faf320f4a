/**
 * `yarn bench --only evaluation`: the evaluation figures alone. The default
 * estate is scanned (unthrottled: `--scale 500`, the figures do not depend
 * on the scan's rates) into a SQLite file unless `--db FILE` names one a
 * previous run left; then each database evaluates it from scratch (end to
 * end: checks, results, history, fingerprints) and once more after a scan
 * with no changes (see measure/evaluation.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateEstate } from './estate/generateEstate';
import { fixed, n } from './figures';
import {
  EvaluationFigures,
  EvaluationRun,
  measureEvaluation,
} from './measure/evaluation';
import { measureScans } from './measure/scanSide';
import { BenchOptions, REAL_AWS, scaledAws } from './options';

/** Goals of issue 17. */
export const END_TO_END_GOAL = 5_000;
export const NO_CHANGE_GOAL_SECONDS = 5;

interface Row {
  label: string;
  text: string;
  goal: string;
  pass: boolean;
}

const rate = (run: EvaluationRun) => run.resources / run.seconds;

function rows(figures: {
  sqlite: EvaluationFigures;
  postgres?: EvaluationFigures;
}): Row[] {
  const out: Row[] = [];
  for (const db of ['sqlite', 'postgres'] as const) {
    const name = db === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const f = figures[db];
    out.push({
      label: `end-to-end evaluation (checks + storage), ${name}`,
      text: f ? `${n(Math.round(rate(f.full)))}/s` : 'not measured',
      goal: `>= ${n(END_TO_END_GOAL)} resources/s`,
      pass: Boolean(f && rate(f.full) >= END_TO_END_GOAL),
    });
  }
  for (const db of ['sqlite', 'postgres'] as const) {
    const name = db === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const f = figures[db];
    // Rows of results, history and inputs, and any statement writing them.
    const written = f ? f.noChange.rowsWritten + f.noChange.writeStatements : 0;
    out.push({
      label: `evaluation after a no-change scan, ${name}`,
      text: f
        ? `${fixed(f.noChange.seconds, 2)} s, ${n(written)} rows`
        : 'not measured',
      goal: `<= ${NO_CHANGE_GOAL_SECONDS} s at ${n(
        f?.noChange.resources ?? 54_500,
      )} resources, 0 rows written`,
      pass: Boolean(
        f && f.noChange.seconds <= NO_CHANGE_GOAL_SECONDS && written === 0,
      ),
    });
  }
  return out;
}

function detail(f: EvaluationFigures): string[] {
  const line = (what: string, run: EvaluationRun) =>
    `${f.database} ${what}: ${fixed(run.seconds, 2)} s (${fixed(
      run.cpuSeconds,
      2,
    )} CPU s of this process, ${n(
      Math.round(run.resources / run.cpuSeconds),
    )} resources per CPU second), ${n(run.resources)} resources (${n(
      run.evaluated,
    )} evaluated), ${n(run.results)} results, ${n(
      run.rowsWritten,
    )} rows of results, history and inputs written in ${n(
      run.writeStatements,
    )} statements; ${n(
      run.targetRowsWritten,
    )} evaluation times of an account and region written`;
  return [
    line('full evaluation', f.full),
    line('no-change evaluation', f.noChange),
  ];
}

export async function runEvaluationBenchmark(
  options: BenchOptions,
  progress: (message: string) => void,
): Promise<{ text: string; misses: number }> {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'mlsec-bench-evaluation-'));
  const loadAtStart = os.loadavg();
  try {
    let inventoryFile = options.inventoryFile;
    if (!inventoryFile || !fs.existsSync(inventoryFile)) {
      inventoryFile = inventoryFile ?? path.join(dir, 'inventory.sqlite');
      progress(`scanning the estate into ${inventoryFile} (unthrottled)`);
      const estate = generateEstate(options.estate, Date.now());
      await measureScans({
        kind: 'ours',
        estate,
        trainingJobs: options.estate.trainingJobs,
        profile: scaledAws(REAL_AWS, 500),
        dbFile: inventoryFile,
        storageScans: 0,
        rescanLimited: false,
        catalog: { entities: 0, teams: 0 },
        floorBucket: '',
        progress,
      });
    }
    const figures = await measureEvaluation({
      inventoryFile,
      workDir: dir,
      postgres: options.postgres,
      progress,
    });
    const table = rows(figures);
    const width = Math.max(...table.map(r => r.label.length));
    const load = (l: number[]) => l.map(x => fixed(x, 2)).join(' ');
    const misses = table.filter(r => !r.pass).length;
    const text = [
      'SageMaker security benchmark, evaluation figures only (yarn bench --only evaluation)',
      `machine: ${os.cpus().length} CPUs, load average at start ${load(
        loadAtStart,
      )}, at end ${load(os.loadavg())}`,
      '',
      ...table.map(
        r =>
          `${r.label.padEnd(width)}  ${r.text.padStart(16)}  ${r.goal}  ${
            r.pass ? 'ok' : 'MISS'
          }`,
      ),
      '',
      ...detail(figures.sqlite),
      ...(figures.postgres
        ? detail(figures.postgres)
        : [
            'PostgreSQL: not measured (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set)',
          ]),
      '',
      misses
        ? `${misses} of ${table.length} evaluation figures MISS their goal`
        : `all ${table.length} evaluation figures meet their goals`,
    ].join('\n');
    return { text, misses };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
