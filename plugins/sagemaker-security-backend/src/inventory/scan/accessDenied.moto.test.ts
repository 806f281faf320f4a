/**
 * AccessDenied on the wire, from moto enforcing an IAM policy: the scanner's
 * user may do everything but s3:GetBucketPolicy and iam:GetRole. The real
 * collector records each denial as access_denied naming the IAM action
 * (S3 REST-XML and IAM Query, through the SDK's own deserializers), keeps
 * the rest, and the bucket's policy stays unknown rather than absent.
 */
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { GLOBAL_REGION } from '@mlsec/plugin-sagemaker-security-common';
import { useMoto } from '../__testUtils__/moto';
import { endpointsAt, scanOnce } from '../__testUtils__/scanOnce';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ml-execution`;
/** The requests that build the estate, before moto checks credentials. */
const SEED_REQUESTS = 6;
const moto = useMoto({
  env: { INITIAL_NO_AUTH_ACTION_COUNT: String(SEED_REQUESTS) },
});

async function seed() {
  const client = {
    region: 'us-east-1',
    endpoint: moto().url,
    credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' },
  };
  const iam = new IAMClient(client);
  await iam.send(new CreateUserCommand({ UserName: 'scanner' }));
  const { AccessKey } = await iam.send(
    new CreateAccessKeyCommand({ UserName: 'scanner' }),
  );
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'scanner',
      PolicyName: 'scan-all-but-two',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: '*', Resource: '*' },
          {
            Effect: 'Deny',
            Action: ['s3:GetBucketPolicy', 'iam:GetRole'],
            Resource: '*',
          },
        ],
      }),
    }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'ml-execution',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'sagemaker.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  await new S3Client({ ...client, forcePathStyle: true }).send(
    new CreateBucketCommand({ Bucket: 'ml-artifacts' }),
  );
  await new SageMakerClient(client).send(
    new CreateModelCommand({
      ModelName: 'churn',
      ExecutionRoleArn: ROLE,
      PrimaryContainer: {
        Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:1`,
        ModelDataUrl: 's3://ml-artifacts/churn/model.tar.gz',
      },
    }),
  );
  return AccessKey!;
}

it('records AccessDenied from S3 (REST-XML) and IAM (Query) as access_denied naming the IAM action', async () => {
  const key = await seed();
  const { scan, inventory } = await scanOnce({
    aws: {
      accounts: [
        {
          accountId: ACCOUNT,
          accessKeyId: key.AccessKeyId,
          secretAccessKey: key.SecretAccessKey,
        },
      ],
    },
    sagemakerSecurity: {
      accounts: [{ accountId: ACCOUNT, regions: ['us-east-1'] }],
      aws: { maxAttempts: 2, endpoints: endpointsAt(moto().url) },
    },
  });
  const [target] = scan.targets;
  expect(target.status).toBe('partial');
  expect(target.resourceCount).toBeGreaterThanOrEqual(1);
  expect(target.errors).toEqual(
    expect.arrayContaining([
      {
        kind: 'access_denied',
        action: 's3:GetBucketPolicy',
        target: 'ml-artifacts',
        field: 'policy',
        code: 'AccessDenied',
        message: 'Not authorized to perform s3:GetBucketPolicy (HTTP 403)',
      },
      {
        kind: 'access_denied',
        action: 'iam:GetRole',
        target: ROLE,
        code: 'AccessDenied',
        message:
          'Not authorized to perform iam:GetRole (HTTP 403): User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: iam:GetRole',
      },
    ]),
  );
  // Denied is not absent: the policy stays unknown, the rest is read.
  const facts = await inventory.store.loadFacts([ACCOUNT]);
  const bucket = facts.get('s3-bucket', ACCOUNT, GLOBAL_REGION, 'ml-artifacts');
  expect(bucket?.data).not.toHaveProperty('policy');
  expect(bucket?.data).toHaveProperty('encryption', null);
  expect(
    facts
      .get('iam-role', ACCOUNT, GLOBAL_REGION, ROLE)
      ?.errors.map(e => e.kind),
  ).toEqual(['access_denied']);
});
