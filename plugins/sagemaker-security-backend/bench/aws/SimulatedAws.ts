/**
 * The benchmark's AWS: the project's AwsSimulator answering from the
 * estate, behind per-call latency and AWS-style request-rate limits that
 * answer with the simulator's real ThrottlingException. The simulator's own
 * `rateLimits` are one window per action across all accounts; AWS limits
 * each account and region separately, which this wrapper does.
 */
import { HttpResponse } from '@smithy/protocol-http';
import type { AwsService } from '../../src/inventory/aws/actions';
import { iamActionOf } from '../../src/inventory/aws/actions';
import type {
  ClientCustomizer,
  ClientInfo,
  SdkClient,
} from '../../src/inventory/aws/clients';
import { AwsSimulator } from '../../src/inventory/simulator/AwsSimulator';
import { throttled } from '../../src/inventory/simulator/awsErrors';
import type {
  Estate,
  EstateAccount,
  EstateRegion,
  EstateSageMakerResource,
} from '../../src/inventory/simulator/estate';
import { AwsProfile, rateOf } from '../options';
import { TokenBuckets } from './TokenBuckets';

type Answer = (
  commandName: string,
  input: Record<string, unknown>,
) => Promise<{ output: Record<string, unknown> }>;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Where a call's rate limit is kept: IAM per account, the rest per account and region. */
export function bucketKey(
  accountId: string,
  region: string,
  service: AwsService | string,
  action: string,
): string {
  return `${accountId}|${service === 'iam' ? 'global' : region}|${action}`;
}

/** SageMaker describes the index answers: command → (type, input field = description field). */
const DESCRIBES: Record<string, [string, string]> = {
  DescribeNotebookInstanceCommand: [
    'notebook-instance',
    'NotebookInstanceName',
  ],
  DescribeModelCommand: ['model', 'ModelName'],
  DescribeEndpointConfigCommand: ['endpoint-config', 'EndpointConfigName'],
  DescribeEndpointCommand: ['endpoint', 'EndpointName'],
  DescribeTrainingJobCommand: ['training-job', 'TrainingJobName'],
  DescribeProcessingJobCommand: ['processing-job', 'ProcessingJobName'],
  DescribeTransformJobCommand: ['transform-job', 'TransformJobName'],
};

/** Captures the simulator's middleware for one client identity, to call directly. */
function answerer(simulator: AwsSimulator, info: ClientInfo): Answer {
  let handler: any;
  const capture = {
    middlewareStack: {
      add: (middleware: unknown) => {
        handler = middleware;
      },
    },
    destroy() {},
  } as unknown as SdkClient;
  simulator.attach(capture, info);
  return (commandName, input) => handler(undefined, { commandName })({ input });
}

/**
 * The simulator finds a resource by scanning its type's list: O(n) per
 * call, minutes of CPU at 50,000 jobs, taken from the cores the scanner
 * runs on. Describes and tag reads are therefore answered by a second
 * simulator over a one-resource view of the region, found by index; the
 * simulator still builds the answer. Safe because the simulator (without
 * latency) reads its estate synchronously when called.
 */
class IndexedView {
  private readonly byKey = new Map<
    string,
    { type: string; resource: EstateSageMakerResource }
  >();
  private readonly region: EstateRegion = { region: '', sagemaker: {} };
  private readonly account: EstateAccount = {
    accountId: '',
    regions: [this.region],
  };
  private readonly simulator: AwsSimulator;
  private readonly answers = new Map<string, Answer>();

  constructor(estate: Estate, pageSize: number) {
    this.simulator = new AwsSimulator(
      { name: 'view', accounts: [this.account] },
      { pageSize },
    );
    const describeKeys = Object.values(DESCRIBES);
    for (const account of estate.accounts) {
      for (const region of account.regions) {
        for (const [type, list] of Object.entries(region.sagemaker)) {
          const key = describeKeys.find(([t]) => t === type)?.[1];
          for (const resource of list ?? []) {
            const d = resource.description;
            const at = `${account.accountId}|${region.region}`;
            const entry = { type, resource };
            if (key) this.byKey.set(`${at}|${type}|${d[key]}`, entry);
            const arn = Object.entries(d).find(
              ([k, v]) =>
                k.endsWith('Arn') && String(v).includes(':sagemaker:'),
            )?.[1];
            if (arn) this.byKey.set(`${at}|arn|${arn}`, entry);
          }
        }
      }
    }
  }

  /** The answer from the view, or undefined when the index does not know the call. */
  answer(
    info: ClientInfo,
    commandName: string,
    input: Record<string, unknown>,
  ): Promise<{ output: Record<string, unknown> }> | undefined {
    if (info.service !== 'sagemaker') return undefined;
    const at = `${info.accountId}|${info.region}`;
    const describe = DESCRIBES[commandName];
    const found =
      commandName === 'ListTagsCommand'
        ? this.byKey.get(`${at}|arn|${input.ResourceArn}`)
        : describe &&
          this.byKey.get(`${at}|${describe[0]}|${input[describe[1]]}`);
    if (!found) return undefined;
    this.account.accountId = info.accountId;
    this.region.region = info.region;
    this.region.sagemaker = { [found.type]: [found.resource] };
    const key = `${at}|sagemaker`;
    let answer = this.answers.get(key);
    if (!answer)
      this.answers.set(key, (answer = answerer(this.simulator, info)));
    return answer(commandName, input);
  }
}

export class SimulatedAws {
  readonly simulator: AwsSimulator;
  /** Requests received per IAM action, throttled ones included. */
  readonly requests: Record<string, number> = {};
  readonly throttled: Record<string, number> = {};
  /** Requests let through per rate-limit bucket. */
  readonly admitted = new Map<string, number>();
  private readonly answers = new Map<string, Answer>();
  private readonly view: IndexedView;
  private limits: TokenBuckets;

  constructor(
    readonly estate: Estate,
    private profile: AwsProfile,
    pageSize = 100,
  ) {
    this.simulator = new AwsSimulator(estate, { pageSize });
    this.view = new IndexedView(estate, pageSize);
    this.limits = new TokenBuckets(profile.burstSeconds);
  }

  /** Latency and rate limits in force. */
  get currentProfile(): AwsProfile {
    return this.profile;
  }

  /** Changes latency and rate limits from now on (fresh buckets). */
  setProfile(profile: AwsProfile) {
    this.profile = profile;
    this.limits = new TokenBuckets(profile.burstSeconds);
  }

  resetCounts() {
    for (const k of Object.keys(this.requests)) delete this.requests[k];
    for (const k of Object.keys(this.throttled)) delete this.throttled[k];
    this.admitted.clear();
  }

  totalRequests(): number {
    return Object.values(this.requests).reduce((a, b) => a + b, 0);
  }

  totalThrottled(): number {
    return Object.values(this.throttled).reduce((a, b) => a + b, 0);
  }

  /** One AWS request: latency, then the rate limit, then the simulator's answer. */
  async call(
    info: ClientInfo,
    commandName: string,
    input: unknown,
  ): Promise<Record<string, unknown>> {
    const action = iamActionOf(info.service, commandName);
    this.requests[action] = (this.requests[action] ?? 0) + 1;
    if (this.profile.latencyMs > 0) await sleep(this.profile.latencyMs);
    const rate = rateOf(this.profile.rates, action);
    const bucket = bucketKey(info.accountId, info.region, info.service, action);
    if (rate !== undefined && !this.limits.take(bucket, rate)) {
      this.throttled[action] = (this.throttled[action] ?? 0) + 1;
      throw throttled(action);
    }
    this.admitted.set(bucket, (this.admitted.get(bucket) ?? 0) + 1);
    const args = (input ?? {}) as Record<string, unknown>;
    const answered =
      this.view.answer(info, commandName, args) ??
      this.answerer(info)(commandName, args);
    return (await answered).output;
  }

  /** SDK middleware for clients in this process (same place as the simulator's). */
  readonly customizeClient: ClientCustomizer = (client, info) => {
    client.middlewareStack.add(
      (_next: unknown, context: { commandName?: string }) =>
        async (args: { input: unknown }) => ({
          output: await this.call(
            info,
            String(context.commandName),
            args.input,
          ),
          response: new HttpResponse({ statusCode: 200, headers: {} }),
        }),
      { step: 'deserialize', priority: 'high', name: 'benchSimulatedAws' },
    );
  };

  private answerer(info: ClientInfo): Answer {
    const key = `${info.accountId}|${info.region}|${info.service}`;
    let answer = this.answers.get(key);
    if (!answer)
      this.answers.set(key, (answer = answerer(this.simulator, info)));
    return answer;
  }
}
