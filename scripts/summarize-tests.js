#!/usr/bin/env node
/*
 * Prints what the Jest run did: totals, and how many database tests ran on each
 * TestDatabases id. Fails when no PostgreSQL test ran, so a missing database can
 * never pass silently.
 */
const fs = require('fs');

const file = process.argv[2];
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const perDatabase = { SQLITE_3: 0, POSTGRES_15: 0 };
for (const suite of report.testResults) {
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
  `unit: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped (${report.numTotalTestSuites} suites)`,
);
if (perDatabase.SQLITE_3 === 0 || perDatabase.POSTGRES_15 === 0) {
  console.error('database tests did not run on both SQLite and PostgreSQL');
  process.exit(1);
}
if (report.numPendingTests > 0 || report.numTodoTests > 0) {
  console.error('skipped tests are not allowed');
  process.exit(1);
}
process.exit(report.success ? 0 : 1);
