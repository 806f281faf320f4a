#!/usr/bin/env node
/*
 * One version of each @backstage package our plugins use in the adopter app:
 * prints `yarn why` for each (the record the issue asks for) and fails when the
 * app's lockfile resolves any of them to two versions, or when node_modules holds
 * more than one installed copy of one (the node-modules linker can nest a second
 * copy of the same version where hoisting conflicts).
 * Usage: check-duplicates.js <appDir> <dir of .tgz>
 */
const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [appDir, tarballDir] = process.argv.slice(2);
const used = new Set();
for (const file of fs.readdirSync(tarballDir).filter(f => f.endsWith('.tgz'))) {
  const pkg = JSON.parse(
    execFileSync(
      'tar',
      ['xzOf', path.join(tarballDir, file), 'package/package.json'],
      {
        encoding: 'utf8',
      },
    ),
  );
  for (const deps of [pkg.dependencies, pkg.peerDependencies]) {
    for (const name of Object.keys(deps ?? {})) {
      if (name.startsWith('@backstage/')) used.add(name);
    }
  }
}

const lock = fs.readFileSync(path.join(appDir, 'yarn.lock'), 'utf8');
const versionsOf = name => {
  const versions = new Set();
  const re = /^"?([^\n]+):\n  version: ([^\n]+)/gm;
  let m;
  while ((m = re.exec(lock))) {
    const keys = m[1].split(', ').map(k => k.replace(/^"|"$/g, ''));
    if (keys.some(k => k.startsWith(`${name}@npm:`))) versions.add(m[2]);
  }
  return [...versions];
};

// Every installed copy of each package: node_modules/<name>, at any depth.
const copies = new Map();
const walk = dir => {
  const nm = path.join(dir, 'node_modules');
  let entries;
  try {
    entries = fs.readdirSync(nm, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const names = entry.name.startsWith('@')
      ? fs
          .readdirSync(path.join(nm, entry.name), { withFileTypes: true })
          .filter(e => e.isDirectory())
          .map(e => `${entry.name}/${e.name}`)
      : [entry.name];
    for (const name of names) {
      const pkgDir = path.join(nm, name);
      if (used.has(name)) {
        copies.set(name, [...(copies.get(name) ?? []), pkgDir]);
      }
      walk(pkgDir);
    }
  }
};
walk(appDir);
for (const workspace of ['packages/app', 'packages/backend']) {
  walk(path.join(appDir, workspace));
}

// `yarn why` for all of them, a few at a time (each is a yarn start-up).
const yarnWhy = name =>
  new Promise((resolve, reject) =>
    execFile('yarn', ['why', name], { cwd: appDir }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
async function main() {
  const names = [...used].sort();
  const why = new Map();
  const queue = [...names];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (queue.length > 0) {
        const name = queue.shift();
        why.set(name, await yarnWhy(name));
      }
    }),
  );
  let failures = 0;
  for (const name of names) {
    const versions = versionsOf(name);
    console.log(`--- yarn why ${name}\n${why.get(name).trim()}`);
    const installed = (copies.get(name) ?? []).map(d =>
      path.relative(appDir, d),
    );
    if (versions.length !== 1) {
      failures += 1;
      console.log(
        `  FAIL ${name}: ${versions.length} versions (${versions.join(', ')})`,
      );
    } else if (installed.length !== 1) {
      failures += 1;
      console.log(
        `  FAIL ${name}: ${installed.length} installed copies (${installed.join(
          ', ',
        )})`,
      );
    } else {
      console.log(
        `  ok   ${name}: one version, ${versions[0]}, one copy (${installed[0]})`,
      );
    }
  }
  console.log(
    `${used.size} @backstage packages used by our plugins; ${failures} with more than one version or copy`,
  );
  if (failures) process.exit(1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
