#!/usr/bin/env node
/*
 * One version of each @backstage package our plugins use in the adopter app:
 * prints `yarn why` for each (the record the issue asks for) and fails when the
 * app's lockfile resolves any of them to two versions.
 * Usage: check-duplicates.js <appDir> <dir of .tgz>
 */
const { execFileSync } = require('node:child_process');
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

let failures = 0;
for (const name of [...used].sort()) {
  const versions = versionsOf(name);
  const why = execFileSync('yarn', ['why', name], {
    cwd: appDir,
    encoding: 'utf8',
  });
  console.log(`--- yarn why ${name}\n${why.trim()}`);
  if (versions.length !== 1) {
    failures += 1;
    console.log(
      `  FAIL ${name}: ${versions.length} versions (${versions.join(', ')})`,
    );
  } else {
    console.log(`  ok   ${name}: one version, ${versions[0]}`);
  }
}
console.log(
  `${used.size} @backstage packages used by our plugins; ${failures} with more than one version`,
);
if (failures) process.exit(1);
