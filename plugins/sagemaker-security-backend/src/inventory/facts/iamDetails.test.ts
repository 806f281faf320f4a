import type { RelatedFact } from '@mlsec/plugin-sagemaker-security-common';
import {
  encode,
  role,
  roleArn,
  roleContexts,
  ROLES_ACCOUNT,
} from '../__testUtils__/roleContext';
import type { ScanningInventoryStore } from '../InventoryStore';
import { awsError } from '../simulator/awsErrors';
import type { EstateAccount } from '../simulator/estate';
import { collectRoles } from './roles';

const AWS_MANAGED = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';
const local = (name: string) => `arn:aws:iam::${ROLES_ACCOUNT}:policy/${name}`;
const allow = (action: string) =>
  encode({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });
const trust = encode({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'sagemaker.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
});
const MANY = [0, 1, 2, 3, 4].map(i => `p${i}`);

/**
 * Inline, local and AWS-managed policies, a boundary, last use, a role with
 * many policies (several pages of its lists), one without any, and one
 * nothing refers to.
 */
const ACCOUNT: Partial<EstateAccount> = {
  roles: [
    {
      role: role('a', {
        AssumeRolePolicyDocument: trust,
        PermissionsBoundary: {
          PermissionsBoundaryType: 'Policy',
          PermissionsBoundaryArn: local('boundary'),
        },
        RoleLastUsed: {
          LastUsedDate: '2026-11-01T00:00:00Z',
          Region: 'eu-west-1',
        },
        MaxSessionDuration: 3600,
      }),
      attachedPolicyArns: [AWS_MANAGED, local('team')],
      inlinePolicies: { s3: allow('s3:*'), kms: allow('kms:Decrypt') },
    },
    {
      role: role('many', { AssumeRolePolicyDocument: trust }),
      attachedPolicyArns: [...MANY.map(local), AWS_MANAGED],
      inlinePolicies: Object.fromEntries(
        [0, 1, 2, 3, 4, 5].map(i => [`i${i}`, allow(`s3:Get${i}`)]),
      ),
    },
    { role: role('bare', { AssumeRolePolicyDocument: trust }) },
    { role: role('unreferenced', { AssumeRolePolicyDocument: trust }) },
  ],
  managedPolicies: [
    {
      arn: AWS_MANAGED,
      name: 'AmazonSageMakerFullAccess',
      defaultVersionId: 'v3',
      document: allow('sagemaker:*'),
    },
    ...['team', ...MANY].map(name => ({
      arn: local(name),
      name,
      defaultVersionId: 'v2',
      document: allow(`${name}:*`),
    })),
  ],
};

/** Referenced: three roles of the account, another account's and a deleted one. */
const REFERENCED = [
  roleArn('a'),
  roleArn('many'),
  roleArn('bare'),
  roleArn('x', '222222222222'),
  roleArn('gone'),
];

/** Many roles stored by earlier scans: the cost model picks the details. */
const KNOWN_ACCOUNT = { countFacts: async () => 5 };

const byKey = (facts: Array<RelatedFact<'iam-role'>>) =>
  [...facts].sort((x, y) => x.key.localeCompare(y.key));

async function readRoles(
  options: Parameters<typeof roleContexts>[1],
  account: Partial<EstateAccount> = ACCOUNT,
) {
  const contexts = roleContexts(account, { pageSize: 2, ...options });
  const ctx = contexts.target('us-east-1', REFERENCED);
  await collectRoles(ctx);
  return { ...contexts, ctx, facts: byKey(contexts.stored) };
}

describe('execution roles from the account authorization details', () => {
  it('stores the same facts as the per-role path, with far fewer calls', async () => {
    const perRole = await readRoles({ bulkReads: false });
    const details = await readRoles({ store: KNOWN_ACCOUNT });
    const sizes: unknown[] = [];
    details.simulator.onCall(call => sizes.push(call.input.MaxItems));

    expect(details.facts).toEqual(perRole.facts);
    expect(details.facts.map(f => f.key)).toEqual([...REFERENCED].sort());
    const a = details.facts.find(f => f.key === roleArn('a'))!;
    expect(a).toMatchObject({
      errors: [],
      data: {
        roleName: 'a',
        permissionsBoundaryArn: local('boundary'),
        roleLastUsed: { region: 'eu-west-1' },
        assumeRolePolicyDocument: {
          Statement: [{ Principal: { Service: 'sagemaker.amazonaws.com' } }],
        },
        attachedPolicies: [
          {
            policyArn: AWS_MANAGED,
            document: { Statement: [{ Action: 'sagemaker:*' }] },
          },
          {
            policyArn: local('team'),
            policyName: 'team',
            document: { Statement: [{ Action: 'team:*' }] },
          },
        ],
        inlinePolicies: [
          { policyName: 's3', document: { Statement: [{ Action: 's3:*' }] } },
          {
            policyName: 'kms',
            document: { Statement: [{ Action: 'kms:Decrypt' }] },
          },
        ],
      },
    });
    const many = details.facts.find(f => f.key === roleArn('many'))!;
    expect(many.data?.attachedPolicies).toHaveLength(6);
    expect(many.data?.inlinePolicies).toHaveLength(6);
    expect(details.facts.find(f => f.key === roleArn('gone'))!.errors).toEqual([
      expect.objectContaining({ kind: 'not_found', action: 'iam:GetRole' }),
    ]);

    // 4 roles + 6 local policies, two a page (the simulator's page size).
    expect(details.simulator.callCounts).toEqual({
      'iam:GetAccountAuthorizationDetails': 5,
      // The other account's role and the deleted one, as before.
      'iam:GetRole': 2,
      // The AWS-managed policy, once for both roles attaching it.
      'iam:GetPolicy': 1,
      'iam:GetPolicyVersion': 1,
    });
    const total = (counts: Record<string, number>) =>
      Object.values(counts).reduce((n, c) => n + c, 0);
    expect(total(perRole.simulator.callCounts)).toBe(37);
    expect(details.ctx.report.iamRoles).toMatchObject({
      accountId: ROLES_ACCOUNT,
      path: 'account-details',
      perRoleCalls: 15,
      detailsPages: 3,
      pages: 5,
    });
    expect(details.ctx.report.iamRoles).not.toHaveProperty('fallback');
    expect(perRole.ctx.report.iamRoles).toMatchObject({
      path: 'per-role',
      reason: expect.stringContaining('bulk reads are off'),
    });
  });

  it('asks for the largest pages IAM allows and follows the markers', async () => {
    const contexts = roleContexts(ACCOUNT, {
      pageSize: 3,
      store: KNOWN_ACCOUNT,
    });
    const inputs: Array<Record<string, any>> = [];
    contexts.simulator.onCall(call => {
      if (call.operation === 'GetAccountAuthorizationDetails')
        inputs.push(call.input);
    });
    await collectRoles(contexts.target('us-east-1', [roleArn('bare')]));
    expect(inputs.map(i => [Number(i.MaxItems), i.Marker])).toEqual([
      [1000, undefined],
      [1000, 'sim:3'],
      [1000, 'sim:6'],
      [1000, 'sim:9'],
    ]);
    expect(inputs[0].Filter).toEqual(['Role', 'LocalManagedPolicy']);
  });

  it('takes the default version of a local policy, whatever its place in the list', async () => {
    const { simulator, target, stored } = roleContexts(ACCOUNT, {
      store: KNOWN_ACCOUNT,
    });
    simulator.intercept(async (call, answer) => {
      const out: any = await answer();
      if (call.operation !== 'GetAccountAuthorizationDetails') return out;
      for (const p of out.Policies) {
        p.PolicyVersionList.unshift({
          VersionId: 'v1',
          IsDefaultVersion: false,
          Document: allow('old:*'),
        });
      }
      return out;
    });
    await collectRoles(target('us-east-1', [roleArn('a')]));
    expect(stored[0].data?.attachedPolicies?.[1]).toMatchObject({
      policyArn: local('team'),
      document: { Statement: [{ Action: 'team:*' }] },
    });
  });

  it.each([
    [
      'denied',
      {
        action: 'iam:GetAccountAuthorizationDetails',
        error: 'AccessDenied' as const,
      },
      'access_denied',
    ],
    [
      'failing with 5xx',
      {
        action: 'iam:GetAccountAuthorizationDetails',
        error: 'InternalError' as const,
      },
      undefined,
    ],
  ])(
    'falls back to the per-role path when the details are %s',
    async (_, fault, kind) => {
      const perRole = await readRoles({ bulkReads: false });
      const details = await readRoles(
        { store: KNOWN_ACCOUNT },
        { ...ACCOUNT, faults: [fault] },
      );
      expect(details.facts).toEqual(perRole.facts);
      expect(details.ctx.report.iamRoles).toMatchObject({
        path: 'account-details',
        fallback: {
          action: 'iam:GetAccountAuthorizationDetails',
          target: ROLES_ACCOUNT,
          ...(kind ? { kind } : {}),
        },
      });
      expect(details.ctx.report.iamRoles).not.toHaveProperty('pages');
      expect(details.simulator.callCounts['iam:GetRolePolicy']).toBe(8);
      // Only the roles' own failures count as errors: the fallback read them.
      expect(details.ctx.report.errorCount).toBe(perRole.ctx.report.errorCount);
    },
  );

  it('falls back when a later page fails, keeping nothing of the earlier ones', async () => {
    const perRole = await readRoles({ bulkReads: false });
    const contexts = roleContexts(ACCOUNT, {
      pageSize: 2,
      store: KNOWN_ACCOUNT,
    });
    contexts.simulator.intercept(async (call, answer) => {
      if (
        call.operation === 'GetAccountAuthorizationDetails' &&
        call.input.Marker === 'sim:4'
      ) {
        throw awsError('ServiceFailure', 'Internal failure', 500);
      }
      return answer();
    });
    const ctx = contexts.target('us-east-1', REFERENCED);
    await collectRoles(ctx);
    expect(byKey(contexts.stored)).toEqual(perRole.facts);
    expect(
      contexts.simulator.callCounts['iam:GetAccountAuthorizationDetails'],
    ).toBe(3);
    expect(ctx.report.iamRoles?.fallback).toMatchObject({
      action: 'iam:GetAccountAuthorizationDetails',
    });
  });

  it('records a document that does not parse on the role, as the per-role path does', async () => {
    const { simulator, target, stored } = roleContexts(ACCOUNT, {
      store: KNOWN_ACCOUNT,
    });
    simulator.intercept(async (call, answer) => {
      const out: any = await answer();
      if (call.operation !== 'GetAccountAuthorizationDetails') return out;
      out.RoleDetailList[0].AssumeRolePolicyDocument = '%7B%22Statement';
      return out;
    });
    const ctx = target('us-east-1', [roleArn('a')]);
    await collectRoles(ctx);
    expect(stored[0].data).not.toHaveProperty('assumeRolePolicyDocument');
    expect(stored[0].data?.inlinePolicies).toHaveLength(2);
    expect(stored[0].errors).toEqual([
      expect.objectContaining({
        kind: 'invalid_response',
        action: 'iam:GetAccountAuthorizationDetails',
        field: 'assumeRolePolicyDocument',
        target: roleArn('a'),
      }),
    ]);
    expect(ctx.report.errorCount).toBe(1);
  });

  it('reads the details once per account, whichever of its regions asks', async () => {
    const { simulator, target } = roleContexts(ACCOUNT, {
      store: KNOWN_ACCOUNT,
    });
    const east = target('us-east-1', [roleArn('a'), roleArn('bare')]);
    const west = target('eu-west-1', [roleArn('many'), roleArn('bare')]);
    await Promise.all([collectRoles(east), collectRoles(west)]);
    expect(simulator.callCounts['iam:GetAccountAuthorizationDetails']).toBe(1);
    expect(east.report.iamRoles?.path).toBe('account-details');
    expect(west.report.iamRoles).toBeUndefined();
  });

  it('weighs the roles stored for the account against the pages of its last details read', async () => {
    const lastScan = (pages: number) =>
      ({
        countFacts: async (kind: string, accountId: string) =>
          kind === 'iam-role' && accountId === ROLES_ACCOUNT ? 2 : 0,
        getLatestScan: async (statuses?: string[]) => {
          expect(statuses).not.toContain('running');
          return {
            targets: [
              {
                accountId: ROLES_ACCOUNT,
                region: 'us-east-1',
                callCounts: { 'iam:GetAccountAuthorizationDetails': pages },
              },
              {
                accountId: ROLES_ACCOUNT,
                region: 'eu-west-1',
                callCounts: { 'iam:GetRolePolicy': 1 },
              },
              {
                accountId: '222222222222',
                region: 'us-east-1',
                callCounts: { 'iam:GetAccountAuthorizationDetails': 50 },
              },
            ],
          };
        },
      } as unknown as Partial<ScanningInventoryStore>);
    const read = async (pages: number) => {
      const { target } = roleContexts(ACCOUNT, { store: lastScan(pages) });
      const ctx = target('us-east-1', [roleArn('a')]);
      await collectRoles(ctx);
      return ctx.report.iamRoles;
    };
    // Two stored roles and one inline policy: 7 calls one by one.
    expect(await read(6)).toMatchObject({
      path: 'account-details',
      perRoleCalls: 7,
      detailsPages: 6,
    });
    expect(await read(7)).toMatchObject({
      path: 'per-role',
      perRoleCalls: 7,
      detailsPages: 7,
    });
  });
});
