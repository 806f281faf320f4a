/**
 * `yarn bench`: runs the benchmark, prints every figure next to its goal and
 * exits 1 when a figure misses its goal (2 when the run itself failed).
 * `yarn bench --only load` runs the load figure alone, `--only api` the
 * rollup latency figures alone, `--only export` the export memory figure,
 * `--only import` the Prowler import memory figure.
 */
import os from 'node:os';
import path from 'node:path';
import { renderApiReport, runApiBenchmark } from './apiOnly';
import { renderExportReport, runExportBenchmark } from './exportOnly';
import { runBenchmark } from './benchmark';
import { runEvaluationBenchmark } from './evaluationOnly';
import { fixed } from './figures';
import { readdirSync } from 'node:fs';
import { summariseFile } from './load/profileSummary';
import { loadDetails, loadHead, loadRows } from './loadReport';
import { LoadResult, measureLoad } from './measure/load';
import { parseOptions } from './options';
import { renderReport, table } from './report';
import { renderImportReport, runImportBenchmark } from './import/importBench';
import { killAll } from './scanner/ScannerProcess';

const repoRoot = path.resolve(__dirname, '../../..');

/** Summaries of the backends' CPU profiles, over the load window only. */
function profileSummaries(dir: string, results: LoadResult[]): string[] {
  return results.flatMap(r => {
    if ('notMeasured' in r) return [];
    const files = readdirSync(path.join(dir, r.database))
      .filter(f => f.endsWith('.cpuprofile'))
      .sort();
    if (files.length === 0) return [`CPU profile, ${r.database}: none written`];
    const file = path.join(dir, r.database, files[files.length - 1]);
    return [
      `CPU profile of the backend under load, ${r.database} (${file}):`,
      ...summariseFile(file, {
        fromEnd: r.exitLagSeconds + r.drive.seconds,
        toEnd: r.exitLagSeconds,
      }).map(line => `  ${line}`),
    ];
  });
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const progress = (message: string) => {
    if (options.verbose) {
      const s = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
      process.stderr.write(`[bench ${s}s] ${message}\n`);
    }
  };
  if (options.only === 'api') {
    const { text, misses } = renderApiReport(
      await runApiBenchmark(options, progress),
    );
    process.stdout.write(`${text}\n`);
    process.exitCode = misses.length > 0 ? 1 : 0;
    return;
  }
  if (options.only === 'export') {
    const { text, misses } = renderExportReport(
      await runExportBenchmark(options, progress),
    );
    process.stdout.write(`${text}\n`);
    process.exitCode = misses.length > 0 ? 1 : 0;
    return;
  }
  if (options.only === 'import') {
    const { text, misses } = renderImportReport(
      await runImportBenchmark(progress),
    );
    process.stdout.write(`${text}\n`);
    process.exitCode = misses.length > 0 ? 1 : 0;
    return;
  }
  if (options.only === 'evaluation') {
    const { text, misses } = await runEvaluationBenchmark(options, progress);
    process.stdout.write(`${text}\n`);
    process.exitCode = misses > 0 ? 1 : 0;
    return;
  }
  const settings = options.load;
  const out: string[] = [];
  let missed = 0;
  if (!settings.only) {
    const result = await runBenchmark(options, progress);
    const { text, misses } = renderReport(result);
    out.push(text, '');
    missed += misses.length;
  } else {
    out.push(
      'SageMaker security benchmark, load figure only (yarn bench --only load; see docs/benchmarks.md)',
      `machine: ${os.cpus().length} CPUs, ${fixed(
        os.totalmem() / 2 ** 30,
        1,
      )} GiB RAM, Node ${process.version}, load average at start ${os
        .loadavg()
        .map(x => fixed(x, 2))
        .join(' ')}`,
    );
  }
  let results: LoadResult[] = [];
  if (!settings.skip) {
    results = await measureLoad(
      {
        repoRoot,
        connections: settings.connections,
        seconds: settings.seconds,
        databases: settings.databases,
        postgres: options.postgres,
        skipBuild: settings.skipBuild,
        cpuProfileDir:
          settings.cpuProfileDir && path.resolve(settings.cpuProfileDir),
      },
      progress,
    );
  }
  const profiles = settings.cpuProfileDir
    ? profileSummaries(path.resolve(settings.cpuProfileDir), results)
    : [];
  const rows = loadRows(results, settings);
  const misses = rows.filter(r => !r.pass);
  missed += misses.length;
  out.push(
    loadHead(settings),
    '',
    table([
      ['figure', 'ours', 'goal', ''],
      ...rows.map(r => [r.label, r.text, r.goal, r.pass ? 'ok' : 'MISS']),
    ]),
    ...rows.filter(r => r.note).map(r => `${r.label}: ${r.note}`),
    '',
    ...loadDetails(results),
    ...profiles,
    '',
    misses.length
      ? `${misses.length} of ${
          rows.length
        } load figures MISS their goal: ${misses.map(m => m.id).join(', ')}`
      : `all ${rows.length} load figures meet their goals`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  process.exitCode = missed > 0 ? 1 : 0;
}

main().catch(error => {
  process.stderr.write(`The benchmark failed: ${error?.stack ?? error}\n`);
  killAll();
  process.exit(2);
});
