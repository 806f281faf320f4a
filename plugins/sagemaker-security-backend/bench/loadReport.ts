/**
 * The load figure's rows (each next to its goal) and the numbers behind
 * them, per database. A figure that is not measured is a miss; a single
 * non-2xx answer or socket error fails the throughput row.
 */
import os from 'node:os';
import type { FigureRow } from './figures';
import { fixed, n } from './figures';
import type { LoadResult } from './measure/load';
import type { RouteFigure } from './load/drive';
import type { LoadSettings } from './options';

const MB = 1e6;
export const LOAD_GOALS = { rps: 500, p95Ms: 100, rssGrowthMB: 100 };
const mb = (bytes: number) => `${fixed(bytes / MB, 0)} MB`;

function row(
  id: string,
  label: string,
  goal: string,
  value: number | undefined,
  text: string,
  pass: boolean,
  note?: string,
): FigureRow {
  return { id, label, goal, value, text, pass, oursSlice: '', naive: '', note };
}

function routeRow(db: string, r: LoadResult, route: string, short: string) {
  const label = `load: ${short} p95, ${db}`;
  const id = `load-p95-${short.split(' ')[0]}-${r.database}`;
  const goal = `<= ${LOAD_GOALS.p95Ms} ms`;
  if ('notMeasured' in r)
    return row(
      id,
      label,
      goal,
      undefined,
      'not measured',
      false,
      r.notMeasured,
    );
  const f = r.drive.routes.find(x => x.route === route);
  if (!f || f.requests === 0)
    return row(id, label, goal, undefined, 'no answers', false);
  return row(
    id,
    label,
    goal,
    f.p95Ms,
    `${fixed(f.p95Ms, 0)} ms`,
    f.p95Ms <= LOAD_GOALS.p95Ms,
  );
}

export function loadRows(
  results: LoadResult[],
  settings: LoadSettings,
): FigureRow[] {
  const skipped = settings.skip ? 'not measured (--skip-load)' : undefined;
  const all: LoadResult[] = results.length
    ? results
    : settings.databases.map(database => ({
        database,
        notMeasured: skipped ?? 'not run',
      }));
  return all.flatMap(r => {
    const db = r.database === 'postgres' ? 'PostgreSQL' : 'SQLite';
    const clients = settings.connections;
    const rpsLabel = `load: requests/s, ${clients} clients, ${db}`;
    const rssLabel = `load: backend RSS growth (peak - before), ${db}`;
    const rpsGoal = `>= ${LOAD_GOALS.rps}/s, 0 non-2xx`;
    const rssGoal = `<= ${LOAD_GOALS.rssGrowthMB} MB`;
    const entity = routeRow(
      db,
      r,
      'GET /scorecards/entity',
      'entity scorecard',
    );
    const org = routeRow(db, r, 'GET /rollups/org', 'org page');
    if ('notMeasured' in r) {
      return [
        row(
          `load-rps-${r.database}`,
          rpsLabel,
          rpsGoal,
          undefined,
          'not measured',
          false,
          r.notMeasured,
        ),
        entity,
        org,
        row(
          `load-rss-${r.database}`,
          rssLabel,
          rssGoal,
          undefined,
          'not measured',
          false,
        ),
      ];
    }
    const d = r.drive;
    const bad = d.non2xx + d.errors;
    const growth = r.rss.peakBytes - r.rss.beforeBytes;
    return [
      row(
        `load-rps-${r.database}`,
        rpsLabel,
        rpsGoal,
        d.requestsPerSecond,
        `${fixed(d.requestsPerSecond, 0)}/s${
          bad ? `, ${d.non2xx} non-2xx, ${d.errors} errors` : ''
        }`,
        bad === 0 && clients >= 50 && d.requestsPerSecond >= LOAD_GOALS.rps,
        clients >= 50
          ? undefined
          : `measured with ${clients} clients; the goal is stated for 50`,
      ),
      entity,
      org,
      row(
        `load-rss-${r.database}`,
        rssLabel,
        rssGoal,
        growth / MB,
        `${mb(growth)} (${mb(r.rss.beforeBytes)} -> ${mb(r.rss.peakBytes)})`,
        growth <= LOAD_GOALS.rssGrowthMB * MB,
      ),
    ];
  });
}

const routeLine = (f: RouteFigure) =>
  `    ${f.route}: ${n(f.requests)} requests, p50 ${fixed(
    f.p50Ms,
    0,
  )} ms, p95 ${fixed(f.p95Ms, 0)} ms, p99 ${fixed(f.p99Ms, 0)} ms, max ${fixed(
    f.maxMs,
    0,
  )} ms; body mean ${fixed(f.meanBodyBytes / 1000, 1)} kB, max ${fixed(
    f.maxBodyBytes / 1000,
    1,
  )} kB; ${f.non2xx} non-2xx`;

export function loadDetails(results: LoadResult[]): string[] {
  return results.flatMap(r => {
    if ('notMeasured' in r)
      return [`load, ${r.database}: not measured (${r.notMeasured})`];
    const d = r.drive;
    const avg = (l: number[]) => l.map(x => fixed(x, 2)).join(' ');
    return [
      `load, ${r.database}: ${d.connections} clients for ${d.seconds} s over ${
        r.services
      } ML service scorecards and ${
        r.orgPages
      } org pages (interleaved, half each); ${n(d.requests)} requests, ${fixed(
        d.requestsPerSecond,
        1,
      )}/s, p50 ${fixed(d.p50Ms, 0)} ms, p95 ${fixed(
        d.p95Ms,
        0,
      )} ms, p99 ${fixed(d.p99Ms, 0)} ms overall; ${d.non2xx} non-2xx, ${
        d.errors
      } socket errors/timeouts`,
      ...d.routes.map(routeLine),
      `    backend RSS (VmRSS): ${mb(r.rss.beforeBytes)} before, peak ${mb(
        r.rss.peakBytes,
      )}, ${mb(r.rss.afterBytes)} 2 s after; load average ${avg(
        r.loadAverage.before,
      )} before, ${avg(
        r.loadAverage.after,
      )} after; backend ready and scored in ${fixed(
        r.startSeconds,
        0,
      )} s (log ${r.logFile})`,
    ];
  });
}

export function loadHead(settings: LoadSettings): string {
  const cpus = os.cpus();
  return `load figure: production build of packages/backend (yarn build:backend, NODE_ENV=production), app-config.yaml + app-config.demo.yaml on a free port, guest token; load generator autocannon in the bench process on the same ${
    cpus.length
  }-CPU machine (${cpus[0]?.model ?? 'unknown'}), ${
    settings.connections
  } keep-alive connections, 1 request in flight each, ${
    settings.seconds
  } s per database`;
}
