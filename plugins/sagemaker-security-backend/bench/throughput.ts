/**
 * `yarn bench:throughput`: only the "check evaluation throughput, one core"
 * figure of `yarn bench`. Scans the benchmark estate into a SQLite file
 * (unless `--db` names one a previous run left), then measures the
 * catalogue's checks over it `--repeat` times, exactly as `yarn bench` does,
 * and prints each run and the best. The figure does not depend on the scan's
 * rates, so the scan runs with a large `--scale`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { DatabaseInventoryStore } from '../src/inventory';
import { generateEstate } from './estate/generateEstate';
import { measureCheckThroughput } from './measure/checkThroughput';
import { measureScans, targetsOf } from './measure/scanSide';
import { DEFAULT_ESTATE, REAL_AWS, scaledAws } from './options';
import { killAll } from './scanner/ScannerProcess';
import { databaseOf, sqliteFile } from './scanner/sqlite';

const USAGE = `Usage: yarn bench:throughput [--db FILE] [--repeat N] [--jobs N] [--scale F]
  --db FILE    the SQLite inventory to measure; scanned into first when absent
               (kept, so runs of two versions of the checks measure the same data)
  --repeat N   measurements (default 5); the best is the figure
  --jobs N     training jobs in the estate (default ${DEFAULT_ESTATE.trainingJobs})
  --scale F    rate multiplier of the scan (default 500; does not change the figure)`;

function count(name: string, value: string | undefined, fallback: number) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`--${name}: expected a positive integer, got '${value}'`);
  }
  return n;
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      db: { type: 'string' },
      repeat: { type: 'string' },
      jobs: { type: 'string' },
      scale: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const repeat = count('repeat', values.repeat, 5);
  const size = {
    ...DEFAULT_ESTATE,
    trainingJobs: count('jobs', values.jobs, DEFAULT_ESTATE.trainingJobs),
  };
  const scale = count('scale', values.scale, 500);
  const dbFile =
    values.db ??
    path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'mlsec-throughput-')),
      'inventory.sqlite',
    );
  const estate = generateEstate(size, Date.now());
  if (!fs.existsSync(dbFile)) {
    process.stderr.write(`scanning the estate into ${dbFile}\n`);
    await measureScans({
      kind: 'ours',
      estate,
      trainingJobs: size.trainingJobs,
      profile: scaledAws(REAL_AWS, scale),
      dbFile,
      storageScans: 0,
      rescanLimited: false,
      catalog: { entities: 0, teams: 0 },
      floorBucket: '',
      progress: message => process.stderr.write(`${message}\n`),
    });
  }
  const targets = targetsOf(estate).accounts.flatMap(a =>
    a.regions.map(region => ({ accountId: a.accountId, region })),
  );
  const knex = sqliteFile(dbFile);
  try {
    const store = await DatabaseInventoryStore.create({
      database: databaseOf(knex),
    });
    let best = 0;
    for (let i = 1; i <= repeat; i++) {
      const figure = await measureCheckThroughput(
        store,
        defaultChecks,
        targets,
        1,
      );
      best = Math.max(best, figure.perCpuSecond);
      process.stdout.write(
        `run ${i}: ${figure.resources} resources, ${
          figure.evaluations
        } check evaluations in ${figure.cpuSeconds.toFixed(
          2,
        )} CPU s: ${Math.round(
          figure.perCpuSecond,
        )}/s; costliest (µs per resource): ${figure.costliest
          .map(c => `${c.checkId} ${c.microsPerResource.toFixed(0)}`)
          .join(', ')}\n`,
      );
    }
    process.stdout.write(
      `check evaluation throughput, one core: ${Math.round(
        best,
      )} resources/s (best of ${repeat})\n`,
    );
  } finally {
    await knex.destroy();
  }
}

main().catch(error => {
  process.stderr.write(`The measurement failed: ${error?.stack ?? error}\n`);
  killAll();
  process.exit(2);
});
