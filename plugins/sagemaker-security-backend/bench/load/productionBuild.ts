/**
 * The production build of the demo backend (`packages/backend`), unpacked so
 * that it runs on its own: `backstage-cli package build` of a backend packs
 * the backend and every workspace package it uses, each built to `dist/`
 * with its `publishConfig` applied, into `dist/bundle.tar.gz` (what
 * production images unpack). Third-party packages come from the repository's
 * own install: `node_modules` of the unpacked tree links every installed
 * package except the workspace packages, which resolve to their built copies
 * in the bundle. No TypeScript source of the product is loaded. (The same
 * layout as the outside probe's `packages/outside-probe/src/probe/dist.ts`.)
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';

export const BUNDLE = 'packages/backend/dist/bundle.tar.gz';

/** Runs `yarn build:backend` (backstage-cli package build) at the repository root. */
export function buildBackend(repoRoot: string, log: (m: string) => void) {
  log('building the demo backend for production (yarn build:backend)');
  execFileSync('yarn', ['build:backend'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function workspaceDirs(root: string): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const group of ['packages', 'plugins']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      const manifest = join(base, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      dirs.set(
        JSON.parse(readFileSync(manifest, 'utf8')).name,
        join(base, entry),
      );
    }
  }
  return dirs;
}

/** Links each entry of `source` (a node_modules) into `target`, but not `skip`. */
function linkModules(source: string, target: string, skip: Set<string>) {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry.startsWith('.')) continue;
    const from = join(source, entry);
    const scoped = entry.startsWith('@')
      ? readdirSync(from).map(name => `${entry}/${name}`)
      : [];
    if (scoped.some(name => skip.has(name))) {
      mkdirSync(join(target, entry), { recursive: true });
      for (const name of scoped.filter(s => !skip.has(s))) {
        symlinkSync(join(source, name), join(target, name));
      }
    } else if (!skip.has(entry)) {
      symlinkSync(from, join(target, entry));
    }
  }
}

/**
 * Unpacks the bundle into `dir` and returns the directory of the backend
 * package there. The demo config's catalog locations are relative to the
 * backend process (`../../examples/...`), so `examples/` and
 * `catalog-info.yaml` are linked in beside `packages/`.
 */
export function unpackBackend(repoRoot: string, dir: string): string {
  const bundle = join(repoRoot, BUNDLE);
  if (!existsSync(bundle)) {
    throw new Error(
      `No production build at ${bundle} (run yarn build:backend)`,
    );
  }
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['xzf', bundle, '-C', dir]);
  const built = workspaceDirs(dir);
  const repoDirs = workspaceDirs(repoRoot);
  const names = new Set([...built.keys(), ...repoDirs.keys()]);
  linkModules(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), names);
  for (const [name, path] of built) {
    symlinkSync(path, join(dir, 'node_modules', name));
    const nested = join(repoDirs.get(name) ?? '', 'node_modules');
    if (
      repoDirs.has(name) &&
      existsSync(nested) &&
      lstatSync(nested).isDirectory()
    ) {
      linkModules(nested, join(path, 'node_modules'), names);
    }
  }
  for (const entry of ['examples', 'catalog-info.yaml']) {
    symlinkSync(join(repoRoot, entry), join(dir, entry));
  }
  const backend = built.get('backend');
  if (!backend) throw new Error(`${bundle} holds no package named backend`);
  return backend;
}
