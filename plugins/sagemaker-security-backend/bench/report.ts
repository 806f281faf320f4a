/**
 * Turns a benchmark result into the printed report: each figure next to its
 * goal, for our scanner and the naive baseline, then the raw numbers behind
 * them. A figure that is not measured is a miss.
 */
import type { BenchResult, EstateFigures } from './benchmark';
import type { ScanFigures } from './measure/scanSide';
import type { LatencyFigure, RollupFigures } from './measure/scorecards';
import { REAL_AWS } from './options';

const MIB = 1024 * 1024;
export const RSS_GOAL_JOBS = 500_000;

export interface FigureRow {
  id: string;
  label: string;
  goal: string;
  /** Our value; undefined when it could not be measured. */
  value: number | undefined;
  text: string;
  pass: boolean;
  oursSlice: string;
  naive: string;
  note?: string;
}

const n = (x: number) => x.toLocaleString('en-US');
const fixed = (x: number, digits: number) =>
  Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
const mib = (bytes: number) => `${fixed(bytes / MIB, 0)} MiB`;

function scanRatios(scan: ScanFigures, estate: EstateFigures) {
  return {
    wall: scan.full.wallSeconds / estate.floor.seconds,
    calls: scan.full.requests / estate.minimumCalls,
    rescan: scan.rescan.requests / scan.full.requests,
    storage: scan.storage
      ? scan.storage.afterLastBytes / scan.storage.afterFirstBytes
      : NaN,
  };
}

const SCAN_ONLY = 'not measured (--scan-only)';

function ratioRow(
  id: string,
  label: string,
  goal: { max: number; digits: number },
  value: number,
  slice: string,
  naive: string,
): FigureRow {
  return {
    id,
    label,
    goal: `<= ${goal.max}`,
    value,
    text: fixed(value, goal.digits),
    pass: value <= goal.max,
    oursSlice: slice,
    naive,
  };
}

function latencyRow(
  id: string,
  label: string,
  figure: LatencyFigure | undefined,
  reason?: string,
): FigureRow {
  const value =
    figure && figure.failures === 0 && figure.requests > 0
      ? figure.p95Ms
      : undefined;
  let text = 'not measured';
  if (value !== undefined) text = `${fixed(value, 1)} ms`;
  else if (figure?.timedOutAfterMs) {
    text = `> ${fixed(figure.timedOutAfterMs / 1000, 0)} s (no answer)`;
  } else if (figure?.failures) text = `${figure.failures} failed requests`;
  return {
    id,
    label,
    goal: '<= 50 ms',
    value,
    text,
    pass: value !== undefined && value <= 50,
    oursSlice: '',
    naive: 'n/a',
    note: reason ?? figure?.notMeasured,
  };
}

export function figureRows(result: BenchResult): FigureRow[] {
  const { rest } = result;
  const ours = scanRatios(result.ours, result.full);
  const slice = rest && scanRatios(rest.oursSlice, rest.slice);
  const naive = rest && scanRatios(rest.naive, rest.slice);
  const jobs = result.ours.trainingJobs;
  const completed = result.ours.full.status === 'succeeded';
  const pg = rest?.rollups.postgres;
  const pgFigures = pg && !('notMeasured' in pg) ? pg : undefined;
  let pgReason: string | undefined = SCAN_ONLY;
  if (rest) pgReason = pg && 'notMeasured' in pg ? pg.notMeasured : undefined;
  const col = (x: number | undefined, digits: number) =>
    x === undefined ? '' : fixed(x, digits);

  const rows: FigureRow[] = [
    ratioRow(
      'wall',
      'full scan wall time / rate-limit floor',
      { max: 1.2, digits: 2 },
      ours.wall,
      col(slice?.wall, 2),
      col(naive?.wall, 1),
    ),
    ratioRow(
      'calls',
      'AWS calls / minimum necessary',
      { max: 1.05, digits: 3 },
      ours.calls,
      col(slice?.calls, 3),
      col(naive?.calls, 2),
    ),
    ratioRow(
      'rescan',
      'rescan (no changes) calls / full scan calls',
      { max: 0.05, digits: 3 },
      ours.rescan,
      col(slice?.rescan, 3),
      col(naive?.rescan, 3),
    ),
    {
      id: 'rss',
      label: `peak RSS scanning ${n(jobs)} training jobs${
        jobs >= RSS_GOAL_JOBS ? '' : ' (*)'
      }`,
      goal: '<= 512 MiB, completes',
      value: result.ours.rss.peakBytes / MIB,
      text: `${mib(result.ours.rss.peakBytes)}${
        completed ? '' : ` (scan ${result.ours.full.status})`
      }`,
      pass: completed && result.ours.rss.peakBytes <= 512 * MIB,
      oursSlice: rest ? mib(rest.oursSlice.rss.peakBytes) : '',
      naive: rest ? mib(rest.naive.rss.peakBytes) : '',
      note:
        jobs >= RSS_GOAL_JOBS
          ? undefined
          : `(*) measured at ${n(jobs)} jobs; the goal is stated for ${n(
              RSS_GOAL_JOBS,
            )}: yarn bench --jobs ${RSS_GOAL_JOBS}`,
    },
    {
      id: 'throughput',
      label: 'check evaluation throughput, one core',
      goal: '>= 50,000 resources/s',
      value: rest?.throughput.perCpuSecond,
      text: rest
        ? `${n(Math.round(rest.throughput.perCpuSecond))}/s`
        : 'not measured',
      pass: !!rest && rest.throughput.perCpuSecond >= 50_000,
      oursSlice: '',
      naive: 'n/a',
      note: rest ? undefined : SCAN_ONLY,
    },
    latencyRow(
      'rollup-team-sqlite',
      'team rollup p95 (GET /rollups/entity), SQLite',
      rest?.rollups.sqlite.team,
      rest ? undefined : SCAN_ONLY,
    ),
    latencyRow(
      'rollup-team-pg',
      'team rollup p95 (GET /rollups/entity), PostgreSQL',
      pgFigures?.team,
      pgReason,
    ),
    latencyRow(
      'rollup-org-sqlite',
      'org rollup page p95 (GET /rollups/org), SQLite',
      rest?.rollups.sqlite.org,
      rest ? undefined : SCAN_ONLY,
    ),
    latencyRow(
      'rollup-org-pg',
      'org rollup page p95 (GET /rollups/org), PostgreSQL',
      pgFigures?.org,
      pgReason,
    ),
    {
      id: 'storage',
      label: `storage after ${
        rest?.oursSlice.storage?.scans ?? result.options.storageScans
      } scans (no changes) / after 1, 1/${
        result.options.naiveSlice
      } estate (**)`,
      goal: '<= 1.1',
      value: slice?.storage,
      text: slice ? fixed(slice.storage, 3) : 'not measured',
      pass: !!slice && slice.storage <= 1.1,
      oursSlice: col(slice?.storage, 3),
      naive: col(naive?.storage, 2),
      note: rest
        ? `(**) every scan is followed by the check evaluation (${fixed(
            rest.evaluation.sqlite.seconds,
            0,
          )} s at the full estate, before the daily scores): ${
            result.options.storageScans
          } do not fit the run, so storage is measured on the 1/${
            result.options.naiveSlice
          } estate, where the rows each scan adds weigh more`
        : SCAN_ONLY,
    },
  ];
  return rows;
}

function table(rows: string[][]): string {
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
    )} s), ${n(scan.full.requests)} AWS requests (minimum ${n(
      estate.minimumCalls,
    )}, ${n(scan.full.throttled)} throttled), status ${
      scan.full.status ?? 'n/a'
    }; the floor's bucket served ${fixed(
      scan.full.floorBucketRequests / scan.full.wallSeconds,
      1,
    )}/s on average of the ${estate.floor.rate}/s allowed`,
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

function latencyDetail(name: string, r: RollupFigures) {
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
    )} s wall); costliest checks (µs per resource): ${throughput.costliest
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
    `rate-limit floor: ${fixed(result.full.floor.seconds, 1)} s (${
      result.full.floor.bucket
    }: ${n(result.full.floor.calls)} calls at ${
      result.full.floor.rate
    }/s after its burst)`,
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
