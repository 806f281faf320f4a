import { ListModelsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT, fullEstate, REGION } from '../__testUtils__/fullEstate';
import { AwsSimulator, AwsSimulatorOptions } from './AwsSimulator';
import type { Estate } from './estate';
import { loadEstate } from './loadEstate';

function client(simulator: AwsSimulator, maxAttempts: number, region = REGION) {
  const c = new SageMakerClient({
    region,
    maxAttempts,
    retryMode: 'adaptive',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  simulator.attach(c, { accountId: ACCOUNT, region, service: 'sagemaker' });
  return c;
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
  it('raises throttling as a real SDK error, retried by the SDK', async () => {
    const { estate, simulator } = withModels(1);
    estate.accounts[0].faults = [
      { action: 'sagemaker:ListModels', error: 'Throttling' },
    ];
    const error = await client(simulator, 2)
      .send(new ListModelsCommand({}))
      .catch(e => e);
    expect(error).toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400, attempts: 2 },
      $retryable: { throttling: true },
    });
    expect(simulator.callCounts['sagemaker:ListModels']).toBe(2);
  }, 15_000);

  it('pages honouring MaxResults, capped by its own page size', async () => {
    const { simulator } = withModels(5, { pageSize: 3 });
    const c = client(simulator, 1);
    const first = await c.send(new ListModelsCommand({ MaxResults: 2 }));
    expect(first.Models?.map(m => m.ModelName)).toHaveLength(2);
    const second = await c.send(
      new ListModelsCommand({ MaxResults: 100, NextToken: first.NextToken }),
    );
    expect(second.Models).toHaveLength(3);
    expect(second.NextToken).toBeUndefined();
    await expect(
      c.send(new ListModelsCommand({ NextToken: 'forged' })),
    ).rejects.toThrow('Invalid pagination token');
  });

  it('applies a per-action rate limit and a per-call latency', async () => {
    const { simulator } = withModels(1, {
      rateLimits: { 'sagemaker:ListModels': 1 },
      latencyMs: 30,
    });
    const c = client(simulator, 1);
    const started = Date.now();
    await c.send(new ListModelsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    await expect(c.send(new ListModelsCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });

  it('fails every call in a disabled region, and role assumption where told to', async () => {
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
      client(simulator, 1, 'me-south-1').send(new ListModelsCommand({})),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    const provider = await simulator
      .credentialsManager()
      .getCredentialProvider({ accountId: '222222222222' });
    await expect(provider.sdkCredentialProvider()).rejects.toThrow(
      'sts:AssumeRole',
    );
    await expect(
      simulator
        .credentialsManager()
        .getCredentialProvider({ accountId: '999999999999' }),
    ).rejects.toThrow('no AWS integration');
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
