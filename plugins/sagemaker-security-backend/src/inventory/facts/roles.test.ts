import {
  encode,
  role,
  roleArn,
  roleContexts,
} from '../__testUtils__/roleContext';
import type { EstateAccount } from '../simulator/estate';
import { collectRoles } from './roles';

const POLICY = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';

/** The role facts of `account`, read role by role (bulk reads off). */
function context(roles: string[], account: Partial<EstateAccount>) {
  const { target, stored, simulator } = roleContexts(account, {
    bulkReads: false,
  });
  return { ctx: target('us-east-1', roles), stored, simulator };
}

const fullAccess = {
  arn: POLICY,
  name: 'AmazonSageMakerFullAccess',
  defaultVersionId: 'v2',
  document: encode({
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  }),
};

describe('execution role facts (IAM Query protocol on the wire)', () => {
  it('decodes documents, follows IAM pagination and reads a shared policy once', async () => {
    const trust = encode({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    const boundary = {
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: 'arn:aws:iam::111111111111:policy/boundary',
    };
    const inline = encode({
      Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*' },
    });
    const { ctx, stored, simulator } = context([roleArn('a'), roleArn('b')], {
      roles: ['a', 'b'].map(name => ({
        role: role(name, {
          AssumeRolePolicyDocument: trust,
          PermissionsBoundary: boundary,
        }),
        attachedPolicyArns: [POLICY],
        inlinePolicies: { inline },
      })),
      managedPolicies: [fullAccess],
    });
    // IAM may answer an empty page with a marker: the reader follows it.
    simulator.intercept(async (call, answer) => {
      if (call.operation !== 'ListAttachedRolePolicies') return answer();
      return call.input.Marker === 'page-2'
        ? {
            AttachedPolicies: [
              { PolicyArn: POLICY, PolicyName: 'AmazonSageMakerFullAccess' },
            ],
            IsTruncated: false,
          }
        : { AttachedPolicies: [], IsTruncated: true, Marker: 'page-2' };
    });
    const markers: unknown[] = [];
    simulator.onCall(call => {
      if (call.operation === 'ListAttachedRolePolicies') {
        markers.push(call.input.Marker);
      }
    });

    await collectRoles(ctx);

    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      kind: 'iam-role',
      region: 'global',
      errors: [],
      data: {
        permissionsBoundaryArn: 'arn:aws:iam::111111111111:policy/boundary',
        assumeRolePolicyDocument: {
          Statement: [{ Principal: { Service: 'sagemaker.amazonaws.com' } }],
        },
        attachedPolicies: [
          { policyArn: POLICY, document: { Statement: [{ Action: '*' }] } },
        ],
        inlinePolicies: [
          { policyName: 'inline', document: { Statement: { Effect: 'Deny' } } },
        ],
      },
    });
    expect(simulator.callCounts['iam:ListAttachedRolePolicies']).toBe(4);
    expect(markers.filter(m => m === 'page-2')).toHaveLength(2);
    expect(simulator.callCounts['iam:GetPolicyVersion']).toBe(1);
  });

  it('records an unparsable document as invalid_response, keeping the rest', async () => {
    const { ctx, stored } = context([roleArn('a')], {
      roles: [
        { role: role('a', { AssumeRolePolicyDocument: '%7B%22Statement' }) },
      ],
      faults: [{ action: 'iam:ListRolePolicies', error: 'AccessDenied' }],
    });

    await collectRoles(ctx);

    expect(stored[0].data).toMatchObject({
      roleName: 'a',
      attachedPolicies: [],
    });
    expect(stored[0].data).not.toHaveProperty('assumeRolePolicyDocument');
    expect(stored[0].errors).toEqual([
      expect.objectContaining({
        kind: 'invalid_response',
        action: 'iam:GetRole',
        field: 'assumeRolePolicyDocument',
      }),
      expect.objectContaining({
        kind: 'access_denied',
        action: 'iam:ListRolePolicies',
        field: 'inlinePolicies',
      }),
    ]);
    expect(ctx.report.errorCount).toBe(2);
  });

  it('stores a role that cannot be read as a fact with the error', async () => {
    // IAM answers 404 NoSuchEntity for a role the account does not have.
    const { ctx, stored } = context([roleArn('gone')], {});
    await collectRoles(ctx);
    expect(stored).toEqual([
      {
        kind: 'iam-role',
        key: roleArn('gone'),
        accountId: '111111111111',
        region: 'global',
        errors: [
          expect.objectContaining({
            kind: 'not_found',
            action: 'iam:GetRole',
            target: roleArn('gone'),
          }),
        ],
      },
    ]);
  });
});
