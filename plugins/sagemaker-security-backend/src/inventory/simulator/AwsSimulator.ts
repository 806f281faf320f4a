import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { HttpResponse } from '@smithy/protocol-http';
import { AwsService, iamActionOf } from '../aws/actions';
import type { ClientCustomizer, ClientInfo } from '../aws/clients';
import {
  accessDenied,
  awsError,
  internalError,
  malformed,
  notFound,
  regionDisabled,
  throttled,
} from './awsErrors';
import type { Estate, EstateAccount, EstateFault } from './estate';
import { corruptDocument, FaultInjector } from './faults';
import { cloudtrailHandlers } from './handlers/cloudtrail';
import { ec2Handlers } from './handlers/ec2';
import { iamHandlers } from './handlers/iam';
import { kmsHandlers } from './handlers/kms';
import { cloudwatchHandlers, logsHandlers } from './handlers/monitoring';
import { s3Handlers } from './handlers/s3';
import { sagemakerHandlers } from './handlers/sagemaker';
import type { Handler, SimScope } from './handlers/types';

const HANDLERS: Record<AwsService, Record<string, Handler>> = {
  sagemaker: sagemakerHandlers,
  iam: iamHandlers,
  kms: kmsHandlers,
  s3: s3Handlers,
  ec2: ec2Handlers,
  cloudtrail: cloudtrailHandlers,
  cloudwatch: cloudwatchHandlers,
  logs: logsHandlers,
};

/** Services whose calls are not tied to one region of the estate. */
const ACCOUNT_WIDE: AwsService[] = ['iam', 's3'];

export interface AwsSimulatorOptions {
  /** Largest page any list returns (smaller when the caller asks). Default 50. */
  pageSize?: number;
  /** Delay before each answer, in ms (for benchmarks). */
  latencyMs?: number;
  /** Calls per second allowed per IAM action; beyond it, ThrottlingException. */
  rateLimits?: Record<string, number>;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Answers the collector's AWS calls from an {@link Estate}, in process. It is a
 * middleware of each SDK client at step `deserialize` (priority high), inside
 * the SDK's retry loop: the faults it raises are retried by the real retry
 * strategy, and nothing else in the collector differs from a live scan.
 */
export class AwsSimulator {
  /** Requests received per IAM action (every attempt, retries included). */
  readonly callCounts: Record<string, number> = {};
  private readonly faults: FaultInjector;
  private readonly recent = new Map<string, number[]>();
  private readonly pageSize: number;

  constructor(
    readonly estate: Estate,
    private readonly options: AwsSimulatorOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 50;
    this.faults = new FaultInjector(id => this.account(id)?.faults ?? []);
  }

  resetCallCounts() {
    for (const key of Object.keys(this.callCounts)) delete this.callCounts[key];
  }

  /** Every account and region of the estate, as scan targets. */
  targets(): Array<{ accountId: string; region: string }> {
    return this.estate.accounts.flatMap(a =>
      a.regions.map(r => ({ accountId: a.accountId, region: r.region })),
    );
  }

  /** Static fake credentials; fails for accounts the estate marks `assumeRoleFails`. */
  credentialsManager(): AwsCredentialsManager {
    return {
      getCredentialProvider: async opts => {
        const accountId = String(opts?.accountId);
        const account = this.account(accountId);
        if (!account) {
          throw new Error(
            `There is no AWS integration that matches ${accountId}. Please add a configuration for this AWS account.`,
          );
        }
        return {
          accountId,
          sdkCredentialProvider: async () => {
            if (account.assumeRoleFails) {
              throw awsError(
                'AccessDenied',
                `User: arn:aws:sts::000000000000:assumed-role/backstage/main is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${accountId}:role/backstage-sagemaker-security`,
                403,
              );
            }
            return { accessKeyId: 'SIMULATED', secretAccessKey: 'simulated' };
          },
        };
      },
    };
  }

  /** Adds the simulator to an SDK client; pass as the client factory's `customizeClient`. */
  readonly attach: ClientCustomizer = (client, info) => {
    client.middlewareStack.add(
      (_next: unknown, context: { commandName?: string }) =>
        async (args: { input: any }) => {
          const output = await this.answer(
            info,
            String(context.commandName),
            args.input,
          );
          return {
            output: {
              ...output,
              $metadata: {
                httpStatusCode: 200,
                requestId: 'simulated',
                attempts: 1,
                totalRetryDelay: 0,
              },
            },
            response: new HttpResponse({ statusCode: 200, headers: {} }),
          };
        },
      { step: 'deserialize', priority: 'high', name: 'mlsecAwsSimulator' },
    );
  };

  private account(accountId: string): EstateAccount | undefined {
    return this.estate.accounts.find(a => a.accountId === accountId);
  }

  private async answer(
    info: ClientInfo,
    commandName: string,
    input: any,
  ): Promise<object> {
    const action = iamActionOf(info.service, commandName);
    this.callCounts[action] = (this.callCounts[action] ?? 0) + 1;
    if (this.options.latencyMs) await sleep(this.options.latencyMs);
    this.enforceRateLimit(action);

    const account = this.account(info.accountId);
    if (!account) throw accessDenied(info.service, info.accountId, action);
    const region = account.regions.find(r => r.region === info.region);
    if (region?.disabled && !ACCOUNT_WIDE.includes(info.service)) {
      throw regionDisabled(info.service, info.region);
    }
    const fault = this.faults.match(info.accountId, info.region, action, input);
    if (fault && fault.error !== 'MalformedResponse') {
      throw this.faultError(fault, info, action);
    }
    const handler = HANDLERS[info.service][commandName.replace(/Command$/, '')];
    if (!handler) {
      throw awsError(
        'UnknownOperationException',
        `The simulator does not answer ${action}`,
        400,
      );
    }
    const scope: SimScope = {
      account,
      regionName: info.region,
      region,
      pageSize: this.pageSize,
    };
    const output = structuredClone(handler(input ?? {}, scope));
    if (fault) {
      const corrupted = corruptDocument(action, output);
      if (!corrupted) throw malformed();
      return corrupted;
    }
    return output;
  }

  private faultError(
    fault: EstateFault,
    info: ClientInfo,
    action: string,
  ): Error {
    switch (fault.error) {
      case 'AccessDenied':
        return accessDenied(info.service, info.accountId, action, fault.target);
      case 'Throttling':
        return throttled(action);
      case 'InternalError':
        return internalError();
      default:
        return notFound(info.service, fault.target ?? action);
    }
  }

  private enforceRateLimit(action: string) {
    const limit = this.options.rateLimits?.[action];
    if (!limit) return;
    const now = Date.now();
    const recent = (this.recent.get(action) ?? []).filter(t => now - t < 1000);
    if (recent.length >= limit) {
      this.recent.set(action, recent);
      throw throttled(action);
    }
    recent.push(now);
    this.recent.set(action, recent);
  }
}
