#!/usr/bin/env node
/*
 * Applies the README's adopter steps to a scaffolded app, exactly as written:
 * every fenced block preceded by an `<!-- adopter-test: ... -->` marker.
 *
 *   install                      `yarn --cwd <dir> add <packages...>` lines: the packages are
 *                                added to <dir>/package.json at the version of the packed
 *                                tarballs (the app's resolutions point them at the tarballs,
 *                                in place of the registry)
 *   insert <file> before <text>  the block's lines go into <file> before the line holding <text>
 *   config                       the block is written as a config file layered over app-config.yaml
 *   catalog                      the block is written as a catalog file the test registers
 *   typecheck <file>             the block is written to <file> and type-checked with the app
 *
 * Usage: apply-readme.js <README.md> <appDir> <tarballVersionsJson>
 * Prints the config files (in README order) to layer, one per line, on stdout.
 */
const fs = require('node:fs');
const path = require('node:path');

const [readmePath, appDir, versionsPath] = process.argv.slice(2);
const readme = fs.readFileSync(readmePath, 'utf8');
const versions = JSON.parse(fs.readFileSync(versionsPath, 'utf8'));

const marker =
  /<!-- adopter-test: ([^>]*?) -->\s*\n```[a-z]*\n([\s\S]*?)\n```/g;
const steps = [...readme.matchAll(marker)].map(m => ({
  directive: m[1].trim(),
  body: m[2],
}));
if (steps.length === 0) {
  throw new Error(`no <!-- adopter-test: ... --> blocks in ${readmePath}`);
}

const log = msg => process.stderr.write(`[readme] ${msg}\n`);
const configFiles = [];
const catalogFiles = [];
let counter = 0;

for (const { directive, body } of steps) {
  const [kind, ...args] = directive.split(/\s+/);
  counter += 1;
  if (kind === 'install') {
    const commands = body
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter(Boolean);
    for (const command of commands) {
      const m = command.match(/^yarn --cwd (\S+) add (.+)$/);
      if (!m) throw new Error(`unexpected install line in README: ${command}`);
      const pkgFile = path.join(appDir, m[1], 'package.json');
      const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
      for (const name of m[2].trim().split(/\s+/)) {
        // A name the release did not pack has no tarball: install fails on it.
        const version = versions[name] ?? '0.0.0-not-packed';
        pkg.dependencies[name] = `^${version}`;
        log(`${m[1]}: add ${name}@^${version}`);
      }
      fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
    }
  } else if (kind === 'insert') {
    const rest = directive.slice('insert'.length).trim();
    const m = rest.match(/^(\S+) before "(.*)"$/);
    if (!m) throw new Error(`bad insert directive: ${directive}`);
    const file = path.join(appDir, m[1]);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex(line => line.includes(m[2]));
    if (at < 0) throw new Error(`"${m[2]}" not found in ${m[1]}`);
    lines.splice(at, 0, ...body.split('\n'), '');
    fs.writeFileSync(file, lines.join('\n'));
    log(`inserted ${body.split('\n').length} line(s) into ${m[1]}`);
  } else if (kind === 'config') {
    const file = path.join(appDir, `app-config.readme-${counter}.yaml`);
    fs.writeFileSync(file, `${body}\n`);
    configFiles.push(file);
    log(`config block -> ${path.basename(file)}`);
  } else if (kind === 'catalog') {
    const file = path.join(appDir, 'examples', `readme-${counter}.yaml`);
    fs.writeFileSync(file, `${body}\n`);
    catalogFiles.push(file);
    log(`catalog block -> examples/${path.basename(file)}`);
  } else if (kind === 'typecheck') {
    const file = path.join(appDir, args[0]);
    fs.writeFileSync(file, `${body}\n`);
    log(`type-checked block -> ${args[0]}`);
  } else {
    throw new Error(`unknown adopter-test directive: ${directive}`);
  }
}

process.stdout.write(
  `${JSON.stringify({ configFiles, catalogFiles }, null, 2)}\n`,
);
