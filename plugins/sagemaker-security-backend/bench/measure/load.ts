/**
 * The load figure: 50 concurrent clients reading entity scorecards and org
 * pages of the demo estate from a production build of the backend (the demo
 * portal's configuration, the recorded demo estate served by the in-process
 * wire simulator), once per database. RSS of the backend process is sampled
 * from /proc/<pid>/status (VmRSS) before, during and after the load.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import knexFactory from 'knex';
import os from 'node:os';
import path from 'node:path';
import {
  API,
  BackendUnderLoad,
  freePort,
  rssOf,
} from '../load/BackendUnderLoad';
import { drive, DriveFigures, LoadRequest } from '../load/drive';
import { buildBackend, unpackBackend } from '../load/productionBuild';

export type LoadDatabase = 'sqlite' | 'postgres';

export interface LoadOptions {
  repoRoot: string;
  connections: number;
  seconds: number;
  databases: LoadDatabase[];
  postgres?: string;
  /** Use packages/backend/dist/bundle.tar.gz as it is. */
  skipBuild: boolean;
  /** Write a V8 CPU profile of each backend (`--cpu-prof`) into this directory. */
  cpuProfileDir?: string;
}

export interface LoadFigures {
  database: LoadDatabase;
  services: number;
  orgPages: number;
  drive: DriveFigures;
  rss: { beforeBytes: number; peakBytes: number; afterBytes: number };
  loadAverage: { before: number[]; after: number[] };
  startSeconds: number;
  logFile: string;
  /** Seconds from the end of the load to the backend's exit (to window a CPU profile). */
  exitLagSeconds: number;
}

export type LoadResult =
  | LoadFigures
  | { database: LoadDatabase; notMeasured: string };

/** Drops the databases the backend created (every name starting with `prefix`). */
async function dropDatabases(connection: string, prefix: string) {
  const admin = knexFactory({ client: 'pg', connection });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows as Array<{ datname: string }>) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/** Samples VmRSS every 250 ms until stopped; the peak seen. */
function sampleRss(pid: number) {
  let peak = rssOf(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid) ?? 0);
  }, 250);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pid) ?? 0);
  };
}

/** The request mix: every scored ML service's scorecard and org page variants. */
export function loadRequests(rows: any[]): LoadRequest[] {
  const services = rows.map(r => r.entityRef as string);
  const owners = [
    ...new Set(rows.map(r => r.owner).filter(Boolean)),
  ] as string[];
  const org = [
    'limit=25',
    'limit=25&offset=25',
    'limit=25&orderBy=score&order=asc',
    'limit=25&orderBy=fail&order=desc',
    'limit=25&pillar=encryption',
    ...owners.map(o => `limit=25&owner=${encodeURIComponent(o)}`),
  ];
  const scorecards = services.map(ref => ({
    route: 'GET /scorecards/entity',
    path: `${API}/scorecards/entity?entityRef=${encodeURIComponent(ref)}`,
  }));
  const pages = org.map(q => ({
    route: 'GET /rollups/org',
    path: `${API}/rollups/org?${q}`,
  }));
  // Interleaved: half the requests read a scorecard, half an org page.
  const mix: LoadRequest[] = [];
  const length = Math.max(scorecards.length, pages.length);
  for (let i = 0; i < length; i++) {
    mix.push(scorecards[i % scorecards.length], pages[i % pages.length]);
  }
  return mix;
}

async function measureOne(
  options: LoadOptions,
  database: LoadDatabase,
  packageDir: string,
  workDir: string,
  progress: (m: string) => void,
): Promise<LoadResult> {
  let dropDatabase: (() => Promise<void>) | undefined;
  let dbConfig: Record<string, unknown> = {
    client: 'better-sqlite3',
    connection: ':memory:',
  };
  if (database === 'postgres') {
    if (!options.postgres) {
      return {
        database,
        notMeasured:
          'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
      };
    }
    // As production runs it: a database per plugin, named prefix + plugin id.
    const prefix = `mlsec_load_${randomBytes(4).toString('hex')}_`;
    dropDatabase = () => dropDatabases(options.postgres!, prefix);
    dbConfig = { client: 'pg', prefix, connection: options.postgres };
  }
  const dir = path.join(workDir, database);
  mkdirSync(dir, { recursive: true });
  const backend = new BackendUnderLoad({
    repoRoot: options.repoRoot,
    packageDir,
    workDir: dir,
    port: await freePort(),
    database: dbConfig,
    cpuProfileDir:
      options.cpuProfileDir && path.join(options.cpuProfileDir, database),
  });
  const onExit = () => backend.killNow();
  let measured: LoadFigures | undefined;
  let driveEnded = 0;
  process.once('exit', onExit);
  try {
    const started = performance.now();
    progress(
      `${database}: starting the production backend (log ${backend.logFile})`,
    );
    backend.start();
    await backend.waitReady();
    const token = await backend.guestToken();
    progress(`${database}: waiting for the start-up scan and stored scores`);
    const rows = await backend.waitScored(token);
    const startSeconds = (performance.now() - started) / 1000;
    const requests = loadRequests(rows);
    const pid = backend.pid!;
    const beforeBytes = rssOf(pid) ?? NaN;
    const before = os.loadavg();
    progress(
      `${database}: ${options.connections} clients for ${
        options.seconds
      } s over ${rows.length} ML services and ${
        requests.length - rows.length
      } org pages (load average ${before.map(x => x.toFixed(2)).join(' ')})`,
    );
    const stopSampling = sampleRss(pid);
    const figures = await drive({
      baseUrl: backend.baseUrl,
      token,
      requests,
      connections: options.connections,
      seconds: options.seconds,
    });
    const peakBytes = stopSampling();
    driveEnded = performance.now();
    // What stays once the load is gone (a GC may still reclaim some later).
    await new Promise(r => setTimeout(r, 2000));
    const afterBytes = rssOf(pid) ?? NaN;
    measured = {
      database,
      services: rows.length,
      orgPages: new Set(
        requests.filter(r => r.route === 'GET /rollups/org').map(r => r.path),
      ).size,
      drive: figures,
      rss: {
        beforeBytes,
        peakBytes: Math.max(peakBytes, afterBytes),
        afterBytes,
      },
      loadAverage: { before, after: os.loadavg() },
      startSeconds,
      logFile: backend.logFile,
      exitLagSeconds: NaN,
    };
  } finally {
    await backend.stop();
    if (measured)
      measured.exitLagSeconds = (performance.now() - driveEnded) / 1000;
    process.removeListener('exit', onExit);
    await dropDatabase?.().catch(() => {});
  }
  return measured!;
}

export async function measureLoad(
  options: LoadOptions,
  progress: (m: string) => void,
): Promise<LoadResult[]> {
  if (!options.skipBuild) buildBackend(options.repoRoot, progress);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'mlsec-load-'));
  progress(`unpacking the production build into ${workDir}`);
  const packageDir = unpackBackend(
    options.repoRoot,
    path.join(workDir, 'dist'),
  );
  const results: LoadResult[] = [];
  for (const database of options.databases) {
    results.push(
      await measureOne(options, database, packageDir, workDir, progress),
    );
  }
  return results;
}
