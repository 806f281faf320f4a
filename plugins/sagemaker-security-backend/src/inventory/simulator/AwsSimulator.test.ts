import { ListModelsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { AwsSimulator, AwsSimulatorOptions } from './AwsSimulator';
import type { Estate } from './estate';
import { loadEstate } from './loadEstate';

/** A real SDK client of the account, its transport the simulator, its credentials from the simulator's STS. */
async function client(
  simulator: AwsSimulator,
  maxAttempts: number,
  region = REGION,
) {
  const { sdkCredentialProvider } = await simulator
    .credentialsManager()
    .getCredentialProvider({ accountId: ACCOUNT });
  return new SageMakerClient({
    region,
    maxAttempts,
    retryMode: 'adaptive',
    credentials: sdkCredentialProvider,
    requestHandler: simulator,
  });
}

function withModels(n: number, options?: AwsSimulatorOptions) {
  const estate = fullEstate();
  estate.accounts[0].regions[0].sagemaker.model = Array.from(
    { length: n },
    (_, i) => ({
      description: {
        ModelName: `m${i}`,
        ModelArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/m${i}`,
      },
    }),
  );
  return { estate, simulator: new AwsSimulator(estate, options) };
}

describe('AwsSimulator', () => {
  it('answers throttling on the wire, retried by the SDK', async () => {
    const { estate, simulator } = withModels(1);
    estate.accounts[0].faults = [
      { action: 'sagemaker:ListModels', error: 'Throttling' },
    ];
    const error = await (await client(simulator, 2))
      .send(new ListModelsCommand({}))
      .catch(e => e);
    expect(error).toMatchObject({
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, attempts: 2 },
    });
    expect(simulator.callCounts['sagemaker:ListModels']).toBe(2);
  }, 15_000);

  it('pages honouring MaxResults, capped by its own page size', async () => {
    const { simulator } = withModels(5, { pageSize: 3 });
    const c = await client(simulator, 1);
    const first = await c.send(new ListModelsCommand({ MaxResults: 2 }));
    expect(first.Models?.map(m => m.ModelName)).toHaveLength(2);
    const second = await c.send(
      new ListModelsCommand({ MaxResults: 100, NextToken: first.NextToken }),
    );
    expect(second.Models).toHaveLength(3);
    expect(second.NextToken).toBeUndefined();
    await expect(
      c.send(new ListModelsCommand({ NextToken: 'forged' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Invalid pagination token forged',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('applies a per-action rate limit and a per-call latency', async () => {
    const { simulator } = withModels(1, {
      rateLimits: { 'sagemaker:ListModels': 1 },
      latencyMs: 30,
    });
    const c = await client(simulator, 1);
    const started = Date.now();
    await c.send(new ListModelsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    await expect(c.send(new ListModelsCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });

  it('fails every call in a disabled region, and role assumption where told to or where the account is unknown', async () => {
    const estate: Estate = {
      name: 'x',
      accounts: [
        {
          accountId: ACCOUNT,
          regions: [{ region: 'me-south-1', disabled: true, sagemaker: {} }],
        },
        { accountId: '222222222222', assumeRoleFails: true, regions: [] },
      ],
    };
    const simulator = new AwsSimulator(estate);
    await expect(
      (
        await client(simulator, 1, 'me-south-1')
      ).send(new ListModelsCommand({})),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: { httpStatusCode: 400 },
    });
    simulator.resetCallCounts();
    for (const accountId of ['222222222222', '999999999999']) {
      const provider = await simulator
        .credentialsManager()
        .getCredentialProvider({ accountId });
      // AssumeRole, answered AccessDenied on the wire (Query protocol).
      await expect(provider.sdkCredentialProvider()).rejects.toMatchObject({
        name: 'AccessDenied',
        message: `User: arn:aws:iam::000000000000:user/backstage is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${accountId}:role/backstage-sagemaker-security`,
        $metadata: { httpStatusCode: 403 },
      });
    }
    expect(simulator.callCounts['sts:AssumeRole']).toBe(2);
  });

  it('issues temporary credentials of the account, which the account can use', async () => {
    const { simulator } = withModels(1);
    const { sdkCredentialProvider } = await simulator
      .credentialsManager()
      .getCredentialProvider({ accountId: ACCOUNT });
    const credentials = await sdkCredentialProvider();
    expect(credentials).toMatchObject({
      accessKeyId: expect.stringMatching(/^ASIA[A-Z0-9]{16}$/),
      sessionToken: expect.any(String),
      expiration: expect.any(Date),
    });
    const sts = new STSClient({
      region: REGION,
      credentials,
      requestHandler: simulator,
    });
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/backstage-sagemaker-security/backstage`,
    });
    // Keys AWS never issued are refused.
    const forged = new STSClient({
      region: REGION,
      credentials: {
        accessKeyId: 'AKIAFORGED0000000000',
        secretAccessKey: 'x',
      },
      requestHandler: simulator,
    });
    await expect(
      forged.send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('loads a YAML estate, keeping account IDs as strings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'estate-'));
    const path = join(dir, 'estate.yaml');
    await writeFile(
      path,
      'name: demo\naccounts:\n  - accountId: 012345678901\n    regions:\n      - region: us-east-1\n        sagemaker: {}\n',
    );
    const estate = await loadEstate(path);
    expect(estate.accounts[0].accountId).toBe('012345678901');
    await writeFile(path, 'name: broken\n');
    await expect(loadEstate(path)).rejects.toThrow("no 'accounts' list");
  });
});
