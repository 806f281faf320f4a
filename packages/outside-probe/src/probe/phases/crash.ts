import { ACTIVE, Api, ScanView, targetStatuses } from '../api';
import type { BackendProcess } from '../backend';
import { LEASE_SECONDS } from '../config';
import { Context, startBackend } from '../context';
import { json, sleep } from '../http';
import { guestToken } from '../tokens';

/** An undisturbed rescan: how long one scan takes, and what each target ends as. */
export interface Baseline {
  seconds: number;
  targets: string;
}

const seconds = (from: string, to?: string) =>
  ((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000;

export async function waitIdle(
  api: Api,
  timeoutMs = 300_000,
  why = 'a scan was still active',
) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const scan = json<ScanView>(await api.get('/scans/latest'));
    if (scan && !ACTIVE.includes(scan.status)) return scan;
    await sleep(1000);
  }
  throw new Error(`${why} after ${timeoutMs / 1000} s`);
}

/** Runs one rescan to its end and measures it. */
export async function baselineScan(ctx: Context, api: Api): Promise<Baseline> {
  await waitIdle(api);
  const started = await api.post('/scans', {});
  const id = json<ScanView>(started)?.id;
  if (started.status !== 202 || !id) {
    throw new Error(
      `POST /scans: HTTP ${started.status} ${started.body.slice(0, 200)}`,
    );
  }
  const deadline = performance.now() + 300_000;
  let scan = json<ScanView>(started)!;
  while (ACTIVE.includes(scan.status)) {
    if (performance.now() > deadline)
      throw new Error(`scan ${id} did not finish in 300 s`);
    await sleep(500);
    scan = (await api.getJson<ScanView>(`/scans/${id}`)) ?? scan;
  }
  const baseline = {
    seconds: seconds(scan.startedAt, scan.finishedAt),
    targets: targetStatuses(scan),
  };
  ctx.report.figure(
    ctx.dbName,
    'one scan (undisturbed rescan)',
    `${baseline.seconds.toFixed(1)} s, ${scan.status}: ${baseline.targets}`,
  );
  return baseline;
}

/** Starts a scan and returns once one of its targets is being collected for `minSeconds`. */
async function scanInProgress(api: Api, minSeconds: number): Promise<ScanView> {
  await waitIdle(api);
  const res = await api.post('/scans', {});
  const scan = json<ScanView>(res);
  if (res.status !== 202 || !scan)
    throw new Error(
      `POST /scans: HTTP ${res.status} ${res.body.slice(0, 200)}`,
    );
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline) {
    const now = await api.getJson<ScanView>(`/scans/${scan.id}`);
    if (!ACTIVE.includes(now.status)) {
      throw new Error(
        `scan ${scan.id} finished (${now.status}) before it could be interrupted; raise PROBE_LATENCY_MS`,
      );
    }
    const running = now.targets.filter(t => t.status === 'running');
    if (running.length && seconds(now.startedAt) >= minSeconds) return now;
    await sleep(250);
  }
  throw new Error(`scan ${scan.id} collected nothing for 120 s`);
}

/**
 * After a `kill -9`, watches (and, like an operator, asks for a scan every 5 s)
 * until a scan has collected every target as the baseline did; reports the
 * seconds from the kill until the interrupted scan ended and until a complete
 * scan finished.
 */
async function recoverAfterKill(options: {
  api: Api;
  interrupted: ScanView;
  killedAt: number;
  baseline: Baseline;
  boundSeconds: number;
}) {
  const { api, interrupted, killedAt, baseline, boundSeconds } = options;
  const deadline =
    killedAt + Math.max(2 * boundSeconds, boundSeconds + 60) * 1000;
  let interruptedEnded: number | undefined;
  let interruptedStatus = interrupted.status;
  let complete: { scan: ScanView; after: number } | undefined;
  const posts: Record<string, number> = {};
  let lastPost = 0;
  while (Date.now() < deadline && !complete) {
    const old = json<ScanView>(await api.get(`/scans/${interrupted.id}`));
    if (old && !ACTIVE.includes(old.status) && interruptedEnded === undefined) {
      interruptedEnded = (Date.now() - killedAt) / 1000;
      interruptedStatus = old.status;
      if (old.targets && targetStatuses(old) === baseline.targets) {
        complete = { scan: old, after: interruptedEnded };
        break;
      }
    }
    const latest = json<ScanView>(await api.get('/scans/latest'));
    if (
      latest &&
      latest.id !== interrupted.id &&
      !ACTIVE.includes(latest.status) &&
      Date.parse(latest.startedAt) >= killedAt - 1000 &&
      targetStatuses(latest) === baseline.targets
    ) {
      complete = { scan: latest, after: (Date.now() - killedAt) / 1000 };
      break;
    }
    if (Date.now() - lastPost >= 5000) {
      lastPost = Date.now();
      const res = await api.post('/scans', {});
      posts[res.status] = (posts[res.status] ?? 0) + 1;
    }
    await sleep(1000);
  }
  return { interruptedEnded, interruptedStatus, complete, posts };
}

function describe(
  r: Awaited<ReturnType<typeof recoverAfterKill>>,
  interruptedId: string,
) {
  return [
    `interrupted scan ended ${
      r.interruptedEnded === undefined
        ? 'never (still active)'
        : `after ${r.interruptedEnded.toFixed(1)} s as ${r.interruptedStatus}`
    }`,
    r.complete
      ? `complete scan after ${r.complete.after.toFixed(1)} s (${
          r.complete.scan.id === interruptedId
            ? 'the interrupted scan, reclaimed'
            : `new scan ${r.complete.scan.id}`
        })`
      : 'no complete scan',
    `POST /scans answers ${JSON.stringify(r.posts)}`,
  ].join('; ');
}

/**
 * `kill -9` of the only backend mid-scan, then a restart on the same
 * database: a complete scan must finish within lease + one scan's time
 * (+ the restart), and the interrupted scan must not stay active longer.
 */
export async function killMidScan(
  ctx: Context,
  backend: BackendProcess,
  baseline: Baseline,
) {
  const { report, dbName } = ctx;
  const api = new Api(backend.baseUrl, await guestToken(backend.baseUrl));
  const interrupted = await scanInProgress(api, baseline.seconds * 0.3);
  const progress = targetStatuses(interrupted);
  const killedAt = Date.now();
  await backend.kill9();
  const restarted = await startBackend(ctx, { name: 'after-kill' });
  const restartSeconds = (Date.now() - killedAt) / 1000;
  const bound = LEASE_SECONDS + baseline.seconds + restartSeconds;
  const after = new Api(restarted.baseUrl, await guestToken(restarted.baseUrl));
  const result = await recoverAfterKill({
    api: after,
    interrupted,
    killedAt,
    baseline,
    boundSeconds: bound,
  });
  report.figure(
    dbName,
    'kill -9 mid-scan',
    `killed at ${progress}; restart ${restartSeconds.toFixed(
      1,
    )} s; bound lease ${LEASE_SECONDS} s + scan ${baseline.seconds.toFixed(
      1,
    )} s + restart = ${bound.toFixed(1)} s; ${describe(
      result,
      interrupted.id,
    )}`,
  );
  report.check(
    dbName,
    'after kill -9 mid-scan and a restart, a complete scan finishes within lease + one scan (+ restart)',
    result.complete !== undefined && result.complete.after <= bound,
    `${describe(result, interrupted.id)}; bound ${bound.toFixed(1)} s`,
  );
  report.check(
    dbName,
    'the interrupted scan does not stay running or queued past lease + one scan (+ restart)',
    result.interruptedEnded !== undefined && result.interruptedEnded <= bound,
    `ended ${
      result.interruptedEnded === undefined
        ? 'never'
        : `after ${result.interruptedEnded.toFixed(1)} s`
    }; bound ${bound.toFixed(1)} s`,
  );
  return restarted;
}

/** Target collection tasks this replica's scheduler is running right now. */
async function runningTargetTasks(api: Api): Promise<string[]> {
  const res = await api.get('/.backstage/scheduler/v1/tasks');
  const tasks =
    json<{
      tasks: Array<{
        taskId: string;
        workerState?: { status?: string } | null;
      }>;
    }>(res)?.tasks ?? [];
  return tasks
    .filter(
      t =>
        /inventory-\d{12}-/.test(t.taskId) &&
        t.workerState?.status === 'running',
    )
    .map(t => t.taskId);
}

/**
 * Two replicas on one PostgreSQL database: the one collecting a scan (its
 * scheduler's `/.backstage/scheduler/v1/tasks` shows the target tasks it is
 * running) is killed with `kill -9`; the other must finish a complete scan
 * within lease + one scan's time.
 */
export async function replicaTakeover(
  ctx: Context,
  first: BackendProcess,
  baseline: Baseline,
) {
  const { report, dbName } = ctx;
  const second = await startBackend(ctx, { name: 'replica-b' });
  const service = ctx.services[0].token;
  const replicas = [first, second].map(b => ({
    backend: b,
    api: new Api(b.baseUrl, service),
  }));
  const user = new Api(first.baseUrl, await guestToken(first.baseUrl));
  await waitIdle(
    user,
    (LEASE_SECONDS + baseline.seconds + 60) * 1000,
    'blocked: the scan interrupted by the previous kill -9 was still active',
  );
  const res = await user.post('/scans', {});
  const scan = json<ScanView>(res);
  if (res.status !== 202 || !scan)
    throw new Error(
      `POST /scans: HTTP ${res.status} ${res.body.slice(0, 200)}`,
    );
  // The worker: the replica whose scheduler runs the scan's target tasks
  // (one task per target). Where targets are claimed in the database instead
  // (no such tasks), the replica that took the request claims at once what it
  // can: once a target runs and no replica shows tasks, that one is killed.
  let worker: (typeof replicas)[number] | undefined;
  let running: string[][] = [];
  const posted = performance.now();
  while (performance.now() - posted < 10_000) {
    running = await Promise.all(replicas.map(r => runningTargetTasks(r.api)));
    const busiest = running[0].length >= running[1].length ? 0 : 1;
    if (running[busiest].length) {
      worker = replicas[busiest];
      break;
    }
    const now = await user.getJson<ScanView>(`/scans/${scan.id}`);
    if (!ACTIVE.includes(now.status)) break;
    const collecting = now.targets.some(t => t.status === 'running');
    if (collecting && performance.now() - posted > 1_500) break;
    await sleep(200);
  }
  const still = await user.getJson<ScanView>(`/scans/${scan.id}`);
  if (!ACTIVE.includes(still.status)) {
    throw new Error(
      `scan ${scan.id} ended (${still.status}) before the worker was killed; raise PROBE_LATENCY_MS`,
    );
  }
  const killed = worker ?? replicas[0];
  const survivor = replicas.find(r => r !== killed)!;
  const progress = targetStatuses(still);
  const killedAt = Date.now();
  await killed.backend.kill9();
  const bound = LEASE_SECONDS + baseline.seconds;
  const survivorApi = new Api(survivor.backend.baseUrl, user.token);
  const result = await recoverAfterKill({
    api: survivorApi,
    interrupted: scan,
    killedAt,
    baseline,
    boundSeconds: bound,
  });
  const who = worker
    ? `killed ${killed.backend.name}, running ${
        running[replicas.indexOf(killed)].length
      } target tasks (the other ${running[replicas.indexOf(survivor)].length})`
    : `no replica showed target tasks; killed ${killed.backend.name}, which took the scan request and claimed first`;
  report.figure(
    dbName,
    'two replicas, worker killed',
    `${who}; scan at ${progress}; bound lease ${LEASE_SECONDS} s + scan ${baseline.seconds.toFixed(
      1,
    )} s = ${bound.toFixed(1)} s; ${describe(result, scan.id)}`,
  );
  report.check(
    dbName,
    'with two replicas and the working one killed, the other finishes a complete scan within lease + one scan',
    result.complete !== undefined && result.complete.after <= bound,
    `${who}; ${describe(result, scan.id)}; bound ${bound.toFixed(1)} s`,
  );
  return survivor.backend;
}
