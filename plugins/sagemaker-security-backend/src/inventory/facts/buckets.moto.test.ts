/**
 * S3's "not configured" answers on the wire (moto): a bucket with no policy
 * answers NoSuchBucketPolicy, one with no default encryption
 * ServerSideEncryptionConfigurationNotFoundError. They are an observed
 * absence, judged by the checks (`fail`), not a failure to read (`unknown`).
 */
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GLOBAL_REGION } from '@mlsec/plugin-sagemaker-security-common';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import { createScorecardService } from '../../service/createScorecardService';
import { sqliteMemory } from '../__testUtils__/harness';
import { useMoto } from '../__testUtils__/moto';
import { endpointsAt, scanOnce } from '../__testUtils__/scanOnce';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const moto = useMoto();

async function buildEstate() {
  const client = {
    region: 'us-east-1',
    endpoint: moto().url,
    credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' },
  };
  const s3 = new S3Client({ ...client, forcePathStyle: true });
  const sagemaker = new SageMakerClient(client);
  for (const bucket of ['ml-bare', 'ml-locked']) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await sagemaker.send(
      new CreateModelCommand({
        ModelName: bucket,
        ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ml-execution`,
        PrimaryContainer: {
          Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:1`,
          ModelDataUrl: `s3://${bucket}/model.tar.gz`,
        },
      }),
    );
  }
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'ml-locked',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: ['arn:aws:s3:::ml-locked', 'arn:aws:s3:::ml-locked/*'],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    }),
  );
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: 'ml-locked',
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b7e7c1a-1111-4a4a-9c9c-123456789012`,
            },
          },
        ],
      },
    }),
  );
}

it("judges a bucket with no policy and no default encryption as failing, from S3's own not-configured answers", async () => {
  await buildEstate();
  const knex = sqliteMemory();
  const { scan, inventory } = await scanOnce({
    aws: {
      accounts: [
        { accountId: ACCOUNT, accessKeyId: 'k', secretAccessKey: 's' },
      ],
    },
    sagemakerSecurity: {
      accounts: [{ accountId: ACCOUNT, regions: ['us-east-1'] }],
      aws: { maxAttempts: 2, endpoints: endpointsAt(moto().url) },
    },
    knex,
  });
  expect(scan.targets[0].status).not.toBe('failed');

  const facts = await inventory.store.loadFacts([ACCOUNT]);
  expect(
    facts.get('s3-bucket', ACCOUNT, GLOBAL_REGION, 'ml-bare'),
  ).toMatchObject({
    errors: [],
    data: { bucket: 'ml-bare', policy: null, encryption: null },
  });

  const scorecard = await createScorecardService({
    config: new ConfigReader({}),
    logger: mockServices.logger.mock(),
    knex,
    inventory: inventory.store,
    checks: defaultChecks,
    catalog: catalogServiceMock({ entities: [] }),
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    userInfo: mockServices.userInfo(),
    scanEvents: inventory.scans,
  });
  await scorecard.evaluateNow();
  const statusOf = async (model: string, check: string) => {
    const findings = await scorecard.authorized.resourceFindings(
      `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/${model}`,
      mockCredentials.user(),
    );
    return findings.results.find(r => r.checkId === check)?.status;
  };
  expect({
    bareTransport: await statusOf('ml-bare', 's3-buckets-secure-transport'),
    bareEncryption: await statusOf('ml-bare', 's3-buckets-sse-kms'),
    lockedTransport: await statusOf('ml-locked', 's3-buckets-secure-transport'),
    lockedEncryption: await statusOf('ml-locked', 's3-buckets-sse-kms'),
  }).toEqual({
    bareTransport: 'fail',
    bareEncryption: 'fail',
    lockedTransport: 'pass',
    lockedEncryption: 'pass',
  });
});
