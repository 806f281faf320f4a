import type { RelatedFact } from '@mlsec/plugin-sagemaker-security-common';
import { fullEstate } from '../__testUtils__/fullEstate';
import { createHarness } from '../__testUtils__/harness';

const ROLE_CALLS = [
  'iam:GetRole',
  'iam:ListAttachedRolePolicies',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
];

/** Role facts and IAM calls of a scan and a rescan of the full estate. */
async function scanTwice(config: Record<string, unknown> = {}) {
  const h = await createHarness(fullEstate(), { config });
  const estate = fullEstate().accounts[0];
  const arn = String(estate.roles![0].role.Arn);
  const runs: Array<{
    fact?: RelatedFact<'iam-role'>;
    calls: Record<string, number>;
  }> = [];
  for (let i = 0; i < 2; i++) {
    const scan = await h.scan();
    expect(scan.status).toBe('succeeded');
    const calls = Object.fromEntries(
      Object.entries(scan.callCounts ?? {}).filter(([a]) =>
        a.startsWith('iam:'),
      ),
    );
    const fact = await h.store.getFact(
      'iam-role',
      estate.accountId,
      'global',
      arn,
    );
    runs.push({ fact, calls });
  }
  return runs;
}

describe('execution roles in a scan (store, scan service, simulator)', () => {
  it('reads them one by one at first, then from the account details, storing the same fact', async () => {
    const [first, rescan] = await scanTwice();
    // One role with one inline policy: 4 calls, against 3 pages assumed for
    // an account of unknown size (the inline policy is known only after).
    expect(first.calls).toMatchObject({
      'iam:GetRole': 1,
      'iam:ListAttachedRolePolicies': 1,
      'iam:ListRolePolicies': 1,
      'iam:GetRolePolicy': 1,
    });
    expect(first.calls).not.toHaveProperty(
      'iam:GetAccountAuthorizationDetails',
    );
    expect(rescan.calls).toEqual({
      'iam:GetAccountAuthorizationDetails': 1,
      // The role's AWS-managed policy, which the details leave out.
      'iam:GetPolicy': 1,
      'iam:GetPolicyVersion': 1,
    });
    expect(first.fact?.data?.inlinePolicies).toHaveLength(1);
    expect(first.fact?.data?.attachedPolicies?.[0].document).toBeDefined();
    expect(rescan.fact).toEqual(first.fact);
  });

  it('keeps reading them one by one with inventory.bulkReads false', async () => {
    const [first, rescan] = await scanTwice({
      inventory: { bulkReads: false },
    });
    for (const run of [first, rescan]) {
      expect(Object.keys(run.calls)).toEqual(
        expect.arrayContaining(ROLE_CALLS),
      );
      expect(run.calls).not.toHaveProperty(
        'iam:GetAccountAuthorizationDetails',
      );
    }
    expect(rescan.fact).toEqual(first.fact);
  });
});
