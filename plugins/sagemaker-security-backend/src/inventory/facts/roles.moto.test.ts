/**
 * The account authorization details on the wire (moto): the role facts a
 * rescan reads from GetAccountAuthorizationDetails are those the per-role
 * calls give. moto differs from AWS in a way the reader must absorb: its
 * details send trust policies as plain JSON (AWS URL-encodes them).
 */
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { RelatedFact } from '@mlsec/plugin-sagemaker-security-common';
import { GLOBAL_REGION } from '@mlsec/plugin-sagemaker-security-common';
import type { Knex } from 'knex';
import { sqliteMemory } from '../__testUtils__/harness';
import { useMoto } from '../__testUtils__/moto';
import { endpointsAt, scanOnce } from '../__testUtils__/scanOnce';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';
const moto = useMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const ROLES = ['ml-exec', 'ml-bare', 'ml-deleted'].map(roleArn);
const statement = (action: string, extra: object = {}) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*', ...extra }],
  });

async function buildEstate() {
  const client = {
    region: 'us-east-1',
    endpoint: moto().url,
    credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' },
  };
  const iam = new IAMClient(client);
  const sagemaker = new SageMakerClient(client);
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        // Characters URL-encoding changes: decoded once, not twice.
        Condition: {
          StringLike: { 'aws:SourceArn': 'arn:aws:sagemaker:*:*:*' },
          StringEquals: { 'aws:PrincipalTag/cost': '100%' },
        },
      },
    ],
  });
  for (const name of ['ml-exec', 'ml-bare']) {
    await iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: trust,
      }),
    );
  }
  const team = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'ml-team',
      PolicyDocument: statement('s3:GetObject'),
    }),
  );
  const teamArn = team.Policy!.Arn!;
  // The default version is the second: the details must take it, not v1.
  await iam.send(
    new CreatePolicyVersionCommand({
      PolicyArn: teamArn,
      PolicyDocument: statement('s3:*'),
      SetAsDefault: true,
    }),
  );
  const boundary = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'ml-boundary',
      PolicyDocument: statement('sagemaker:*'),
    }),
  );
  for (const policyArn of [FULL_ACCESS, teamArn]) {
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: 'ml-exec',
        PolicyArn: policyArn,
      }),
    );
  }
  await iam.send(
    new PutRolePermissionsBoundaryCommand({
      RoleName: 'ml-exec',
      PermissionsBoundary: boundary.Policy!.Arn!,
    }),
  );
  for (const [name, action] of [
    ['logs', 'logs:*'],
    ['kms', 'kms:Decrypt'],
  ]) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'ml-exec',
        PolicyName: name,
        PolicyDocument: statement(action, {
          Condition: { StringEquals: { 'aws:RequestTag/team': 'a b%c' } },
        }),
      }),
    );
  }
  for (const role of ROLES) {
    await sagemaker.send(
      new CreateModelCommand({
        ModelName: role.split('/').pop(),
        ExecutionRoleArn: role,
        PrimaryContainer: {
          Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:1`,
        },
      }),
    );
  }
}

async function scan(knex: Knex, bulkReads: boolean) {
  const { scan: run, inventory } = await scanOnce({
    aws: {
      accounts: [
        { accountId: ACCOUNT, accessKeyId: 'k', secretAccessKey: 's' },
      ],
    },
    sagemakerSecurity: {
      accounts: [{ accountId: ACCOUNT, regions: ['us-east-1'] }],
      aws: { maxAttempts: 2, endpoints: endpointsAt(moto().url) },
      inventory: { bulkReads },
    },
    knex,
  });
  expect(run.targets[0].status).not.toBe('failed');
  const facts: Array<RelatedFact<'iam-role'> | undefined> = [];
  for (const role of ROLES) {
    facts.push(
      await inventory.store.getFact('iam-role', ACCOUNT, GLOBAL_REGION, role),
    );
  }
  return { calls: run.callCounts ?? {}, facts };
}

it('reads the same role facts from the account details as role by role', async () => {
  await buildEstate();
  const perRole = await scan(sqliteMemory(), false);
  expect(perRole.calls).not.toHaveProperty(
    'iam:GetAccountAuthorizationDetails',
  );
  expect(perRole.facts[0]).toMatchObject({
    errors: [],
    data: {
      permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/ml-boundary`,
      assumeRolePolicyDocument: {
        Statement: [
          {
            Condition: {
              StringLike: { 'aws:SourceArn': 'arn:aws:sagemaker:*:*:*' },
            },
          },
        ],
      },
      attachedPolicies: [
        { policyArn: FULL_ACCESS, document: { Statement: expect.any(Array) } },
        {
          policyName: 'ml-team',
          document: { Statement: [{ Action: 's3:*' }] },
        },
      ],
    },
  });
  const inline = perRole.facts[0]?.data?.inlinePolicies ?? [];
  expect(inline.find(p => p.policyName === 'kms')).toMatchObject({
    document: {
      Statement: [
        {
          Action: 'kms:Decrypt',
          Condition: { StringEquals: { 'aws:RequestTag/team': 'a b%c' } },
        },
      ],
    },
  });
  expect(perRole.facts[2]?.errors).toEqual([
    expect.objectContaining({ kind: 'not_found', action: 'iam:GetRole' }),
  ]);

  // The first scan stores the roles; the rescan, knowing them, reads the details.
  const knex = sqliteMemory();
  await scan(knex, true);
  const details = await scan(knex, true);
  expect(details.calls).toMatchObject({
    'iam:GetAccountAuthorizationDetails': 1,
    // The deleted role, which the details do not have.
    'iam:GetRole': 1,
  });
  expect(details.calls).not.toHaveProperty('iam:ListRolePolicies');
  expect(details.calls).not.toHaveProperty('iam:GetRolePolicy');
  expect(details.facts).toEqual(perRole.facts);
});
