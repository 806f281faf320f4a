#!/usr/bin/env node
/*
 * The adopter app's committed yarn.lock pins the Backstage release and every
 * third-party package, never our tarballs (their checksums change with every
 * commit). Usage:
 *   lockfile-pins.js strip <yarn.lock>          drops the @mlsec entries in place
 *   lockfile-pins.js compare <committed> <now>  fails when the install resolved any
 *                                               package (other than ours) to a version,
 *                                               checksum or dependency set that the
 *                                               committed lockfile does not pin
 *
 * The comparison is by resolution (name@version), not by the lockfile key: when one
 * of our packages declares a new range (e.g. `@smithy/core@^3.40.0`) that a pinned
 * version satisfies, the key gains a descriptor but nothing new is installed.
 */
const fs = require('node:fs');

const ours = key => /(^|, )"?@mlsec\//.test(key);

function entries(file) {
  const text = fs.readFileSync(file, 'utf8');
  const blocks = text.split(/\n(?=\S)/);
  return blocks.map(block => {
    const [key, ...body] = block.trimEnd().split('\n');
    const resolution = body
      .find(l => l.startsWith('  resolution: '))
      ?.slice('  resolution: '.length)
      .replace(/^"|"$/g, '');
    return {
      key,
      block,
      body: body.join('\n'),
      resolution,
      descriptors: key
        .replace(/:$/, '')
        .split(', ')
        .map(d => d.replace(/^"|"$/g, '')),
    };
  });
}

const packages = file =>
  new Map(
    entries(file)
      .filter(e => e.resolution && !ours(e.key))
      .map(e => [e.resolution, e]),
  );

const [command, a, b] = process.argv.slice(2);
if (command === 'strip') {
  const kept = entries(a).filter(e => !ours(e.key));
  fs.writeFileSync(a, `${kept.map(e => e.block.trimEnd()).join('\n\n')}\n`);
} else if (command === 'compare') {
  const pinned = packages(a);
  const now = packages(b);
  const problems = [];
  const newRanges = [];
  for (const [resolution, entry] of now) {
    const pin = pinned.get(resolution);
    if (!pin) {
      problems.push(`not pinned: ${resolution} (for ${entry.descriptors})`);
      continue;
    }
    if (pin.body !== entry.body) problems.push(`changed: ${resolution}`);
    for (const d of entry.descriptors) {
      if (!pin.descriptors.includes(d)) newRanges.push(`${d} -> ${resolution}`);
    }
  }
  const unused = [...pinned.keys()].filter(r => !now.has(r));
  if (problems.length > 0) {
    console.error(
      `The adopter app's install resolved ${
        problems.length
      } package(s) that the committed yarn.lock does not pin:\n  ${problems
        .slice(0, 30)
        .join(
          '\n  ',
        )}\nRegenerate it with scripts/adopter-test.sh --update-lockfile and commit adopter-app/yarn.lock.`,
    );
    process.exit(1);
  }
  for (const r of newRanges) {
    console.log(`  note: a range of our packages, ${r} (pinned)`);
  }
  if (unused.length > 0) {
    console.log(
      `  note: ${unused.length} pinned package(s) no longer used (e.g. ${unused[0]}); --update-lockfile drops them`,
    );
  }
  console.log(
    `  ok   yarn.lock: all ${now.size} installed packages (besides our tarballs) are the pinned versions and checksums`,
  );
} else {
  console.error('usage: lockfile-pins.js strip <lock> | compare <lock> <lock>');
  process.exit(2);
}
