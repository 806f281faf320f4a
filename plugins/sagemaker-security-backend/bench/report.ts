/**
 * Turns a benchmark result into the printed report: each figure next to its
 * goal, for our scanner and the naive baseline, then the raw numbers behind
 * them. A figure that is not measured is a miss.
 */
import type { BenchResult, EstateFigures } from './benchmark';
import type { ScanFigures } from './measure/scanSide';
import type { LatencyFigure, RollupFigures } from './measure/scorecards';
import { REAL_AWS } from './options';
import { evaluationDetail } from './evaluationRows';
import { FigureRow, figureRows, fixed, mib, n } from './figures';

export { figureRows, RSS_GOAL_JOBS } from './figures';
export type { FigureRow } from './figures';

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) =>
    Math.max(...rows.map(r => (r[c] ?? '').length)),
  );
  return rows
    .map(r =>
      r
        .map((cell, c) =>
          c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function scanDetail(name: string, scan: ScanFigures, estate: EstateFigures) {
  const storage = scan.storage
    ? `; storage ${fixed(
        scan.storage.afterFirstBytes / 1e6,
        1,
      )} MB after 1 scan, ${fixed(
        scan.storage.afterLastBytes / 1e6,
        1,
      )} MB after ${scan.storage.scans}`
    : '';
  return [
    `${name}: full scan ${fixed(scan.full.wallSeconds, 1)} s (floor ${fixed(
      estate.floor.seconds,
      1,
    )} s; best strategy ${fixed(estate.best.floor.seconds, 1)} s), ${n(
      scan.full.requests,
    )} AWS requests (minimum ${n(estate.best.minimumCalls)}; per resource ${n(
      estate.minimumCalls,
    )}; ${n(scan.full.throttled)} throttled), status ${
      scan.full.status ?? 'n/a'
    }; the best floor's bucket served ${fixed(
      scan.full.floorBucketRequests / scan.full.wallSeconds,
      1,
    )}/s on average of the ${estate.best.floor.rate}/s allowed${
      scan.full.throttled > 0
        ? ` (throttled: ${Object.entries(scan.full.throttledByAction)
            .map(([action, count]) => `${action} ${count}`)
            .join(', ')})`
        : ''
    }; CPU: scanner ${fixed(
      scan.full.cpuSeconds.scanner,
      1,
    )} s, simulated AWS ${fixed(scan.full.cpuSeconds.simulator, 1)} s`,
    `  rescan ${fixed(scan.rescan.wallSeconds, 1)} s, ${n(
      scan.rescan.requests,
    )} requests${
      scan.rescan.limited ? '' : ' (AWS unthrottled: only the calls count)'
    }`,
    `  RSS ${mib(scan.rss.atStartBytes)} after start-up, peak ${mib(
      scan.rss.peakBytes,
    )}${storage}`,
  ].join('\n');
}

function sizeLine(e: EstateFigures) {
  const s = e.size;
  return `${s.accounts} accounts x ${s.regionsPerAccount} regions; ${n(
    s.notebooks,
  )} notebooks, ${n(s.endpoints)} endpoints (+${n(
    s.endpoints,
  )} endpoint configs), ${n(s.models)} models, ${n(
    s.trainingJobs,
  )} training jobs, ${n(s.roles)} roles, ${n(s.keys)} keys, ${n(
    s.buckets,
  )} buckets, ${n(s.securityGroups)} security groups; ${n(
    s.services,
  )} ML services`;
}

export function latencyDetail(name: string, r: RollupFigures) {
  const one = (l: LatencyFigure) => {
    if (l.notMeasured) return `not measured (${l.notMeasured})`;
    if (l.timedOutAfterMs) {
      return `no answer within ${fixed(
        l.timedOutAfterMs / 1000,
        0,
      )} s (process stopped)`;
    }
    return `p50 ${fixed(l.p50Ms, 1)} ms, p95 ${fixed(
      l.p95Ms,
      1,
    )} ms, max ${fixed(l.maxMs, 1)} ms over ${l.requests} requests${
      l.failures ? `, ${l.failures} FAILED` : ''
    }`;
  };
  return `${name}: team rollup ${one(r.team)}; org page ${one(r.org)}`;
}

function restDetails(result: BenchResult, k: number): string[] {
  const { rest } = result;
  if (!rest) return ['(--scan-only: nothing else was measured)'];
  const { throughput } = rest;
  return [
    scanDetail(`ours 1/${k}`, rest.oursSlice, rest.slice),
    scanDetail(`naive 1/${k}`, rest.naive, rest.slice),
    `same 1/${k} estate: the naive baseline took ${fixed(
      rest.naive.full.wallSeconds / rest.oursSlice.full.wallSeconds,
      1,
    )}x our wall time and made ${fixed(
      rest.naive.full.requests / rest.oursSlice.full.requests,
      1,
    )}x our AWS requests`,
    `check throughput: ${n(throughput.resources)} resources, ${n(
      throughput.evaluations,
    )} check evaluations in ${fixed(throughput.cpuSeconds, 2)} CPU s (${fixed(
      throughput.wallSeconds,
      2,
    )} s wall), the best of ${
      throughput.passes.length
    } passes, each with a new evaluator (resources per CPU second: ${throughput.passes
      .map(p => n(Math.round(p)))
      .join(
        ', ',
      )}; the first while V8 compiles the checks); costliest checks (µs per resource): ${throughput.costliest
      .map(c => `${c.checkId} ${fixed(c.microsPerResource, 0)}`)
      .join(', ')}`,
    ...(['sqlite', 'postgres'] as const).flatMap(db => {
      const e = rest.evaluation[db];
      return e
        ? [
            `evaluation of the full estate (CheckEngine, ${db}): ${fixed(
              e.seconds,
              1,
            )} s for ${n(e.resources)} resources, ${n(e.results)} results (${n(
              Math.round(e.resources / e.seconds),
            )} resources/s end to end)`,
          ]
        : [];
    }),
    ...evaluationDetail(rest.evaluationRuns.sqlite),
    ...(rest.evaluationRuns.postgres
      ? evaluationDetail(rest.evaluationRuns.postgres)
      : []),
    latencyDetail('SQLite', rest.rollups.sqlite),
    'notMeasured' in rest.rollups.postgres
      ? `PostgreSQL: not measured (${rest.rollups.postgres.notMeasured})`
      : latencyDetail('PostgreSQL', rest.rollups.postgres),
  ];
}

export function renderReport(result: BenchResult): {
  text: string;
  misses: FigureRow[];
} {
  const rows = figureRows(result);
  const { options, machine } = result;
  const rates = Object.entries(options.aws.rates)
    .map(([prefix, v]) => `${prefix}* ${v}/s -> ${v * options.scale}/s`)
    .join(', ');
  const k = options.naiveSlice;
  const head = [
    'SageMaker security benchmark (yarn bench; see docs/benchmarks.md)',
    `machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${fixed(
      machine.memoryBytes / 2 ** 30,
      1,
    )} GiB RAM, Node ${
      machine.node
    }, load average at start ${machine.loadAverage
      .map(x => fixed(x, 2))
      .join(' ')}`,
    `estate: ${sizeLine(result.full)}; catalog ${n(
      options.rollup.entities,
    )} entities, ${n(options.rollup.teams)} teams`,
    `simulated AWS: every rate x ${options.scale} and latency / ${
      options.scale
    } (the scale factor; the ratios do not depend on it). Defaults: latency ${
      REAL_AWS.latencyMs
    } ms -> ${fixed(
      options.aws.latencyMs / options.scale,
      2,
    )} ms; per account and region (IAM per account), burst ${
      options.aws.burstSeconds
    } s of rate: ${rates}; other APIs unthrottled`,
    `collector: concurrency ${JSON.stringify(
      result.collectorConfig.concurrency,
    )}, aws.maxAttempts 8 (SDK adaptive retry), jobLookbackDays 30`,
    `rate-limit floor, per-resource reads: ${fixed(
      result.full.floor.seconds,
      1,
    )} s (${result.full.floor.bucket}: ${n(result.full.floor.calls)} calls at ${
      result.full.floor.rate
    }/s after its burst); minimum ${n(result.full.minimumCalls)} calls`,
    `rate-limit floor, best read strategy (Search, Tagging API, IAM account details where cheaper): ${fixed(
      result.full.best.floor.seconds,
      1,
    )} s (${result.full.best.floor.bucket}: ${n(
      result.full.best.floor.calls,
    )} calls at ${result.full.best.floor.rate}/s after its burst); minimum ${n(
      result.full.best.minimumCalls,
    )} calls`,
    ...(result.rest
      ? [
          `naive baseline: sequential, no dedup, no completed-job cache, everything in memory, a new snapshot per scan; being many times slower, it runs on a 1/${k} estate, next to ours on the same estate`,
        ]
      : []),
    '',
  ];
  const tableRows = [
    ['figure', 'ours', 'goal', '', `ours 1/${k}`, `naive 1/${k}`],
    ...rows.map(r => [
      r.label,
      r.text,
      r.goal,
      r.pass ? 'ok' : 'MISS',
      r.oursSlice,
      r.naive,
    ]),
  ];
  const notes = rows.filter(r => r.note).map(r => `${r.label}: ${r.note}`);
  const details = [
    '',
    scanDetail('ours', result.ours, result.full),
    scanDetail(
      `ours, fact-heavy estate (${sizeLine(result.factHeavy.estate)})`,
      result.factHeavy.ours,
      result.factHeavy.estate,
    ),
    ...restDetails(result, k),
    `benchmark ran ${fixed(result.seconds / 60, 1)} min`,
  ];
  const misses = rows.filter(r => !r.pass);
  const verdict = misses.length
    ? `${misses.length} of ${rows.length} figures MISS their goal: ${misses
        .map(m => m.id)
        .join(', ')}`
    : `all ${rows.length} figures meet their goals`;
  return {
    text: [...head, table(tableRows), ...notes, ...details, '', verdict].join(
      '\n',
    ),
    misses,
  };
}
