import type { BackendProcess } from '../backend';
import type { Context } from '../context';
import { changedTables, snapshot } from '../databases';
import { generate } from '../fuzz';
import { FuzzOutcome, run } from '../fuzzRunner';
import { send, sleep, transport } from '../http';
import type { Known } from '../routes';

const PER_READ_ROUTE = Number(process.env.PROBE_FUZZ_PER_READ_ROUTE ?? 700);
const PER_WRITE_ROUTE = Number(process.env.PROBE_FUZZ_PER_WRITE_ROUTE ?? 600);
const CONCURRENCY = Number(process.env.PROBE_FUZZ_CONCURRENCY ?? 8);

/** Written only by the scoring task (after a scan, a waiver change, a catalog change). */
const SCORING_RUNS = 'entity_score_runs';
/** Longer than the scheduled catalog check's interval (30 s). */
const QUIET_MS = 35_000;

async function fuzzReads(
  ctx: Context,
  baseUrl: string,
  reads: ReturnType<typeof generate>,
) {
  const before = await snapshot(ctx.db.pluginClient());
  const outcome = await run(baseUrl, reads, CONCURRENCY);
  const after = await snapshot(ctx.db.pluginClient());
  return { before, after, outcome, changed: changedTables(before, after) };
}

/** Waits (at most 3 minutes) until the plugin's tables have not changed for QUIET_MS. */
async function waitForStillTables(ctx: Context): Promise<boolean> {
  const deadline = performance.now() + 180_000;
  let last = await snapshot(ctx.db.pluginClient());
  let stillSince = performance.now();
  while (performance.now() < deadline) {
    await sleep(5_000);
    const next = await snapshot(ctx.db.pluginClient());
    if (changedTables(last, next).length > 0) {
      stillSince = performance.now();
    }
    last = next;
    if (performance.now() - stillSince >= QUIET_MS) {
      return true;
    }
  }
  return false;
}

function summary(outcome: FuzzOutcome) {
  const statuses: Record<string, number> = {};
  for (const stats of Object.values(outcome.byRoute)) {
    for (const [s, n] of Object.entries(stats.statuses))
      statuses[s] = (statuses[s] ?? 0) + n;
  }
  return statuses;
}

function serverErrorSamples(outcome: FuzzOutcome): string[] {
  return Object.entries(outcome.byRoute).flatMap(([route, stats]) =>
    stats.serverErrors.map(
      e => `${route}: HTTP ${e.status} for ${e.request} → ${e.response}`,
    ),
  );
}

/**
 * The seeded fuzzer: first the read routes (the plugin's tables must be
 * byte-identical afterwards), then the write routes; no request may get a
 * 5xx or no answer, and the backend must still be ready at the end.
 */
export async function fuzzPhase(
  ctx: Context,
  backend: BackendProcess,
  known: Known,
  tokens: { user: string; service: string },
) {
  const { report, dbName, seed } = ctx;
  const reads = generate({
    seed,
    known,
    tokens,
    perRoute: PER_READ_ROUTE,
    select: r => r.read,
  });
  const writes = generate({
    seed: seed + 1000,
    known,
    tokens,
    perRoute: PER_WRITE_ROUTE,
    select: r => !r.read,
  });

  let attempt = await fuzzReads(ctx, backend.baseUrl, reads);
  let retried = '';
  if (attempt.changed.includes(SCORING_RUNS)) {
    // The scheduled scoring task rescored meanwhile (the catalog was still
    // ingesting the scan's resources): it writes scores, not the reads.
    // Once the tables have been still for longer than its interval, the
    // same reads run again; a read that writes changes them again.
    const still = await waitForStillTables(ctx);
    retried = ` (second run: a rescoring by the scheduled catalog check changed ${attempt.changed.join(
      ', ',
    )} during the first; tables ${
      still ? 'then still' : 'still changing'
    } for ${QUIET_MS / 1000} s)`;
    attempt = await fuzzReads(ctx, backend.baseUrl, reads);
  }
  const { before, after, changed, outcome: readOutcome } = attempt;
  const rows = [...after.values()].reduce((n, t) => n + t.rows, 0);
  report.check(
    dbName,
    'read routes change no stored row',
    changed.length === 0,
    (changed.length
      ? `tables changed by ${reads.length} fuzzed reads: ${changed
          .map(
            t =>
              `${t} (${before.get(t)?.rows ?? 0} → ${
                after.get(t)?.rows ?? 0
              } rows)`,
          )
          .join(', ')}`
      : `${after.size} tables, ${rows} rows identical before and after ${reads.length} fuzzed reads`) +
      retried,
  );

  const writeOutcome = await run(backend.baseUrl, writes, CONCURRENCY);
  const total = readOutcome.requests + writeOutcome.requests;
  const serverErrors = readOutcome.serverErrors + writeOutcome.serverErrors;
  const noAnswer = readOutcome.noAnswer + writeOutcome.noAnswer;
  const ready = await send(backend.baseUrl, {
    method: 'GET',
    path: '/.backstage/health/v1/readiness',
  });
  const statuses = summary(readOutcome);
  for (const [s, n] of Object.entries(summary(writeOutcome)))
    statuses[s] = (statuses[s] ?? 0) + n;
  const slowest = Object.entries({
    ...readOutcome.byRoute,
    ...writeOutcome.byRoute,
  })
    .map(
      ([route, s]) =>
        [
          route,
          Math.round(s.maxMs),
          Math.round(s.totalMs / s.requests),
        ] as const,
    )
    .sort((a, b) => b[1] - a[1]);
  report.figure(
    dbName,
    'fuzzed requests',
    `${total} (${reads.length} reads, ${writes.length} writes) in ${(
      readOutcome.seconds + writeOutcome.seconds
    ).toFixed(0)} s, ${CONCURRENCY} concurrent`,
  );
  report.figure(dbName, 'fuzz statuses', statuses);
  report.figure(dbName, 'fuzz 5xx', serverErrors);
  report.figure(dbName, 'fuzz without answer', noAnswer);
  report.figure(
    dbName,
    'requests sent again after a stale kept-alive connection (whole probe so far)',
    transport.staleSocketRetries,
  );
  report.figure(
    dbName,
    'fuzz slowest routes (max ms, mean ms)',
    slowest
      .slice(0, 4)
      .map(([r, max, mean]) => `${r} ${max}/${mean}`)
      .join('; '),
  );
  const samples = [
    ...serverErrorSamples(readOutcome),
    ...serverErrorSamples(writeOutcome),
  ];
  report.check(
    dbName,
    `no fuzzed request gets a 5xx or no answer (≥ 10,000 requests)`,
    serverErrors === 0 && noAnswer === 0 && total >= 10_000,
    `${total} requests, ${serverErrors} × 5xx, ${noAnswer} without answer${
      samples.length ? `; e.g. ${samples.slice(0, 8).join(' | ')}` : ''
    }`,
  );
  report.check(
    dbName,
    'the backend is still ready after the fuzzer',
    ready.status === 200 && backend.running,
    `readiness HTTP ${ready.status}, process ${
      backend.running ? 'running' : `exited ${backend.exitCode}`
    }`,
  );
}
