/**
 * `yarn bench`: runs the benchmark, prints every figure next to its goal and
 * exits 1 when a figure misses its goal (2 when the run itself failed).
 */
import { renderApiReport, runApiBenchmark } from './apiOnly';
import { runBenchmark } from './benchmark';
import { parseOptions } from './options';
import { renderReport } from './report';
import { killAll } from './scanner/ScannerProcess';

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const progress = (message: string) => {
    if (options.verbose) {
      const s = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
      process.stderr.write(`[bench ${s}s] ${message}\n`);
    }
  };
  const { text, misses } =
    options.only === 'api'
      ? renderApiReport(await runApiBenchmark(options, progress))
      : renderReport(await runBenchmark(options, progress));
  process.stdout.write(`${text}\n`);
  process.exitCode = misses.length > 0 ? 1 : 0;
}

main().catch(error => {
  process.stderr.write(`The benchmark failed: ${error?.stack ?? error}\n`);
  killAll();
  process.exit(2);
});
