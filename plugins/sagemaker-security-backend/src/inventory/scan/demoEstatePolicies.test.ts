/**
 * Through the wire-level simulator (issue 16): the demo estate's model package
 * group policies, read with GetModelPackageGroupPolicy, and its notebook
 * lifecycle script, read with DescribeNotebookInstanceLifecycleConfig, judged
 * by the real check engine.
 */
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { CheckEngine } from '../../checks/CheckEngine';
import { DatabaseResultStore } from '../../checks/DatabaseResultStore';
import { DatabaseHistoryStore } from '../../history/DatabaseHistoryStore';
import { createHarness } from '../__testUtils__/harness';
import { loadEstate } from '../simulator/loadEstate';

jest.setTimeout(120_000);

const DEMO = path.resolve(__dirname, '../../../demo-estate/estate.yaml');
const PROD = '111122223333';
const DEV = '444455556666';
const VENDOR = '210987654321';
const GROUP = (name: string) =>
  `arn:aws:sagemaker:us-east-1:${PROD}:model-package-group/${name}`;
const NOTEBOOK = `arn:aws:sagemaker:us-east-1:${DEV}:notebook-instance/churn-exploration`;
const LIFECYCLE = `arn:aws:sagemaker:us-east-1:${DEV}:notebook-instance-lifecycle-config/churn-setup`;
const POLICY_CHECKS = [
  'model-package-group-policy-not-public',
  'model-package-group-policy-no-external-accounts',
  'model-package-group-policy-no-wildcard-actions',
];
const SCRIPT_CHECKS = [
  'notebook-lifecycle-no-secrets',
  'notebook-lifecycle-no-remote-code',
];

describe('the demo estate through the simulator: registry policies and lifecycle scripts', () => {
  let results: DatabaseResultStore;
  let policyCalls: string[];

  beforeAll(async () => {
    const h = await createHarness(await loadEstate(DEMO), {
      simulator: { pageSize: 50 },
    });
    policyCalls = [];
    h.simulator.onCall(call => {
      if (call.action === 'sagemaker:GetModelPackageGroupPolicy') {
        policyCalls.push(String(call.input.ModelPackageGroupName));
      }
    });
    await h.scan();
    results = new DatabaseResultStore(h.db);
    await new CheckEngine({
      inventory: h.store,
      checks: defaultChecks,
      results,
      history: new DatabaseHistoryStore(h.db),
      logger: mockServices.logger.mock(),
    }).evaluateNow();
  });

  const verdicts = async (arn: string, checkIds: string[]) =>
    Object.fromEntries(
      (await results.listResults({ arns: [arn], checkIds })).map(r => [
        r.checkId,
        { status: r.status, message: r.message },
      ]),
    );

  it('reads each group policy over the wire', () => {
    expect(policyCalls.sort()).toEqual(['fraud-scoring', 'loan-default']);
  });

  it('passes a group shared with another account of the estate, named actions only', async () => {
    const got = await verdicts(GROUP('fraud-scoring'), POLICY_CHECKS);
    expect(Object.keys(got).sort()).toEqual([...POLICY_CHECKS].sort());
    for (const check of POLICY_CHECKS) {
      expect([check, got[check].status]).toEqual([check, 'pass']);
    }
  });

  it('fails a public group, warns of the vendor account by number, fails sagemaker:*', async () => {
    const got = await verdicts(GROUP('loan-default'), POLICY_CHECKS);
    expect(got['model-package-group-policy-not-public'].status).toBe('fail');
    expect(got['model-package-group-policy-no-external-accounts']).toEqual({
      status: 'warn',
      message: `loan-default's resource policy grants accounts outside the estate: ${VENDOR}.`,
    });
    expect(got['model-package-group-policy-no-wildcard-actions']).toEqual({
      status: 'fail',
      message: expect.stringContaining('(ValidatorVendor)'),
    });
  });

  it.each([
    ['the lifecycle configuration', LIFECYCLE],
    ['the notebook that runs it', NOTEBOOK],
  ])(
    'fails the script of %s by kind and line, never storing the password',
    async (_what, arn) => {
      const stored = await results.listResults({
        arns: [arn],
        checkIds: SCRIPT_CHECKS,
      });
      const got = Object.fromEntries(stored.map(r => [r.checkId, r]));
      expect(got['notebook-lifecycle-no-secrets']).toMatchObject({
        status: 'fail',
        message: expect.stringContaining(
          'OnStart.0.Content line 5 (credential-named variable with a literal value)',
        ),
      });
      expect(got['notebook-lifecycle-no-remote-code']).toMatchObject({
        status: 'fail',
        message: expect.stringContaining(
          'OnStart.0.Content line 8 (download piped into a shell)',
        ),
      });
      const json = JSON.stringify(stored);
      expect(json).not.toContain('Pa55word');
      expect(json).not.toContain('gist.example.com');
    },
  );
});
