import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as cloudwatch from '@aws-sdk/client-cloudwatch';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as ec2 from '@aws-sdk/client-ec2';
import * as guardduty from '@aws-sdk/client-guardduty';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as tagging from '@aws-sdk/client-resource-groups-tagging-api';
import * as s3 from '@aws-sdk/client-s3';
import * as sagemaker from '@aws-sdk/client-sagemaker';
import * as securityhub from '@aws-sdk/client-securityhub';
import * as sts from '@aws-sdk/client-sts';
import type { StaticOperationSchema } from '@smithy/types';
import type { AwsService } from '../../aws/actions';

/** Services the simulator answers: the collector's, and STS for credentials. */
export type SimService = AwsService | 'sts';

/** Protocols of the installed SDK versions (Smithy protocol shape IDs). */
export type WireProtocol =
  | 'aws.protocols#awsJson1_0'
  | 'aws.protocols#awsJson1_1'
  | 'aws.protocols#awsQuery'
  | 'aws.protocols#ec2Query'
  | 'aws.protocols#restJson1'
  | 'aws.protocols#restXml';

/** The settings each SDK client's protocol is built with. */
export interface ProtocolSettings {
  defaultNamespace: string;
  xmlNamespace?: string;
  version?: string;
  serviceTarget?: string;
  awsQueryCompatible?: boolean;
  errorTypeRegistries?: Array<{
    find(predicate: (schema: unknown) => boolean): unknown;
  }>;
}

/** What the simulator needs to know of a service to speak its protocol. */
export interface WireService {
  service: SimService;
  /** SigV4 signing name (the service in the credential scope). */
  signingName: string;
  protocol: WireProtocol;
  settings: ProtocolSettings;
  /** The operation schema the SDK exports as `<Operation>$`. */
  operation(name: string): StaticOperationSchema | undefined;
  /** Every operation schema of the service. */
  operations(): StaticOperationSchema[];
}

type ClientModule = Record<string, unknown>;

const MODULES: Record<
  SimService,
  { module: ClientModule; client: string; signingName: string }
> = {
  sagemaker: {
    module: sagemaker,
    client: 'SageMakerClient',
    signingName: 'sagemaker',
  },
  iam: { module: iam, client: 'IAMClient', signingName: 'iam' },
  kms: { module: kms, client: 'KMSClient', signingName: 'kms' },
  s3: { module: s3, client: 'S3Client', signingName: 's3' },
  ec2: { module: ec2, client: 'EC2Client', signingName: 'ec2' },
  cloudtrail: {
    module: cloudtrail,
    client: 'CloudTrailClient',
    signingName: 'cloudtrail',
  },
  cloudwatch: {
    module: cloudwatch,
    client: 'CloudWatchClient',
    signingName: 'monitoring',
  },
  logs: { module: logs, client: 'CloudWatchLogsClient', signingName: 'logs' },
  guardduty: {
    module: guardduty,
    client: 'GuardDutyClient',
    signingName: 'guardduty',
  },
  sts: { module: sts, client: 'STSClient', signingName: 'sts' },
  securityhub: {
    module: securityhub,
    client: 'SecurityHubClient',
    signingName: 'securityhub',
  },
  tag: {
    module: tagging,
    client: 'ResourceGroupsTaggingAPIClient',
    signingName: 'tagging',
  },
};

const isOperation = (value: unknown): value is StaticOperationSchema =>
  Array.isArray(value) && value[0] === 9;

/**
 * Reads the protocol a service's SDK client speaks from the client itself
 * (its resolved `protocol` and `protocolSettings`), so the simulator
 * answers in whatever protocol the installed SDK version uses.
 */
function load(service: SimService): WireService {
  const { module, client, signingName } = MODULES[service];
  const Client = module[client] as new (config: object) => {
    config: { protocol: { getShapeId(): string }; protocolSettings: object };
    destroy(): void;
  };
  const instance = new Client({ region: 'us-east-1' });
  const protocol = instance.config.protocol.getShapeId() as WireProtocol;
  const settings = instance.config.protocolSettings as ProtocolSettings;
  instance.destroy();
  let all: StaticOperationSchema[] | undefined;
  return {
    service,
    signingName,
    protocol,
    settings,
    operation: name => {
      const schema = module[`${name}$`];
      return isOperation(schema) ? schema : undefined;
    },
    operations: () =>
      (all ??= Object.entries(module)
        .filter(([key, value]) => key.endsWith('$') && isOperation(value))
        .map(([, value]) => value as StaticOperationSchema)),
  };
}

const loaded = new Map<SimService, WireService>();

export function wireService(service: SimService): WireService {
  let found = loaded.get(service);
  if (!found) {
    found = load(service);
    loaded.set(service, found);
  }
  return found;
}

/** The SDK client class of a service (tests build real clients with it). */
export function sdkClientOf(service: SimService): {
  Client: new (config: object) => {
    send(command: unknown): Promise<any>;
    destroy(): void;
  };
  /** The Command class of an operation, e.g. `GetRole` → GetRoleCommand. */
  command(operation: string): new (input: object) => unknown;
} {
  const { module, client } = MODULES[service];
  return {
    Client: module[client] as any,
    command: operation => module[`${operation}Command`] as any,
  };
}

/** The service of a SigV4 signing name, e.g. `monitoring` → `cloudwatch`. */
export function serviceOfSigningName(name: string): SimService | undefined {
  return (Object.keys(MODULES) as SimService[]).find(
    s => MODULES[s].signingName === name,
  );
}
