/**
 * Where the time of a V8 CPU profile (`node --cpu-prof`) goes: self and
 * inclusive time per function and per file, and per category (permission
 * evaluation, catalog reads, scoring on request, JSON, database, HTTP, GC),
 * each a share of the sampled time. Inclusive time follows synchronous
 * stacks only (an await ends a stack), so the categories overlap and do not
 * sum to 100 %.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/load/profileSummary.ts <file.cpuprofile> [fromEnd toEnd]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
  };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Categories by file path (or function name for built-ins), first match per frame. */
export const CATEGORIES: Array<[string, RegExp]> = [
  [
    'permission evaluation',
    /plugin-permission|permissions?\/|[Pp]ermission|Authoriz/,
  ],
  [
    'catalog reads',
    /catalog-client|CatalogClient|catalog\/.*(Catalog|catalog)|entitiesBy|getEntit/,
  ],
  [
    'scoring / evaluation on request',
    /sagemaker-security-backend\/dist\/(scoring|service|checks)|plugin-sagemaker-security-node\/dist/,
  ],
  [
    'JSON (parse/stringify)',
    /^(stringify|parse|JSONSerialize|JsonStringify|JsonParse)$|express\/lib\/response/,
  ],
  [
    'database (knex, better-sqlite3, pg)',
    /knex|better-sqlite3|\/pg\/|pg-protocol/,
  ],
  [
    'auth (token verification)',
    /jose|plugin-auth-node|auth\/DefaultAuthService|JWKS/,
  ],
  [
    'HTTP server (express, node:http)',
    /express\/lib\/router|node:_http|node:net|body-parser|compression/,
  ],
  ['garbage collector', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$/],
];

const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/(plugins|packages)\//, '');
  return `${functionName || '(anonymous)'} ${
    file ? `${file}:${lineNumber + 1}` : ''
  }`.trim();
};
const fileOf = (n: ProfileNode) =>
  n.callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/(plugins|packages)\//, '') ||
  `(${n.callFrame.functionName})`;

/**
 * A window of the profile, in seconds before its end (the process exit):
 * the samples from `fromEnd` to `toEnd` seconds before it.
 */
export interface Window {
  fromEnd: number;
  toEnd: number;
}

export function summarise(
  profile: CpuProfile,
  top = 20,
  window?: Window,
): string[] {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);
  const timeOf = new Map<number, number>();
  const from = window ? profile.endTime - window.fromEnd * 1e6 : -Infinity;
  const to = window ? profile.endTime - window.toEnd * 1e6 : Infinity;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  let total = 0;
  for (const t of timeOf.values()) total += t;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const files = new Map<string, number>();
  const categories = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, t: number) =>
    m.set(k, (m.get(k) ?? 0) + t);
  for (const [id, t] of timeOf) {
    const leaf = byId.get(id)!;
    add(self, label(leaf), t);
    const seen = new Set<string>();
    const seenFiles = new Set<string>();
    const seenCats = new Set<string>();
    for (
      let cur: number | undefined = id;
      cur !== undefined;
      cur = parent.get(cur)
    ) {
      const n = byId.get(cur)!;
      const l = label(n);
      if (!seen.has(l)) {
        seen.add(l);
        add(inclusive, l, t);
      }
      const f = fileOf(n);
      if (!seenFiles.has(f)) {
        seenFiles.add(f);
        add(files, f, t);
      }
      const key = `${n.callFrame.url} ${n.callFrame.functionName}`;
      for (const [name, re] of CATEGORIES) {
        if (
          !seenCats.has(name) &&
          (re.test(n.callFrame.url) ||
            re.test(n.callFrame.functionName) ||
            re.test(key))
        ) {
          seenCats.add(name);
          add(categories, name, t);
        }
      }
    }
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
  const list = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `  ${pct(t)}  ${k}`);
  return [
    `sampled ${(total / 1e6).toFixed(1)} s${
      window
        ? ` (from ${window.fromEnd} s to ${window.toEnd} s before exit)`
        : ''
    }`,
    'categories (inclusive, synchronous stacks; overlapping):',
    ...list(categories, CATEGORIES.length),
    `top ${top} functions by self time:`,
    ...list(self, top),
    `top ${top} functions by inclusive time:`,
    ...list(inclusive, top),
    `top ${top} files by inclusive time:`,
    ...list(files, top),
  ];
}

export function summariseFile(file: string, window?: Window): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return summarise(profile, 20, window);
}

// profileSummary.ts <file> [fromEnd toEnd]
if (require.main === module) {
  const [file, fromEnd, toEnd] = process.argv.slice(2);
  const window =
    fromEnd === undefined
      ? undefined
      : { fromEnd: Number(fromEnd), toEnd: Number(toEnd ?? 0) };
  process.stdout.write(`${file}\n${summariseFile(file, window).join('\n')}\n`);
}
