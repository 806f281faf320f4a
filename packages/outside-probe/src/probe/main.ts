/*
 * The outside probe: starts the production build of the demo backend on
 * SQLite and on PostgreSQL and drives it over HTTP as a hostile user and an
 * unlucky operator would (see README.md). Prints its seed and figures; exits
 * non-zero when a guarantee does not hold.
 *
 * Environment: PROBE_SEED (reproduce a run), PROBE_DATABASES (sqlite,postgres),
 * PROBE_PG_CONNECTION or BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
 * PROBE_LATENCY_MS, PROBE_LEASE_SECONDS, PROBE_WORK_DIR, PROBE_FIGURES_FILE,
 * PROBE_FUZZ_PER_READ_ROUTE / _PER_WRITE_ROUTE / _CONCURRENCY, PROBE_ONLY.
 */
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Api, harvest } from './api';
import { BackendProcess } from './backend';
import { LEASE_SECONDS, writeSlowEstate } from './config';
import { Context, serviceTokens, startBackend } from './context';
import { postgresDatabase, ProbeDatabase, sqliteDatabase } from './databases';
import { unpackBuild } from './dist';
import { authMatrix } from './phases/authMatrix';
import { badConfig } from './phases/badConfig';
import {
  baselineScan,
  killMidScan,
  replicaTakeover,
  waitIdle,
} from './phases/crash';
import { fuzzPhase } from './phases/fuzzPhase';
import { permissionMatrix } from './phases/permissions';
import { userPolicy } from './phases/userPolicy';
import { waiverRace } from './phases/waiverRace';
import { waiverRequestRace } from './phases/waiverRequestRace';
import { Report } from './report';
import { createSigningKey, guestToken } from './tokens';

/** The repository root: the probe runs from it (scripts/probe.sh). */
const repoRoot = resolve(process.env.PROBE_REPO_ROOT ?? process.cwd());
const seed = process.env.PROBE_SEED
  ? Number(process.env.PROBE_SEED)
  : randomInt(1, 2 ** 31 - 1);
const latencyMs = Number(process.env.PROBE_LATENCY_MS ?? 250);
const databases = (process.env.PROBE_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map(s => s.trim());
const report = new Report(seed);
const processes = new Set<BackendProcess>();

function killAll() {
  for (const p of processes) {
    if (p.running && p.pid) {
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Runs a phase; an exception fails the phase instead of the whole probe. */
/** PROBE_ONLY=<words>: run only the phases whose name contains one (debugging). */
const only = process.env.PROBE_ONLY?.split(',').map(w => w.trim());

async function phase(db: string, name: string, fn: () => Promise<unknown>) {
  if (only && !only.some(w => name.includes(w))) {
    report.log(`[${db}] ${name}: skipped (PROBE_ONLY)`);
    return;
  }
  const started = performance.now();
  report.log(`[${db}] ${name}...`);
  try {
    await fn();
  } catch (error) {
    report.check(
      db,
      `${name} ran to its end`,
      false,
      String((error as Error)?.stack ?? error).slice(0, 1500),
    );
  }
  report.log(
    `[${db}] ${name} took ${((performance.now() - started) / 1000).toFixed(
      1,
    )} s`,
  );
}

async function probeDatabase(
  base: Omit<Context, 'db' | 'dbName'>,
  db: ProbeDatabase,
) {
  const ctx: Context = { ...base, db, dbName: db.kind };
  const dbName = db.kind;
  const started = performance.now();
  let current: BackendProcess | undefined;
  try {
    current = await startBackend(ctx, { name: 'demo' });
    const guest = new Api(current.baseUrl, await guestToken(current.baseUrl));
    await waitIdle(guest);
    const known = await harvest(guest);
    report.figure(
      dbName,
      'estate served',
      `${known.components.length} ML services with resources, ${known.groups.length} owner groups, ${known.checkIds.length} checks`,
    );
    const m = current;
    const fullService = ctx.services[0];
    // The race first: the waivers it leaves are what id routes then name.
    await phase(dbName, 'concurrent identical waiver creates', () =>
      waiverRace(ctx, guest, known),
    );
    await phase(dbName, 'concurrent identical waiver requests', () =>
      waiverRequestRace(ctx, guest, known),
    );
    await phase(dbName, 'auth matrix', () =>
      authMatrix(ctx, m, known, guest.token!),
    );
    await phase(dbName, 'service tokens with permissions withheld', () =>
      permissionMatrix({
        ctx,
        backend: m,
        known,
        control: new Api(m.baseUrl, fullService.token),
        writer: guest,
        principals: ctx.services
          .filter(s => s.denies.length)
          .map(s => ({
            name: s.subject,
            kind: 'service',
            token: s.token,
            denies: s.denies,
          })),
        label: 'service tokens (access restrictions)',
      }),
    );
    await phase(dbName, 'fuzzer', () =>
      fuzzPhase(ctx, m, known, {
        user: guest.token!,
        service: fullService.token,
      }),
    );
    let baseline: Awaited<ReturnType<typeof baselineScan>> | undefined;
    await phase(dbName, 'one undisturbed scan', async () => {
      baseline = await baselineScan(ctx, new Api(m.baseUrl, guest.token));
    });
    if (baseline) {
      const b = baseline;
      await phase(dbName, 'kill -9 mid-scan and restart', async () => {
        current = await killMidScan(ctx, m, b);
      });
      if (db.kind === 'postgres' && current?.running) {
        const worker = current;
        await phase(
          dbName,
          'two replicas, the working one killed',
          async () => {
            current = await replicaTakeover(ctx, worker, b);
          },
        );
      }
    }
  } catch (error) {
    report.check(
      dbName,
      'the demo backend starts and serves the demo estate',
      false,
      String((error as Error)?.stack ?? error).slice(0, 1500),
    );
  } finally {
    for (const p of processes) await p.stop();
  }
  if (
    report.verdicts.some(
      v => v.db === dbName && v.guarantee.startsWith('the demo backend starts'),
    )
  )
    return;
  // Side by side: the bad configurations run on in-memory databases of their
  // own and only wait for their backends to exit.
  await Promise.all([
    phase(
      dbName,
      'permission policy denying each permission (probe backend)',
      () => userPolicy(ctx),
    ),
    db.kind === 'sqlite'
      ? phase(dbName, 'bad configuration exits', () => badConfig(ctx))
      : undefined,
  ]);
  report.figure(
    dbName,
    'probe time',
    `${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

async function main() {
  if (!existsSync(join(repoRoot, 'packages/backend/package.json'))) {
    throw new Error(
      `${repoRoot} is not the repository root: run the probe from it, or set PROBE_REPO_ROOT`,
    );
  }
  const workDir =
    process.env.PROBE_WORK_DIR ?? mkdtempSync(join(tmpdir(), 'outside-probe-'));
  mkdirSync(workDir, { recursive: true });
  report.log(
    `seed ${seed} (set PROBE_SEED=${seed} to reproduce); work dir ${workDir}`,
  );
  report.log(
    `lease ${LEASE_SECONDS} s, simulated AWS latency ${latencyMs} ms per call, databases ${databases.join(
      ', ',
    )}`,
  );
  const bundles = [
    'packages/backend/dist/bundle.tar.gz',
    'packages/outside-probe/dist/bundle.tar.gz',
  ].map(b => join(repoRoot, b));
  for (const bundle of bundles) {
    if (!existsSync(bundle))
      throw new Error(
        `${bundle} is missing: build first (scripts/probe.sh does)`,
      );
  }
  const dist = unpackBuild({ repoRoot, bundles, dir: join(workDir, 'dist') });
  const base = {
    dist,
    repoRoot,
    workDir,
    key: await createSigningKey(workDir),
    services: serviceTokens(),
    estateFile: writeSlowEstate(repoRoot, workDir, latencyMs),
    report,
    seed,
    processes,
  };
  for (const name of databases) {
    const dbDir = join(workDir, name);
    mkdirSync(dbDir, { recursive: true });
    let db: ProbeDatabase;
    if (name === 'sqlite') db = sqliteDatabase(dbDir);
    else if (name === 'postgres') {
      const connection =
        process.env.PROBE_PG_CONNECTION ??
        process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
      if (!connection)
        throw new Error(
          'PostgreSQL: set PROBE_PG_CONNECTION or BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
        );
      db = postgresDatabase(connection);
    } else throw new Error(`Unknown database ${name} in PROBE_DATABASES`);
    try {
      await probeDatabase(base, db);
    } finally {
      await db
        .drop()
        .catch(error =>
          report.log(`could not drop the ${name} database: ${error}`),
        );
    }
  }
  report.print();
  const figures =
    process.env.PROBE_FIGURES_FILE ?? join(workDir, 'figures.json');
  report.write(figures);
  report.log(`figures written to ${figures}; backend logs in ${workDir}`);
  process.exitCode = report.failed.length ? 1 : 0;
}

main().catch(error => {
  report.log(`the probe crashed: ${error?.stack ?? error}`);
  killAll();
  process.exitCode = 2;
});
