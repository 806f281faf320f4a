import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as cloudwatch from '@aws-sdk/client-cloudwatch';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as ec2 from '@aws-sdk/client-ec2';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as s3 from '@aws-sdk/client-s3';
import * as sagemaker from '@aws-sdk/client-sagemaker';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import type { AwsService } from '../aws/actions';
import type { Estate } from '../simulator/estate';
import { cloudtrailHandlers } from '../simulator/handlers/cloudtrail';
import { ec2Handlers } from '../simulator/handlers/ec2';
import { iamHandlers } from '../simulator/handlers/iam';
import { kmsHandlers } from '../simulator/handlers/kms';
import {
  cloudwatchHandlers,
  logsHandlers,
} from '../simulator/handlers/monitoring';
import { s3Handlers } from '../simulator/handlers/s3';
import { sagemakerHandlers } from '../simulator/handlers/sagemaker';
import type { Handler } from '../simulator/handlers/types';

type AnyStub = AwsStub<any, any, any>;
type MockableClient = Parameters<typeof mockClient>[0];

/** Per service: the SDK module (its Command classes), client and estate handlers. */
const SERVICES: Record<
  AwsService,
  {
    module: object;
    client: MockableClient;
    handlers: Record<string, Handler>;
  }
> = {
  sagemaker: {
    module: sagemaker,
    client: sagemaker.SageMakerClient,
    handlers: sagemakerHandlers,
  },
  iam: { module: iam, client: iam.IAMClient, handlers: iamHandlers },
  kms: { module: kms, client: kms.KMSClient, handlers: kmsHandlers },
  s3: { module: s3, client: s3.S3Client, handlers: s3Handlers },
  ec2: { module: ec2, client: ec2.EC2Client, handlers: ec2Handlers },
  cloudtrail: {
    module: cloudtrail,
    client: cloudtrail.CloudTrailClient,
    handlers: cloudtrailHandlers,
  },
  cloudwatch: {
    module: cloudwatch,
    client: cloudwatch.CloudWatchClient,
    handlers: cloudwatchHandlers,
  },
  logs: {
    module: logs,
    client: logs.CloudWatchLogsClient,
    handlers: logsHandlers,
  },
};

export type SdkMocks = Record<AwsService, AnyStub>;

/** `mockClient` of every SDK client the collector builds (stubs `send` on all instances). */
export function mockAllClients(): SdkMocks {
  const mocks = {} as SdkMocks;
  for (const [service, { client }] of Object.entries(SERVICES)) {
    mocks[service as AwsService] = mockClient(client) as AnyStub;
  }
  return mocks;
}

/** The region of the client that sent a mocked command. */
export async function regionOf(getClient: () => unknown): Promise<string> {
  const region = (getClient() as { config: { region: unknown } }).config.region;
  return typeof region === 'function' ? region() : String(region);
}

/**
 * Answers every command the collector sends from an estate, through the
 * simulator's handler functions (plain input → output), so a test states
 * AWS's content once instead of hundreds of stubs. Handlers throw AWS-shaped
 * errors (e.g. NoSuchBucket) as the real services do.
 */
export function answerFromEstate(
  mocks: SdkMocks,
  estate: Estate,
  options: {
    pageSize?: number;
    /** An error to answer with instead, e.g. for every call of one region. */
    fault?: (service: AwsService, region: string) => Error | undefined;
  } = {},
) {
  const [account] = estate.accounts;
  for (const [service, { module, handlers }] of Object.entries(SERVICES)) {
    for (const [operation, handler] of Object.entries(handlers)) {
      const command = (module as Record<string, any>)[`${operation}Command`];
      if (!command) throw new Error(`No ${service} ${operation}Command`);
      mocks[service as AwsService]
        .on(command)
        .callsFake(async (input, getClient) => {
          const regionName = await regionOf(getClient);
          const fault = options.fault?.(service as AwsService, regionName);
          if (fault) throw fault;
          const scope = {
            account,
            regionName,
            region: account.regions.find(r => r.region === regionName),
            pageSize: options.pageSize ?? 50,
          };
          return structuredClone(handler(input ?? {}, scope));
        });
    }
  }
}

export function resetAllClients(mocks: SdkMocks) {
  for (const mock of Object.values(mocks)) mock.reset();
}

/** Static credentials for any account (no STS call). */
export const staticCredentials: AwsCredentialsManager = {
  getCredentialProvider: async opts => ({
    accountId: opts?.accountId,
    sdkCredentialProvider: async () => ({
      accessKeyId: 'test-access-key',
      secretAccessKey: 'test-secret-key',
    }),
  }),
};
