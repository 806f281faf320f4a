import { randomUUID } from 'node:crypto';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type {
  HttpHandler,
  HttpRequest,
  HttpResponse,
} from '@smithy/protocol-http';
import { AwsService, iamActionOf } from '../aws/actions';
import {
  accessDenied,
  internalError,
  invalidToken,
  MalformedAnswer,
  notFound,
  notSimulated,
  regionDisabled,
  SimulatedAwsError,
  throttled,
  unsigned,
} from './awsErrors';
import {
  callerIdentity,
  Principal,
  SimulatedIdentities,
  simulatedCredentialsManager,
} from './credentials';
import type { Estate, EstateAccount, EstateFault } from './estate';
import {
  corruptDocument,
  FaultInjector,
  misreadModifiedFilter,
} from './faults';
import { cloudtrailHandlers } from './handlers/cloudtrail';
import { ec2Handlers } from './handlers/ec2';
import { guarddutyHandlers } from './handlers/guardduty';
import { securityhubHandlers } from './handlers/securityhub';
import { iamHandlers } from './handlers/iam';
import { kmsHandlers } from './handlers/kms';
import { cloudwatchHandlers, logsHandlers } from './handlers/monitoring';
import { s3Handlers } from './handlers/s3';
import { sagemakerHandlers } from './handlers/sagemaker';
import { searchHandlers } from './handlers/sagemakerSearch';
import { taggingHandlers } from './handlers/tagging';
import type { Handler, SimScope } from './handlers/types';
import { statusOf } from './wire/codec';
import { bodyOf, httpResponse } from './wire/http';
import { codecOf, serviceOfHost, signatureOf } from './wire/router';
import type { SimService } from './wire/services';

const HANDLERS: Record<AwsService, Record<string, Handler>> = {
  sagemaker: { ...sagemakerHandlers, ...searchHandlers },
  iam: iamHandlers,
  kms: kmsHandlers,
  s3: s3Handlers,
  ec2: ec2Handlers,
  cloudtrail: cloudtrailHandlers,
  cloudwatch: cloudwatchHandlers,
  logs: logsHandlers,
  guardduty: guarddutyHandlers,
  securityhub: securityhubHandlers,
  tag: taggingHandlers,
};

/** Services whose calls are not tied to one region of the estate. */
const ACCOUNT_WIDE: SimService[] = ['iam', 's3', 'sts'];

export interface AwsSimulatorOptions {
  /** Largest page any list returns (smaller when the caller asks). Default 50. */
  pageSize?: number;
  /** Delay before each answer, in ms (for benchmarks). */
  latencyMs?: number;
  /** Calls per second allowed per IAM action; beyond it, the service's throttling error. */
  rateLimits?: Record<string, number>;
  /** Static access key IDs the simulated AWS accepts → their account ID. */
  accessKeys?: Record<string, string>;
}

/** One request as the simulator read it from the wire. */
export interface SimCall {
  service: SimService;
  operation: string;
  /** IAM action, e.g. `iam:GetRole`. */
  action: string;
  /** The account of the credentials the request was signed with. */
  accountId: string;
  /** The principal of those credentials. */
  callerArn: string;
  region: string;
  input: Record<string, any>;
}

/**
 * Wraps the simulator's answer to a call: may answer instead (throw a
 * {@link SimulatedAwsError} or {@link MalformedAnswer}), fail the transport
 * (throw any other error, e.g. ECONNREFUSED), delay, or change the answer.
 */
export type Interceptor = (
  call: SimCall,
  answer: () => Promise<object>,
) => Promise<object>;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The simulated AWS: an HTTP request handler (pass it to SDK clients as
 * their `requestHandler`) that answers from an {@link Estate}. It reads
 * each request from its bytes (the SigV4 scope names service, region and
 * access key; the protocol names operation and input) and answers in the
 * protocol the installed SDK speaks for the service, errors included. The
 * SDK's serializers, deserializers, error classes and retry strategy run
 * exactly as against AWS.
 */
export class AwsSimulator implements HttpHandler<{}> {
  /** Requests received per IAM action (every attempt, retries included). */
  readonly callCounts: Record<string, number> = {};
  /** Estate fields the SDK model does not have (left out of answers). */
  readonly unmodelled = new Set<string>();
  readonly identities: SimulatedIdentities;
  private readonly faults: FaultInjector;
  private readonly recent = new Map<string, number[]>();
  private readonly pageSize: number;
  private readonly interceptors: Interceptor[] = [];
  private readonly listeners: Array<(call: SimCall) => void> = [];

  constructor(
    readonly estate: Estate,
    private readonly options: AwsSimulatorOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 50;
    this.faults = new FaultInjector(id => this.account(id)?.faults ?? []);
    this.identities = new SimulatedIdentities(options.accessKeys);
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

  /**
   * The real DefaultAwsCredentialsManager, assuming a role in each estate
   * account through this simulator's STS; accounts marked
   * `assumeRoleFails` (or not in the estate) answer AccessDenied.
   */
  credentialsManager(): AwsCredentialsManager {
    return simulatedCredentialsManager(this);
  }

  /** Runs `interceptor` around every answer (the last added outermost). */
  intercept(interceptor: Interceptor) {
    this.interceptors.push(interceptor);
  }

  /** Tells `listener` of every request read from the wire. */
  onCall(listener: (call: SimCall) => void) {
    this.listeners.push(listener);
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const requestId = randomUUID();
    const signature = signatureOf(request);
    const service = signature?.service ?? serviceOfHost(request.hostname);
    if (!service) {
      return {
        response: httpResponse(
          400,
          {},
          `Unknown service at ${request.hostname}`,
        ),
      };
    }
    const { wire, codec } = codecOf(service);
    let operation = '';
    try {
      const decoded = await codec.decode(request, await bodyOf(request));
      operation = decoded.operation;
      const action =
        service === 'sts'
          ? `sts:${operation}`
          : iamActionOf(service, operation);
      this.callCounts[action] = (this.callCounts[action] ?? 0) + 1;
      if (!signature) throw unsigned(service);
      const principal = this.identities.principalOf(signature.accessKeyId);
      if (!principal) throw invalidToken(service);
      const call: SimCall = {
        service,
        operation,
        action,
        accountId: principal.accountId,
        callerArn: principal.arn,
        region: signature.region,
        input: decoded.input,
      };
      this.listeners.forEach(listener => listener(call));
      const output = await this.intercepted(call);
      const dropped: string[] = [];
      const response = codec.encode(operation, output, requestId, dropped);
      dropped.forEach(path =>
        this.unmodelled.add(`${action} ${path.replace(/\[\d+\]/g, '[]')}`),
      );
      return { response };
    } catch (error) {
      if (error instanceof SimulatedAwsError) {
        const status = statusOf(wire, error);
        return {
          response: codec.encodeError(error, status, requestId, request),
        };
      }
      if (error instanceof MalformedAnswer) {
        return { response: codec.malformed(operation, requestId) };
      }
      throw error;
    }
  }

  updateHttpClientConfig(): void {
    // Nothing to configure: no sockets, no timeouts.
  }

  httpHandlerConfigs(): {} {
    return {};
  }

  destroy(): void {
    // Shared by every client; holds nothing to release.
  }

  private account(accountId: string): EstateAccount | undefined {
    return this.estate.accounts.find(a => a.accountId === accountId);
  }

  private intercepted(call: SimCall): Promise<object> {
    const answer = this.interceptors.reduce<() => Promise<object>>(
      (next, interceptor) => () => interceptor(call, next),
      () => this.answer(call),
    );
    return answer();
  }

  /**
   * The estate's answer to a call (faults, disabled regions and rate
   * limits included), before it is put on the wire and without the
   * interceptors: for wrappers that route calls (e.g. the benchmark's
   * index of resources).
   */
  async answer(call: SimCall): Promise<object> {
    const { service, action, input } = call;
    if (this.options.latencyMs) await sleep(this.options.latencyMs);
    this.enforceRateLimit(service, action);
    if (service === 'sts') return this.answerSts(call);

    const account = this.account(call.accountId);
    if (!account) throw accessDenied(service, call.accountId, action);
    const region = account.regions.find(r => r.region === call.region);
    if (region?.disabled && !ACCOUNT_WIDE.includes(service)) {
      throw regionDisabled(service, call.region);
    }
    const fault = this.faults.match(call.accountId, call.region, action, input);
    if (fault?.error === 'MisreadsModifiedFilter') {
      return misreadModifiedFilter(HANDLERS[service][call.operation], {
        input,
        scope: {
          account,
          regionName: call.region,
          region,
          pageSize: this.pageSize,
        },
      });
    }
    if (fault && fault.error !== 'MalformedResponse') {
      throw this.faultError(fault, call);
    }
    const handler = HANDLERS[service][call.operation];
    if (!handler) throw notSimulated(action);
    const scope: SimScope = {
      account,
      regionName: call.region,
      region,
      pageSize: this.pageSize,
    };
    const output = handler(input, scope);
    if (fault) {
      // A policy document our parser cannot read, else a body the SDK cannot.
      const corrupted = corruptDocument(action, output);
      if (!corrupted) throw new MalformedAnswer(action);
      return corrupted;
    }
    return output;
  }

  private answerSts(call: SimCall): object {
    const caller: Principal = {
      accountId: call.accountId,
      arn: call.callerArn,
    };
    switch (call.operation) {
      case 'AssumeRole':
        return this.identities.assumeRole(caller, call.input, this.estate);
      case 'GetCallerIdentity':
        return callerIdentity(caller);
      default:
        throw notSimulated(call.action);
    }
  }

  private faultError(fault: EstateFault, call: SimCall): SimulatedAwsError {
    switch (fault.error) {
      case 'AccessDenied':
        return accessDenied(
          call.service,
          call.accountId,
          call.action,
          fault.target,
        );
      case 'Throttling':
        return throttled(call.service, call.action);
      case 'InternalError':
        return internalError(call.service);
      default:
        return notFound(call.service, fault.target ?? call.action);
    }
  }

  private enforceRateLimit(service: SimService, action: string) {
    const limit = this.options.rateLimits?.[action];
    if (!limit) return;
    const now = Date.now();
    const recent = (this.recent.get(action) ?? []).filter(t => now - t < 1000);
    if (recent.length >= limit) {
      this.recent.set(action, recent);
      throw throttled(service, action);
    }
    recent.push(now);
    this.recent.set(action, recent);
  }
}
