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
import { fixed } from './figures';
import { evaluationDetail, evaluationRows } from './evaluationRows';
import { measureEvaluation } from './measure/evaluation';
import { measureScans } from './measure/scanSide';
import { BenchOptions, REAL_AWS, scaledAws } from './options';

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
    const table = evaluationRows(figures, undefined);
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
      ...evaluationDetail(figures.sqlite),
      ...(figures.postgres
        ? evaluationDetail(figures.postgres)
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
