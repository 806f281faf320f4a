import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { mockServices } from '@backstage/backend-test-utils';
import type { RelatedFact } from '@mlsec/plugin-sagemaker-security-common';
import { mockClient } from 'aws-sdk-client-mock';
import { AccountClients, CallCounter } from '../aws/clients';
import { CollectContext, TargetReport } from '../collectors/context';
import type { ScanningInventoryStore } from '../InventoryStore';
import { FactCache } from './FactCache';
import { References } from './references';
import { collectRoles } from './roles';

const iam = mockClient(IAMClient);
const ACCOUNT = '111111111111';
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const POLICY = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';
const encode = (doc: object) => encodeURIComponent(JSON.stringify(doc));

function context(roles: string[]) {
  const stored: RelatedFact[] = [];
  const store = {
    upsertFacts: async (facts: RelatedFact[]) => {
      stored.push(...facts);
    },
  } as unknown as ScanningInventoryStore;
  const refs = new References();
  roles.forEach(r => refs.roles.add(r));
  const ctx: CollectContext = {
    target: { accountId: ACCOUNT, region: 'us-east-1' },
    clients: new AccountClients(
      ACCOUNT,
      async () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
      {
        credentialsManager: {} as any,
        maxAttempts: 1,
        concurrencyPerServiceRegion: 2,
      },
      new CallCounter(),
    ),
    store,
    seenAt: new Date().toISOString(),
    jobLookbackDays: 30,
    refs,
    facts: new FactCache(),
    report: new TargetReport(),
    logger: mockServices.logger.mock(),
  };
  return { ctx, stored };
}

beforeEach(() => {
  iam.reset();
  iam
    .on(ListAttachedRolePoliciesCommand)
    .resolves({ AttachedPolicies: [], IsTruncated: false });
  iam
    .on(ListRolePoliciesCommand)
    .resolves({ PolicyNames: [], IsTruncated: false });
  iam
    .on(GetPolicyCommand)
    .resolves({ Policy: { Arn: POLICY, DefaultVersionId: 'v2' } });
  iam
    .on(GetPolicyVersionCommand, { PolicyArn: POLICY, VersionId: 'v2' })
    .resolves({
      PolicyVersion: {
        Document: encode({
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      },
    });
});

describe('execution role facts (aws-sdk-client-mock)', () => {
  it('decodes documents, follows IAM pagination and reads a shared policy once', async () => {
    iam.on(GetRoleCommand).callsFake(input => ({
      Role: {
        RoleName: input.RoleName,
        Arn: roleArn(input.RoleName),
        AssumeRolePolicyDocument: encode({
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sagemaker.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
        PermissionsBoundary: {
          PermissionsBoundaryArn: 'arn:aws:iam::111111111111:policy/boundary',
        },
      },
    }));
    iam.on(ListAttachedRolePoliciesCommand).callsFake(input =>
      input.Marker
        ? {
            AttachedPolicies: [
              { PolicyArn: POLICY, PolicyName: 'AmazonSageMakerFullAccess' },
            ],
            IsTruncated: false,
          }
        : { AttachedPolicies: [], IsTruncated: true, Marker: 'page-2' },
    );
    iam
      .on(ListRolePoliciesCommand)
      .resolves({ PolicyNames: ['inline'], IsTruncated: false });
    iam.on(GetRolePolicyCommand).resolves({
      PolicyDocument: encode({
        Statement: { Effect: 'Deny', Action: 's3:*', Resource: '*' },
      }),
    });
    const { ctx, stored } = context([roleArn('a'), roleArn('b')]);

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
    expect(iam.commandCalls(ListAttachedRolePoliciesCommand)).toHaveLength(4);
    expect(iam.commandCalls(GetPolicyVersionCommand)).toHaveLength(1);
  });

  it('records an unparsable document as invalid_response, keeping the rest', async () => {
    iam.on(GetRoleCommand).resolves({
      Role: {
        RoleName: 'a',
        Arn: roleArn('a'),
        AssumeRolePolicyDocument: '%7B%22Statement',
        Path: '/',
        RoleId: 'x',
        CreateDate: new Date(),
      },
    });
    iam
      .on(ListRolePoliciesCommand)
      .rejects(
        Object.assign(
          new Error('User is not authorized to perform: iam:ListRolePolicies'),
          { name: 'AccessDenied' },
        ),
      );
    const { ctx, stored } = context([roleArn('a')]);

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
    iam
      .on(GetRoleCommand)
      .rejects(
        Object.assign(new Error('Role not found'), { name: 'NoSuchEntity' }),
      );
    const { ctx, stored } = context([roleArn('gone')]);
    await collectRoles(ctx);
    expect(stored).toEqual([
      {
        kind: 'iam-role',
        key: roleArn('gone'),
        accountId: ACCOUNT,
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
