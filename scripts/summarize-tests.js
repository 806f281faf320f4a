#!/usr/bin/env node
/*
 * Prints what the test run did: how many database tests ran on each
 * TestDatabases id, the Jest and Playwright totals, and one closing
 * "N passed, N failed" line. Fails when no PostgreSQL test ran (a missing
 * database must never pass silently), when a test was skipped, or when a
 * report is missing.
 */
const fs = require('fs');

const [jestFile, playwrightFile] = process.argv.slice(2);
const problems = [];
const read = file => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`no test report at ${file} (${error.message})`);
    return undefined;
  }
};

const jest = read(jestFile);
const playwright = read(playwrightFile);
let passed = 0;
let failed = 0;

if (jest) {
  const perDatabase = { SQLITE_3: 0, POSTGRES_15: 0 };
  for (const suite of jest.testResults) {
    for (const test of suite.assertionResults) {
      for (const id of Object.keys(perDatabase)) {
        if (test.fullName.includes(id) && test.status === 'passed') {
          perDatabase[id] += 1;
        }
      }
    }
  }
  console.log(
    `database tests passed: ${Object.entries(perDatabase)
      .map(([id, n]) => `${id} ${n}`)
      .join(', ')}`,
  );
  console.log(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ` +
      `${jest.numPendingTests + jest.numTodoTests} skipped, ` +
      `${jest.numTotalTestSuites} suites`,
  );
  passed += jest.numPassedTests;
  failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  if (perDatabase.SQLITE_3 === 0 || perDatabase.POSTGRES_15 === 0) {
    problems.push('database tests did not run on both SQLite and PostgreSQL');
  }
  if (jest.numPendingTests + jest.numTodoTests > 0) {
    problems.push('skipped tests are not allowed');
  }
}

if (playwright) {
  const {
    expected = 0,
    unexpected = 0,
    flaky = 0,
    skipped = 0,
  } = playwright.stats ?? {};
  console.log(
    `browser: ${
      expected + flaky
    } passed, ${unexpected} failed, ${skipped} skipped`,
  );
  passed += expected + flaky;
  failed += unexpected;
  if (expected + flaky === 0) problems.push('no browser test passed');
  if (skipped > 0) problems.push('skipped browser tests are not allowed');
}

for (const problem of problems) console.error(problem);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
