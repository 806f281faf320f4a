import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import type { HttpHandler } from '@smithy/protocol-http';
import type {
  AwsCredentialIdentityProvider,
  MiddlewareStack,
} from '@smithy/types';
import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/util-retry';
import pLimit from 'p-limit';
import type { EndpointService } from '../../config/inventoryConfig';
import { AwsService, iamActionOf } from './actions';
import type { CredentialRoutes } from './credentialRoutes';
import { CredentialResolver } from './credentials';
import { SecretValues, tagWithSecrets } from './safeText';
import { RateLimits, UNPACED } from '../../config/rateLimits';
import { Clock, Pacer, rateFamilyOf } from './pacing';

/** The part of an SDK v3 client the factory and the simulator touch. */
export interface SdkClient {
  middlewareStack: MiddlewareStack<any, any>;
  destroy(): void;
}

export interface ClientInfo {
  accountId: string;
  region: string;
  service: AwsService;
}

/** Adds middleware to each client built (e.g. a test's recorder). */
export type ClientCustomizer = (client: SdkClient, info: ClientInfo) => void;

export interface AwsClientFactoryOptions {
  credentialsManager: AwsCredentialsManager;
  /**
   * How the `aws` section serves each account (when the manager was built
   * from it): what a credentials error says was tried, and whether the main
   * account's ID must be resolved (through the `sts` endpoint override).
   */
  credentialRoutes?: CredentialRoutes;
  /** Attempts of the SDK's adaptive retry strategy. */
  maxAttempts: number;
  endpoints?: Partial<Record<EndpointService, string>>;
  /** Concurrent calls per service, account, region and API family (see pacing.ts). */
  concurrencyPerServiceRegion: number;
  /**
   * Requests per second of each API of a family, per account and region
   * (IAM: per account, shared by its APIs); calls wait for their API's
   * token. Absent: not paced.
   */
  rateLimits?: RateLimits;
  /** The pacing clock; tests use a fake one. */
  clock?: Clock;
  customizeClient?: ClientCustomizer;
  /**
   * The HTTP transport of every client (e.g. the AWS simulator); absent:
   * the SDK's own (HTTPS to AWS or the endpoint overrides).
   */
  requestHandler?: HttpHandler<any>;
  /**
   * Faster backoff and a more permissive adaptive rate limiter; only tests
   * use it (the strategy stays the SDK's adaptive one).
   */
  retryTuning?: { baseDelayMs: number; minFillRate: number };
}

/** Time to establish a connection (DNS, TCP, TLS) before the attempt fails. */
const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * What every SDK client of the plugin is built with: the SDK's adaptive
 * retry strategy (tuned faster in tests) and a connection timeout.
 */
export function sdkClientConfig(
  maxAttempts: number,
  retryTuning?: AwsClientFactoryOptions['retryTuning'],
) {
  return {
    maxAttempts,
    retryMode: 'adaptive' as const,
    // An endpoint that drops packets is endpoint_unreachable, not a hang.
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS },
    ...(retryTuning
      ? {
          retryStrategy: new AdaptiveRetryStrategy(maxAttempts, {
            baseDelay: retryTuning.baseDelayMs,
            backoff: {
              computeNextBackoffDelay: () => retryTuning.baseDelayMs,
              setDelayBase: () => undefined,
            },
            rateLimiter: new DefaultRateLimiter({
              minFillRate: retryTuning.minFillRate,
              minCapacity: retryTuning.minFillRate,
            }),
          }),
        }
      : {}),
  };
}

/** Counts calls by IAM action (one per command sent, retries not included). */
export class CallCounter {
  readonly counts: Record<string, number> = {};
  add(action: string) {
    this.counts[action] = (this.counts[action] ?? 0) + 1;
  }
}

/** IAM is global; its endpoint lives in the partition's main region. */
export function iamRegionFor(region: string): string {
  if (region.startsWith('cn-')) return 'cn-north-1';
  if (region.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

const CONSTRUCTORS = {
  sagemaker: SageMakerClient,
  iam: IAMClient,
  kms: KMSClient,
  s3: S3Client,
  ec2: EC2Client,
  cloudtrail: CloudTrailClient,
  cloudwatch: CloudWatchClient,
  logs: CloudWatchLogsClient,
  guardduty: GuardDutyClient,
  securityhub: SecurityHubClient,
  tag: ResourceGroupsTaggingAPIClient,
};
type ClientOf<S extends AwsService> = InstanceType<(typeof CONSTRUCTORS)[S]>;

/** SDK clients of one account, built lazily per service and region. */
export class AccountClients {
  private readonly clients = new Map<string, SdkClient>();
  /** How the credentials were obtained, in words (no secret), for errors. */
  credentialsTried?: string;

  constructor(
    readonly accountId: string,
    private readonly credentials: AwsCredentialIdentityProvider,
    private readonly options: AwsClientFactoryOptions,
    readonly counter: CallCounter,
    private readonly secrets = new SecretValues(),
    private readonly pacer = new Pacer(
      options.rateLimits ?? UNPACED,
      options.clock,
    ),
  ) {}

  sagemaker = (region: string) => this.get('sagemaker', region);
  kms = (region: string) => this.get('kms', region);
  s3 = (region: string) => this.get('s3', region);
  ec2 = (region: string) => this.get('ec2', region);
  cloudtrail = (region: string) => this.get('cloudtrail', region);
  cloudwatch = (region: string) => this.get('cloudwatch', region);
  logs = (region: string) => this.get('logs', region);
  guardduty = (region: string) => this.get('guardduty', region);
  securityhub = (region: string) => this.get('securityhub', region);
  tagging = (region: string) => this.get('tag', region);
  iam = (anyRegion: string) => this.get('iam', iamRegionFor(anyRegion));

  get<S extends AwsService>(service: S, region: string): ClientOf<S> {
    const id = `${service}/${region}`;
    let client = this.clients.get(id);
    if (!client) {
      client = this.build(service, region);
      this.clients.set(id, client);
    }
    return client as unknown as ClientOf<S>;
  }

  destroy() {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private build(service: AwsService, region: string): SdkClient {
    const { maxAttempts, endpoints, retryTuning, requestHandler } =
      this.options;
    const endpoint = endpoints?.[service];
    const Client = CONSTRUCTORS[service] as new (config: object) => SdkClient;
    const client = new Client({
      region,
      credentials: this.credentials,
      ...sdkClientConfig(maxAttempts, retryTuning),
      ...(endpoint ? { endpoint } : {}),
      ...(endpoint && service === 's3' ? { forcePathStyle: true } : {}),
      ...(requestHandler ? { requestHandler } : {}),
    });
    this.addCountAndScrub(client, service);
    this.addPacing(client, service, region);
    this.options.customizeClient?.(client, {
      accountId: this.accountId,
      region,
      service,
    });
    return client;
  }

  /**
   * Counts the client's calls by IAM action (once per call, not per
   * attempt), and tells `classifyError` which credential values an error of
   * this account may echo. The SDK's error object is never changed.
   */
  private addCountAndScrub(client: SdkClient, service: AwsService) {
    client.middlewareStack.add(
      (next: any, context: any) => async (args: any) => {
        this.counter.add(iamActionOf(service, context.commandName ?? ''));
        try {
          return await next(args);
        } catch (error) {
          tagWithSecrets(error, this.secrets);
          throw error;
        }
      },
      { step: 'initialize', priority: 'high', name: 'mlsecCountAndScrub' },
    );
  }

  /**
   * Every attempt (inside the SDK's retry loop, before it is signed) waits
   * for its API's token, then takes one of the bounded slots of its API
   * family in this client: an API waiting for tokens never holds the slots
   * of another, and retried attempts are paced too.
   */
  private addPacing(client: SdkClient, service: AwsService, region: string) {
    const limits = new Map<string, ReturnType<typeof pLimit>>();
    const limitOf = (family: string) => {
      let limit = limits.get(family);
      if (!limit) {
        limit = pLimit(this.options.concurrencyPerServiceRegion);
        limits.set(family, limit);
      }
      return limit;
    };
    client.middlewareStack.addRelativeTo(
      (next: any, context: any) => async (args: any) => {
        const action = iamActionOf(service, context.commandName ?? '');
        const bucket = this.pacer.bucketFor(this.accountId, region, action);
        // The API's token first, then one of its family's slots: an API
        // waiting for its rate holds no slot, so it never delays another
        // API of the family (each is paced on its own, see pacing.ts).
        await bucket?.take();
        return limitOf(rateFamilyOf(action) ?? service)(() => next(args));
      },
      {
        name: 'mlsecPacing',
        relation: 'before',
        toMiddleware: 'httpSigningMiddleware',
      },
    );
  }
}

/** Builds SDK clients with credentials from `@backstage/integration-aws-node`. */
export class AwsClientFactory {
  /** Shared by every account's clients and kept across scans, as AWS keeps its buckets. */
  private readonly pacer: Pacer;
  private readonly credentials: CredentialResolver;

  constructor(private readonly options: AwsClientFactoryOptions) {
    this.pacer = new Pacer(options.rateLimits ?? UNPACED, options.clock);
    this.credentials = new CredentialResolver({
      manager: options.credentialsManager,
      routes: options.credentialRoutes,
      stsEndpoint: options.endpoints?.sts,
      maxAttempts: options.maxAttempts,
    });
  }

  /** Resolves the account's credentials once; throws CredentialsUnavailableError. */
  async forAccount(
    accountId: string,
    counter = new CallCounter(),
  ): Promise<AccountClients> {
    const secrets = new SecretValues();
    const { provider, tried } = await this.credentials.resolve(
      accountId,
      secrets,
    );
    const clients = new AccountClients(
      accountId,
      provider,
      this.options,
      counter,
      secrets,
      this.pacer,
    );
    clients.credentialsTried = tried;
    return clients;
  }
}
