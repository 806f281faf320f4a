/** Builders of related facts, lookups and check contexts for check tests. */
import {
  CollectionError,
  FactDataByKind,
  FactKind,
  FactLookup,
  GLOBAL_REGION,
  RelatedFact,
  ResourceType,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext, ResourceLookup } from '../types';
import { ACCOUNT, KEY_ARN, REGION, ROLE_ARN } from './resources';

/**
 * A related fact; region defaults to the resource region (global for roles and buckets).
 *
 * @public
 */
export function fact<K extends FactKind>(
  kind: K,
  key: string,
  data: FactDataByKind[K] | undefined,
  options: {
    errors?: CollectionError[];
    accountId?: string;
    region?: string;
  } = {},
): RelatedFact<K> {
  return {
    kind,
    key,
    accountId: options.accountId ?? ACCOUNT,
    region:
      options.region ??
      (kind === 'iam-role' || kind === 's3-bucket' ? GLOBAL_REGION : REGION),
    data,
    errors: options.errors ?? [],
  };
}

/** @public */
export function factLookup(facts: RelatedFact[] = []): FactLookup {
  const index = new Map<string, RelatedFact>();
  for (const item of facts) {
    index.set(
      `${item.kind}|${item.accountId}|${item.region}|${item.key}`,
      item,
    );
  }
  return {
    get: (kind, accountId, region, key) =>
      index.get(`${kind}|${accountId}|${region}|${key}`) as never,
  };
}

/** @public */
export function resourceLookup(
  resources: SageMakerResource[] = [],
  listingErrors: Partial<Record<ResourceType, CollectionError[]>> = {},
): ResourceLookup {
  return {
    listingErrors: type => listingErrors[type] ?? [],
    accountIds: () => [...new Set(resources.map(item => item.accountId))],
    get: (type, accountId, region, name) =>
      resources.find(
        item =>
          item.type === type &&
          item.accountId === accountId &&
          item.region === region &&
          item.name === name,
      ),
    list: (type, accountId, region) =>
      resources.filter(
        item =>
          item.type === type &&
          item.accountId === accountId &&
          item.region === region,
      ),
  };
}

/** @public */
export interface ContextOptions {
  facts?: RelatedFact[];
  resources?: SageMakerResource[];
  listingErrors?: Partial<Record<ResourceType, CollectionError[]>>;
  mode?: 'live' | 'iac';
}

/** @public */
export function contextFor(
  target: SageMakerResource,
  options: ContextOptions = {},
): CheckContext {
  return {
    resource: target,
    facts: factLookup(options.facts),
    resources: resourceLookup(options.resources, options.listingErrors),
    mode: options.mode ?? 'live',
  };
}

// Common facts.

/** @public */
export const statement = (
  partial: Record<string, unknown>,
): Record<string, unknown> => ({ Effect: 'Allow', ...partial });

/** @public */
export function role(
  data: Partial<FactDataByKind['iam-role']> = {},
  options: { arn?: string; errors?: CollectionError[] } = {},
): RelatedFact<'iam-role'> {
  const arn = options.arn ?? ROLE_ARN;
  return fact(
    'iam-role',
    arn,
    {
      arn,
      roleName: arn.split('/').pop()!,
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'sagemaker.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
          },
        ],
      },
      permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/ml-boundary`,
      attachedPolicies: [],
      inlinePolicies: [],
      ...data,
    },
    { errors: options.errors },
  );
}

/**
 * A role whose only permissions are the given inline statements.
 *
 * @public
 */
export function roleWithStatements(
  statements: Array<Record<string, unknown>>,
): RelatedFact<'iam-role'> {
  return role({
    inlinePolicies: [
      {
        policyName: 'inline',
        document: { Version: '2012-10-17', Statement: statements as never },
      },
    ],
  });
}

/** @public */
export function kmsKey(
  data: Partial<FactDataByKind['kms-key']> = {},
  options: { arn?: string; errors?: CollectionError[] } = {},
): RelatedFact<'kms-key'> {
  const arn = options.arn ?? KEY_ARN;
  return fact(
    'kms-key',
    arn,
    {
      keyId: arn.split('/').pop()!,
      arn,
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      enabled: true,
      origin: 'AWS_KMS',
      keySpec: 'SYMMETRIC_DEFAULT',
      rotationEnabled: true,
      keyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      },
      ...data,
    },
    { errors: options.errors },
  );
}

/** @public */
export function kmsAliases(
  aliases: Record<string, string>,
): RelatedFact<'kms-aliases'> {
  return fact('kms-aliases', '-', { aliases });
}

/** @public */
export const SECURE_TRANSPORT_DENY = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::ml-data', 'arn:aws:s3:::ml-data/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

/** @public */
export function bucket(
  name: string,
  data: Partial<FactDataByKind['s3-bucket']> = {},
  errors: CollectionError[] = [],
): RelatedFact<'s3-bucket'> {
  return fact(
    's3-bucket',
    name,
    {
      bucket: name,
      encryption: {
        sseAlgorithm: 'aws:kms',
        kmsMasterKeyId: KEY_ARN,
        bucketKeyEnabled: true,
      },
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            ...SECURE_TRANSPORT_DENY,
            Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
          } as never,
        ],
      },
      publicAccessBlock: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
      ...data,
    },
    { errors },
  );
}

/** @public */
export function securityGroup(
  groupId: string,
  data: Partial<FactDataByKind['security-group']> = {},
): RelatedFact<'security-group'> {
  return fact('security-group', groupId, {
    groupId,
    vpcId: 'vpc-1',
    ingress: [
      {
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        ipv4Ranges: ['10.0.0.0/16'],
        ipv6Ranges: [],
        prefixListIds: [],
        referencedGroupIds: [],
      },
    ],
    egress: [
      {
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        ipv4Ranges: ['10.0.0.0/16'],
        ipv6Ranges: [],
        prefixListIds: [],
        referencedGroupIds: [],
      },
    ],
    ...data,
  });
}

/** @public */
export function subnet(
  subnetId: string,
  data: Partial<FactDataByKind['subnet']> = {},
): RelatedFact<'subnet'> {
  return fact('subnet', subnetId, {
    subnetId,
    vpcId: 'vpc-1',
    mapPublicIpOnLaunch: false,
    routesToInternetGateway: false,
    ...data,
  });
}

/** @public */
export const ALL_ENDPOINT_SERVICES = [
  'sagemaker.api',
  'sagemaker.runtime',
  's3',
  'kms',
  'ecr.api',
  'ecr.dkr',
  'sts',
  'logs',
];

/** @public */
export function vpcEndpoints(
  vpcId: string,
  services: string[] = ALL_ENDPOINT_SERVICES,
  overrides: Partial<FactDataByKind['vpc-endpoints']['endpoints'][number]> = {},
): RelatedFact<'vpc-endpoints'> {
  return fact('vpc-endpoints', vpcId, {
    vpcId,
    endpoints: services.map((service, index) => ({
      vpcEndpointId: `vpce-${index}`,
      serviceName: `com.amazonaws.${REGION}.${service}`,
      vpcEndpointType: service === 's3' ? 'Gateway' : 'Interface',
      state: 'available',
      privateDnsEnabled: service === 's3' ? undefined : true,
      ...overrides,
    })),
  });
}

/** @public */
export function trails(
  list: Array<Partial<FactDataByKind['cloudtrail']['trails'][number]>>,
  errors: CollectionError[] = [],
): RelatedFact<'cloudtrail'> {
  return fact(
    'cloudtrail',
    '-',
    {
      trails: list.map((item, index) => ({
        name: `trail-${index}`,
        arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/trail-${index}`,
        homeRegion: REGION,
        isMultiRegionTrail: true,
        isLogging: true,
        logFileValidationEnabled: true,
        kmsKeyId: KEY_ARN,
        includeManagementEvents: true,
        s3DataEventArns: ['arn:aws:s3'],
        ...item,
      })),
    },
    { errors },
  );
}

/** @public */
export function alarms(
  list: Array<Partial<FactDataByKind['cloudwatch-alarms']['alarms'][number]>>,
): RelatedFact<'cloudwatch-alarms'> {
  return fact('cloudwatch-alarms', '-', {
    alarms: list.map((item, index) => ({
      alarmName: `alarm-${index}`,
      namespace: 'AWS/SageMaker',
      dimensions: {},
      actionsEnabled: true,
      alarmActions: [`arn:aws:sns:${REGION}:${ACCOUNT}:ml-oncall`],
      ...item,
    })),
  });
}

/** @public */
export function logGroups(
  list: Array<
    Partial<FactDataByKind['log-groups']['logGroups'][number]> & {
      logGroupName: string;
    }
  >,
): RelatedFact<'log-groups'> {
  return fact('log-groups', '-', { logGroups: list });
}
