/**
 * A synthetic SageMaker estate in the simulator's format: the counts,
 * spread round-robin over every account and region, with the references a
 * real estate has (execution roles, KMS keys, buckets, security groups,
 * subnets) so the collector reads every kind of related fact. Deterministic.
 */
import type {
  Estate,
  EstateAccount,
  EstateBucket,
  EstateKmsKey,
  EstateManagedPolicy,
  EstateRegion,
  EstateRole,
  EstateSageMakerResource,
} from '../../src/inventory/simulator/estate';
import type { EstateSize } from '../options';

const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1'];
const DAY_MS = 86_400_000;
export const SERVICE_TAG = 'ml-service';
const FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess';

export function accountIdOf(index: number): string {
  return index < 9
    ? String(index + 1).repeat(12)
    : `9${String(index).padStart(11, '0')}`;
}

export function serviceName(index: number): string {
  return `svc-${String(index).padStart(5, '0')}`;
}

/** `count` items shared out over `parts`: how many part `i` gets (at least `min`). */
function share(count: number, parts: number, i: number, min = 0): number {
  return Math.max(min, Math.floor(count / parts) + (i < count % parts ? 1 : 0));
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const encode = (doc: object) => encodeURIComponent(JSON.stringify(doc));

/** Small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Target {
  accountId: string;
  region: string;
  account: EstateAccount;
  regionData: EstateRegion;
  roles: string[];
  buckets: string[];
  keys: string[];
  securityGroups: string[];
  subnets: string[];
  /** Running counts of each SageMaker type in this target. */
  seen: Record<string, number>;
}

let idCounter = 0;
const nextId = () => ++idCounter;

function buildNetwork(region: EstateRegion, t: number, sgCount: number) {
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

function buildKeys(
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

function buildIam(
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

function buildBuckets(
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

const iso = (ms: number) => new Date(ms).toISOString();

/** Generates the estate; `now` anchors creation times (jobs within 25 days). */
export function generateEstate(size: EstateSize, now = Date.now()): Estate {
  idCounter = 0;
  const rnd = random(20261126);
  const accounts: EstateAccount[] = [];
  const targets: Target[] = [];
  const targetCount = size.accounts * size.regionsPerAccount;

  for (let a = 0; a < size.accounts; a++) {
    const accountId = accountIdOf(a);
    const account: EstateAccount = { accountId, regions: [] };
    accounts.push(account);
    for (let r = 0; r < size.regionsPerAccount; r++) {
      account.regions.push({ region: REGIONS[r], sagemaker: {} });
    }
    const roles = buildIam(
      account,
      share(size.roles, size.accounts, a, 1),
      rnd,
    );
    const regional = account.regions.map((region, r) => {
      const t = a * size.regionsPerAccount + r;
      const network = buildNetwork(
        region,
        t,
        share(size.securityGroups, targetCount, t, 1),
      );
      const keys = buildKeys(
        region,
        accountId,
        t,
        share(size.keys, targetCount, t, 1),
        rnd,
      );
      return { region, network, keys };
    });
    const keysOf = (region: string) =>
      regional.find(x => x.region.region === region)!.keys;
    const buckets = buildBuckets(
      account,
      share(size.buckets, size.accounts, a, 1),
      (region, i) => keysOf(region)[i % keysOf(region).length],
      rnd,
    );
    // One multi-region trail per account, in its first region.
    account.regions[0].trails = [
      {
        trail: {
          Name: 'org-trail',
          TrailARN: `arn:aws:cloudtrail:${account.regions[0].region}:${accountId}:trail/org-trail`,
          HomeRegion: account.regions[0].region,
          IsMultiRegionTrail: true,
          IsOrganizationTrail: false,
          LogFileValidationEnabled: true,
          S3BucketName: buckets[0],
        },
        status: { IsLogging: true },
      },
    ];
    for (const { region, network, keys } of regional) {
      targets.push({
        accountId,
        region: region.region,
        account,
        regionData: region,
        roles,
        buckets,
        keys,
        securityGroups: network.securityGroups,
        subnets: network.subnets,
        seen: {},
      });
    }
  }

  // Each resource goes to the next target in turn; within a target it picks
  // the next role, key, bucket, group and subnet in turn, so each is used.
  const services = Math.max(1, size.services);
  let serviceCursor = 0;
  const add = (
    type: string,
    count: number,
    build: (t: Target, n: number, i: number) => Record<string, unknown>,
  ) => {
    for (let i = 0; i < count; i++) {
      const t = targets[i % targets.length];
      const n = t.seen[type] ?? 0;
      t.seen[type] = n + 1;
      const resource: EstateSageMakerResource = {
        description: build(t, n, i),
        tags: {
          [SERVICE_TAG]: serviceName(serviceCursor++ % services),
          'cost-center': `cc-${i % 20}`,
        },
      };
      const list = ((t.regionData.sagemaker as Record<string, unknown[]>)[
        type
      ] ??= []);
      list.push(resource);
    }
  };
  const arn = (t: Target, resource: string) =>
    `arn:aws:sagemaker:${t.region}:${t.accountId}:${resource}`;
  const pick = <T>(list: T[], n: number) => list[n % list.length];
  const vpcConfig = (t: Target, n: number) => ({
    SecurityGroupIds: [pick(t.securityGroups, n)],
    Subnets: [pick(t.subnets, n)],
  });
  const created = (i: number, days: number) =>
    iso(now - (DAY_MS * days * ((i * 7919) % 1000)) / 1000 - 60_000);

  add('notebook-instance', size.notebooks, (t, n, i) => ({
    NotebookInstanceName: `nb-${i}`,
    NotebookInstanceArn: arn(t, `notebook-instance/nb-${i}`),
    NotebookInstanceStatus: 'InService',
    InstanceType: 'ml.t3.medium',
    CreationTime: created(i, 300),
    LastModifiedTime: created(i, 30),
    RoleArn: pick(t.roles, n),
    ...(n % 10 !== 0 ? { KmsKeyId: pick(t.keys, n) } : {}),
    SubnetId: pick(t.subnets, n),
    SecurityGroups: [pick(t.securityGroups, n)],
    DirectInternetAccess: n % 5 === 0 ? 'Enabled' : 'Disabled',
    RootAccess: n % 3 === 0 ? 'Enabled' : 'Disabled',
    VolumeSizeInGB: 20,
    PlatformIdentifier: 'notebook-al2-v2',
    InstanceMetadataServiceConfiguration: {
      MinimumInstanceMetadataServiceVersion: n % 4 === 0 ? '1' : '2',
    },
  }));
  add('model', size.models, (t, n, i) => ({
    ModelName: `model-${i}`,
    ModelArn: arn(t, `model/model-${i}`),
    CreationTime: created(i, 200),
    ExecutionRoleArn: pick(t.roles, n),
    EnableNetworkIsolation: n % 4 !== 0,
    PrimaryContainer: {
      Image: `${t.accountId}.dkr.ecr.${t.region}.amazonaws.com/model:${n % 50}`,
      ModelDataUrl: `s3://${pick(t.buckets, n)}/models/model-${i}/model.tar.gz`,
      Environment: { LOG_LEVEL: 'info' },
    },
    ...(n % 10 < 7 ? { VpcConfig: vpcConfig(t, n) } : {}),
  }));
  add('endpoint-config', size.endpoints, (t, n, i) => ({
    EndpointConfigName: `epc-${i}`,
    EndpointConfigArn: arn(t, `endpoint-config/epc-${i}`),
    CreationTime: created(i, 100),
    ...(n % 5 !== 0 ? { KmsKeyId: pick(t.keys, n) } : {}),
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        ModelName: `model-${(i * 2) % Math.max(1, size.models)}`,
        InitialInstanceCount: n % 3 === 0 ? 1 : 2,
        InstanceType: 'ml.m5.large',
      },
    ],
    ...(n % 2 === 0
      ? {
          DataCaptureConfig: {
            EnableCapture: true,
            InitialSamplingPercentage: 20,
            DestinationS3Uri: `s3://${pick(t.buckets, n + 1)}/capture/epc-${i}`,
            KmsKeyId: pick(t.keys, n + 1),
          },
        }
      : {}),
  }));
  add('endpoint', size.endpoints, (t, _n, i) => ({
    EndpointName: `ep-${i}`,
    EndpointArn: arn(t, `endpoint/ep-${i}`),
    EndpointConfigName: `epc-${i}`,
    EndpointStatus: 'InService',
    CreationTime: created(i, 100),
    LastModifiedTime: created(i, 10),
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        CurrentInstanceCount: 2,
        DesiredInstanceCount: 2,
      },
    ],
  }));
  const algorithm = {
    TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/xgboost:1.7-1',
    TrainingInputMode: 'File',
  };
  const stopping = { MaxRuntimeInSeconds: 86_400 };
  add('training-job', size.trainingJobs, (t, n, i) => {
    // 1% still running (described again by every scan), 1% failed.
    const status = { 7: 'InProgress', 13: 'Failed' }[i % 100] ?? 'Completed';
    const start = Date.parse(created(i, 25));
    return {
      TrainingJobName: `train-${i}`,
      TrainingJobArn: arn(t, `training-job/train-${i}`),
      TrainingJobStatus: status,
      SecondaryStatus: status === 'InProgress' ? 'Training' : status,
      CreationTime: iso(start),
      TrainingStartTime: iso(start + 60_000),
      ...(status !== 'InProgress'
        ? { TrainingEndTime: iso(start + 3_600_000) }
        : {}),
      LastModifiedTime: iso(start + 3_600_000),
      RoleArn: pick(t.roles, n),
      AlgorithmSpecification: algorithm,
      HyperParameters: { max_depth: String(3 + (n % 5)), eta: '0.2' },
      InputDataConfig: [
        {
          ChannelName: 'train',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: `s3://${pick(t.buckets, n)}/datasets/d-${n % 97}/`,
            },
          },
        },
      ],
      OutputDataConfig: {
        S3OutputPath: `s3://${pick(t.buckets, n + 1)}/output/`,
        ...(n % 7 !== 0 ? { KmsKeyId: pick(t.keys, n) } : {}),
      },
      ResourceConfig: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 1 + (n % 2),
        VolumeSizeInGB: 30,
        ...(n % 5 !== 0 ? { VolumeKmsKeyId: pick(t.keys, n + 1) } : {}),
      },
      ...(n % 10 < 7 ? { VpcConfig: vpcConfig(t, n) } : {}),
      StoppingCondition: stopping,
      EnableNetworkIsolation: n % 3 !== 0,
      EnableInterContainerTrafficEncryption: n % 4 !== 0,
      EnableManagedSpotTraining: false,
    };
  });

  // Monitoring: an alarm for every tenth endpoint, and SageMaker log groups.
  for (const t of targets) {
    const endpoints = (t.regionData.sagemaker.endpoint ?? []).map(e =>
      String(e.description.EndpointName),
    );
    t.regionData.alarms = endpoints
      .filter((_, k) => k % 10 === 0)
      .map(name => ({
        AlarmName: `${name}-5xx`,
        AlarmArn: `arn:aws:cloudwatch:${t.region}:${t.accountId}:alarm:${name}-5xx`,
        Namespace: 'AWS/SageMaker',
        MetricName: 'Invocation5XXErrors',
        Dimensions: [
          { Name: 'EndpointName', Value: name },
          { Name: 'VariantName', Value: 'AllTraffic' },
        ],
        ActionsEnabled: true,
        AlarmActions: [`arn:aws:sns:${t.region}:${t.accountId}:ml-oncall`],
        StateValue: 'OK',
      }));
    t.regionData.logGroups = [
      '/aws/sagemaker/TrainingJobs',
      '/aws/sagemaker/NotebookInstances',
      ...endpoints.map(name => `/aws/sagemaker/Endpoints/${name}`),
    ].map((logGroupName, k) => ({
      logGroupName,
      arn: `arn:aws:logs:${t.region}:${t.accountId}:log-group:${logGroupName}`,
      ...(k % 3 !== 0 ? { retentionInDays: 90 } : {}),
    }));
  }

  // Newest first, as AWS lists them (the simulator then sorts sorted lists).
  for (const t of targets) {
    for (const list of Object.values(t.regionData.sagemaker)) {
      list!.sort((x, y) =>
        String(y.description.CreationTime).localeCompare(
          String(x.description.CreationTime),
        ),
      );
    }
  }

  return {
    name: `bench estate: ${size.accounts} accounts x ${size.regionsPerAccount} regions, ${size.trainingJobs} training jobs`,
    accounts,
  };
}

/** The same estate shape with every count divided by `k` (at least one per account or region). */
export function sliceSize(size: EstateSize, k: number): EstateSize {
  const div = (n: number) => Math.max(n === 0 ? 0 : 1, Math.round(n / k));
  return {
    ...size,
    notebooks: div(size.notebooks),
    endpoints: div(size.endpoints),
    models: div(size.models),
    trainingJobs: div(size.trainingJobs),
    roles: div(size.roles),
    keys: div(size.keys),
    buckets: div(size.buckets),
    securityGroups: div(size.securityGroups),
    services: div(size.services),
  };
}
