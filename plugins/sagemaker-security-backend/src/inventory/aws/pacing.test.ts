import {
  DescribeEndpointCommand,
  DescribeModelCommand,
  ListModelsCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  LookupEventsCommand,
} from '@aws-sdk/client-cloudtrail';
import { AwsSimulator } from '../simulator/AwsSimulator';
import { AWS_SERVICES, iamActionOf } from './actions';
import { AccountClients, CallCounter, ClientCustomizer } from './clients';
import {
  DEFAULT_RATE_LIMITS,
  RateLimits,
  UNPACED,
} from '../../config/rateLimits';
import { Clock, Pacer, rateFamilyOf, TokenBucket } from './pacing';

const ACCOUNT = '111111111111';

/**
 * Virtual time: `sleep` only resolves when the test advances the clock, so
 * what the pacing allows is measured exactly, with no timing flakiness.
 */
class VirtualClock implements Clock {
  private t = 0;
  private waiters: Array<{ at: number; resolve: () => void }> = [];

  now = () => this.t;

  sleep = (ms: number) =>
    new Promise<void>(resolve => {
      this.waiters.push({ at: this.t + ms, resolve });
    });

  /** Runs until `work` settles, moving time to the next waiter whenever nothing else can run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    // Real time, not loop turns: on a busy machine the SDK's first calls
    // (config and credential resolution) may take many turns to arrive.
    for (let idleSince: number | undefined; !settled; ) {
      await new Promise(resolve => setImmediate(resolve));
      if (settled) break;
      if (this.waiters.length === 0) {
        idleSince ??= Date.now();
        if (Date.now() - idleSince > 20_000) {
          throw new Error('stuck: nothing waits on the clock');
        }
        continue;
      }
      idleSince = undefined;
      this.waiters.sort((a, b) => a.at - b.at);
      const next = this.waiters.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    return work;
  }
}

/** Most calls in any window of `windowMs` starting at a call. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j] < sorted[i] + windowMs) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe('rateFamilyOf', () => {
  it('picks the longest prefix', () => {
    expect(rateFamilyOf('sagemaker:ListTags')).toBe('sagemakerListTags');
    expect(rateFamilyOf('sagemaker:ListModels')).toBe('sagemakerList');
    expect(rateFamilyOf('sagemaker:DescribeModel')).toBe('sagemakerDescribe');
    expect(rateFamilyOf('sagemaker:GetModelPackageGroupPolicy')).toBe(
      'sagemakerGet',
    );
    expect(rateFamilyOf('iam:GetRole')).toBe('iam');
    expect(rateFamilyOf('ec2:DescribeSubnets')).toBe('ec2Describe');
    expect(rateFamilyOf('kms:DescribeKey')).toBeUndefined();
    expect(rateFamilyOf('s3:GetBucketPolicy')).toBeUndefined();
  });
});

describe('TokenBucket', () => {
  it('serves a burst, then exactly its rate, in the order asked', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(10, 0.5, clock);
    const served: Array<{ n: number; at: number }> = [];
    const all = Promise.all(
      Array.from({ length: 45 }, (_, n) =>
        bucket.take().then(() => served.push({ n, at: clock.now() })),
      ),
    );
    await clock.run(all);

    expect(served.map(s => s.n)).toEqual(served.map((_, i) => i));
    // 5 at once (half a second of 10/s), then one every 100 ms.
    expect(served.filter(s => s.at === 0)).toHaveLength(5);
    expect(served[44].at).toBeCloseTo(4000, 6);
    // Never more than the burst plus one second of rate in any second.
    expect(
      maxInWindow(
        served.map(s => s.at),
        1000,
      ),
    ).toBeLessThanOrEqual(15);
  });

  it('refills while idle, up to its capacity only', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(4, 0.5, clock);
    await clock.run(Promise.all([bucket.take(), bucket.take()]));
    // An hour idle refills 2 tokens, not 14,400.
    await clock.run(clock.sleep(3_600_000));
    const start = clock.now();
    const times: number[] = [];
    await clock.run(
      Promise.all(
        Array.from({ length: 6 }, () =>
          bucket.take().then(() => times.push(clock.now() - start)),
        ),
      ),
    );
    expect(times).toEqual([0, 0, 250, 500, 750, 1000]);
  });
});

describe('Pacer', () => {
  it('keeps a bucket per account, region and API at its family rate; IAM per account', () => {
    const pacer = new Pacer({ ...UNPACED, sagemakerDescribe: 10, iam: 20 });
    const a = pacer.bucketFor('111', 'us-east-1', 'sagemaker:DescribeModel');
    expect(pacer.bucketFor('111', 'us-east-1', 'sagemaker:DescribeModel')).toBe(
      a,
    );
    const other = pacer.bucketFor(
      '111',
      'us-east-1',
      'sagemaker:DescribeEndpoint',
    );
    expect(other).not.toBe(a);
    expect([a?.rate, other?.rate]).toEqual([10, 10]);
    expect(
      pacer.bucketFor('111', 'eu-west-1', 'sagemaker:DescribeModel'),
    ).not.toBe(a);
    expect(
      pacer.bucketFor('222', 'us-east-1', 'sagemaker:DescribeModel'),
    ).not.toBe(a);
    expect(pacer.bucketFor('111', 'us-east-1', 'iam:GetRole')).toBe(
      pacer.bucketFor('111', 'us-gov-west-1', 'iam:ListRolePolicies'),
    );
    expect(pacer.bucketFor('111', 'us-east-1', 'iam:GetRole')?.rate).toBe(20);
    // Unpaced: a family set to null, and APIs of no family.
    expect(
      pacer.bucketFor('111', 'us-east-1', 'sagemaker:ListTags'),
    ).toBeUndefined();
    expect(pacer.bucketFor('111', 'us-east-1', 'kms:GetKeyPolicy')).toBe(
      undefined,
    );
  });
});

describe('paced SDK clients', () => {
  /**
   * Clients of one account whose calls are answered at once by the AWS
   * simulator (an empty answer on the wire), each recorded with the virtual
   * time it was sent at.
   */
  function pacedClients(limits: RateLimits, concurrency = 4) {
    const clock = new VirtualClock();
    const sent: Array<{ action: string; at: number }> = [];
    const record: ClientCustomizer = (client, info) => {
      client.middlewareStack.add(
        (next: any, context: { commandName?: string }) => async (args: any) => {
          sent.push({
            action: iamActionOf(info.service, String(context.commandName)),
            at: clock.now(),
          });
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low', name: 'record' },
      );
    };
    const simulator = new AwsSimulator(
      { name: 'pacing', accounts: [{ accountId: ACCOUNT, regions: [] }] },
      { accessKeys: { AKIAPACINGTEST000001: ACCOUNT } },
    );
    simulator.intercept(async () => ({}));
    const clients = new AccountClients(
      ACCOUNT,
      async () => ({
        accessKeyId: 'AKIAPACINGTEST000001',
        secretAccessKey: 'test',
      }),
      {
        credentialsManager: {} as any,
        maxAttempts: 1,
        concurrencyPerServiceRegion: concurrency,
        customizeClient: record,
        requestHandler: simulator,
      },
      new CallCounter(),
      undefined,
      new Pacer(limits, clock),
    );
    const at = (action: string) =>
      sent.filter(s => s.action === action).map(s => s.at);
    return { clock, clients, sent, at };
  }

  it('sends no family faster than its rate, and one family never waits for another', async () => {
    const { clock, clients, at } = pacedClients({
      ...UNPACED,
      sagemakerList: 4,
      sagemakerDescribe: 10,
      sagemakerListTags: 40,
    });
    const sagemaker = clients.sagemaker('us-east-1') as SageMakerClient;
    // Queued in this order on one client: the describes first.
    const describes = Array.from({ length: 40 }, (_, i) =>
      sagemaker.send(new DescribeModelCommand({ ModelName: `m-${i}` })),
    );
    const lists = Array.from({ length: 10 }, () =>
      sagemaker.send(new ListModelsCommand({})),
    );
    const tags = Array.from({ length: 40 }, (_, i) =>
      sagemaker.send(new ListTagsCommand({ ResourceArn: `arn:m-${i}` })),
    );
    await clock.run(Promise.all([...describes, ...lists, ...tags]));

    const describeAt = at('sagemaker:DescribeModel');
    const listAt = at('sagemaker:ListModels');
    const tagsAt = at('sagemaker:ListTags');
    expect([describeAt.length, listAt.length, tagsAt.length]).toEqual([
      40, 10, 40,
    ]);
    // Burst (half a second of rate) plus one second of rate, at most, per second.
    expect(maxInWindow(describeAt, 1000)).toBeLessThanOrEqual(5 + 10);
    expect(maxInWindow(listAt, 1000)).toBeLessThanOrEqual(2 + 4);
    expect(maxInWindow(tagsAt, 1000)).toBeLessThanOrEqual(20 + 40);
    // Each family took the time its own rate needs, whatever queued before it.
    expect(Math.max(...describeAt)).toBeCloseTo(3500, 6); // (40 - 5) / 10 per s
    expect(Math.max(...listAt)).toBeCloseTo(2000, 6); // (10 - 2) / 4 per s
    expect(Math.max(...tagsAt)).toBeCloseTo(500, 6); // (40 - 20) / 40 per s
    // The tags were all read while most describes still waited.
    expect(
      describeAt.filter(t => t <= Math.max(...tagsAt)).length,
    ).toBeLessThanOrEqual(10);
    clients.destroy();
  });

  it('paces each API of a family on its own: two Describe APIs never wait for each other', async () => {
    const { clock, clients, at } = pacedClients({
      ...UNPACED,
      sagemakerDescribe: 10,
    });
    const sagemaker = clients.sagemaker('us-east-1') as SageMakerClient;
    const models = Array.from({ length: 25 }, (_, i) =>
      sagemaker.send(new DescribeModelCommand({ ModelName: `m-${i}` })),
    );
    const endpoints = Array.from({ length: 25 }, (_, i) =>
      sagemaker.send(new DescribeEndpointCommand({ EndpointName: `e-${i}` })),
    );
    await clock.run(Promise.all([...models, ...endpoints]));
    const modelAt = at('sagemaker:DescribeModel');
    const endpointAt = at('sagemaker:DescribeEndpoint');
    // Each at its own 10/s after a burst of 5: (25 - 5) / 10 = 2 s, not 4.5.
    expect(Math.max(...modelAt)).toBeCloseTo(2000, 6);
    expect(Math.max(...endpointAt)).toBeCloseTo(2000, 6);
    expect(maxInWindow(modelAt, 1000)).toBeLessThanOrEqual(5 + 10);
    clients.destroy();
  });

  it('sends LookupEvents at 2 per second per account and region by default, and nothing else of CloudTrail waits for it', async () => {
    const { clock, clients, at } = pacedClients(DEFAULT_RATE_LIMITS);
    const lookups = ['us-east-1', 'eu-west-1'].flatMap(region =>
      Array.from({ length: 10 }, () =>
        (clients.cloudtrail(region) as CloudTrailClient).send(
          new LookupEventsCommand({}),
        ),
      ),
    );
    const trails = Array.from({ length: 10 }, () =>
      (clients.cloudtrail('us-east-1') as CloudTrailClient).send(
        new DescribeTrailsCommand({}),
      ),
    );
    await clock.run(Promise.all([...lookups, ...trails]));
    const times = at('cloudtrail:LookupEvents');
    expect(times).toHaveLength(20);
    // Two regions, each with its own bucket of 2 per second (burst 1).
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(2 * (1 + 2));
    expect(Math.max(...times)).toBeCloseTo(4500, 6); // (10 - 1) / 2 per s
    expect(Math.max(...at('cloudtrail:DescribeTrails'))).toBe(0);
    clients.destroy();
  });

  it('shares the IAM bucket between the regions of an account', async () => {
    const { clock, clients, at } = pacedClients({ ...UNPACED, iam: 20 });
    const calls = ['us-east-1', 'eu-west-1'].flatMap(region =>
      Array.from({ length: 30 }, (_, i) =>
        (clients.iam(region) as IAMClient).send(
          new GetRoleCommand({ RoleName: `r-${region}-${i}` }),
        ),
      ),
    );
    await clock.run(Promise.all(calls));
    const times = at('iam:GetRole');
    expect(times).toHaveLength(60);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(10 + 20);
    expect(Math.max(...times)).toBeCloseTo(2500, 6); // (60 - 10) / 20 per s
    clients.destroy();
  });

  it('paces every attempt inside the SDK retry loop, before it is signed', () => {
    const { clients } = pacedClients(UNPACED);
    for (const service of AWS_SERVICES) {
      const client = clients.get(service, 'us-east-1') as unknown as {
        middlewareStack: { identify(): string[] };
      };
      const names = client.middlewareStack
        .identify()
        .map(entry => entry.split(' ')[0]);
      const retry = names.indexOf('retryMiddleware');
      const pacing = names.indexOf('mlsecPacing');
      const signing = names.indexOf('httpSigningMiddleware');
      expect({ service, order: retry < pacing && pacing < signing }).toEqual({
        service,
        order: true,
      });
      expect(retry).toBeGreaterThanOrEqual(0);
    }
    clients.destroy();
  });

  it('does not pace unpaced families', async () => {
    const { clock, clients, at } = pacedClients(UNPACED);
    const sagemaker = clients.sagemaker('us-east-1') as SageMakerClient;
    await clock.run(
      Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          sagemaker.send(new DescribeModelCommand({ ModelName: `m-${i}` })),
        ),
      ),
    );
    expect(at('sagemaker:DescribeModel')).toEqual(Array(50).fill(0));
    clients.destroy();
  });
});
