/**
 * The scorecard side as the plugin wires it (createScorecardService and the
 * REST router), over a given database and inventory store, with the
 * indexed catalog and allow-all permissions. Rollup latency is measured
 * through HTTP (supertest against a listening server).
 */
import http from 'node:http';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import type { InventoryStore } from '../../src/inventory/InventoryStore';
import { createRouter } from '../../src/api';
import { createScorecardService, ScorecardBackend } from '../../src/service';
import type { IndexedCatalog } from '../catalog/IndexedCatalog';
import { teamRef } from '../catalog/entities';
import { quietLogger } from '../scanner/sqlite';

export async function createScorecards(options: {
  knex: Knex;
  inventory: InventoryStore;
  catalog: IndexedCatalog;
}): Promise<ScorecardBackend> {
  return createScorecardService({
    config: new ConfigReader({}),
    logger: quietLogger(),
    knex: options.knex,
    inventory: options.inventory,
    checks: defaultChecks,
    catalog: options.catalog.service(),
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    userInfo: mockServices.userInfo(),
  });
}

export interface LatencyFigure {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Non-200 answers (any makes the figure a miss). */
  failures: number;
  /** Set when no answer came in time and the process was stopped. */
  timedOutAfterMs?: number;
  /** Why the route was not measured at all. */
  notMeasured?: string;
  /**
   * Repeated reads of a path in an unchanged state, which the backend
   * serves held (service/readCache.ts); the figure above counts only the
   * first read of each path, which is computed.
   */
  held?: { requests: number; p95Ms: number };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

/**
 * Times GETs of `paths` in turn until all are done or `budgetMs` has passed
 * (at least `min` requests): the slow endpoints must not take the whole run.
 * With `repeatsApart`, a path read again is timed apart (`held`).
 */
async function time(
  server: http.Server,
  paths: string[],
  options: {
    warmup: number;
    min: number;
    budgetMs: number;
    /** Time repeated paths apart (routes whose answers are held). */
    repeatsApart?: boolean;
  },
): Promise<LatencyFigure> {
  const agent = request(server);
  for (const path of paths.slice(0, options.warmup)) await agent.get(path);
  const samples: number[] = [];
  const again: number[] = [];
  const seen = new Set(paths.slice(0, options.warmup));
  let failures = 0;
  const started = performance.now();
  for (const path of paths) {
    if (
      samples.length >= options.min &&
      performance.now() - started > options.budgetMs
    ) {
      break;
    }
    const begun = performance.now();
    const res = await agent.get(path);
    const ms = performance.now() - begun;
    (options.repeatsApart && seen.has(path) ? again : samples).push(ms);
    seen.add(path);
    if (res.status !== 200) {
      failures += 1;
      if (failures === 1) {
        process.stderr.write(
          `[bench] ${path} answered ${res.status}: ${JSON.stringify(
            res.body,
          ).slice(0, 300)}\n`,
        );
      }
    }
  }
  samples.sort((a, b) => a - b);
  again.sort((a, b) => a - b);
  return {
    ...(again.length > 0
      ? { held: { requests: again.length, p95Ms: percentile(again, 95) } }
      : {}),
    requests: samples.length,
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    maxMs: samples[samples.length - 1] ?? NaN,
    failures,
  };
}

/**
 * The plugin's REST router over `backend` (allow-all permissions, a user's
 * credentials) on a listening server at 127.0.0.1 and a port the OS picks,
 * mounted at /api/sagemaker-security.
 */
export async function listenRouter(
  backend: ScorecardBackend,
  inventory: InventoryStore,
): Promise<http.Server> {
  const router = await createRouter({
    scorecards: backend.authorized,
    waiverRequests: backend.waiverRequests,
    inventory,
    scanTrigger: {
      targets: [],
      triggerScan: async () => {
        throw new Error('The benchmark does not start scans over HTTP');
      },
    },
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.user(),
    }),
    logger: quietLogger(),
  });
  const app = express();
  app.use('/api/sagemaker-security', router);
  app.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(500).json({ error: error.message });
    },
  );
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export interface RollupFigures {
  team: LatencyFigure;
  org: LatencyFigure;
}

/**
 * p95 of one rollup route through HTTP: the team rollup
 * (GET /rollups/entity of a team, teams in turn) or the org rollup page
 * (GET /rollups/org, pages and orders in turn).
 */
export async function measureRollups(options: {
  backend: ScorecardBackend;
  inventory: InventoryStore;
  route: 'team' | 'org';
  teams: number;
  requests: number;
  /** Time allowed once the minimum (10 team, 1 org) requests are timed. */
  budgetMs: number;
}): Promise<LatencyFigure> {
  const server = await listenRouter(options.backend, options.inventory);
  try {
    const base = '/api/sagemaker-security';
    if (options.route === 'team') {
      const paths = Array.from(
        { length: options.requests },
        (_, i) =>
          `${base}/rollups/entity?entityRef=${encodeURIComponent(
            teamRef((i * 37) % options.teams),
          )}`,
      );
      return await time(server, paths, {
        warmup: 3,
        min: 10,
        budgetMs: options.budgetMs,
      });
    }
    // 80 distinct pages (10 offsets, 4 orders, both directions), in turn.
    const orders = ['score', 'fail', 'entityRef', 'resourceCount'];
    const paths = Array.from(
      { length: options.requests },
      (_, i) =>
        `${base}/rollups/org?limit=50&offset=${(i % 10) * 50}&orderBy=${
          orders[Math.floor(i / 10) % orders.length]
        }&order=${Math.floor(i / 40) % 2 ? 'desc' : 'asc'}`,
    );
    return await time(server, paths, {
      warmup: 0,
      min: 1,
      budgetMs: options.budgetMs,
      repeatsApart: true,
    });
  } finally {
    await new Promise(resolve => server.close(resolve));
  }
}
