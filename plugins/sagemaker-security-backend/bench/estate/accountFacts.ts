/**
 * The related resources of an account and its regions: IAM roles and
 * policies, S3 buckets, KMS keys, VPC networking, a CloudTrail trail.
 */
import type {
  EstateAccount,
  EstateBucket,
  EstateKmsKey,
  EstateManagedPolicy,
  EstateRegion,
  EstateRole,
} from '../../src/inventory/simulator/estate';
import { encode, hex, nextId } from './shared';

const FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';

export function buildNetwork(region: EstateRegion, t: number, sgCount: number) {
  const vpcs = [0, 1].map(v => `vpc-0${hex(t * 16 + v + 1, 16)}`);
  const subnets: string[] = [];
  region.subnets = [];
  region.routeTables = [];
  region.vpcEndpoints = [];
  vpcs.forEach((vpcId, v) => {
    for (let s = 0; s < 2; s++) {
      const subnetId = `subnet-0${hex(t * 16 + v * 2 + s + 1, 16)}`;
      subnets.push(subnetId);
      region.subnets!.push({
        SubnetId: subnetId,
        VpcId: vpcId,
        AvailabilityZone: `${region.region}${'ab'[s]}`,
        CidrBlock: `10.${v}.${s}.0/24`,
        MapPublicIpOnLaunch: false,
      });
    }
    region.routeTables!.push({
      RouteTableId: `rtb-0${hex(t * 16 + v + 1, 16)}`,
      VpcId: vpcId,
      Associations: [{ Main: true }],
      Routes: [
        { DestinationCidrBlock: '10.0.0.0/8', GatewayId: 'local' },
        { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0abc' },
      ],
    });
    for (const service of ['sagemaker.api', 's3']) {
      region.vpcEndpoints!.push({
        VpcEndpointId: `vpce-0${hex(nextId(), 16)}`,
        VpcId: vpcId,
        ServiceName: `com.amazonaws.${region.region}.${service}`,
        VpcEndpointType: service === 's3' ? 'Gateway' : 'Interface',
        State: 'available',
        PrivateDnsEnabled: service !== 's3',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          ],
        },
      });
    }
  });
  // The first subnet routes to an internet gateway (a finding to find).
  region.routeTables.push({
    RouteTableId: `rtb-0${hex(t * 16 + 9, 16)}`,
    VpcId: vpcs[0],
    Associations: [{ SubnetId: subnets[0], Main: false }],
    Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0abc' }],
  });
  const securityGroups: string[] = [];
  region.securityGroups = [];
  for (let g = 0; g < sgCount; g++) {
    const groupId = `sg-0${hex(t * 4096 + g + 1, 16)}`;
    securityGroups.push(groupId);
    region.securityGroups.push({
      GroupId: groupId,
      GroupName: `ml-${g}`,
      VpcId: vpcs[g % 2],
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: g % 10 === 9 ? '0.0.0.0/0' : '10.0.0.0/8' }],
        },
      ],
      IpPermissionsEgress: [
        { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    });
  }
  return { subnets, securityGroups };
}

export function buildKeys(
  region: EstateRegion,
  accountId: string,
  t: number,
  count: number,
  rnd: () => number,
): string[] {
  region.kmsKeys = [];
  const arns: string[] = [];
  for (let k = 0; k < count; k++) {
    const n = nextId();
    const keyId = `${hex(n, 8)}-0000-4000-8000-${hex(t, 12)}`;
    const arn = `arn:aws:kms:${region.region}:${accountId}:key/${keyId}`;
    arns.push(arn);
    const key: EstateKmsKey = {
      metadata: {
        KeyId: keyId,
        Arn: arn,
        KeyManager: 'CUSTOMER',
        KeyState: 'Enabled',
        Enabled: true,
        Origin: 'AWS_KMS',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        CreationDate: '2025-01-01T00:00:00.000Z',
      },
      rotationEnabled: rnd() < 0.8,
      aliases: [`alias/ml-${t}-${k}`],
    };
    region.kmsKeys.push(key);
  }
  return arns;
}

export function buildIam(
  account: EstateAccount,
  roleCount: number,
  rnd: () => number,
): string[] {
  const { accountId } = account;
  const policies: EstateManagedPolicy[] = [
    {
      arn: FULL_ACCESS,
      name: 'AmazonSageMakerFullAccess',
      defaultVersionId: 'v7',
      document: encode({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sagemaker:*', Resource: '*' }],
      }),
    },
  ];
  const customer = Math.min(10, roleCount);
  for (let p = 0; p < customer; p++) {
    policies.push({
      arn: `arn:aws:iam::${accountId}:policy/ml-data-${p}`,
      name: `ml-data-${p}`,
      defaultVersionId: 'v1',
      document: encode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: `arn:aws:s3:::ml-${accountId}-*/*`,
          },
        ],
      }),
    });
  }
  account.managedPolicies = policies;
  account.roles = [];
  const arns: string[] = [];
  for (let r = 0; r < roleCount; r++) {
    const roleName = `ml-exec-${r}`;
    const arn = `arn:aws:iam::${accountId}:role/service-role/${roleName}`;
    arns.push(arn);
    const role: EstateRole = {
      role: {
        RoleName: roleName,
        RoleId: `AROA${hex(nextId(), 16).toUpperCase()}`,
        Arn: arn,
        Path: '/service-role/',
        CreateDate: '2025-01-01T00:00:00.000Z',
        AssumeRolePolicyDocument: encode({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'sagemaker.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
        RoleLastUsed: {
          LastUsedDate: '2026-11-01T00:00:00.000Z',
          Region: 'us-east-1',
        },
      },
      attachedPolicyArns: [
        ...(rnd() < 0.3 ? [FULL_ACCESS] : []),
        policies[1 + (r % customer)].arn,
      ],
      ...(r % 2 === 0
        ? {
            inlinePolicies: {
              'kms-use': encode({
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
                    Resource: '*',
                  },
                ],
              }),
            },
          }
        : {}),
    };
    account.roles.push(role);
  }
  return arns;
}

export function buildBuckets(
  account: EstateAccount,
  count: number,
  keyOfRegion: (region: string, i: number) => string,
  rnd: () => number,
): string[] {
  const regions = account.regions.map(r => r.region);
  account.buckets = [];
  const names: string[] = [];
  for (let b = 0; b < count; b++) {
    const name = `ml-${account.accountId}-data-${b}`;
    const region = regions[b % regions.length];
    names.push(name);
    const encryption =
      rnd() < 0.8
        ? {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: {
                  SSEAlgorithm: 'aws:kms',
                  KMSMasterKeyID: keyOfRegion(region, b),
                },
                BucketKeyEnabled: true,
              },
            ],
          }
        : null;
    const bucket: EstateBucket = {
      name,
      region,
      encryption,
      policy:
        rnd() < 0.6
          ? JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 's3:*',
                  Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                },
              ],
            })
          : null,
      publicAccessBlock:
        rnd() < 0.9
          ? {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true,
            }
          : null,
    };
    account.buckets.push(bucket);
  }
  return names;
}

/** One multi-region trail per account, in its first region. */
export function buildTrail(account: EstateAccount, bucket: string) {
  const home = account.regions[0].region;
  account.regions[0].trails = [
    {
      trail: {
        Name: 'org-trail',
        TrailARN: `arn:aws:cloudtrail:${home}:${account.accountId}:trail/org-trail`,
        HomeRegion: home,
        IsMultiRegionTrail: true,
        IsOrganizationTrail: false,
        LogFileValidationEnabled: true,
        S3BucketName: bucket,
      },
      status: { IsLogging: true },
    },
  ];
}
