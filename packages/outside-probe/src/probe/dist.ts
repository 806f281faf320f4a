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

/**
 * A production build, unpacked: `backstage-cli package build` of a backend
 * packs the backend and every workspace package it uses, each built to
 * `dist/` with its `publishConfig` applied (`main: dist/index.cjs.js`), into
 * `dist/bundle.tar.gz`. Production images unpack it over `skeleton.tar.gz` and
 * install the third-party dependencies. Here they are taken from the
 * repository's own install instead: `node_modules` of the unpacked tree links
 * every installed package, except the workspace packages, which resolve to
 * their built copies in the bundle. So the process runs built code only.
 */
export interface DistWorkspace {
  root: string;
  /** Directory of a workspace package in the unpacked tree, by package name. */
  packageDir(name: string): string;
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
    if (entry === '.bin' || entry.startsWith('.')) continue;
    const from = join(source, entry);
    if (entry.startsWith('@')) {
      const scoped = readdirSync(from).map(n => `${entry}/${n}`);
      if (scoped.some(n => skip.has(n))) {
        mkdirSync(join(target, entry), { recursive: true });
        for (const name of scoped) {
          if (!skip.has(name))
            symlinkSync(join(source, name), join(target, name));
        }
        continue;
      }
    }
    if (!skip.has(entry)) symlinkSync(from, join(target, entry));
  }
}

export function unpackBuild(options: {
  repoRoot: string;
  bundles: string[];
  dir: string;
}): DistWorkspace {
  const { repoRoot, dir } = options;
  mkdirSync(dir, { recursive: true });
  for (const bundle of options.bundles) {
    execFileSync('tar', ['xzf', bundle, '-C', dir]);
  }
  const built = workspaceDirs(dir);
  const repoDirs = workspaceDirs(repoRoot);
  const names = new Set(built.keys());
  // Every workspace name resolves to the bundle's copy, or nowhere.
  for (const name of repoDirs.keys()) names.add(name);
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
  return {
    root: dir,
    packageDir(name) {
      const path = built.get(name);
      if (!path) throw new Error(`The build has no package ${name}`);
      return path;
    },
  };
}
