#!/usr/bin/env node
/*
 * The adopter app's committed yarn.lock pins the Backstage release and every
 * third-party package, never our tarballs (their checksums change with every
 * commit). Usage:
 *   lockfile-pins.js strip <yarn.lock>          drops the @mlsec entries in place
 *   lockfile-pins.js compare <committed> <now>  fails when anything but @mlsec entries differs
 */
const fs = require('node:fs');

const ours = key => /(^|, )"?@mlsec\//.test(key);

function entries(file) {
  const text = fs.readFileSync(file, 'utf8');
  const blocks = text.split(/\n(?=\S)/);
  return blocks.map(block => ({ key: block.split('\n')[0], block }));
}

const [command, a, b] = process.argv.slice(2);
if (command === 'strip') {
  const kept = entries(a).filter(e => !ours(e.key));
  fs.writeFileSync(a, `${kept.map(e => e.block.trimEnd()).join('\n\n')}\n`);
} else if (command === 'compare') {
  const pinned = new Map(
    entries(a)
      .filter(e => !ours(e.key))
      .map(e => [e.key, e.block.trim()]),
  );
  const now = new Map(
    entries(b)
      .filter(e => !ours(e.key))
      .map(e => [e.key, e.block.trim()]),
  );
  const changed = [];
  for (const [key, block] of now) {
    if (pinned.get(key) !== block) changed.push(`changed or added: ${key}`);
  }
  for (const key of pinned.keys()) {
    if (!now.has(key)) changed.push(`removed: ${key}`);
  }
  if (changed.length > 0) {
    console.error(
      `The adopter app's yarn.lock moved beyond our own packages (${
        changed.length
      } entries):\n  ${changed
        .slice(0, 30)
        .join(
          '\n  ',
        )}\nRegenerate it with scripts/adopter-test.sh --update-lockfile and commit it.`,
    );
    process.exit(1);
  }
  console.log(
    `yarn.lock: every pinned entry unchanged (${pinned.size} entries); only @mlsec tarballs re-resolved`,
  );
} else {
  console.error('usage: lockfile-pins.js strip <lock> | compare <lock> <lock>');
  process.exit(2);
}
