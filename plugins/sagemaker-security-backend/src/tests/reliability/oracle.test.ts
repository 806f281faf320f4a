/**
 * The oracle of faultInjection.test.ts can fail: it flags a check that turns
 * an unreadable value into `pass` (Prowler's failure mode), and accepts a
 * pass that holds whatever the failed call would have answered.
 */
import type {
  CheckOutcome,
  CloudTrailFact,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  defaultChecks,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import { sqliteMemory } from '../../inventory/__testUtils__/harness';
import { judge, loadInventory } from './__testUtils__/oracle';
import { createStack, demoEstate } from './__testUtils__/stack';

const PROD = '111122223333';
const template = defaultChecks.find(
  c => c.id === 'cloudtrail-logging-in-region',
)!;

function check(
  id: string,
  evaluate: (trails: CloudTrailFact['trails']) => CheckOutcome,
): SecurityCheck {
  return {
    ...template,
    id,
    evaluate: ({ resource, facts }) => {
      const fact = facts.get(
        'cloudtrail',
        resource.accountId,
        resource.region,
        '-',
      );
      if (!fact?.data) return { status: 'unknown', message: 'no trails' };
      return evaluate(fact.data.trails);
    },
  };
}

const verdict = (status: CheckOutcome['status']): CheckOutcome => ({
  status,
  message: status,
});

/** Unreadable logging status reads as "not stopped": a default pass. */
const defaultPass = check('default-pass', trails =>
  verdict(trails.every(t => t.isLogging !== false) ? 'pass' : 'fail'),
);
/** Reads the unreadable status but passes on the names alone. */
const namesOnly = check('names-only', trails => ({
  status: trails.length > 0 && trails.every(t => t.name) ? 'pass' : 'fail',
  message: trails.map(t => `${t.name}: ${t.isLogging}`).join(', '),
}));
/** Fail-closed: unreadable is unknown. */
const failClosed = check('fail-closed', trails => {
  if (trails.some(t => t.isLogging === undefined)) return verdict('unknown');
  return verdict(trails.every(t => t.isLogging) ? 'pass' : 'fail');
});
/** Reads a denied description and passes regardless (ignores the error). */
const ignoresDescribe: SecurityCheck = {
  ...template,
  id: 'ignores-describe',
  resourceTypes: ['endpoint'],
  evaluate: ({ resource }) =>
    verdict(resource.description.KmsKeyId === 'bad' ? 'fail' : 'pass'),
};

jest.setTimeout(60_000);

it('flags passes that rest on failed calls, and only those', async () => {
  const estate = await demoEstate();
  const prod = estate.accounts.find(a => a.accountId === PROD)!;
  prod.faults = [
    { action: 'cloudtrail:GetTrailStatus', error: 'AccessDenied' },
    // Denied Search falls back to List and Describe (bulk reads), so the
    // endpoint's describe is what fails.
    { action: 'sagemaker:Search', error: 'AccessDenied' },
    { action: 'sagemaker:DescribeEndpoint', error: 'AccessDenied' },
  ];
  const cleanStack = await createStack({
    knex: sqliteMemory(),
    estate: await demoEstate(),
  });
  await cleanStack.scan();
  const clean = await loadInventory(cleanStack.inventory.store);
  const stack = await createStack({ knex: sqliteMemory(), estate });
  await stack.scan();

  const verdicts = await judge(
    stack.inventory.store,
    [defaultPass, namesOnly, failClosed, ignoresDescribe],
    { facts: clean.facts, resources: clean.lookup, statuses: new Map() },
  );
  const flagged = (id: string, account = PROD) =>
    verdicts.filter(
      v =>
        v.checkId === id && v.accountId === account && v.passRestsOnFailedData,
    ).length;
  const prodVerdicts = (id: string) =>
    verdicts.filter(v => v.checkId === id && v.accountId === PROD);

  // The default pass is caught on every resource of the faulted account...
  expect(prodVerdicts('default-pass').length).toBeGreaterThan(5);
  expect(flagged('default-pass')).toBe(prodVerdicts('default-pass').length);
  // ...and not where nothing failed.
  expect(flagged('default-pass', '444455556666')).toBe(0);
  // Read failed data, but the pass holds whatever it was.
  expect(prodVerdicts('names-only').length).toBeGreaterThan(5);
  expect(
    prodVerdicts('names-only').every(
      v => v.status === 'pass' && v.taint.length > 0,
    ),
  ).toBe(true);
  expect(flagged('names-only')).toBe(0);
  expect(prodVerdicts('fail-closed').every(v => v.status === 'unknown')).toBe(
    true,
  );
  // An undescribed endpoint's pass is caught.
  expect(flagged('ignores-describe')).toBe(
    prodVerdicts('ignores-describe').length,
  );
  expect(flagged('ignores-describe')).toBeGreaterThan(3);
});
