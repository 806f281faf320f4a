#!/usr/bin/env node
/*
 * What each packed tarball must hold for an adopter: LICENSE, README, the
 * files its main/types/module/exports name, no sources or tests, and the data
 * the README points at (templates in the catalog module, the demo estate,
 * migrations and IAM policy in the backend).
 * Usage: check-tarballs.js <dir of .tgz>
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
const REQUIRED = {
  '@mlsec/plugin-sagemaker-security-backend': [
    'demo-estate/estate.yaml',
    'iam-policy.json',
    'config.schema.json',
    /^migrations\/.+\.js$/,
  ],
  '@mlsec/plugin-catalog-backend-module-sagemaker': [
    'config.schema.json',
    /^templates\/[^/]+\/template\.yaml$/,
    /^templates\/[^/]+\/skeleton\/.+/,
  ],
};

let failures = 0;
const fail = msg => {
  failures += 1;
  console.log(`  FAIL ${msg}`);
};
for (const file of fs
  .readdirSync(dir)
  .filter(f => f.endsWith('.tgz'))
  .sort()) {
  const tgz = path.join(dir, file);
  const files = execFileSync('tar', ['tzf', tgz], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(f => f.replace(/^package\//, ''));
  const pkg = JSON.parse(
    execFileSync('tar', ['xzOf', tgz, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const has = f => files.includes(f.replace(/^\.\//, ''));
  const problems = [];
  for (const f of ['package.json', 'LICENSE', 'README.md']) {
    if (!has(f)) problems.push(`no ${f}`);
  }
  for (const key of ['main', 'types', 'module']) {
    if (pkg[key] && !has(pkg[key]))
      problems.push(`${key} ${pkg[key]} is not in the tarball`);
  }
  if (!pkg.main) problems.push('no main');
  const targets = [];
  // Conditions name files; `backstage` names the export's kind (e.g. a frontend plugin).
  const walk = v => {
    if (typeof v === 'string') targets.push(v);
    else if (v && typeof v === 'object') {
      Object.entries(v)
        .filter(([condition]) => condition !== 'backstage')
        .forEach(([, value]) => walk(value));
    }
  };
  walk(pkg.exports);
  for (const t of targets) {
    if (!t.endsWith('package.json') && !has(t))
      problems.push(`exports names ${t}, not in the tarball`);
  }
  if (files.some(f => f.startsWith('src/'))) problems.push('ships src/');
  if (files.some(f => /\.test\.[jt]sx?$/.test(f))) problems.push('ships tests');
  for (const [depType, deps] of Object.entries({
    dependencies: pkg.dependencies,
    peerDependencies: pkg.peerDependencies,
  })) {
    for (const [dep, range] of Object.entries(deps ?? {})) {
      if (range.startsWith('workspace:'))
        problems.push(`${depType} ${dep} is ${range}`);
    }
  }
  for (const want of REQUIRED[pkg.name] ?? []) {
    const ok =
      typeof want === 'string' ? has(want) : files.some(f => want.test(f));
    if (!ok) problems.push(`missing ${want}`);
  }
  if (problems.length) problems.forEach(p => fail(`${pkg.name}: ${p}`));
  else
    console.log(
      `  ok   ${pkg.name}: ${files.length} files, main ${pkg.main}, types ${pkg.types}`,
    );
}
// Every template a remediation link names ships in the catalog module, which registers it.
const tarball = name => path.join(dir, `${name.replace('@mlsec/', '')}.tgz`);
const nodeTemplates = execFileSync(
  'tar',
  [
    'xzOf',
    tarball('@mlsec/plugin-sagemaker-security-node'),
    'package/dist/remediation/templates.cjs.js',
  ],
  { encoding: 'utf8' },
);
const literal = nodeTemplates.match(
  /const REMEDIATION_TEMPLATES = (\{[\s\S]*?\n\});/,
);
if (!literal) {
  fail(
    '-node: REMEDIATION_TEMPLATES not found in dist/remediation/templates.cjs.js',
  );
} else {
  const catalogFiles = execFileSync(
    'tar',
    ['tzf', tarball('@mlsec/plugin-catalog-backend-module-sagemaker')],
    { encoding: 'utf8' },
  ).split('\n');
  for (const name of Object.keys(JSON.parse(literal[1]))) {
    if (catalogFiles.includes(`package/templates/${name}/template.yaml`)) {
      console.log(
        `  ok   remediation template ${name} ships in the catalog module`,
      );
    } else {
      fail(
        `remediation template ${name} is not in the catalog module's tarball`,
      );
    }
  }
}
if (failures) {
  console.log(`tarball checks: ${failures} failed`);
  process.exit(1);
}
