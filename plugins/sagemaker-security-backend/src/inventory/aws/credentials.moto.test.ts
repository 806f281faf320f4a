/**
 * Every credential path of `@backstage/integration-aws-node` against moto,
 * with every endpoint override set (`sts` included): nothing may go
 * elsewhere. A recording front before moto shows where each request went
 * and which key signed it.
 */
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ScanTargetProgress } from '../InventoryStore';
import { RecordedRequest, startRecordingProxy } from '../__testUtils__/awsWire';
import { useMoto } from '../__testUtils__/moto';
import { endpointsAt, scanOnce } from '../__testUtils__/scanOnce';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012'; // moto's account
const MAIN_KEY = 'mlsec-main-access-key';
const ACCOUNT_KEY = 'mlsec-account-access-key';
const EXTERNAL_ID = 'mlsec-external-id-7f3a9c';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/Scanner`;

const moto = useMoto();
const fronts: Array<Awaited<ReturnType<typeof startRecordingProxy>>> = [];

beforeAll(async () => {
  const client = {
    region: 'us-east-1',
    endpoint: moto().url,
    credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' },
  };
  await new IAMClient(client).send(
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
      ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ml-execution`,
      PrimaryContainer: {
        Image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:1`,
        ModelDataUrl: 's3://ml-artifacts/churn/model.tar.gz',
      },
    }),
  );
});

afterAll(async () => {
  await Promise.all(fronts.map(f => f.close()));
});

/** A scan of moto's account through a fresh recording front. */
async function scanThroughFront(aws: object) {
  const front = await startRecordingProxy(moto().url);
  fronts.push(front);
  const { scan } = await scanOnce({
    aws,
    sagemakerSecurity: {
      accounts: [{ accountId: ACCOUNT, regions: ['us-east-1'] }],
      aws: { maxAttempts: 2, endpoints: endpointsAt(front.url) },
    },
  });
  return { target: scan.targets[0], requests: front.requests, scan };
}

function expectCollected(target: ScanTargetProgress) {
  const kinds = target.errors.map(e => e.kind);
  expect({ status: target.status, kinds }).toEqual({
    status: expect.stringMatching(/^(succeeded|partial)$/),
    // moto answers some operations with HTTP 500 (not implemented).
    kinds: kinds.filter(k => k === 'invalid_response' || k === 'other'),
  });
  expect(target.resourceCount).toBeGreaterThanOrEqual(1);
}

const sts = (requests: RecordedRequest[]) =>
  requests.filter(r => r.service === 'sts').map(r => r.operation);
const signers = (requests: RecordedRequest[], service: string) =>
  new Set(requests.filter(r => r.service === service).map(r => r.accessKeyId));

describe('credentials against an emulator, with the sts override', () => {
  it('main account static keys for an account not listed: its ID comes from the sts override, not real STS', async () => {
    const { target, requests, scan } = await scanThroughFront({
      mainAccount: { accessKeyId: MAIN_KEY, secretAccessKey: 'main-secret' },
    });
    expectCollected(target);
    expect(sts(requests)).toEqual(['GetCallerIdentity']);
    expect(signers(requests, 'sagemaker')).toEqual(new Set([MAIN_KEY]));
    // Every call the collector counted reached the front.
    const counted = Object.values(scan.callCounts ?? {}).reduce(
      (a, b) => a + b,
      0,
    );
    expect(
      requests.filter(r => r.service !== 'sts').length,
    ).toBeGreaterThanOrEqual(counted);
  });

  it('static keys of the account in aws.accounts: no STS call at all', async () => {
    const { target, requests } = await scanThroughFront({
      accounts: [
        {
          accountId: ACCOUNT,
          accessKeyId: ACCOUNT_KEY,
          secretAccessKey: 'account-secret',
        },
      ],
    });
    expectCollected(target);
    expect(sts(requests)).toEqual([]);
    for (const service of ['sagemaker', 'iam', 's3']) {
      expect(signers(requests, service)).toEqual(new Set([ACCOUNT_KEY]));
    }
  });

  it('role assumption with an external ID: AssumeRole goes to the sts override, the scan signs with the role', async () => {
    const { target, requests } = await scanThroughFront({
      mainAccount: { accessKeyId: MAIN_KEY, secretAccessKey: 'main-secret' },
      accounts: [
        { accountId: ACCOUNT, roleName: 'Scanner', externalId: EXTERNAL_ID },
      ],
    });
    expectCollected(target);
    const assume = requests.filter(r => r.operation === 'AssumeRole');
    expect(assume).toHaveLength(1);
    expect(assume[0].accessKeyId).toBe(MAIN_KEY);
    const params = new URLSearchParams(assume[0].body);
    expect(params.get('RoleArn')).toBe(ROLE_ARN);
    expect(params.get('ExternalId')).toBe(EXTERNAL_ID);
    const keys = signers(requests, 'sagemaker');
    expect(keys.size).toBe(1);
    expect(keys).not.toContain(MAIN_KEY);
  });

  it("role assumption with the account's own static keys, and through aws.accountDefaults", async () => {
    const own = await scanThroughFront({
      accounts: [
        {
          accountId: ACCOUNT,
          roleName: 'Scanner',
          accessKeyId: ACCOUNT_KEY,
          secretAccessKey: 'account-secret',
        },
      ],
    });
    expectCollected(own.target);
    expect(
      own.requests
        .filter(r => r.operation === 'AssumeRole')
        .map(r => r.accessKeyId),
    ).toEqual([ACCOUNT_KEY]);

    const defaults = await scanThroughFront({
      mainAccount: { accessKeyId: MAIN_KEY, secretAccessKey: 'main-secret' },
      accountDefaults: { roleName: 'Scanner' },
    });
    expectCollected(defaults.target);
    expect(sts(defaults.requests)).toEqual(['AssumeRole']);
    expect(
      new URLSearchParams(
        defaults.requests.find(r => r.service === 'sts')!.body,
      ).get('RoleArn'),
    ).toBe(ROLE_ARN);
  });
  it('web identity (a token file): AssumeRoleWithWebIdentity goes to the sts override', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mlsec-web-identity-'));
    const tokenFile = path.join(dir, 'token');
    await writeFile(
      tokenFile,
      'eyJhbGciOiJub25lIn0.eyJzdWIiOiJiYWNrc3RhZ2UifQ.',
    );
    const { target, requests } = await scanThroughFront({
      accounts: [
        {
          accountId: ACCOUNT,
          roleName: 'Scanner',
          webIdentityTokenFile: tokenFile,
        },
      ],
    });
    expectCollected(target);
    // Unsigned (the token is the credential): found by its operation.
    expect(
      requests.filter(r => r.operation === 'AssumeRoleWithWebIdentity'),
    ).toHaveLength(1);
    expect(signers(requests, 'sagemaker').size).toBe(1);
  });
});

describe('wrong credentials, against an emulator that checks them', () => {
  // moto checks every request's key from the first one on.
  const strict = useMoto({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '0' } });

  async function scanStrict(aws: object) {
    const { scan } = await scanOnce({
      aws,
      sagemakerSecurity: {
        accounts: [{ accountId: ACCOUNT, regions: ['us-east-1'] }],
        aws: { maxAttempts: 2, endpoints: endpointsAt(strict().url) },
      },
    });
    const [target] = scan.targets;
    expect(target.status).toBe('failed');
    expect(target.errors.map(e => e.kind)).not.toContain('access_denied');
    return target;
  }

  it('records a refused role assumption as credentials_unavailable, saying what was tried (was access_denied)', async () => {
    const target = await scanStrict({
      mainAccount: { accessKeyId: MAIN_KEY, secretAccessKey: 'main-secret' },
      accounts: [
        { accountId: ACCOUNT, roleName: 'Scanner', externalId: EXTERNAL_ID },
      ],
    });
    expect(target.errors).toEqual([
      {
        kind: 'credentials_unavailable',
        action: 'sts:AssumeRole',
        target: ACCOUNT,
        code: 'InvalidClientTokenId',
        message: `Could not obtain credentials for account ${ACCOUNT}: sts:AssumeRole rejected the credentials (InvalidClientTokenId); tried role assumption of ${ROLE_ARN} (with an external ID) with the main account's credentials (the static keys of aws.mainAccount), through the STS endpoint ${
          strict().url
        }`,
      },
    ]);
  });

  it('records main account keys the STS endpoint rejects as credentials_unavailable', async () => {
    const target = await scanStrict({
      mainAccount: { accessKeyId: MAIN_KEY, secretAccessKey: 'main-secret' },
    });
    expect(target.errors).toEqual([
      expect.objectContaining({
        kind: 'credentials_unavailable',
        action: 'sts:GetCallerIdentity',
        code: 'InvalidClientTokenId',
      }),
    ]);
  });

  it('records static account keys every service refuses as credentials_unavailable, not a disabled region', async () => {
    const target = await scanStrict({
      accounts: [
        {
          accountId: ACCOUNT,
          accessKeyId: ACCOUNT_KEY,
          secretAccessKey: 'account-secret',
        },
      ],
    });
    expect(target.errors).toEqual([
      expect.objectContaining({
        kind: 'credentials_unavailable',
        code: 'InvalidClientTokenId',
        message: expect.stringContaining(
          `tried the static keys of aws.accounts[0]`,
        ),
      }),
    ]);
  });
});
