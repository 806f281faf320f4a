#!/usr/bin/env node
/*
 * Writes the recorded demo estate of "Acme Bank" (plugins/sagemaker-security-backend/demo-estate/estate.yaml).
 *
 *   node plugins/sagemaker-security-backend/demo-estate/generate.js [output-file]
 *
 * The format is `Estate` of
 * plugins/sagemaker-security-backend/src/inventory/simulator/estate.ts: every
 * SageMaker resource is the Describe* output with AWS's own field names, IAM
 * documents are URL-encoded JSON strings, other policies are plain JSON strings.
 * The output is deterministic (IDs are hashes of names, dates are fixed) so that
 * a test can check that estate.yaml is in sync with this script.
 * See examples/README.md for the good and bad configurations and where they are.
 */
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const PROD = '111122223333';
const DEV = '444455556666';
/**
 * The marketing team's new account: listed in the demo's app-config, but the
 * scan's role was never deployed there, so it cannot be assumed and nothing of
 * the account is recorded. It shows how a failed scan looks (issue 12).
 */
const MARKETING = '777788889999';
/** Account holding the organisation's CloudTrail bucket; not part of the estate. */
const LOG_ARCHIVE = '999988887777';
/** Account holding the data lake bucket (`acme-data-lake-raw`); not part of the estate. */
const DATA_LAKE = '555566667777';
/** A model validation vendor's account, granted a model package group; not part of the estate. */
const VENDOR = '210987654321';

/** ML services (catalog Components): owner team and system. */
const SERVICES = {
  'fraud-scoring': { owner: 'fraud-ml', system: 'fraud-detection' },
  'card-fraud-graph': { owner: 'fraud-ml', system: 'fraud-detection' },
  'aml-transaction-monitor': { owner: 'fraud-ml', system: 'aml-monitoring' },
  'credit-risk-model': { owner: 'credit-ml', system: 'credit-decisioning' },
  'loan-default-predictor': {
    owner: 'credit-ml',
    system: 'credit-decisioning',
  },
  'mortgage-affordability': { owner: 'credit-ml', system: 'mortgage-lending' },
  'ml-workbench': { owner: 'ml-platform', system: 'ml-platform-core' },
  'feature-store': { owner: 'ml-platform', system: 'ml-platform-core' },
  'customer-churn': { owner: 'data-science', system: 'customer-analytics' },
  'next-best-offer': {
    owner: 'customer-insights',
    system: 'customer-analytics',
  },
};

// ---------------------------------------------------------------- helpers

function hash(seed) {
  return createHash('sha256').update(seed).digest('hex');
}
/** An AWS-style ID, e.g. `sg-0a1b2c3d4e5f60718`. */
function awsId(prefix, seed) {
  return `${prefix}-0${hash(`${prefix}:${seed}`).slice(0, 16)}`;
}
function uuid(seed) {
  const h = hash(seed);
  return [
    h.slice(0, 8),
    h.slice(8, 12),
    `4${h.slice(13, 16)}`,
    `a${h.slice(17, 20)}`,
    h.slice(20, 32),
  ].join('-');
}
/** Studio domain IDs look like `d-xxxxxxxxxxxx`. */
function domainId(seed) {
  return `d-${hash(seed).slice(0, 12)}`;
}
function at(date) {
  return `${date}:00.000Z`;
}
/** IAM returns policy documents URL-encoded. */
function iamDocument(document) {
  return encodeURIComponent(JSON.stringify(document));
}
function s3Arn(bucket) {
  return `arn:aws:s3:::${bucket}`;
}
function base64(text) {
  return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * The tags of a resource of an ML service. `overrides` replaces tags; an
 * override of `null` removes the tag (e.g. the resource with no owner tag).
 */
function serviceTags(service, env, overrides = {}) {
  const known = SERVICES[service];
  if (!known) throw new Error(`Unknown ML service ${service}`);
  const tags = {
    'ml-service': service,
    owner: known.owner,
    system: known.system,
    env,
    'cost-center': env === 'prod' ? 'cc-4100' : 'cc-4900',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete tags[key];
    else tags[key] = value;
  }
  return tags;
}

function ec2Tags(name) {
  return [{ Key: 'Name', Value: name }];
}

// ------------------------------------------------------ region and account

/** Builds one account and region; helpers keep references consistent. */
class RegionBuilder {
  constructor(account, region) {
    this.account = account;
    this.region = region;
    this.sagemaker = {};
    this.securityGroups = [];
    this.subnets = [];
    this.routeTables = [];
    this.vpcEndpoints = [];
    this.kmsKeys = [];
    this.trails = [];
    this.alarms = [];
    this.logGroups = [];
    this.guardDutyDetectors = [];
    this.securityHubFindings = [];
    this.keysByName = new Map();
    this.subnetsByName = new Map();
    this.groupsByName = new Map();
  }

  arn(type, name) {
    return `arn:aws:sagemaker:${this.region}:${this.account}:${type}/${name}`;
  }

  add(type, description, tags) {
    (this.sagemaker[type] ??= []).push({ description, tags });
    return description;
  }

  /** A KMS key; `name` is local to the generator. */
  key(name, options) {
    const keyId = uuid(`${this.account}:${this.region}:${name}`);
    const arn = `arn:aws:kms:${this.region}:${this.account}:key/${keyId}`;
    const aws = options.manager === 'AWS';
    const metadata = {
      AWSAccountId: this.account,
      KeyId: keyId,
      Arn: arn,
      CreationDate: at(options.created ?? '2023-02-14T10:00'),
      Enabled: options.state ? options.state === 'Enabled' : true,
      Description: options.description,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: options.state ?? 'Enabled',
      ...(options.state === 'PendingDeletion'
        ? {
            DeletionDate: at('2025-07-01T00:00'),
            PendingDeletionWindowInDays: 30,
          }
        : {}),
      Origin: 'AWS_KMS',
      KeyManager: aws ? 'AWS' : 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    };
    const policy = aws
      ? awsManagedKeyPolicy(this.account, this.region)
      : customerKeyPolicy(this.account, options.users ?? []);
    const key = {
      metadata,
      rotationEnabled: aws ? true : options.rotation,
      policy: JSON.stringify(policy),
      aliases: options.aliases,
    };
    this.kmsKeys.push(key);
    const ref = {
      id: keyId,
      arn,
      alias: options.aliases[0],
      aliasArn: `arn:aws:kms:${this.region}:${this.account}:${options.aliases[0]}`,
    };
    this.keysByName.set(name, ref);
    return ref;
  }

  keyRef(name) {
    const ref = this.keysByName.get(name);
    if (!ref)
      throw new Error(`No key ${name} in ${this.account}/${this.region}`);
    return ref;
  }

  /**
   * A VPC with its subnets (private ones route through a NAT gateway, public
   * ones through an internet gateway), security groups and VPC endpoints.
   */
  vpc({ name, cidr, subnets, securityGroups, endpoints }) {
    const vpcId = awsId('vpc', `${this.account}:${this.region}:${name}`);
    const igw = awsId('igw', vpcId);
    const nat = awsId('nat', vpcId);
    const tables = { private: [], public: [] };
    for (const subnet of subnets) {
      const subnetId = awsId('subnet', `${vpcId}:${subnet.name}`);
      this.subnets.push({
        SubnetId: subnetId,
        SubnetArn: `arn:aws:ec2:${this.region}:${this.account}:subnet/${subnetId}`,
        VpcId: vpcId,
        AvailabilityZone: `${this.region}${subnet.az}`,
        CidrBlock: subnet.cidr,
        AvailableIpAddressCount: 4000,
        DefaultForAz: false,
        MapPublicIpOnLaunch: subnet.public === true,
        State: 'available',
        OwnerId: this.account,
        Tags: ec2Tags(subnet.name),
      });
      this.subnetsByName.set(subnet.name, subnetId);
      tables[subnet.public ? 'public' : 'private'].push(subnetId);
    }
    const routeTableIds = [];
    for (const kind of ['private', 'public']) {
      if (tables[kind].length === 0) continue;
      const routeTableId = awsId('rtb', `${vpcId}:${kind}`);
      routeTableIds.push(routeTableId);
      const defaultRoute =
        kind === 'public'
          ? { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }
          : { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat };
      this.routeTables.push({
        RouteTableId: routeTableId,
        VpcId: vpcId,
        OwnerId: this.account,
        Associations: tables[kind].map(subnetId => ({
          Main: false,
          RouteTableAssociationId: awsId(
            'rtbassoc',
            `${routeTableId}:${subnetId}`,
          ),
          RouteTableId: routeTableId,
          SubnetId: subnetId,
          AssociationState: { State: 'associated' },
        })),
        Routes: [
          {
            DestinationCidrBlock: cidr,
            GatewayId: 'local',
            Origin: 'CreateRouteTable',
            State: 'active',
          },
          { ...defaultRoute, Origin: 'CreateRoute', State: 'active' },
        ],
        Tags: ec2Tags(`${name}-${kind}`),
      });
    }
    for (const group of securityGroups) {
      const groupId = awsId('sg', `${vpcId}:${group.name}`);
      this.groupsByName.set(group.name, groupId);
      const permissions = rules =>
        rules.map(rule => ({
          IpProtocol: rule.protocol,
          ...(rule.protocol === '-1'
            ? {}
            : { FromPort: rule.from, ToPort: rule.to }),
          IpRanges: (rule.cidrs ?? []).map(CidrIp => ({ CidrIp })),
          Ipv6Ranges: (rule.ipv6 ?? []).map(CidrIpv6 => ({ CidrIpv6 })),
          PrefixListIds: (rule.prefixLists ?? []).map(PrefixListId => ({
            PrefixListId,
          })),
          UserIdGroupPairs: rule.self
            ? [{ GroupId: groupId, UserId: this.account }]
            : [],
        }));
      this.securityGroups.push({
        GroupId: groupId,
        GroupName: group.name,
        Description: group.description,
        VpcId: vpcId,
        OwnerId: this.account,
        SecurityGroupArn: `arn:aws:ec2:${this.region}:${this.account}:security-group/${groupId}`,
        IpPermissions: permissions(group.ingress),
        IpPermissionsEgress: permissions(group.egress),
        Tags: ec2Tags(group.name),
      });
    }
    const endpointGroup = securityGroups.find(g => g.forEndpoints);
    for (const service of endpoints) {
      const gateway = service === 's3';
      const serviceName = ['studio', 'notebook'].includes(service)
        ? `aws.sagemaker.${this.region}.${service}`
        : `com.amazonaws.${this.region}.${service}`;
      const vpcEndpointId = awsId('vpce', `${vpcId}:${service}`);
      const privateSubnets = tables.private;
      this.vpcEndpoints.push({
        VpcEndpointId: vpcEndpointId,
        VpcEndpointType: gateway ? 'Gateway' : 'Interface',
        VpcId: vpcId,
        ServiceName: serviceName,
        State: 'available',
        PolicyDocument: JSON.stringify(fullAccessEndpointPolicy()),
        RouteTableIds: gateway ? routeTableIds : [],
        SubnetIds: gateway ? [] : privateSubnets,
        Groups:
          gateway || !endpointGroup
            ? []
            : [
                {
                  GroupId: this.groupsByName.get(endpointGroup.name),
                  GroupName: endpointGroup.name,
                },
              ],
        PrivateDnsEnabled: !gateway,
        RequesterManaged: false,
        CreationTimestamp: at('2023-03-01T09:00'),
        OwnerId: this.account,
      });
    }
    return vpcId;
  }

  subnet(name) {
    const id = this.subnetsByName.get(name);
    if (!id)
      throw new Error(`No subnet ${name} in ${this.account}/${this.region}`);
    return id;
  }

  group(name) {
    const id = this.groupsByName.get(name);
    if (!id)
      throw new Error(
        `No security group ${name} in ${this.account}/${this.region}`,
      );
    return id;
  }

  trail({
    name,
    home,
    multiRegion,
    logging,
    kmsKeyId,
    validation,
    dataBuckets,
  }) {
    const trailArn = `arn:aws:cloudtrail:${home}:${this.account}:trail/${name}`;
    this.trails.push({
      trail: {
        Name: name,
        S3BucketName: `acme-cloudtrail-logs-${LOG_ARCHIVE}`,
        S3KeyPrefix: this.account,
        IncludeGlobalServiceEvents: multiRegion,
        IsMultiRegionTrail: multiRegion,
        HomeRegion: home,
        TrailARN: trailArn,
        LogFileValidationEnabled: validation,
        ...(kmsKeyId ? { KmsKeyId: kmsKeyId } : {}),
        HasCustomEventSelectors: dataBuckets.length > 0,
        HasInsightSelectors: false,
        IsOrganizationTrail: false,
      },
      status: logging
        ? {
            IsLogging: true,
            LatestDeliveryTime: at('2025-06-16T09:55'),
            StartLoggingTime: at('2023-01-10T12:00'),
          }
        : {
            IsLogging: false,
            LatestDeliveryTime: at('2025-03-02T17:40'),
            StartLoggingTime: at('2024-05-20T08:00'),
            StopLoggingTime: at('2025-03-02T17:41'),
          },
      eventSelectors: {
        TrailARN: trailArn,
        EventSelectors: [
          {
            ReadWriteType: 'All',
            IncludeManagementEvents: true,
            DataResources: dataBuckets.length
              ? [
                  {
                    Type: 'AWS::S3::Object',
                    Values: dataBuckets.map(bucket => `${s3Arn(bucket)}/`),
                  },
                ]
              : [],
            ExcludeManagementEventSources: [],
          },
        ],
      },
    });
  }

  /** A CloudWatch alarm on an endpoint metric. */
  alarm({
    endpoint,
    metric,
    threshold,
    actions,
    actionsEnabled = true,
    state = 'OK',
  }) {
    const name = `${endpoint}-${metric}`;
    this.alarms.push({
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:${this.region}:${this.account}:alarm:${name}`,
      AlarmDescription: `${metric} on ${endpoint}`,
      AlarmConfigurationUpdatedTimestamp: at('2025-04-02T10:00'),
      ActionsEnabled: actionsEnabled,
      OKActions: [],
      AlarmActions: actions,
      InsufficientDataActions: [],
      StateValue: state,
      StateReason:
        'Threshold Crossed: no datapoints were breaching the threshold',
      StateUpdatedTimestamp: at('2025-06-16T08:00'),
      MetricName: metric,
      Namespace: 'AWS/SageMaker',
      Statistic: metric === 'ModelLatency' ? 'Average' : 'Sum',
      Dimensions: [
        { Name: 'EndpointName', Value: endpoint },
        { Name: 'VariantName', Value: 'AllTraffic' },
      ],
      Period: 300,
      EvaluationPeriods: 3,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
  }

  logGroup(name, { retention, kmsKeyId, storedBytes = 104857600 }) {
    const arn = `arn:aws:logs:${this.region}:${this.account}:log-group:${name}`;
    this.logGroups.push({
      logGroupName: name,
      creationTime: Date.parse(at('2023-04-11T10:00')),
      ...(retention ? { retentionInDays: retention } : {}),
      metricFilterCount: 0,
      arn: `${arn}:*`,
      storedBytes,
      ...(kmsKeyId ? { kmsKeyId } : {}),
      logGroupClass: 'STANDARD',
      logGroupArn: arn,
    });
  }

  /**
   * The region's GuardDuty detector (GetDetector output with its ID);
   * `runtime` turns Runtime Monitoring on. Not called: GuardDuty is off.
   */
  guardDuty({ enabled, runtime }) {
    const id = uuid(`guardduty-${this.account}-${this.region}`).replace(
      /-/g,
      '',
    );
    this.guardDutyDetectors.push({
      DetectorId: id,
      Status: enabled ? 'ENABLED' : 'DISABLED',
      ServiceRole: `arn:aws:iam::${this.account}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      CreatedAt: '2023-01-10T12:00:00.000Z',
      UpdatedAt: '2025-04-01T08:00:00.000Z',
      Features: [
        { Name: 'CLOUD_TRAIL', Status: 'ENABLED' },
        { Name: 'DNS_LOGS', Status: 'ENABLED' },
        { Name: 'FLOW_LOGS', Status: 'ENABLED' },
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        {
          Name: 'RUNTIME_MONITORING',
          Status: runtime ? 'ENABLED' : 'DISABLED',
        },
      ],
    });
  }

  /**
   * A Security Hub control finding (ASFF, as GetFindings returns it) on a
   * notebook instance of the region, read with
   * sagemakerSecurity.findings.securityHub.enabled.
   */
  securityHubFinding({ control, title, notebook }) {
    const arn = `arn:aws:sagemaker:${this.region}:${this.account}:notebook-instance/${notebook}`;
    this.securityHubFindings.push({
      SchemaVersion: '2018-10-08',
      Id: `arn:aws:securityhub:${this.region}:${
        this.account
      }:security-control/${control}/finding/${uuid(
        `securityhub-${arn}-${control}`,
      )}`,
      ProductArn: `arn:aws:securityhub:${this.region}::product/aws/securityhub`,
      GeneratorId: `security-control/${control}`,
      AwsAccountId: this.account,
      Region: this.region,
      Types: [
        'Software and Configuration Checks/Industry and Regulatory Standards',
      ],
      CreatedAt: '2025-06-11T02:00:00.000Z',
      UpdatedAt: '2025-07-01T02:00:00.000Z',
      FirstObservedAt: '2025-06-11T02:00:00.000Z',
      LastObservedAt: '2025-07-01T02:00:00.000Z',
      Severity: { Label: 'HIGH' },
      Title: title,
      Remediation: {
        Recommendation: {
          Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
          Url: `https://docs.aws.amazon.com/console/securityhub/${control}/remediation`,
        },
      },
      Compliance: { Status: 'FAILED', SecurityControlId: control },
      Resources: [
        {
          Type: 'AwsSageMakerNotebookInstance',
          Id: arn,
          Partition: 'aws',
          Region: this.region,
        },
      ],
      RecordState: 'ACTIVE',
      Workflow: { Status: 'NEW' },
    });
  }

  toEstate() {
    return {
      region: this.region,
      sagemaker: this.sagemaker,
      securityGroups: this.securityGroups,
      subnets: this.subnets,
      routeTables: this.routeTables,
      vpcEndpoints: this.vpcEndpoints,
      kmsKeys: this.kmsKeys,
      trails: this.trails,
      alarms: this.alarms,
      logGroups: this.logGroups,
      guardDutyDetectors: this.guardDutyDetectors,
      ...(this.securityHubFindings.length > 0
        ? { securityHubFindings: this.securityHubFindings }
        : {}),
    };
  }
}

// --------------------------------------------------------------- policies

function customerKeyPolicy(account, users) {
  const statements = [
    {
      Sid: 'EnableRootPermissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  if (users.length > 0) {
    statements.push({
      Sid: 'AllowSageMakerExecutionRoles',
      Effect: 'Allow',
      Principal: { AWS: users },
      Action: [
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:GenerateDataKey*',
        'kms:ReEncrypt*',
        'kms:DescribeKey',
        'kms:CreateGrant',
      ],
      Resource: '*',
    });
  }
  return { Version: '2012-10-17', Id: 'key-policy', Statement: statements };
}

function awsManagedKeyPolicy(account, region) {
  return {
    Version: '2012-10-17',
    Id: 'auto-sagemaker-1',
    Statement: [
      {
        Sid: 'Allow access through SageMaker for all principals in the account that are authorized to use SageMaker',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:CallerAccount': account,
            'kms:ViaService': `sagemaker.${region}.amazonaws.com`,
          },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
        Resource: '*',
      },
    ],
  };
}

function fullAccessEndpointPolicy() {
  return {
    Version: '2008-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
    ],
  };
}

function sageMakerTrust(account, { confusedDeputyGuard }) {
  const statement = {
    Effect: 'Allow',
    Principal: { Service: 'sagemaker.amazonaws.com' },
    Action: 'sts:AssumeRole',
  };
  if (confusedDeputyGuard) {
    statement.Condition = {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': `arn:aws:sagemaker:*:${account}:*` },
    };
  }
  return { Version: '2012-10-17', Statement: [statement] };
}

/**
 * AmazonSageMakerFullAccess, abridged from AWS's published document: the
 * statements that matter to the checks (sagemaker:* on non-admin resources,
 * wide service actions on *, S3 on *sagemaker* buckets, PassRole to SageMaker).
 */
const SAGEMAKER_FULL_ACCESS = {
  arn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
  name: 'AmazonSageMakerFullAccess',
  defaultVersionId: 'v29',
  document: iamDocument({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowAllNonAdminSageMakerActions',
        Effect: 'Allow',
        Action: ['sagemaker:*', 'sagemaker-geospatial:*'],
        NotResource: [
          'arn:aws:sagemaker:*:*:domain/*',
          'arn:aws:sagemaker:*:*:user-profile/*',
          'arn:aws:sagemaker:*:*:app/*',
          'arn:aws:sagemaker:*:*:space/*',
          'arn:aws:sagemaker:*:*:partner-app/*',
          'arn:aws:sagemaker:*:*:flow-definition/*',
        ],
      },
      {
        Sid: 'AllowStudioActions',
        Effect: 'Allow',
        Action: [
          'sagemaker:CreatePresignedDomainUrl',
          'sagemaker:DescribeDomain',
          'sagemaker:ListDomains',
          'sagemaker:DescribeUserProfile',
          'sagemaker:ListUserProfiles',
          'sagemaker:DescribeSpace',
          'sagemaker:ListSpaces',
          'sagemaker:DescribeApp',
          'sagemaker:ListApps',
        ],
        Resource: '*',
      },
      {
        Sid: 'AllowAWSServiceActions',
        Effect: 'Allow',
        Action: [
          'application-autoscaling:*',
          'cloudwatch:DeleteAlarms',
          'cloudwatch:DescribeAlarms',
          'cloudwatch:GetMetricData',
          'cloudwatch:GetMetricStatistics',
          'cloudwatch:ListMetrics',
          'cloudwatch:PutMetricAlarm',
          'cloudwatch:PutMetricData',
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:CreateVpcEndpoint',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
          'ec2:DescribeDhcpOptions',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeRouteTables',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcEndpoints',
          'ec2:DescribeVpcs',
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CreateRepository',
          'ecr:Describe*',
          'ecr:GetAuthorizationToken',
          'ecr:GetDownloadUrlForLayer',
          'ecr:StartImageScan',
          'elasticfilesystem:DescribeFileSystems',
          'elasticfilesystem:DescribeMountTargets',
          'glue:CreateJob',
          'glue:GetJob',
          'glue:GetTable',
          'iam:ListRoles',
          'kms:DescribeKey',
          'kms:ListAliases',
          'lambda:ListFunctions',
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:DescribeLogGroups',
          'logs:DescribeLogStreams',
          'logs:GetLogEvents',
          'logs:PutLogEvents',
          'secretsmanager:ListSecrets',
          'sns:ListTopics',
          'tag:GetResources',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: [
          's3:GetObject',
          's3:PutObject',
          's3:DeleteObject',
          's3:AbortMultipartUpload',
        ],
        Resource: [
          'arn:aws:s3:::*SageMaker*',
          'arn:aws:s3:::*Sagemaker*',
          'arn:aws:s3:::*sagemaker*',
          'arn:aws:s3:::*aws-glue*',
        ],
      },
      {
        Effect: 'Allow',
        Action: [
          's3:CreateBucket',
          's3:GetBucketLocation',
          's3:ListBucket',
          's3:ListAllMyBuckets',
          's3:GetBucketCors',
          's3:PutBucketCors',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
        ],
        Resource: '*',
        Condition: {
          StringEquals: { 'secretsmanager:ResourceTag/SageMaker': 'true' },
        },
      },
      {
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: 'arn:aws:iam::*:role/*',
        Condition: {
          StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
        },
      },
    ],
  }),
};

function customerPolicy(account, name, statements) {
  return {
    arn: `arn:aws:iam::${account}:policy/${name}`,
    name,
    defaultVersionId: 'v1',
    document: iamDocument({ Version: '2012-10-17', Statement: statements }),
  };
}

/** The boundary caps what any ML role may do, whatever its own policies say. */
function permissionsBoundary(account) {
  return customerPolicy(account, 'AcmeMLPermissionsBoundary', [
    {
      Sid: 'AllowMlServices',
      Effect: 'Allow',
      Action: [
        'sagemaker:*',
        's3:*',
        'kms:Decrypt',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
        'ecr:*',
        'logs:*',
        'cloudwatch:PutMetricData',
        'iam:PassRole',
      ],
      Resource: '*',
    },
    {
      Sid: 'DenyIamWrites',
      Effect: 'Deny',
      Action: ['iam:Create*', 'iam:Put*', 'iam:Attach*', 'iam:Delete*'],
      Resource: '*',
    },
  ]);
}

function role(account, name, options) {
  const rolePath = options.path ?? '/';
  const boundary = options.boundary
    ? {
        PermissionsBoundary: {
          PermissionsBoundaryType: 'Policy',
          PermissionsBoundaryArn: `arn:aws:iam::${account}:policy/AcmeMLPermissionsBoundary`,
        },
      }
    : {};
  return {
    role: {
      Path: rolePath,
      RoleName: name,
      RoleId: `AROA${hash(`${account}:${name}`).slice(0, 17).toUpperCase()}`,
      Arn: `arn:aws:iam::${account}:role${rolePath}${name}`,
      CreateDate: at(options.created ?? '2024-01-15T09:30'),
      AssumeRolePolicyDocument: iamDocument(
        sageMakerTrust(account, { confusedDeputyGuard: options.guard }),
      ),
      Description: options.description,
      MaxSessionDuration: 3600,
      ...boundary,
      Tags: [{ Key: 'owner', Value: options.owner }],
      RoleLastUsed: {
        LastUsedDate: at('2025-06-16T07:12'),
        Region: 'us-east-1',
      },
    },
    attachedPolicyArns: options.attached ?? [],
    inlinePolicies: Object.fromEntries(
      Object.entries(options.inline ?? {}).map(([policyName, statements]) => [
        policyName,
        iamDocument({ Version: '2012-10-17', Statement: statements }),
      ]),
    ),
  };
}

function roleArn(account, name, rolePath = '/') {
  return `arn:aws:iam::${account}:role${rolePath}${name}`;
}

/** Read/write to named buckets and use of one key: a least-privilege role. */
function dataAccess(buckets, keyArns) {
  return [
    {
      Sid: 'ReadWriteServiceData',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
      Resource: buckets.flatMap(bucket => [
        s3Arn(bucket),
        `${s3Arn(bucket)}/*`,
      ]),
    },
    {
      Sid: 'UseServiceKeys',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      Resource: keyArns,
    },
  ];
}

function containerAccess(account) {
  return [
    {
      Sid: 'PullImages',
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: `arn:aws:ecr:*:${account}:repository/*`,
    },
    {
      Sid: 'EcrToken',
      Effect: 'Allow',
      Action: 'ecr:GetAuthorizationToken',
      Resource: '*',
    },
    {
      Sid: 'WriteLogs',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:CreateLogGroup',
      ],
      Resource: `arn:aws:logs:*:${account}:log-group:/aws/sagemaker/*`,
    },
  ];
}

// --------------------------------------------------------------- buckets

function bucketPolicy(bucket, { secureTransport }) {
  const statements = [];
  if (secureTransport) {
    statements.push({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [s3Arn(bucket), `${s3Arn(bucket)}/*`],
      Condition: { [secureTransport]: { 'aws:SecureTransport': 'false' } },
    });
  }
  statements.push({
    Sid: 'DenyUnencryptedUploads',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: `${s3Arn(bucket)}/*`,
    Condition: { Null: { 's3:x-amz-server-side-encryption': 'true' } },
  });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function kmsEncryption(keyArn) {
  return {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: keyArn,
        },
        BucketKeyEnabled: true,
      },
    ],
  };
}

const S3_MANAGED_ENCRYPTION = {
  Rules: [
    {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
      BucketKeyEnabled: false,
    },
  ],
};

const BLOCK_ALL_PUBLIC = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

// ----------------------------------------------------- SageMaker resources

const IMAGES = {
  'us-east-1': {
    xgboost:
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    sklearn:
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
    clarify:
      '205585389593.dkr.ecr.us-east-1.amazonaws.com/sagemaker-clarify-processing:1.0',
    monitor:
      '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer',
  },
  'eu-west-1': {
    xgboost:
      '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    sklearn:
      '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
    clarify:
      '985815980388.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-clarify-processing:1.0',
    monitor:
      '468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer',
  },
};

function ownImage(rb, repository, version) {
  return `${rb.account}.dkr.ecr.${rb.region}.amazonaws.com/${repository}:${version}`;
}

function vpcConfig(rb, subnets, groups) {
  return {
    SecurityGroupIds: groups.map(name => rb.group(name)),
    Subnets: subnets.map(name => rb.subnet(name)),
  };
}

function notebook(rb, o) {
  return rb.add(
    'notebook-instance',
    {
      NotebookInstanceArn: rb.arn('notebook-instance', o.name),
      NotebookInstanceName: o.name,
      NotebookInstanceStatus: o.status ?? 'InService',
      Url: `${o.name}.notebook.${rb.region}.sagemaker.aws`,
      InstanceType: o.instanceType ?? 'ml.t3.xlarge',
      SubnetId: o.subnet ? rb.subnet(o.subnet) : undefined,
      SecurityGroups: (o.groups ?? []).map(name => rb.group(name)),
      RoleArn: o.role,
      KmsKeyId: o.kmsKeyId,
      NetworkInterfaceId: o.subnet
        ? awsId('eni', `${rb.account}:${o.name}`)
        : undefined,
      LastModifiedTime: at(o.modified ?? '2025-06-10T08:00'),
      CreationTime: at(o.created ?? '2025-02-03T09:00'),
      NotebookInstanceLifecycleConfigName: o.lifecycleConfig,
      // `undefined` leaves the field out: the check must not assume a default.
      DirectInternetAccess: o.directInternetAccess,
      VolumeSizeInGB: 50,
      AcceleratorTypes: [],
      DefaultCodeRepository: o.repository,
      AdditionalCodeRepositories: [],
      RootAccess: o.rootAccess,
      PlatformIdentifier: o.platform ?? 'notebook-al2023-v1',
      InstanceMetadataServiceConfiguration: {
        MinimumInstanceMetadataServiceVersion: o.imds ?? '2',
      },
    },
    o.tags,
  );
}

function lifecycleConfig(rb, o) {
  return rb.add(
    'notebook-instance-lifecycle-config',
    {
      NotebookInstanceLifecycleConfigArn: rb.arn(
        'notebook-instance-lifecycle-config',
        o.name,
      ),
      NotebookInstanceLifecycleConfigName: o.name,
      OnCreate: o.onCreate ? [{ Content: base64(o.onCreate) }] : [],
      OnStart: o.onStart ? [{ Content: base64(o.onStart) }] : [],
      LastModifiedTime: at('2025-01-20T14:00'),
      CreationTime: at('2024-11-05T10:00'),
    },
    o.tags,
  );
}

function studioLifecycleConfig(rb, o) {
  const arn = rb.arn('studio-lifecycle-config', o.name);
  rb.add(
    'studio-lifecycle-config',
    {
      StudioLifecycleConfigArn: arn,
      StudioLifecycleConfigName: o.name,
      StudioLifecycleConfigAppType: o.appType ?? 'JupyterLab',
      StudioLifecycleConfigContent: base64(o.script),
      // Immutable: LastModifiedTime is the creation time.
      CreationTime: at(o.created),
      LastModifiedTime: at(o.created),
    },
    o.tags,
  );
  return arn;
}

// A SageMaker image (custom Studio image) and the role SageMaker uses for it.
function sagemakerImage(rb, o) {
  rb.add(
    'image',
    {
      ImageArn: rb.arn('image', o.name),
      ImageName: o.name,
      DisplayName: o.displayName,
      Description: o.description,
      ImageStatus: 'CREATED',
      RoleArn: o.role,
      CreationTime: at(o.created),
      LastModifiedTime: at(o.created),
    },
    o.tags,
  );
  return o.name;
}

// How Studio runs a custom image: the app's settings and its POSIX identity.
function appImageConfig(rb, o) {
  const fileSystem = {
    FileSystemConfig: {
      MountPath: '/home/sagemaker-user',
      DefaultUid: o.uid,
      DefaultGid: o.gid,
    },
  };
  rb.add(
    'app-image-config',
    {
      AppImageConfigArn: rb.arn('app-image-config', o.name),
      AppImageConfigName: o.name,
      CreationTime: at(o.created),
      LastModifiedTime: at(o.created),
      ...(o.app === 'KernelGateway'
        ? {
            KernelGatewayImageConfig: {
              KernelSpecs: [{ Name: 'python3', DisplayName: o.name }],
              ...fileSystem,
            },
          }
        : { JupyterLabAppImageConfig: fileSystem }),
    },
    o.tags,
  );
  return o.name;
}

function domain(rb, o) {
  const id = domainId(`${rb.account}:${rb.region}:${o.name}`);
  rb.add(
    'domain',
    {
      DomainArn: rb.arn('domain', id),
      DomainId: id,
      DomainName: o.name,
      HomeEfsFileSystemId: awsId('fs', id).replace('fs-0', 'fs-'),
      ...(o.sso
        ? {
            SingleSignOnManagedApplicationInstanceId: `ins-${hash(id).slice(
              0,
              16,
            )}`,
            SingleSignOnApplicationArn: `arn:aws:sso::${
              rb.account
            }:application/ssoins-${hash(id).slice(0, 16)}/apl-${hash(id).slice(
              16,
              32,
            )}`,
          }
        : {}),
      Status: 'InService',
      CreationTime: at('2024-03-11T10:15'),
      LastModifiedTime: at('2025-05-30T16:20'),
      AuthMode: o.sso ? 'SSO' : 'IAM',
      DefaultUserSettings: {
        ExecutionRole: o.role,
        SecurityGroups: (o.groups ?? []).map(name => rb.group(name)),
        SharingSettings: {
          NotebookOutputOption: o.sharing ? 'Allowed' : 'Disabled',
          ...(o.sharing
            ? {
                S3OutputPath: `s3://${o.sharing.bucket}/sharing`,
                S3KmsKeyId: o.sharing.kmsKeyId,
              }
            : {}),
        },
        StudioWebPortal: 'ENABLED',
        DefaultLandingUri: 'studio::',
        ...(o.lifecycleConfigArns || o.jupyterLabImages
          ? {
              JupyterLabAppSettings: {
                ...(o.lifecycleConfigArns
                  ? { LifecycleConfigArns: o.lifecycleConfigArns }
                  : {}),
                ...(o.jupyterLabImages
                  ? { CustomImages: o.jupyterLabImages }
                  : {}),
              },
            }
          : {}),
        ...(o.kernelGatewayImages
          ? {
              KernelGatewayAppSettings: { CustomImages: o.kernelGatewayImages },
            }
          : {}),
        ...(o.canvasKmsKeyId
          ? {
              CanvasAppSettings: {
                WorkspaceSettings: {
                  S3ArtifactPath: `s3://${o.sharing.bucket}/canvas`,
                  S3KmsKeyId: o.canvasKmsKeyId,
                },
              },
            }
          : {}),
      },
      DomainSettings: {
        SecurityGroupIds: (o.groups ?? []).map(name => rb.group(name)),
        DockerSettings: {
          EnableDockerAccess: o.docker ? 'ENABLED' : 'DISABLED',
        },
        // sts:SourceIdentity = the user profile name, for CloudTrail.
        ...(o.sourceIdentity
          ? { ExecutionRoleIdentityConfig: 'USER_PROFILE_NAME' }
          : {}),
        ...(o.sso && o.sourceIdentity
          ? { TrustedIdentityPropagationSettings: { Status: 'ENABLED' } }
          : {}),
      },
      ...(o.sourceIdentity ? { TagPropagation: 'ENABLED' } : {}),
      AppNetworkAccessType: o.vpcOnly ? 'VpcOnly' : 'PublicInternetOnly',
      SubnetIds: o.subnets.map(name => rb.subnet(name)),
      Url: `https://${id}.studio.${rb.region}.sagemaker.aws`,
      VpcId: o.vpcId,
      KmsKeyId: o.kmsKeyId,
      AppSecurityGroupManagement: 'Service',
      DefaultSpaceSettings: { ExecutionRole: o.role },
    },
    o.tags,
  );
  return id;
}

function userProfile(rb, o) {
  return rb.add(
    'user-profile',
    {
      DomainId: o.domainId,
      UserProfileArn: rb.arn('user-profile', `${o.domainId}/${o.name}`),
      UserProfileName: o.name,
      HomeEfsFileSystemUid: String(
        200000 + (parseInt(hash(o.name).slice(0, 4), 16) % 9000),
      ),
      Status: 'InService',
      LastModifiedTime: at('2025-05-02T11:00'),
      CreationTime: at('2024-03-12T09:00'),
      ...(o.ssoUser
        ? {
            SingleSignOnUserIdentifier: 'UserName',
            SingleSignOnUserValue: o.ssoUser,
          }
        : {}),
      UserSettings: o.settings ?? {},
    },
    o.tags,
  );
}

function space(rb, o) {
  return rb.add(
    'space',
    {
      DomainId: o.domainId,
      SpaceArn: rb.arn('space', `${o.domainId}/${o.name}`),
      SpaceName: o.name,
      HomeEfsFileSystemUid: '200100',
      Status: 'InService',
      LastModifiedTime: at('2025-06-01T12:00'),
      CreationTime: at('2024-09-18T15:00'),
      SpaceSettings: {
        AppType: 'JupyterLab',
        JupyterLabAppSettings: {
          DefaultResourceSpec: { InstanceType: 'ml.t3.medium' },
        },
        SpaceStorageSettings: { EbsStorageSettings: { EbsVolumeSizeInGb: 20 } },
        ...(o.remoteAccess ? { RemoteAccess: o.remoteAccess } : {}),
      },
      OwnershipSettings: o.owner
        ? { OwnerUserProfileName: o.owner }
        : undefined,
      SpaceSharingSettings: {
        SharingType: o.sharing ?? (o.owner ? 'Private' : 'Shared'),
      },
      SpaceDisplayName: o.name,
      Url: `https://${o.domainId}.studio.${rb.region}.sagemaker.aws/jupyterlab/${o.name}`,
    },
    o.tags,
  );
}

function model(rb, o) {
  const container = {
    Image: o.image,
    Mode: 'SingleModel',
    ModelDataUrl: `s3://${o.bucket}/models/${o.name}/model.tar.gz`,
    ...(o.registry
      ? { ImageConfig: { RepositoryAccessMode: o.registry } }
      : {}),
    Environment: o.environment ?? {},
  };
  return rb.add(
    'model',
    {
      ModelName: o.name,
      PrimaryContainer: container,
      ExecutionRoleArn: o.role,
      VpcConfig: o.vpc,
      CreationTime: at(o.created ?? '2025-05-30T12:00'),
      ModelArn: rb.arn('model', o.name),
      EnableNetworkIsolation: o.isolation,
    },
    o.tags,
  );
}

function dataCapture(bucket, endpoint, kmsKeyId) {
  return {
    EnableCapture: true,
    InitialSamplingPercentage: 20,
    DestinationS3Uri: `s3://${bucket}/capture/${endpoint}`,
    KmsKeyId: kmsKeyId,
    CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
    CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'] },
  };
}

function endpointConfig(rb, o) {
  const variant = o.serverless
    ? {
        VariantName: 'AllTraffic',
        ModelName: o.model,
        ServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 20 },
      }
    : {
        VariantName: 'AllTraffic',
        ModelName: o.model,
        InitialInstanceCount: o.instances,
        InstanceType: o.instanceType ?? 'ml.m5.xlarge',
        InitialVariantWeight: 1,
        ...(o.ssm ? { EnableSSMAccess: true } : {}),
      };
  return rb.add(
    'endpoint-config',
    {
      EndpointConfigName: o.name,
      EndpointConfigArn: rb.arn('endpoint-config', o.name),
      ProductionVariants: [variant],
      DataCaptureConfig: o.capture,
      KmsKeyId: o.kmsKeyId,
      CreationTime: at(o.created ?? '2025-05-30T12:10'),
    },
    o.tags,
  );
}

function endpoint(rb, o) {
  const variant = {
    VariantName: 'AllTraffic',
    DeployedImages: [
      {
        SpecifiedImage: o.image,
        ResolvedImage: `${o.image.split(':')[0]}@sha256:${hash(o.image)}`,
        ResolutionTime: at('2025-05-30T12:20'),
      },
    ],
    CurrentWeight: 1,
    DesiredWeight: 1,
    ...(o.serverless
      ? {
          CurrentServerlessConfig: { MemorySizeInMB: 4096, MaxConcurrency: 20 },
        }
      : {
          CurrentInstanceCount: o.instances,
          DesiredInstanceCount: o.instances,
        }),
  };
  return rb.add(
    'endpoint',
    {
      EndpointName: o.name,
      EndpointArn: rb.arn('endpoint', o.name),
      EndpointConfigName: o.config,
      ProductionVariants: [variant],
      DataCaptureConfig: o.capture
        ? {
            EnableCapture: true,
            CaptureStatus: 'Started',
            CurrentSamplingPercentage: o.capture.InitialSamplingPercentage,
            DestinationS3Uri: o.capture.DestinationS3Uri,
            KmsKeyId: o.capture.KmsKeyId,
          }
        : undefined,
      EndpointStatus: 'InService',
      CreationTime: at('2025-05-30T12:20'),
      LastModifiedTime: at('2025-05-30T12:31'),
    },
    o.tags,
  );
}

function trainingJob(rb, o) {
  const start = o.date;
  return rb.add(
    'training-job',
    {
      TrainingJobName: o.name,
      TrainingJobArn: rb.arn('training-job', o.name),
      TuningJobArn: o.tuningJobArn,
      ModelArtifacts: {
        S3ModelArtifacts: `s3://${o.bucket}/training/${o.name}/output/model.tar.gz`,
      },
      TrainingJobStatus: 'Completed',
      SecondaryStatus: 'Completed',
      HyperParameters: o.hyperParameters ?? {
        max_depth: '6',
        eta: '0.2',
        num_round: '300',
      },
      AlgorithmSpecification: {
        TrainingImage: o.image,
        TrainingInputMode: 'File',
        EnableSageMakerMetricsTimeSeries: true,
      },
      RoleArn: o.role,
      InputDataConfig: [
        {
          ChannelName: 'train',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: `s3://${o.inputBucket ?? o.bucket}/datasets/${
                o.service
              }/train/`,
              S3DataDistributionType: 'FullyReplicated',
            },
          },
          ContentType: 'text/csv',
          CompressionType: 'None',
        },
      ],
      OutputDataConfig: {
        KmsKeyId: o.outputKmsKeyId,
        S3OutputPath: `s3://${o.bucket}/training/`,
        CompressionType: 'GZIP',
      },
      ResourceConfig: {
        InstanceType: o.instanceType ?? 'ml.m5.2xlarge',
        InstanceCount: o.instances ?? 1,
        VolumeSizeInGB: 30,
        VolumeKmsKeyId: o.volumeKmsKeyId,
      },
      VpcConfig: o.vpc,
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
      CreationTime: at(`${start}T02:00`),
      TrainingStartTime: at(`${start}T02:03`),
      TrainingEndTime: at(`${start}T03:41`),
      LastModifiedTime: at(`${start}T03:42`),
      EnableNetworkIsolation: o.isolation,
      EnableInterContainerTrafficEncryption: o.interContainerEncryption,
      EnableManagedSpotTraining: false,
      TrainingTimeInSeconds: 5880,
      BillableTimeInSeconds: 5880,
      Environment: o.environment ?? {},
    },
    o.tags,
  );
}

function processingJob(rb, o) {
  const start = o.date;
  return rb.add(
    'processing-job',
    {
      ProcessingInputs: [
        {
          InputName: 'input-1',
          AppManaged: false,
          S3Input: {
            S3Uri: `s3://${o.inputBucket ?? o.bucket}/datasets/${
              o.service
            }/raw/`,
            LocalPath: '/opt/ml/processing/input',
            S3DataType: 'S3Prefix',
            S3InputMode: 'File',
            S3DataDistributionType: 'FullyReplicated',
          },
        },
      ],
      ProcessingOutputConfig: {
        Outputs: [
          {
            OutputName: 'output-1',
            S3Output: {
              S3Uri: `s3://${o.bucket}/processing/${o.name}/`,
              LocalPath: '/opt/ml/processing/output',
              S3UploadMode: 'EndOfJob',
            },
            AppManaged: false,
          },
        ],
        KmsKeyId: o.outputKmsKeyId,
      },
      ProcessingJobName: o.name,
      ProcessingResources: {
        ClusterConfig: {
          InstanceCount: o.instances ?? 1,
          InstanceType: 'ml.m5.xlarge',
          VolumeSizeInGB: 30,
          VolumeKmsKeyId: o.volumeKmsKeyId,
        },
      },
      StoppingCondition: { MaxRuntimeInSeconds: 7200 },
      AppSpecification: { ImageUri: o.image },
      Environment: o.environment ?? {},
      NetworkConfig: {
        EnableInterContainerTrafficEncryption: o.interContainerEncryption,
        EnableNetworkIsolation: o.isolation,
        VpcConfig: o.vpc,
      },
      RoleArn: o.role,
      ProcessingJobArn: rb.arn('processing-job', o.name),
      ProcessingJobStatus: 'Completed',
      ProcessingEndTime: at(`${start}T01:22`),
      ProcessingStartTime: at(`${start}T01:04`),
      LastModifiedTime: at(`${start}T01:23`),
      CreationTime: at(`${start}T01:00`),
    },
    o.tags,
  );
}

function transformJob(rb, o) {
  const start = o.date;
  return rb.add(
    'transform-job',
    {
      TransformJobName: o.name,
      TransformJobArn: rb.arn('transform-job', o.name),
      TransformJobStatus: 'Completed',
      ModelName: o.model,
      MaxConcurrentTransforms: 4,
      MaxPayloadInMB: 6,
      BatchStrategy: 'MultiRecord',
      Environment: {},
      TransformInput: {
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: `s3://${o.bucket}/batch/${o.service}/input/`,
          },
        },
        ContentType: 'text/csv',
        CompressionType: 'None',
        SplitType: 'Line',
      },
      TransformOutput: {
        S3OutputPath: `s3://${o.bucket}/batch/${o.service}/output/`,
        Accept: 'text/csv',
        AssembleWith: 'Line',
        KmsKeyId: o.outputKmsKeyId,
      },
      TransformResources: {
        InstanceType: 'ml.m5.2xlarge',
        InstanceCount: 2,
        VolumeKmsKeyId: o.volumeKmsKeyId,
      },
      CreationTime: at(`${start}T04:00`),
      TransformStartTime: at(`${start}T04:05`),
      TransformEndTime: at(`${start}T04:47`),
    },
    o.tags,
  );
}

function tuningJob(rb, o) {
  return rb.add(
    'hyperparameter-tuning-job',
    {
      HyperParameterTuningJobName: o.name,
      HyperParameterTuningJobArn: rb.arn('hyper-parameter-tuning-job', o.name),
      HyperParameterTuningJobConfig: {
        Strategy: 'Bayesian',
        HyperParameterTuningJobObjective: {
          Type: 'Maximize',
          MetricName: 'validation:auc',
        },
        ResourceLimits: {
          MaxNumberOfTrainingJobs: 20,
          MaxParallelTrainingJobs: 4,
        },
        ParameterRanges: {
          IntegerParameterRanges: [
            {
              Name: 'max_depth',
              MinValue: '3',
              MaxValue: '10',
              ScalingType: 'Auto',
            },
          ],
          ContinuousParameterRanges: [
            {
              Name: 'eta',
              MinValue: '0.05',
              MaxValue: '0.5',
              ScalingType: 'Auto',
            },
          ],
          CategoricalParameterRanges: [],
        },
        TrainingJobEarlyStoppingType: 'Auto',
      },
      TrainingJobDefinition: {
        StaticHyperParameters: {
          num_round: '400',
          objective: 'binary:logistic',
        },
        AlgorithmSpecification: {
          TrainingImage: o.image,
          TrainingInputMode: 'File',
        },
        RoleArn: o.role,
        InputDataConfig: [
          {
            ChannelName: 'train',
            DataSource: {
              S3DataSource: {
                S3DataType: 'S3Prefix',
                S3Uri: `s3://${o.bucket}/datasets/${o.service}/train/`,
                S3DataDistributionType: 'FullyReplicated',
              },
            },
          },
        ],
        VpcConfig: o.vpc,
        OutputDataConfig: {
          KmsKeyId: o.outputKmsKeyId,
          S3OutputPath: `s3://${o.bucket}/tuning/${o.name}/`,
        },
        ResourceConfig: {
          InstanceType: 'ml.m5.2xlarge',
          InstanceCount: 2,
          VolumeSizeInGB: 30,
          VolumeKmsKeyId: o.volumeKmsKeyId,
        },
        StoppingCondition: { MaxRuntimeInSeconds: 7200 },
        EnableNetworkIsolation: o.isolation,
        EnableInterContainerTrafficEncryption: o.interContainerEncryption,
        EnableManagedSpotTraining: false,
      },
      HyperParameterTuningJobStatus: 'Completed',
      CreationTime: at(`${o.date}T00:30`),
      HyperParameterTuningEndTime: at(`${o.date}T06:10`),
      LastModifiedTime: at(`${o.date}T06:10`),
      TrainingJobStatusCounters: {
        Completed: 20,
        InProgress: 0,
        RetryableError: 0,
        NonRetryableError: 0,
        Stopped: 0,
      },
      ObjectiveStatusCounters: { Succeeded: 20, Pending: 0, Failed: 0 },
      BestTrainingJob: {
        TrainingJobName: o.bestTrainingJob,
        TrainingJobArn: rb.arn('training-job', o.bestTrainingJob),
        TuningJobName: o.name,
        CreationTime: at(`${o.date}T03:00`),
        TrainingJobStatus: 'Completed',
        TunedHyperParameters: { max_depth: '7', eta: '0.13' },
        FinalHyperParameterTuningJobObjectiveMetric: {
          MetricName: 'validation:auc',
          Value: 0.912,
        },
        ObjectiveStatus: 'Succeeded',
      },
    },
    o.tags,
  );
}

function pipeline(rb, o) {
  const definition = {
    Version: '2020-12-01',
    Parameters: [{ Name: 'InputData', Type: 'String' }],
    Steps: [
      {
        Name: 'Preprocess',
        Type: 'Processing',
        Arguments: {
          ProcessingResources: {
            ClusterConfig: {
              InstanceType: 'ml.m5.xlarge',
              InstanceCount: 1,
              VolumeSizeInGB: 30,
              ...(o.volumeKmsKeyId ? { VolumeKmsKeyId: o.volumeKmsKeyId } : {}),
            },
          },
          AppSpecification: { ImageUri: o.image },
          RoleArn: o.stepRole,
          NetworkConfig: { EnableNetworkIsolation: o.isolation },
        },
      },
      {
        Name: 'Train',
        Type: 'Training',
        Arguments: {
          AlgorithmSpecification: {
            TrainingImage: o.image,
            TrainingInputMode: 'File',
          },
          OutputDataConfig: {
            S3OutputPath: `s3://${o.bucket}/pipelines/${o.name}/`,
            ...(o.volumeKmsKeyId ? { KmsKeyId: o.volumeKmsKeyId } : {}),
          },
          ResourceConfig: {
            InstanceType: 'ml.m5.2xlarge',
            InstanceCount: 1,
            VolumeSizeInGB: 30,
          },
          RoleArn: o.stepRole,
          EnableNetworkIsolation: o.isolation,
          StoppingCondition: { MaxRuntimeInSeconds: 86400 },
        },
      },
      {
        Name: 'Register',
        Type: 'RegisterModel',
        Arguments: {
          ModelPackageGroupName: o.modelPackageGroup,
          ModelApprovalStatus: 'PendingManualApproval',
        },
      },
    ],
  };
  return rb.add(
    'pipeline',
    {
      PipelineArn: rb.arn('pipeline', o.name),
      PipelineName: o.name,
      PipelineDisplayName: o.name,
      PipelineDefinition: JSON.stringify(definition),
      PipelineDescription: o.description,
      RoleArn: o.role,
      PipelineStatus: 'Active',
      CreationTime: at('2024-10-02T10:00'),
      LastModifiedTime: at('2025-05-21T09:30'),
      LastRunTime: at('2025-06-15T02:00'),
      ParallelismConfiguration: { MaxParallelExecutionSteps: 4 },
    },
    o.tags,
  );
}

function featureGroup(rb, o) {
  return rb.add(
    'feature-group',
    {
      FeatureGroupArn: rb.arn('feature-group', o.name),
      FeatureGroupName: o.name,
      RecordIdentifierFeatureName: o.recordId,
      EventTimeFeatureName: 'event_time',
      FeatureDefinitions: [
        { FeatureName: o.recordId, FeatureType: 'String' },
        { FeatureName: 'event_time', FeatureType: 'Fractional' },
        ...o.features.map(name => ({
          FeatureName: name,
          FeatureType: 'Fractional',
        })),
      ],
      CreationTime: at('2024-06-04T08:00'),
      LastModifiedTime: at('2025-04-18T10:00'),
      OnlineStoreConfig: {
        EnableOnlineStore: true,
        StorageType: 'Standard',
        ...(o.onlineKmsKeyId
          ? { SecurityConfig: { KmsKeyId: o.onlineKmsKeyId } }
          : {}),
      },
      OfflineStoreConfig: {
        S3StorageConfig: {
          S3Uri: `s3://${o.bucket}/feature-store`,
          KmsKeyId: o.offlineKmsKeyId,
          ResolvedOutputS3Uri: `s3://${o.bucket}/feature-store/${rb.account}/sagemaker/${rb.region}/offline-store/${o.name}/data`,
        },
        DisableGlueTableCreation: false,
        DataCatalogConfig: {
          TableName: `${o.name.replace(/-/g, '_')}_1718000000`,
          Catalog: 'AwsDataCatalog',
          Database: 'sagemaker_featurestore',
        },
        TableFormat: 'Iceberg',
      },
      ThroughputConfig: { ThroughputMode: 'OnDemand' },
      RoleArn: o.role,
      FeatureGroupStatus: 'Created',
      OfflineStoreStatus: { Status: 'Active' },
      Description: o.description,
    },
    o.tags,
  );
}

function modelPackageGroup(rb, o) {
  return rb.add(
    'model-package-group',
    {
      ModelPackageGroupName: o.name,
      ModelPackageGroupArn: rb.arn('model-package-group', o.name),
      ModelPackageGroupDescription: o.description,
      CreationTime: at('2024-08-01T10:00'),
      CreatedBy: { UserProfileName: 'pipeline' },
      ModelPackageGroupStatus: 'Completed',
      // GetModelPackageGroupPolicy's answer, a JSON string; absent = no policy.
      ...(o.policy ? { ResourcePolicy: JSON.stringify(o.policy) } : {}),
    },
    o.tags,
  );
}

function modelPackage(rb, o) {
  return rb.add(
    'model-package',
    {
      // Versioned packages carry their group's name; the ARN names the version.
      ModelPackageName: o.group,
      ModelPackageGroupName: o.group,
      ModelPackageVersion: o.version,
      ModelPackageArn: rb.arn('model-package', `${o.group}/${o.version}`),
      ModelPackageDescription: `${o.group} version ${o.version}`,
      CreationTime: at(o.created),
      InferenceSpecification: {
        Containers: [
          {
            Image: o.image,
            ImageDigest: `sha256:${hash(`${o.image}:${o.version}`)}`,
            ModelDataUrl: `s3://${o.bucket}/models/${o.group}/v${o.version}/model.tar.gz`,
          },
        ],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
        SupportedRealtimeInferenceInstanceTypes: ['ml.m5.xlarge'],
      },
      ModelPackageStatus: 'Completed',
      ModelPackageStatusDetails: {
        ValidationStatuses: [],
        ImageScanStatuses: [],
      },
      CertifyForMarketplace: false,
      ModelApprovalStatus: o.approval,
      LastModifiedTime: at(o.created),
      // Approved in a later, separate step (UpdateModelPackage) by a
      // reviewer, or registered as Approved by the pipeline itself.
      ...(o.approval === 'Approved' && o.reviewedBy
        ? {
            ApprovalDescription: 'Reviewed by the model risk committee',
            LastModifiedTime: at(o.reviewedAt),
            LastModifiedBy: { IamIdentity: { Arn: o.reviewedBy } },
          }
        : {}),
      ...(o.approval === 'Approved' && !o.reviewedBy
        ? { ApprovalDescription: 'Auto-approved by the training pipeline' }
        : {}),
    },
    o.tags,
  );
}

const MONITOR_TYPES = {
  'data-quality-job-definition': {
    prefix: 'DataQuality',
    monitoringType: 'DataQuality',
  },
  'model-quality-job-definition': {
    prefix: 'ModelQuality',
    monitoringType: 'ModelQuality',
  },
  'model-bias-job-definition': {
    prefix: 'ModelBias',
    monitoringType: 'ModelBias',
  },
  'model-explainability-job-definition': {
    prefix: 'ModelExplainability',
    monitoringType: 'ModelExplainability',
  },
};

function networkConfig(o) {
  return {
    EnableInterContainerTrafficEncryption: o.interContainerEncryption,
    EnableNetworkIsolation: o.isolation,
    VpcConfig: o.vpc,
  };
}

/** A Model Monitor job definition of one of the four kinds. */
function monitorDefinition(rb, type, o) {
  const { prefix } = MONITOR_TYPES[type];
  const appSpec = {
    ImageUri:
      prefix === 'DataQuality' || prefix === 'ModelQuality'
        ? IMAGES[rb.region].monitor
        : IMAGES[rb.region].clarify,
    ...(prefix === 'ModelQuality'
      ? { ProblemType: 'BinaryClassification' }
      : {}),
    ...(prefix === 'ModelBias' || prefix === 'ModelExplainability'
      ? {
          ConfigUri: `s3://${o.bucket}/monitoring/${o.name}/analysis_config.json`,
        }
      : {}),
  };
  const endpointInput = {
    EndpointName: o.endpoint,
    LocalPath: '/opt/ml/processing/input/endpoint',
    S3InputMode: 'File',
    S3DataDistributionType: 'FullyReplicated',
    ...(prefix === 'DataQuality'
      ? {}
      : { InferenceAttribute: '0', ProbabilityAttribute: '0' }),
  };
  const jobInput = {
    EndpointInput: endpointInput,
    ...(prefix === 'ModelQuality' || prefix === 'ModelBias'
      ? {
          GroundTruthS3Input: {
            S3Uri: `s3://${o.bucket}/ground-truth/${o.endpoint}/`,
          },
        }
      : {}),
  };
  return rb.add(
    type,
    {
      JobDefinitionArn: rb.arn(type, o.name),
      JobDefinitionName: o.name,
      CreationTime: at('2025-04-22T10:00'),
      [`${prefix}BaselineConfig`]: {
        ConstraintsResource: {
          S3Uri: `s3://${o.bucket}/monitoring/${o.name}/baseline/constraints.json`,
        },
      },
      [`${prefix}AppSpecification`]: appSpec,
      [`${prefix}JobInput`]: jobInput,
      [`${prefix}JobOutputConfig`]: {
        MonitoringOutputs: [
          {
            S3Output: {
              S3Uri: `s3://${o.bucket}/monitoring/${o.name}/reports`,
              LocalPath: '/opt/ml/processing/output',
              S3UploadMode: 'Continuous',
            },
          },
        ],
        KmsKeyId: o.outputKmsKeyId,
      },
      JobResources: {
        ClusterConfig: {
          InstanceCount: o.instances ?? 1,
          InstanceType: 'ml.m5.xlarge',
          VolumeSizeInGB: 20,
          VolumeKmsKeyId: o.volumeKmsKeyId,
        },
      },
      NetworkConfig: networkConfig(o),
      RoleArn: o.role,
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    },
    o.tags,
  );
}

function monitoringSchedule(rb, o) {
  const config = o.definition
    ? {
        ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
        MonitoringJobDefinitionName: o.definition,
        MonitoringType: o.monitoringType,
      }
    : {
        ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
        MonitoringType: o.monitoringType,
        // A legacy schedule with its job definition inline.
        MonitoringJobDefinition: o.inline,
      };
  return rb.add(
    'monitoring-schedule',
    {
      MonitoringScheduleArn: rb.arn('monitoring-schedule', o.name),
      MonitoringScheduleName: o.name,
      MonitoringScheduleStatus: o.status ?? 'Scheduled',
      MonitoringType: o.monitoringType,
      CreationTime: at('2025-04-22T10:05'),
      LastModifiedTime: at('2025-06-16T09:00'),
      MonitoringScheduleConfig: config,
      EndpointName: o.endpoint,
      LastMonitoringExecutionSummary: {
        MonitoringScheduleName: o.name,
        ScheduledTime: at('2025-06-16T09:00'),
        CreationTime: at('2025-06-16T09:02'),
        LastModifiedTime: at('2025-06-16T09:19'),
        MonitoringExecutionStatus: o.lastExecution ?? 'Completed',
        ProcessingJobArn: rb.arn(
          'processing-job',
          `model-monitoring-202506160900-${hash(o.name).slice(0, 24)}`,
        ),
        EndpointName: o.endpoint,
        MonitoringType: o.monitoringType,
      },
    },
    o.tags,
  );
}

function hyperpodCluster(rb, o) {
  const clusterId = hash(`${rb.account}:${rb.region}:cluster:${o.name}`).slice(
    0,
    12,
  );
  return rb.add(
    'hyperpod-cluster',
    {
      ClusterArn: rb.arn('cluster', clusterId),
      ClusterName: o.name,
      ClusterStatus: 'InService',
      CreationTime: at(o.created ?? '2025-05-20T10:00'),
      InstanceGroups: o.groups.map(group => ({
        CurrentCount: group.count,
        TargetCount: group.count,
        InstanceGroupName: group.name,
        InstanceType: group.instanceType,
        LifeCycleConfig: {
          SourceS3Uri: `s3://${o.bucket}/hyperpod/${o.name}/lifecycle/`,
          OnCreate: 'on_create.sh',
        },
        ExecutionRole: o.role,
        ThreadsPerCore: 1,
        InstanceStorageConfigs: [
          ...(group.rootKmsKeyId
            ? [
                {
                  EbsVolumeConfig: {
                    RootVolume: true,
                    VolumeKmsKeyId: group.rootKmsKeyId,
                  },
                },
              ]
            : []),
          {
            EbsVolumeConfig: {
              VolumeSizeInGB: 500,
              RootVolume: false,
              VolumeKmsKeyId: group.volumeKmsKeyId,
            },
          },
        ],
        OnStartDeepHealthChecks: ['InstanceStress', 'InstanceConnectivity'],
        Status: 'InService',
        OverrideVpcConfig: group.overrideVpc,
      })),
      VpcConfig: o.vpc,
      NodeRecovery: o.nodeRecovery,
    },
    o.tags,
  );
}

function mlflowTrackingServer(rb, o) {
  return rb.add(
    'mlflow-tracking-server',
    {
      TrackingServerArn: rb.arn('mlflow-tracking-server', o.name),
      TrackingServerName: o.name,
      ArtifactStoreUri: `s3://${o.bucket}/mlflow/${o.name}/`,
      TrackingServerSize: o.size ?? 'Small',
      MlflowVersion: '2.16.2',
      RoleArn: o.role,
      TrackingServerStatus: 'Created',
      IsActive: 'Active',
      TrackingServerUrl: `https://t-${hash(o.name).slice(0, 12)}.${
        rb.region
      }.experiments.sagemaker.aws`,
      WeeklyMaintenanceWindowStart: 'Sun:02:00',
      AutomaticModelRegistration: o.automaticModelRegistration,
      CreationTime: at(o.created ?? '2025-06-10T09:00'),
      LastModifiedTime: at(o.created ?? '2025-06-10T09:00'),
      S3BucketOwnerAccountId: o.bucketOwner,
      S3BucketOwnerVerification: o.verifyBucketOwner,
    },
    o.tags,
  );
}

function mlflowApp(rb, o) {
  const appId = `app-${hash(
    `${rb.account}:${rb.region}:mlflow-app:${o.name}`,
  ).slice(0, 12)}`;
  return rb.add(
    'mlflow-app',
    {
      Arn: rb.arn('mlflow-app', appId),
      Name: o.name,
      ArtifactStoreUri: `s3://${o.bucket}/mlflow-apps/${o.name}/`,
      MlflowVersion: '3.0.0',
      RoleArn: o.role,
      KmsKeyId: o.kmsKeyId,
      Status: 'Created',
      ModelRegistrationMode: o.modelRegistrationMode,
      AccountDefaultStatus: 'DISABLED',
      CreationTime: at(o.created ?? '2025-06-20T09:00'),
      LastModifiedTime: at(o.created ?? '2025-06-20T09:00'),
      WeeklyMaintenanceWindowStart: 'Sun:03:00',
    },
    o.tags,
  );
}

function automlJob(rb, o) {
  const start = o.date;
  return rb.add(
    'automl-job',
    {
      AutoMLJobName: o.name,
      AutoMLJobArn: rb.arn('automl-job', o.name),
      AutoMLJobInputDataConfig: [
        {
          ChannelType: 'training',
          ContentType: 'text/csv;header=present',
          CompressionType: 'None',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: `s3://${o.bucket}/datasets/${o.service}/autopilot/`,
            },
          },
        },
      ],
      OutputDataConfig: {
        S3OutputPath: `s3://${o.bucket}/autopilot/${o.name}/`,
        KmsKeyId: o.outputKmsKeyId,
      },
      RoleArn: o.role,
      AutoMLJobObjective: { MetricName: 'F1' },
      AutoMLProblemTypeConfig: {
        TabularJobConfig: {
          TargetAttributeName: o.target,
          ProblemType: 'BinaryClassification',
          CompletionCriteria: { MaxCandidates: 50 },
          Mode: 'ENSEMBLING',
        },
      },
      AutoMLProblemTypeConfigName: 'Tabular',
      SecurityConfig: o.security,
      AutoMLJobStatus: 'Completed',
      AutoMLJobSecondaryStatus: 'Completed',
      CreationTime: at(`${start}T02:00`),
      EndTime: at(`${start}T05:40`),
      LastModifiedTime: at(`${start}T05:41`),
    },
    o.tags,
  );
}

function compilationJob(rb, o) {
  const start = o.date;
  return rb.add(
    'compilation-job',
    {
      CompilationJobName: o.name,
      CompilationJobArn: rb.arn('compilation-job', o.name),
      CompilationJobStatus: 'COMPLETED',
      CompilationStartTime: at(`${start}T03:01`),
      CompilationEndTime: at(`${start}T03:09`),
      StoppingCondition: { MaxRuntimeInSeconds: 900 },
      CreationTime: at(`${start}T03:00`),
      LastModifiedTime: at(`${start}T03:10`),
      FailureReason: '',
      ModelArtifacts: {
        S3ModelArtifacts: `s3://${o.bucket}/compiled/${o.name}/model-ml_c5.tar.gz`,
      },
      RoleArn: o.role,
      InputConfig: {
        S3Uri: `s3://${o.bucket}/models/${o.service}/model.tar.gz`,
        DataInputConfig: '{"input0":[1,64]}',
        Framework: 'PYTORCH',
        FrameworkVersion: '2.0',
      },
      OutputConfig: {
        S3OutputLocation: `s3://${o.bucket}/compiled/${o.name}/`,
        TargetDevice: 'ml_c5',
        KmsKeyId: o.outputKmsKeyId,
      },
      VpcConfig: o.vpc,
    },
    o.tags,
  );
}

function flowDefinition(rb, o) {
  return rb.add(
    'flow-definition',
    {
      FlowDefinitionArn: rb.arn('flow-definition', o.name),
      FlowDefinitionName: o.name,
      FlowDefinitionStatus: 'Active',
      CreationTime: at(o.created ?? '2025-05-20T09:00'),
      HumanLoopConfig: {
        WorkteamArn: o.workteam,
        HumanTaskUiArn: rb.arn('human-task-ui', `${o.name}-ui`),
        TaskTitle: o.title,
        TaskDescription: 'Confirm or correct the model output',
        TaskCount: 1,
        TaskAvailabilityLifetimeInSeconds: 86400,
        TaskTimeLimitInSeconds: 3600,
        ...(o.publicPrice
          ? {
              PublicWorkforceTaskPrice: {
                AmountInUsd: {
                  Dollars: 0,
                  Cents: 12,
                  TenthFractionsOfACent: 0,
                },
              },
            }
          : {}),
      },
      OutputConfig: {
        S3OutputPath: `s3://${o.bucket}/human-review/${o.name}/`,
        KmsKeyId: o.outputKmsKeyId,
      },
      RoleArn: o.role,
    },
    o.tags,
  );
}

function partnerApp(rb, o) {
  const appId = `app-${hash(
    `${rb.account}:${rb.region}:partner-app:${o.name}`,
  ).slice(0, 12)}`;
  return rb.add(
    'partner-app',
    {
      Arn: rb.arn('partner-app', appId),
      Name: o.name,
      Type: o.type,
      Status: 'Available',
      CreationTime: at(o.created ?? '2025-06-25T09:00'),
      LastModifiedTime: at(o.created ?? '2025-06-25T09:00'),
      ExecutionRoleArn: o.role,
      KmsKeyId: o.kmsKeyId,
      BaseUrl: `https://${appId}.${rb.region}.partner-app.sagemaker.aws`,
      MaintenanceConfig: { MaintenanceWindowStart: 'Sun:04:00' },
      Tier: 'small',
      Version: '1.2',
      ApplicationConfig: { AdminUsers: o.admins },
      AuthType: 'IAM',
      EnableIamSessionBasedIdentity: o.sessionIdentity,
      EnableAutoMinorVersionUpgrade: o.autoUpgrade,
    },
    o.tags,
  );
}

function inferenceComponent(rb, o) {
  const container = o.image
    ? {
        Container: {
          DeployedImage: {
            SpecifiedImage: o.image,
            ResolvedImage: `${o.image.split(':')[0]}@sha256:${hash(o.image)}`,
            ResolutionTime: at('2025-06-20T10:05'),
          },
          ArtifactUrl: `s3://${o.bucket}/inference-components/${o.name}/model.tar.gz`,
          Environment: o.environment ?? {},
        },
      }
    : {};
  return rb.add(
    'inference-component',
    {
      InferenceComponentName: o.name,
      InferenceComponentArn: rb.arn('inference-component', o.name),
      EndpointName: o.endpoint,
      EndpointArn: rb.arn('endpoint', o.endpoint),
      VariantName: 'AllTraffic',
      Specification: {
        ...(o.model ? { ModelName: o.model } : {}),
        ...container,
        ComputeResourceRequirements: {
          NumberOfCpuCoresRequired: 1,
          MinMemoryRequiredInMb: 2048,
        },
      },
      RuntimeConfig: { DesiredCopyCount: 1, CurrentCopyCount: 1 },
      CreationTime: at(o.created ?? '2025-06-20T10:00'),
      LastModifiedTime: at(o.created ?? '2025-06-20T10:00'),
      InferenceComponentStatus: 'InService',
    },
    o.tags,
  );
}

function inferenceExperiment(rb, o) {
  return rb.add(
    'inference-experiment',
    {
      Arn: rb.arn('inference-experiment', o.name),
      Name: o.name,
      Type: 'ShadowMode',
      Schedule: {
        StartTime: at('2025-06-12T00:00'),
        EndTime: at('2025-06-26T00:00'),
      },
      Status: 'Running',
      Description: o.description,
      CreationTime: at('2025-06-11T16:00'),
      LastModifiedTime: at('2025-06-12T00:01'),
      RoleArn: o.role,
      EndpointMetadata: {
        EndpointName: o.endpoint,
        EndpointConfigName: o.endpointConfig,
        EndpointStatus: 'InService',
      },
      ModelVariants: [
        {
          ModelName: o.production,
          VariantName: 'production',
          InfrastructureConfig: {
            InfrastructureType: 'RealTimeInference',
            RealTimeInferenceConfig: {
              InstanceType: 'ml.m5.xlarge',
              InstanceCount: 2,
            },
          },
          Status: 'InService',
        },
        {
          ModelName: o.shadow,
          VariantName: 'shadow',
          InfrastructureConfig: {
            InfrastructureType: 'RealTimeInference',
            RealTimeInferenceConfig: {
              InstanceType: 'ml.m5.xlarge',
              InstanceCount: 1,
            },
          },
          Status: 'InService',
        },
      ],
      DataStorageConfig: {
        Destination: `s3://${o.bucket}/experiments/${o.name}/`,
        KmsKey: o.dataKmsKey,
        ContentType: { CsvContentTypes: ['text/csv'] },
      },
      ShadowModeConfig: {
        SourceModelVariantName: 'production',
        ShadowModelVariants: [
          { ShadowModelVariantName: 'shadow', SamplingPercentage: 50 },
        ],
      },
      KmsKey: o.kmsKey,
    },
    o.tags,
  );
}

// ------------------------------------------------------------- the estate

const B = {
  prodTraining: `acme-ml-prod-training-data-${PROD}`,
  prodModels: `acme-ml-prod-models-${PROD}`,
  prodCapture: `acme-ml-prod-datacapture-${PROD}`,
  prodFeatures: `acme-ml-prod-features-${PROD}`,
  prodEu: `acme-ml-prod-eu-${PROD}`,
  prodDefault: `sagemaker-us-east-1-${PROD}`,
  devSandbox: `acme-ml-dev-sandbox-${DEV}`,
  devDefault: `sagemaker-us-east-1-${DEV}`,
  devEu: `acme-ml-dev-eu-${DEV}`,
  /** Deliberate gap: the data lake lives in another account, outside the estate. */
  dataLake: 'acme-data-lake-raw',
};

function productionAccount() {
  const R = {
    fraud: roleArn(PROD, 'AcmeSageMakerFraudExecution', '/service-role/'),
    credit: roleArn(PROD, 'AcmeSageMakerCreditExecution'),
    platform: roleArn(PROD, 'AcmeSageMakerPlatformExecution'),
    aml: roleArn(PROD, 'AcmeSageMakerAmlExecution'),
    pipeline: roleArn(PROD, 'AcmeSageMakerPipelineExecution'),
    monitor: roleArn(PROD, 'AcmeSageMakerMonitorExecution'),
  };

  // us-east-1: the main production region.
  const use1 = new RegionBuilder(PROD, 'us-east-1');
  const mlData = use1.key('ml-data', {
    description: 'ML training data and model artifacts',
    aliases: ['alias/ml-data'],
    rotation: true,
    users: [R.fraud, R.pipeline, R.monitor, R.aml],
  });
  const fraudKey = use1.key('fraud-ml', {
    description: 'Fraud ML endpoints and captured inference data',
    aliases: ['alias/fraud-ml'],
    rotation: true,
    users: [R.fraud, R.monitor],
  });
  const creditKey = use1.key('credit-ml', {
    description: 'Credit ML volumes',
    aliases: ['alias/credit-ml'],
    rotation: false,
    users: [R.credit, R.pipeline],
  });
  const featuresKey = use1.key('platform-features', {
    description: 'Feature store offline and online stores',
    aliases: ['alias/platform-features'],
    rotation: true,
    users: [R.platform],
  });
  const logsKey = use1.key('ml-logs', {
    description: 'SageMaker CloudWatch log groups',
    aliases: ['alias/ml-logs'],
    rotation: true,
  });
  const retiredKey = use1.key('legacy-credit', {
    description: 'Retired credit model key (scheduled for deletion)',
    aliases: ['alias/legacy-credit'],
    rotation: false,
    state: 'PendingDeletion',
    created: '2021-09-01T10:00',
  });
  const awsSageMaker = use1.key('aws-sagemaker', {
    manager: 'AWS',
    description:
      'Default key that protects my SageMaker data when no other key is defined',
    aliases: ['alias/aws/sagemaker'],
  });

  const vpcId = use1.vpc({
    name: 'ml-prod',
    cidr: '10.10.0.0/16',
    subnets: [
      { name: 'ml-prod-private-a', az: 'a', cidr: '10.10.1.0/24' },
      { name: 'ml-prod-private-b', az: 'b', cidr: '10.10.2.0/24' },
      {
        name: 'ml-prod-public-a',
        az: 'a',
        cidr: '10.10.100.0/24',
        public: true,
      },
    ],
    securityGroups: [
      {
        name: 'ml-prod-endpoints',
        description:
          'SageMaker ENIs and interface endpoints: HTTPS from the VPC only',
        forEndpoints: true,
        ingress: [
          { protocol: 'tcp', from: 443, to: 443, cidrs: ['10.10.0.0/16'] },
        ],
        egress: [
          {
            protocol: 'tcp',
            from: 443,
            to: 443,
            cidrs: ['10.10.0.0/16'],
            prefixLists: ['pl-63a5400a'],
          },
        ],
      },
      {
        name: 'ml-prod-training',
        description: 'Distributed training: nodes talk to each other only',
        ingress: [{ protocol: '-1', self: true }],
        egress: [
          { protocol: '-1', self: true },
          { protocol: 'tcp', from: 443, to: 443, cidrs: ['10.10.0.0/16'] },
        ],
      },
      {
        name: 'ml-prod-legacy-open',
        description: 'Legacy analyst access (to be removed)',
        ingress: [
          { protocol: 'tcp', from: 8888, to: 8888, cidrs: ['0.0.0.0/0'] },
          {
            protocol: 'tcp',
            from: 22,
            to: 22,
            cidrs: ['0.0.0.0/0'],
            ipv6: ['::/0'],
          },
        ],
        egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'] }],
      },
    ],
    endpoints: [
      'sagemaker.api',
      'sagemaker.runtime',
      'studio',
      'notebook',
      's3',
      'kms',
      'ecr.api',
      'ecr.dkr',
      'sts',
      'logs',
      'monitoring',
    ],
  });
  const privateVpc = ['ml-prod-private-a', 'ml-prod-private-b'];
  const img = IMAGES['us-east-1'];

  // fraud-scoring: the well-configured reference service.
  {
    const tags = serviceTags('fraud-scoring', 'prod');
    const image = ownImage(use1, 'fraud-scoring', '7.0.3');
    const vpc = vpcConfig(use1, privateVpc, ['ml-prod-endpoints']);
    for (const version of ['v7', 'v8']) {
      model(use1, {
        name: `fraud-scoring-xgb-${version}`,
        image:
          version === 'v7' ? image : ownImage(use1, 'fraud-scoring', '8.0.0'),
        registry: 'Vpc',
        bucket: B.prodModels,
        role: R.fraud,
        vpc,
        isolation: true,
        tags,
      });
    }
    const capture = dataCapture(
      B.prodCapture,
      'fraud-scoring-prod',
      fraudKey.arn,
    );
    endpointConfig(use1, {
      name: 'fraud-scoring-prod-config-v7',
      model: 'fraud-scoring-xgb-v7',
      instances: 2,
      kmsKeyId: fraudKey.arn,
      capture,
      tags,
    });
    endpoint(use1, {
      name: 'fraud-scoring-prod',
      config: 'fraud-scoring-prod-config-v7',
      image,
      instances: 2,
      capture,
      tags,
    });
    // The v8 model served beside v7 as an inference component: isolated, in
    // the VPC, on the keyed endpoint configuration.
    inferenceComponent(use1, {
      name: 'fraud-scoring-xgb-v8-ic',
      endpoint: 'fraud-scoring-prod',
      model: 'fraud-scoring-xgb-v8',
      tags,
    });
    trainingJob(use1, {
      name: 'fraud-scoring-xgb-2025-06-02',
      service: 'fraud-scoring',
      date: '2025-06-02',
      image: img.xgboost,
      bucket: B.prodTraining,
      role: R.fraud,
      outputKmsKeyId: mlData.arn,
      volumeKmsKeyId: mlData.id,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-training']),
      instances: 2,
      isolation: true,
      interContainerEncryption: true,
      tags,
    });
    processingJob(use1, {
      name: 'fraud-scoring-features-2025-06-02',
      service: 'fraud-scoring',
      date: '2025-06-02',
      image: img.sklearn,
      bucket: B.prodTraining,
      role: R.fraud,
      outputKmsKeyId: mlData.alias,
      volumeKmsKeyId: mlData.arn,
      vpc,
      isolation: true,
      interContainerEncryption: true,
      tags,
    });
    const monitorBase = {
      endpoint: 'fraud-scoring-prod',
      bucket: B.prodCapture,
      role: R.monitor,
      outputKmsKeyId: fraudKey.arn,
      volumeKmsKeyId: fraudKey.arn,
      vpc,
      tags,
    };
    monitorDefinition(use1, 'data-quality-job-definition', {
      ...monitorBase,
      name: 'fraud-scoring-prod-data-quality',
      isolation: true,
      interContainerEncryption: true,
    });
    monitorDefinition(use1, 'model-quality-job-definition', {
      ...monitorBase,
      name: 'fraud-scoring-prod-model-quality',
      isolation: false,
      interContainerEncryption: true,
    });
    monitoringSchedule(use1, {
      name: 'fraud-scoring-prod-data-quality-hourly',
      endpoint: 'fraud-scoring-prod',
      definition: 'fraud-scoring-prod-data-quality',
      monitoringType: 'DataQuality',
      tags,
    });
    monitoringSchedule(use1, {
      name: 'fraud-scoring-prod-model-quality-hourly',
      endpoint: 'fraud-scoring-prod',
      definition: 'fraud-scoring-prod-model-quality',
      monitoringType: 'ModelQuality',
      lastExecution: 'CompletedWithViolations',
      tags,
    });
    modelPackageGroup(use1, {
      name: 'fraud-scoring',
      description: 'Fraud scoring XGBoost models',
      // Good: the development account (scanned too) may read and deploy versions.
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DevAccountReadsVersions',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${DEV}:root` },
            Action: [
              'sagemaker:DescribeModelPackage',
              'sagemaker:ListModelPackages',
            ],
            Resource: `arn:aws:sagemaker:us-east-1:${PROD}:model-package/fraud-scoring/*`,
          },
        ],
      },
      tags,
    });
    modelPackage(use1, {
      group: 'fraud-scoring',
      version: 7,
      approval: 'Approved',
      created: '2025-05-29T18:00',
      reviewedAt: '2025-06-02T10:30',
      reviewedBy: `arn:aws:sts::${PROD}:assumed-role/ModelRiskReviewer/j.okafor`,
      image,
      bucket: B.prodModels,
      tags,
    });
    modelPackage(use1, {
      group: 'fraud-scoring',
      version: 8,
      approval: 'PendingManualApproval',
      created: '2025-06-11T15:00',
      image: ownImage(use1, 'fraud-scoring', '8.0.0'),
      bucket: B.prodModels,
      tags,
    });
    inferenceExperiment(use1, {
      name: 'fraud-scoring-v8-shadow',
      description: 'Shadow test of fraud-scoring v8 against v7',
      role: R.fraud,
      endpoint: 'fraud-scoring-prod',
      endpointConfig: 'fraud-scoring-prod-config-v7',
      production: 'fraud-scoring-xgb-v7',
      shadow: 'fraud-scoring-xgb-v8',
      bucket: B.prodCapture,
      kmsKey: fraudKey.arn,
      // Captured shadow traffic is stored without a key of its own.
      dataKmsKey: undefined,
      tags,
    });
    pipeline(use1, {
      name: 'fraud-scoring-training',
      description: 'Weekly retraining of the fraud scoring model',
      role: R.pipeline,
      stepRole: R.fraud,
      image: img.xgboost,
      bucket: B.prodTraining,
      volumeKmsKeyId: mlData.arn,
      isolation: true,
      modelPackageGroup: 'fraud-scoring',
      tags,
    });
    use1.alarm({
      endpoint: 'fraud-scoring-prod',
      metric: 'Invocation5XXErrors',
      threshold: 5,
      actions: [`arn:aws:sns:us-east-1:${PROD}:fraud-ml-oncall`],
    });
    use1.alarm({
      endpoint: 'fraud-scoring-prod',
      metric: 'ModelLatency',
      threshold: 250000,
      actions: [`arn:aws:sns:us-east-1:${PROD}:fraud-ml-oncall`],
    });
    use1.logGroup('/aws/sagemaker/Endpoints/fraud-scoring-prod', {
      retention: 365,
      kmsKeyId: logsKey.arn,
    });
  }

  // card-fraud-graph: batch scoring, owner tag in another case, weak isolation.
  {
    const tags = serviceTags('card-fraud-graph', 'prod', { owner: 'Fraud-ML' });
    model(use1, {
      name: 'card-fraud-graph-gnn-v2',
      image: ownImage(use1, 'card-fraud-graph', '2.1.0'),
      bucket: B.prodModels,
      role: R.fraud,
      isolation: false,
      tags,
    });
    transformJob(use1, {
      name: 'card-fraud-graph-batch-2025-06-10',
      service: 'card-fraud-graph',
      date: '2025-06-10',
      model: 'card-fraud-graph-gnn-v2',
      bucket: B.prodModels,
      tags,
    });
    trainingJob(use1, {
      name: 'card-fraud-graph-gnn-2025-06-01',
      service: 'card-fraud-graph',
      date: '2025-06-01',
      image: ownImage(use1, 'card-fraud-graph-train', '2.1.0'),
      bucket: B.prodTraining,
      role: R.fraud,
      outputKmsKeyId: awsSageMaker.alias,
      instanceType: 'ml.g5.12xlarge',
      instances: 4,
      isolation: false,
      interContainerEncryption: false,
      tags,
    });
    processingJob(use1, {
      name: 'card-fraud-graph-edges-2025-06-01',
      service: 'card-fraud-graph',
      date: '2025-06-01',
      image: ownImage(use1, 'card-fraud-graph-prep', '2.1.0'),
      bucket: B.prodTraining,
      role: R.fraud,
      outputKmsKeyId: mlData.aliasArn,
      instances: 2,
      isolation: false,
      interContainerEncryption: false,
      tags,
    });
    // Autopilot and Neo for the graph model challenger, and the analysts'
    // review of uncertain scores: in the VPC, under the data key, private
    // reviewers.
    automlJob(use1, {
      name: 'card-fraud-graph-autopilot-2025-06-03',
      service: 'card-fraud-graph',
      date: '2025-06-03',
      bucket: B.prodTraining,
      role: R.fraud,
      target: 'is_fraud',
      outputKmsKeyId: mlData.arn,
      security: {
        VolumeKmsKeyId: mlData.arn,
        EnableInterContainerTrafficEncryption: true,
        VpcConfig: vpcConfig(use1, privateVpc, ['ml-prod-endpoints']),
      },
      tags,
    });
    compilationJob(use1, {
      name: 'card-fraud-graph-neo-2025-06-04',
      service: 'card-fraud-graph',
      date: '2025-06-04',
      bucket: B.prodModels,
      role: R.fraud,
      outputKmsKeyId: mlData.arn,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-endpoints']),
      tags,
    });
    flowDefinition(use1, {
      name: 'card-fraud-graph-analyst-review',
      title: 'Review an uncertain card fraud score',
      workteam: use1.arn('workteam', 'private-crowd/fraud-analysts'),
      bucket: B.prodModels,
      role: R.fraud,
      outputKmsKeyId: mlData.arn,
      tags,
    });
  }

  // aml-transaction-monitor: serverless endpoint; its role's inline policy is unreadable.
  {
    const tags = serviceTags('aml-transaction-monitor', 'prod');
    const image = ownImage(use1, 'aml-transaction-monitor', '3.2.0');
    model(use1, {
      name: 'aml-txn-monitor-v3',
      image,
      bucket: B.prodModels,
      role: R.aml,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-endpoints']),
      isolation: true,
      tags,
    });
    endpointConfig(use1, {
      name: 'aml-txn-monitor-serverless-v3',
      model: 'aml-txn-monitor-v3',
      serverless: true,
      tags,
    });
    endpoint(use1, {
      name: 'aml-txn-monitor-prod',
      config: 'aml-txn-monitor-serverless-v3',
      image,
      serverless: true,
      tags,
    });
    trainingJob(use1, {
      name: 'aml-txn-monitor-2025-05-20',
      service: 'aml-transaction-monitor',
      date: '2025-05-20',
      image: img.xgboost,
      bucket: B.prodTraining,
      inputBucket: B.dataLake,
      role: R.aml,
      outputKmsKeyId: mlData.arn,
      volumeKmsKeyId: mlData.arn,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-training']),
      isolation: true,
      interContainerEncryption: true,
      tags,
    });
    use1.alarm({
      endpoint: 'aml-txn-monitor-prod',
      metric: 'Invocation5XXErrors',
      threshold: 1,
      actions: [`arn:aws:sns:us-east-1:${PROD}:fraud-ml-oncall`],
      actionsEnabled: false,
    });
  }

  // credit-risk-model: the weakest production endpoint; fairness monitoring.
  {
    const tags = serviceTags('credit-risk-model', 'prod');
    const image = ownImage(use1, 'credit-risk', '4.0.1');
    model(use1, {
      name: 'credit-risk-lgbm-v4',
      image,
      registry: 'Platform',
      bucket: B.prodModels,
      role: R.credit,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-endpoints']),
      isolation: false,
      environment: { SCORE_THRESHOLD: '0.42', LOG_LEVEL: 'info' },
      tags,
    });
    const capture = dataCapture(B.prodCapture, 'credit-risk-prod', undefined);
    endpointConfig(use1, {
      name: 'credit-risk-prod-config-v4',
      model: 'credit-risk-lgbm-v4',
      instances: 1,
      ssm: true,
      capture,
      tags,
    });
    endpoint(use1, {
      name: 'credit-risk-prod',
      config: 'credit-risk-prod-config-v4',
      image,
      instances: 1,
      capture,
      tags,
    });
    trainingJob(use1, {
      name: 'credit-risk-lgbm-2025-05-28',
      service: 'credit-risk-model',
      date: '2025-05-28',
      image: ownImage(use1, 'credit-risk-train', '4.0.1'),
      bucket: B.prodTraining,
      role: R.credit,
      outputKmsKeyId: creditKey.alias,
      volumeKmsKeyId: creditKey.id,
      isolation: false,
      interContainerEncryption: false,
      environment: { MLFLOW_TRACKING_URI: 'https://mlflow.acme-bank.internal' },
      tags,
    });
    processingJob(use1, {
      name: 'credit-risk-clarify-bias-2025-05-29',
      service: 'credit-risk-model',
      date: '2025-05-29',
      image: img.clarify,
      bucket: B.prodTraining,
      role: R.credit,
      outputKmsKeyId: retiredKey.arn,
      isolation: true,
      interContainerEncryption: true,
      tags,
    });
    const monitorBase = {
      endpoint: 'credit-risk-prod',
      bucket: B.prodCapture,
      role: R.monitor,
      tags,
    };
    monitorDefinition(use1, 'model-bias-job-definition', {
      ...monitorBase,
      name: 'credit-risk-prod-bias',
      instances: 2,
      isolation: true,
      interContainerEncryption: false,
      outputKmsKeyId: creditKey.arn,
    });
    monitorDefinition(use1, 'model-explainability-job-definition', {
      ...monitorBase,
      name: 'credit-risk-prod-explainability',
      isolation: false,
      interContainerEncryption: true,
    });
    monitoringSchedule(use1, {
      name: 'credit-risk-prod-bias-daily',
      endpoint: 'credit-risk-prod',
      definition: 'credit-risk-prod-bias',
      monitoringType: 'ModelBias',
      tags,
    });
    monitoringSchedule(use1, {
      name: 'credit-risk-prod-explainability-daily',
      endpoint: 'credit-risk-prod',
      definition: 'credit-risk-prod-explainability',
      monitoringType: 'ModelExplainability',
      status: 'Stopped',
      lastExecution: 'Failed',
      tags,
    });
    // An alarm that notifies nobody.
    use1.alarm({
      endpoint: 'credit-risk-prod',
      metric: 'Invocation5XXErrors',
      threshold: 5,
      actions: [],
      state: 'ALARM',
    });
    use1.logGroup('/aws/sagemaker/Endpoints/credit-risk-prod', {});
  }

  // loan-default-predictor: tuning, pipeline, registry; owner tag in upper case.
  {
    const tags = serviceTags('loan-default-predictor', 'prod', {
      owner: 'CREDIT-ML',
    });
    const vpc = vpcConfig(use1, privateVpc, ['ml-prod-training']);
    const best = 'loan-default-hpo-0615-012-5c1a9e3f';
    tuningJob(use1, {
      name: 'loan-default-hpo-0615',
      service: 'loan-default-predictor',
      date: '2025-06-15',
      image: img.xgboost,
      bucket: B.prodTraining,
      role: R.credit,
      vpc,
      outputKmsKeyId: creditKey.arn,
      volumeKmsKeyId: undefined,
      isolation: true,
      interContainerEncryption: false,
      bestTrainingJob: best,
      tags,
    });
    trainingJob(use1, {
      name: best,
      service: 'loan-default-predictor',
      date: '2025-06-15',
      tuningJobArn: use1.arn(
        'hyper-parameter-tuning-job',
        'loan-default-hpo-0615',
      ),
      image: img.xgboost,
      bucket: B.prodTraining,
      role: R.credit,
      vpc,
      outputKmsKeyId: creditKey.arn,
      instances: 2,
      isolation: true,
      interContainerEncryption: false,
      hyperParameters: { max_depth: '7', eta: '0.13', num_round: '400' },
      tags,
    });
    model(use1, {
      name: 'loan-default-xgb-v2',
      image: img.xgboost,
      bucket: B.prodModels,
      role: R.credit,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-endpoints']),
      isolation: true,
      tags,
    });
    transformJob(use1, {
      name: 'loan-default-scoring-2025-06-16',
      service: 'loan-default-predictor',
      date: '2025-06-16',
      model: 'loan-default-xgb-v2',
      bucket: B.prodModels,
      outputKmsKeyId: creditKey.arn,
      volumeKmsKeyId: creditKey.arn,
      tags,
    });
    pipeline(use1, {
      name: 'loan-default-training',
      description: 'Monthly retraining with approval gate',
      role: R.pipeline,
      stepRole: R.credit,
      image: img.xgboost,
      bucket: B.prodTraining,
      isolation: false,
      modelPackageGroup: 'loan-default',
      tags,
    });
    modelPackageGroup(use1, {
      name: 'loan-default',
      description: 'Loan default models reviewed by model risk',
      // Bad: shared with everyone, and everything granted to a vendor's
      // account that nobody scans.
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AnyoneDescribes',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'sagemaker:DescribeModelPackage',
            Resource: '*',
          },
          {
            Sid: 'ValidatorVendor',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${VENDOR}:root` },
            Action: 'sagemaker:*',
            Resource: '*',
          },
        ],
      },
      tags,
    });
    modelPackage(use1, {
      group: 'loan-default',
      version: 1,
      approval: 'Rejected',
      created: '2025-04-02T10:00',
      image: img.xgboost,
      bucket: B.prodModels,
      tags,
    });
    modelPackage(use1, {
      group: 'loan-default',
      version: 2,
      approval: 'Approved',
      created: '2025-06-16T07:00',
      image: img.xgboost,
      bucket: B.prodModels,
      tags,
    });
  }

  // ml-workbench: the production Studio domain (VPC only, SSO, CMK) and its users.
  {
    const tags = serviceTags('ml-workbench', 'prod');
    // JupyterLab set-up from the private package index, versions pinned.
    const baseline = studioLifecycleConfig(use1, {
      name: 'acme-jupyterlab-baseline',
      script: [
        '#!/bin/bash',
        'set -euo pipefail',
        'pip config set global.index-url https://acme-bank-111122223333.d.codeartifact.us-east-1.amazonaws.com/pypi/ml/simple/',
        'pip install --quiet pandas==2.2.2 scikit-learn==1.5.1',
        '',
      ].join('\n'),
      created: '2025-02-10T09:00',
      tags,
    });
    // The platform team's JupyterLab image, run as the default
    // unprivileged user, offered to every profile of the domain.
    const acmeImage = sagemakerImage(use1, {
      name: 'acme-jupyterlab-risk',
      displayName: 'Risk modelling (JupyterLab)',
      description: 'JupyterLab with the approved risk libraries',
      role: R.platform,
      created: '2025-02-12T09:00',
      tags,
    });
    const acmeImageConfig = appImageConfig(use1, {
      name: 'acme-jupyterlab-risk',
      app: 'JupyterLab',
      uid: 1000,
      gid: 100,
      created: '2025-02-12T09:05',
      tags,
    });
    const id = domain(use1, {
      name: 'acme-ml-studio-prod',
      lifecycleConfigArns: [baseline],
      jupyterLabImages: [
        { ImageName: acmeImage, AppImageConfigName: acmeImageConfig },
      ],
      role: R.platform,
      groups: ['ml-prod-endpoints'],
      subnets: privateVpc,
      vpcId,
      vpcOnly: true,
      sso: true,
      kmsKeyId: mlData.arn,
      sharing: { bucket: B.prodDefault, kmsKeyId: mlData.arn },
      // Source identity, identity propagation and tag propagation on; Canvas
      // artifacts under the data key.
      sourceIdentity: true,
      canvasKmsKeyId: mlData.arn,
      tags,
    });
    userProfile(use1, {
      domainId: id,
      name: 'bob-okafor',
      ssoUser: 'bob.okafor@acme-bank.example',
      settings: { ExecutionRole: R.fraud },
      tags: serviceTags('ml-workbench', 'prod', { owner: 'fraud-ml' }),
    });
    userProfile(use1, {
      domainId: id,
      name: 'carla-rossi',
      ssoUser: 'carla.rossi@acme-bank.example',
      settings: {
        ExecutionRole: R.credit,
        SecurityGroups: [use1.group('ml-prod-legacy-open')],
      },
      tags: serviceTags('ml-workbench', 'prod', { owner: 'credit-ml' }),
    });
    // Shared with the fraud team, owned by its lead.
    space(use1, {
      domainId: id,
      name: 'fraud-team-shared',
      owner: 'bob-okafor',
      sharing: 'Shared',
      tags,
    });
    use1.logGroup('/aws/sagemaker/studio', {
      retention: 90,
      kmsKeyId: logsKey.arn,
    });
    // A HyperPod cluster for foundation-model fine-tuning: in the private
    // VPC, every volume under the ML data key, nodes recovered automatically.
    const cluster = hyperpodCluster(use1, {
      name: 'acme-llm-finetune',
      role: R.platform,
      bucket: B.prodDefault,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-endpoints']),
      nodeRecovery: 'Automatic',
      groups: [
        {
          name: 'controller',
          instanceType: 'ml.m5.2xlarge',
          count: 1,
          rootKmsKeyId: mlData.arn,
          volumeKmsKeyId: mlData.arn,
        },
        {
          name: 'gpu-workers',
          instanceType: 'ml.p5.48xlarge',
          count: 4,
          rootKmsKeyId: mlData.arn,
          volumeKmsKeyId: mlData.arn,
          overrideVpc: vpcConfig(
            use1,
            ['ml-prod-private-b'],
            ['ml-prod-endpoints'],
          ),
        },
      ],
      tags,
    });
    use1.logGroup(
      `/aws/sagemaker/Clusters/acme-llm-finetune/${cluster.ClusterArn.split(
        '/',
      ).pop()}`,
      { retention: 90, kmsKeyId: logsKey.arn },
    );
    // The platform team's MLflow tracking server: artifacts in the
    // production models bucket, owner verified, registration by hand.
    mlflowTrackingServer(use1, {
      name: 'acme-experiments',
      role: R.platform,
      bucket: B.prodModels,
      bucketOwner: PROD,
      verifyBucketOwner: true,
      automaticModelRegistration: false,
      size: 'Medium',
      tags,
    });
    // Its MLflow App: under the ML data key, registration by hand.
    mlflowApp(use1, {
      name: 'acme-mlflow',
      role: R.platform,
      bucket: B.prodModels,
      kmsKeyId: mlData.arn,
      modelRegistrationMode: 'AutoModelRegistrationDisabled',
      tags,
    });
    // A Partner AI App (Comet) under the ML data key, per-user identity,
    // two named administrators, minor upgrades in the maintenance window.
    partnerApp(use1, {
      name: 'acme-comet',
      type: 'comet',
      role: R.platform,
      kmsKeyId: mlData.arn,
      admins: ['platform-lead', 'ml-security'],
      sessionIdentity: true,
      autoUpgrade: true,
      tags,
    });
  }

  // feature-store: one group fully encrypted (rotation unreadable), one not at all.
  {
    const tags = serviceTags('feature-store', 'prod');
    featureGroup(use1, {
      name: 'customer-transactions',
      description: 'Rolling transaction aggregates per customer',
      recordId: 'customer_id',
      features: ['txn_count_1h', 'txn_amount_24h', 'distinct_merchants_7d'],
      bucket: B.prodFeatures,
      offlineKmsKeyId: featuresKey.alias,
      onlineKmsKeyId: featuresKey.arn,
      role: R.platform,
      tags,
    });
    featureGroup(use1, {
      name: 'merchant-risk',
      description: 'Merchant chargeback and dispute rates',
      recordId: 'merchant_id',
      features: ['chargeback_rate_30d', 'dispute_rate_30d'],
      bucket: B.prodFeatures,
      role: R.platform,
      tags,
    });
    processingJob(use1, {
      name: 'feature-ingest-transactions-2025-06-14',
      service: 'feature-store',
      date: '2025-06-14',
      image: img.sklearn,
      bucket: B.prodFeatures,
      inputBucket: B.dataLake,
      role: R.platform,
      outputKmsKeyId: featuresKey.arn,
      volumeKmsKeyId: featuresKey.arn,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-endpoints']),
      isolation: false,
      interContainerEncryption: true,
      tags,
    });
    use1.logGroup('/aws/sagemaker/ProcessingJobs', { retention: 30 });
  }

  // customer-churn: AWS-managed key, data capture but no monitor.
  {
    const tags = serviceTags('customer-churn', 'prod');
    const image = ownImage(use1, 'customer-churn', '5.0.0');
    model(use1, {
      name: 'customer-churn-rf-v5',
      image,
      bucket: B.prodModels,
      role: R.platform,
      vpc: vpcConfig(use1, privateVpc, ['ml-prod-endpoints']),
      isolation: false,
      tags,
    });
    const capture = dataCapture(
      B.prodCapture,
      'customer-churn-prod',
      awsSageMaker.alias,
    );
    endpointConfig(use1, {
      name: 'customer-churn-prod-config-v5',
      model: 'customer-churn-rf-v5',
      instances: 2,
      kmsKeyId: awsSageMaker.aliasArn,
      capture,
      tags,
    });
    endpoint(use1, {
      name: 'customer-churn-prod',
      config: 'customer-churn-prod-config-v5',
      image,
      instances: 2,
      capture,
      tags,
    });
  }

  // next-best-offer: one resource with an unknown owner, one with none; no monitoring.
  {
    const image = ownImage(use1, 'next-best-offer', '1.4.2');
    model(use1, {
      name: 'next-best-offer-v1',
      image,
      bucket: B.prodModels,
      role: R.platform,
      isolation: false,
      environment: {
        PARTNER_OFFERS_API_KEY: 'demo-placeholder-not-a-real-key',
      },
      tags: serviceTags('next-best-offer', 'prod', { owner: null }),
    });
    endpointConfig(use1, {
      name: 'next-best-offer-config-v1',
      model: 'next-best-offer-v1',
      instances: 2,
      // Local NVMe storage: a volume key cannot be set on this instance type.
      instanceType: 'ml.m5d.xlarge',
      tags: serviceTags('next-best-offer', 'prod', {
        owner: 'growth-marketing',
      }),
    });
    endpoint(use1, {
      name: 'next-best-offer-prod',
      config: 'next-best-offer-config-v1',
      image,
      instances: 2,
      tags: serviceTags('next-best-offer', 'prod'),
    });
  }

  use1.logGroup('/aws/sagemaker/TrainingJobs', { retention: 90 });
  const trail = {
    name: 'acme-org-audit',
    home: 'us-east-1',
    multiRegion: true,
    logging: true,
    validation: true,
    kmsKeyId: `arn:aws:kms:us-east-1:${LOG_ARCHIVE}:key/${uuid('cloudtrail')}`,
    dataBuckets: [B.prodTraining, B.prodModels],
  };
  use1.trail(trail);
  use1.guardDuty({ enabled: true, runtime: true });

  // eu-west-1: EU mortgage lending and a fraud-scoring replica; few VPC endpoints.
  const euw1 = new RegionBuilder(PROD, 'eu-west-1');
  const euKey = euw1.key('ml-data-eu', {
    description: 'EU ML data (GDPR residency)',
    aliases: ['alias/ml-data-eu'],
    rotation: true,
    users: [R.credit, R.fraud, R.monitor],
  });
  euw1.key('aws-sagemaker', {
    manager: 'AWS',
    description:
      'Default key that protects my SageMaker data when no other key is defined',
    aliases: ['alias/aws/sagemaker'],
  });
  euw1.vpc({
    name: 'ml-prod-eu',
    cidr: '10.20.0.0/16',
    subnets: [
      { name: 'ml-prod-eu-private-a', az: 'a', cidr: '10.20.1.0/24' },
      { name: 'ml-prod-eu-private-b', az: 'b', cidr: '10.20.2.0/24' },
    ],
    securityGroups: [
      {
        name: 'ml-prod-eu-endpoints',
        description: 'SageMaker ENIs: HTTPS from the VPC only',
        forEndpoints: true,
        ingress: [
          { protocol: 'tcp', from: 443, to: 443, cidrs: ['10.20.0.0/16'] },
        ],
        egress: [{ protocol: 'tcp', from: 443, to: 443, cidrs: ['0.0.0.0/0'] }],
      },
    ],
    // Missing: sagemaker.runtime, kms, ecr.api, ecr.dkr, sts, logs.
    endpoints: ['sagemaker.api', 's3'],
  });
  const euVpc = vpcConfig(
    euw1,
    ['ml-prod-eu-private-a', 'ml-prod-eu-private-b'],
    ['ml-prod-eu-endpoints'],
  );
  const euImg = IMAGES['eu-west-1'];
  {
    const tags = serviceTags('mortgage-affordability', 'prod');
    const image = ownImage(euw1, 'mortgage-affordability', '2.3.0');
    model(euw1, {
      name: 'mortgage-affordability-v2',
      image,
      registry: 'Vpc',
      bucket: B.prodEu,
      role: R.credit,
      vpc: euVpc,
      isolation: true,
      tags,
    });
    const capture = dataCapture(
      B.prodEu,
      'mortgage-affordability-eu',
      euKey.arn,
    );
    endpointConfig(euw1, {
      name: 'mortgage-affordability-eu-config-v2',
      model: 'mortgage-affordability-v2',
      instances: 2,
      kmsKeyId: euKey.arn,
      capture,
      tags,
    });
    endpoint(euw1, {
      name: 'mortgage-affordability-eu',
      config: 'mortgage-affordability-eu-config-v2',
      image,
      instances: 2,
      capture,
      tags,
    });
    trainingJob(euw1, {
      name: 'mortgage-affordability-2025-06-05',
      service: 'mortgage-affordability',
      date: '2025-06-05',
      image: euImg.xgboost,
      bucket: B.prodEu,
      role: R.credit,
      outputKmsKeyId: euKey.arn,
      volumeKmsKeyId: euKey.id,
      vpc: euVpc,
      isolation: true,
      interContainerEncryption: true,
      tags,
    });
    processingJob(euw1, {
      name: 'mortgage-affordability-prep-2025-06-05',
      service: 'mortgage-affordability',
      date: '2025-06-05',
      image: euImg.sklearn,
      bucket: B.prodEu,
      role: R.credit,
      outputKmsKeyId: euKey.aliasArn,
      volumeKmsKeyId: euKey.arn,
      vpc: euVpc,
      isolation: true,
      interContainerEncryption: true,
      tags,
    });
    monitorDefinition(euw1, 'data-quality-job-definition', {
      name: 'mortgage-affordability-eu-data-quality',
      endpoint: 'mortgage-affordability-eu',
      bucket: B.prodEu,
      role: R.monitor,
      isolation: false,
      interContainerEncryption: false,
      tags,
    });
    monitoringSchedule(euw1, {
      name: 'mortgage-affordability-eu-data-quality-daily',
      endpoint: 'mortgage-affordability-eu',
      definition: 'mortgage-affordability-eu-data-quality',
      monitoringType: 'DataQuality',
      tags,
    });
    euw1.alarm({
      endpoint: 'mortgage-affordability-eu',
      metric: 'Invocation5XXErrors',
      threshold: 5,
      actions: [`arn:aws:sns:eu-west-1:${PROD}:credit-ml-oncall`],
    });
  }
  {
    const tags = serviceTags('fraud-scoring', 'prod');
    const image = ownImage(euw1, 'fraud-scoring', '7.0.3');
    model(euw1, {
      name: 'fraud-scoring-xgb-v7',
      image,
      registry: 'Vpc',
      bucket: B.prodEu,
      role: R.fraud,
      vpc: euVpc,
      isolation: true,
      tags,
    });
    const capture = dataCapture(B.prodEu, 'fraud-scoring-eu', euKey.arn);
    endpointConfig(euw1, {
      name: 'fraud-scoring-eu-config-v7',
      model: 'fraud-scoring-xgb-v7',
      instances: 2,
      kmsKeyId: euKey.alias,
      capture,
      tags,
    });
    endpoint(euw1, {
      name: 'fraud-scoring-eu',
      config: 'fraud-scoring-eu-config-v7',
      image,
      instances: 2,
      capture,
      tags,
    });
    monitoringSchedule(euw1, {
      name: 'fraud-scoring-eu-legacy-monitor',
      endpoint: 'fraud-scoring-eu',
      monitoringType: 'DataQuality',
      inline: {
        BaselineConfig: {
          ConstraintsResource: {
            S3Uri: `s3://${B.prodEu}/monitoring/fraud-scoring-eu/constraints.json`,
          },
        },
        MonitoringInputs: [
          {
            EndpointInput: {
              EndpointName: 'fraud-scoring-eu',
              LocalPath: '/opt/ml/processing/input/endpoint',
              S3InputMode: 'File',
              S3DataDistributionType: 'FullyReplicated',
            },
          },
        ],
        MonitoringOutputConfig: {
          MonitoringOutputs: [
            {
              S3Output: {
                S3Uri: `s3://${B.prodEu}/monitoring/fraud-scoring-eu/reports`,
                LocalPath: '/opt/ml/processing/output',
                S3UploadMode: 'Continuous',
              },
            },
          ],
        },
        MonitoringResources: {
          ClusterConfig: {
            InstanceCount: 1,
            InstanceType: 'ml.m5.xlarge',
            VolumeSizeInGB: 20,
          },
        },
        MonitoringAppSpecification: { ImageUri: euImg.monitor },
        StoppingCondition: { MaxRuntimeInSeconds: 3600 },
        RoleArn: R.monitor,
        // No NetworkConfig: neither isolation nor inter-container encryption.
      },
      tags,
    });
  }
  euw1.logGroup('/aws/sagemaker/Endpoints/mortgage-affordability-eu', {
    retention: 400,
    kmsKeyId: euKey.arn,
  });
  euw1.trail(trail);
  euw1.guardDuty({ enabled: true, runtime: true });

  const boundary = permissionsBoundary(PROD);
  const platformPolicy = customerPolicy(PROD, 'AcmeMLPlatformPolicy', [
    {
      Sid: 'PlatformEverything',
      Effect: 'Allow',
      Action: ['sagemaker:*', 's3:*', 'kms:*'],
      Resource: '*',
    },
    {
      Sid: 'PassAnyRole',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
    },
  ]);
  const monitoringPolicy = customerPolicy(PROD, 'AcmeMLMonitoringPolicy', [
    {
      Sid: 'ReadCaptureWriteReports',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
      Resource: [B.prodCapture, B.prodEu].flatMap(bucket => [
        s3Arn(bucket),
        `${s3Arn(bucket)}/*`,
      ]),
    },
    {
      Sid: 'UseMonitoringKeys',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [fraudKey.arn, euKey.arn, creditKey.arn],
    },
  ]);

  return {
    accountId: PROD,
    regions: [use1.toEstate(), euw1.toEstate()],
    roles: [
      role(PROD, 'AcmeSageMakerFraudExecution', {
        path: '/service-role/',
        description: 'Fraud ML training and inference',
        owner: 'fraud-ml',
        guard: true,
        boundary: true,
        inline: {
          'fraud-data-access': [
            ...dataAccess(
              [B.prodTraining, B.prodModels, B.prodCapture, B.prodEu],
              [mlData.arn, fraudKey.arn, euKey.arn],
            ),
            ...containerAccess(PROD),
          ],
        },
      }),
      role(PROD, 'AcmeSageMakerCreditExecution', {
        description: 'Credit ML: created from the console, never tightened',
        owner: 'credit-ml',
        guard: false,
        boundary: false,
        attached: [SAGEMAKER_FULL_ACCESS.arn],
        inline: {
          'credit-data-access': dataAccess(
            [B.prodTraining, B.prodModels, B.prodEu],
            [creditKey.arn, euKey.arn],
          ),
        },
      }),
      role(PROD, 'AcmeSageMakerPlatformExecution', {
        description: 'Studio, feature store and shared platform jobs',
        owner: 'ml-platform',
        guard: true,
        boundary: true,
        attached: [platformPolicy.arn],
      }),
      role(PROD, 'AcmeSageMakerAmlExecution', {
        description: 'AML transaction monitoring',
        owner: 'fraud-ml',
        guard: true,
        boundary: true,
        inline: {
          'aml-data-access': [
            ...dataAccess(
              [B.prodTraining, B.prodModels, B.dataLake],
              [mlData.arn],
            ),
            ...containerAccess(PROD),
          ],
        },
      }),
      role(PROD, 'AcmeSageMakerPipelineExecution', {
        description: 'SageMaker Pipelines orchestration',
        owner: 'ml-platform',
        guard: true,
        boundary: true,
        inline: {
          'pipeline-orchestration': [
            {
              Sid: 'RunPipelineSteps',
              Effect: 'Allow',
              Action: [
                'sagemaker:CreateProcessingJob',
                'sagemaker:CreateTrainingJob',
                'sagemaker:CreateModelPackage',
                'sagemaker:Describe*',
                'sagemaker:AddTags',
              ],
              Resource: `arn:aws:sagemaker:*:${PROD}:*`,
            },
            {
              Sid: 'PassStepRoles',
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: [R.fraud, R.credit],
              Condition: {
                StringEquals: {
                  'iam:PassedToService': 'sagemaker.amazonaws.com',
                },
              },
            },
          ],
        },
      }),
      role(PROD, 'AcmeSageMakerMonitorExecution', {
        description: 'Model Monitor and Clarify jobs',
        owner: 'ml-platform',
        guard: true,
        boundary: true,
        attached: [monitoringPolicy.arn],
      }),
    ],
    managedPolicies: [
      SAGEMAKER_FULL_ACCESS,
      platformPolicy,
      monitoringPolicy,
      boundary,
    ],
    buckets: [
      {
        name: B.prodTraining,
        region: 'us-east-1',
        encryption: kmsEncryption(mlData.arn),
        policy: bucketPolicy(B.prodTraining, { secureTransport: 'Bool' }),
        publicAccessBlock: BLOCK_ALL_PUBLIC,
      },
      {
        name: B.prodModels,
        region: 'us-east-1',
        encryption: kmsEncryption(mlData.arn),
        policy: bucketPolicy(B.prodModels, { secureTransport: 'BoolIfExists' }),
        publicAccessBlock: BLOCK_ALL_PUBLIC,
      },
      {
        name: B.prodCapture,
        region: 'us-east-1',
        encryption: S3_MANAGED_ENCRYPTION,
        policy: null,
        publicAccessBlock: BLOCK_ALL_PUBLIC,
      },
      {
        name: B.prodFeatures,
        region: 'us-east-1',
        encryption: kmsEncryption(featuresKey.arn),
        policy: bucketPolicy(B.prodFeatures, { secureTransport: 'Bool' }),
        publicAccessBlock: BLOCK_ALL_PUBLIC,
      },
      {
        name: B.prodEu,
        region: 'eu-west-1',
        encryption: kmsEncryption(euKey.arn),
        policy: bucketPolicy(B.prodEu, { secureTransport: 'Bool' }),
        publicAccessBlock: BLOCK_ALL_PUBLIC,
      },
      {
        name: B.prodDefault,
        region: 'us-east-1',
        encryption: S3_MANAGED_ENCRYPTION,
        policy: bucketPolicy(B.prodDefault, {}),
        publicAccessBlock: null,
      },
    ],
    faults: [
      {
        action: 'kms:GetKeyRotationStatus',
        target: featuresKey.arn,
        region: 'us-east-1',
        error: 'AccessDenied',
      },
      {
        action: 'iam:GetRolePolicy',
        target: 'AcmeSageMakerAmlExecution',
        error: 'AccessDenied',
      },
      // The scan's role here lacks the account-wide read, so its roles are
      // read one by one (the fallback) and the denial above keeps showing.
      {
        action: 'iam:GetAccountAuthorizationDetails',
        target: PROD,
        error: 'AccessDenied',
      },
      {
        action: 's3:GetBucketPolicy',
        target: B.prodFeatures,
        error: 'AccessDenied',
      },
    ],
  };
}

function developmentAccount() {
  const R = {
    dataScience: roleArn(DEV, 'AcmeSageMakerDataScienceExecution'),
    dev: roleArn(DEV, 'AcmeSageMakerDevExecution'),
    studio: roleArn(
      DEV,
      'AmazonSageMaker-ExecutionRole-20240311T101500',
      '/service-role/',
    ),
    /** Deliberate gap: deleted long ago, still named by an old notebook. */
    legacy: roleArn(DEV, 'AcmeLegacyNotebookRole'),
  };

  const use1 = new RegionBuilder(DEV, 'us-east-1');
  const devKey = use1.key('ml-dev', {
    description: 'Development ML data',
    aliases: ['alias/ml-dev'],
    rotation: false,
    users: [R.dev, R.dataScience],
  });
  const awsSageMaker = use1.key('aws-sagemaker', {
    manager: 'AWS',
    description:
      'Default key that protects my SageMaker data when no other key is defined',
    aliases: ['alias/aws/sagemaker'],
  });
  const vpcId = use1.vpc({
    name: 'ml-dev',
    cidr: '10.30.0.0/16',
    subnets: [
      { name: 'ml-dev-private-a', az: 'a', cidr: '10.30.1.0/24' },
      {
        name: 'ml-dev-public-a',
        az: 'a',
        cidr: '10.30.100.0/24',
        public: true,
      },
    ],
    securityGroups: [
      {
        name: 'ml-dev-workloads',
        description: 'Development workloads',
        forEndpoints: true,
        ingress: [
          { protocol: 'tcp', from: 443, to: 443, cidrs: ['10.30.0.0/16'] },
        ],
        egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'] }],
      },
      {
        name: 'ml-dev-jupyter-open',
        description: 'Jupyter from anywhere (hackathon leftover)',
        ingress: [
          {
            protocol: 'tcp',
            from: 8888,
            to: 8888,
            cidrs: ['0.0.0.0/0'],
            ipv6: ['::/0'],
          },
        ],
        egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'], ipv6: ['::/0'] }],
      },
    ],
    // Only the S3 gateway: everything else leaves through the NAT gateway.
    endpoints: ['s3'],
  });
  const img = IMAGES['us-east-1'];

  // customer-churn exploration: the classic insecure notebook.
  {
    const tags = serviceTags('customer-churn', 'dev');
    lifecycleConfig(use1, {
      name: 'churn-setup',
      onStart: [
        '#!/bin/bash',
        'set -e',
        '# Connect the notebook to the warehouse',
        'export WAREHOUSE_USER=churn_analyst',
        'export WAREHOUSE_PASSWORD="Acme-Demo-Pa55word!"',
        'sudo -u ec2-user -i pip install --quiet snowflake-connector-python',
        '# Query helpers from a teammate',
        'curl -fsSL https://gist.example.com/churn/helpers.sh | sudo bash',
        '',
      ].join('\n'),
      tags,
    });
    notebook(use1, {
      name: 'churn-exploration',
      instanceType: 'ml.t3.2xlarge',
      role: R.dataScience,
      lifecycleConfig: 'churn-setup',
      directInternetAccess: 'Enabled',
      rootAccess: 'Enabled',
      platform: 'notebook-al2-v2',
      imds: '1',
      repository: 'https://github.com/acme-bank-demo/churn-notebooks',
      tags,
    });
    notebook(use1, {
      name: 'churn-feature-eng',
      subnet: 'ml-dev-public-a',
      groups: ['ml-dev-jupyter-open'],
      role: R.dataScience,
      kmsKeyId: awsSageMaker.aliasArn,
      // DirectInternetAccess absent from the record: must not count as Disabled.
      directInternetAccess: undefined,
      rootAccess: 'Disabled',
      tags,
    });
    trainingJob(use1, {
      name: 'customer-churn-rf-2025-06-12',
      service: 'customer-churn',
      date: '2025-06-12',
      image: img.sklearn,
      bucket: B.devSandbox,
      role: R.dataScience,
      isolation: false,
      interContainerEncryption: false,
      tags,
    });
    use1.logGroup('/aws/sagemaker/NotebookInstances', {});
  }

  // fraud-scoring research: a well-configured notebook.
  {
    const tags = serviceTags('fraud-scoring', 'dev');
    notebook(use1, {
      name: 'fraud-scoring-research',
      subnet: 'ml-dev-private-a',
      groups: ['ml-dev-workloads'],
      role: R.dev,
      kmsKeyId: devKey.id,
      directInternetAccess: 'Disabled',
      rootAccess: 'Disabled',
      tags,
    });
    trainingJob(use1, {
      name: 'fraud-scoring-xgb-dev-2025-06-11',
      service: 'fraud-scoring',
      date: '2025-06-11',
      image: img.xgboost,
      bucket: B.devSandbox,
      role: R.dev,
      outputKmsKeyId: devKey.arn,
      volumeKmsKeyId: devKey.arn,
      vpc: vpcConfig(use1, ['ml-dev-private-a'], ['ml-dev-workloads']),
      isolation: true,
      interContainerEncryption: true,
      tags,
    });
    model(use1, {
      name: 'fraud-scoring-xgb-dev',
      image: img.xgboost,
      bucket: B.devSandbox,
      role: R.dev,
      vpc: vpcConfig(use1, ['ml-dev-private-a'], ['ml-dev-workloads']),
      isolation: true,
      tags,
    });
  }

  // aml-transaction-monitor dev endpoint: outside the service's env=prod selector.
  {
    const tags = serviceTags('aml-transaction-monitor', 'dev');
    const image = ownImage(use1, 'aml-transaction-monitor', '3.3.0-rc1');
    model(use1, {
      name: 'aml-txn-monitor-dev',
      image,
      bucket: B.devSandbox,
      role: R.dev,
      isolation: false,
      tags,
    });
    endpointConfig(use1, {
      name: 'aml-txn-monitor-dev-config',
      model: 'aml-txn-monitor-dev',
      instances: 1,
      instanceType: 'ml.t2.medium',
      tags,
    });
    endpoint(use1, {
      name: 'aml-txn-monitor-dev',
      config: 'aml-txn-monitor-dev-config',
      image,
      instances: 1,
      tags,
    });
  }

  // next-best-offer prototyping.
  {
    const tags = serviceTags('next-best-offer', 'dev');
    processingJob(use1, {
      name: 'next-best-offer-features-dev-0609',
      service: 'next-best-offer',
      date: '2025-06-09',
      image: img.sklearn,
      bucket: B.devSandbox,
      role: R.dataScience,
      instances: 2,
      isolation: false,
      interContainerEncryption: false,
      tags,
    });
    // An Autopilot experiment without any SecurityConfig or output key, a
    // Neo compilation outside the VPC with the default S3 key, and a review
    // workflow that sends offers to the public workforce unencrypted.
    automlJob(use1, {
      name: 'next-best-offer-autopilot-dev-0610',
      service: 'next-best-offer',
      date: '2025-06-10',
      bucket: B.devSandbox,
      role: R.dataScience,
      target: 'accepted_offer',
      tags,
    });
    compilationJob(use1, {
      name: 'next-best-offer-neo-dev-0611',
      service: 'next-best-offer',
      date: '2025-06-11',
      bucket: B.devSandbox,
      role: R.dataScience,
      tags,
    });
    flowDefinition(use1, {
      name: 'next-best-offer-crowd-review',
      title: 'Is this offer relevant to the customer?',
      workteam: `arn:aws:sagemaker:us-east-1:394669845002:workteam/public-crowd/default`,
      publicPrice: true,
      bucket: B.devSandbox,
      role: R.dataScience,
      created: '2025-06-12T09:00',
      tags,
    });
    notebook(use1, {
      name: 'nbo-prototype',
      status: 'Stopped',
      role: R.legacy,
      directInternetAccess: 'Enabled',
      rootAccess: 'Enabled',
      platform: 'notebook-al2-v3',
      created: '2023-08-14T09:00',
      tags,
    });
  }

  // ml-workbench: the development Studio domain (public internet, IAM auth, no CMK).
  {
    const tags = serviceTags('ml-workbench', 'dev');
    // A bootstrap script that pipes a download into bash and carries an
    // experiment-tracking key in clear.
    const bootstrap = studioLifecycleConfig(use1, {
      name: 'ds-jupyterlab-bootstrap',
      script: [
        '#!/bin/bash',
        'curl -fsSL https://raw.githubusercontent.com/example-org/jl-setup/main/install.sh | bash',
        'export WANDB_API_KEY=demo0000000000000000000000000000000000ab',
        '',
      ].join('\n'),
      created: '2025-03-04T16:30',
      tags,
    });
    // A data scientist's kernel image: its kernels run as root, and
    // neither it nor its configuration names an owner.
    const untagged = serviceTags('ml-workbench', 'dev', { owner: null });
    const dsImage = sagemakerImage(use1, {
      name: 'ds-custom-kernel',
      displayName: 'Custom kernel',
      role: R.dataScience,
      created: '2025-03-06T11:00',
      tags: untagged,
    });
    const dsImageConfig = appImageConfig(use1, {
      name: 'ds-custom-kernel',
      app: 'KernelGateway',
      uid: 0,
      gid: 0,
      created: '2025-03-06T11:10',
      tags: untagged,
    });
    const id = domain(use1, {
      name: 'acme-ml-studio-dev',
      lifecycleConfigArns: [bootstrap],
      kernelGatewayImages: [
        { ImageName: dsImage, AppImageConfigName: dsImageConfig },
      ],
      role: R.studio,
      groups: ['ml-dev-workloads'],
      subnets: ['ml-dev-private-a'],
      vpcId,
      vpcOnly: false,
      sso: false,
      docker: true,
      sharing: { bucket: B.devDefault },
      tags,
    });
    userProfile(use1, {
      domainId: id,
      name: 'dev-patel',
      tags: serviceTags('ml-workbench', 'dev', { owner: 'data-science' }),
    });
    userProfile(use1, {
      domainId: id,
      name: 'farid-haddad',
      settings: {
        ExecutionRole: R.dataScience,
        SecurityGroups: [use1.group('ml-dev-jupyter-open')],
        // Apps run as root on the shared home file system.
        CustomPosixUserConfig: { Uid: 0, Gid: 0 },
      },
      tags: serviceTags('ml-workbench', 'dev', { owner: 'customer-insights' }),
    });
    // Shared, owned by nobody, open to local IDEs.
    space(use1, {
      domainId: id,
      name: 'data-science-sandbox',
      remoteAccess: 'ENABLED',
      tags,
    });
    // A research cluster: no root-volume key, its data volume under the
    // AWS-managed key, and faulty nodes left for someone to notice.
    hyperpodCluster(use1, {
      name: 'research-llm-sandbox',
      role: R.dataScience,
      bucket: B.devDefault,
      vpc: vpcConfig(use1, ['ml-dev-private-a'], ['ml-dev-workloads']),
      nodeRecovery: 'None',
      created: '2025-04-02T15:00',
      groups: [
        {
          name: 'workers',
          instanceType: 'ml.g5.12xlarge',
          count: 2,
          volumeKmsKeyId: awsSageMaker.arn,
        },
      ],
      tags,
    });
    // A data scientists' MLflow server writing into the data lake bucket
    // (another account), without owner verification, registering every
    // logged model automatically.
    mlflowTrackingServer(use1, {
      name: 'ds-experiments',
      role: R.dataScience,
      bucket: B.dataLake,
      bucketOwner: DATA_LAKE,
      verifyBucketOwner: false,
      automaticModelRegistration: true,
      created: '2025-05-02T11:00',
      tags,
    });
    // A sandbox MLflow App under the AWS-managed key, registering every
    // logged model automatically.
    mlflowApp(use1, {
      name: 'ds-mlflow-sandbox',
      role: R.dataScience,
      bucket: B.devDefault,
      kmsKeyId: awsSageMaker.arn,
      modelRegistrationMode: 'AutoModelRegistrationEnabled',
      created: '2025-05-12T10:00',
      tags,
    });
    // A sandbox Partner AI App (Fiddler) under the AWS-owned key (no
    // KmsKeyId), users indistinguishable behind the shared role, five
    // administrators, never upgraded automatically.
    partnerApp(use1, {
      name: 'ds-fiddler-sandbox',
      type: 'fiddler',
      role: R.dataScience,
      admins: ['ds-lead', 'patel', 'nguyen', 'garcia', 'okafor'],
      sessionIdentity: false,
      autoUpgrade: false,
      created: '2025-05-20T14:00',
      tags,
    });
    // An LLM inference component the platform team runs on the shared AML
    // dev endpoint: its own container from Docker Hub, artifacts in the
    // sandbox bucket, no isolation, VPC or key on the endpoint configuration.
    inferenceComponent(use1, {
      name: 'ds-llm-sandbox-ic',
      endpoint: 'aml-txn-monitor-dev',
      image: 'docker.io/vllm/vllm-openai:v0.6.3',
      bucket: B.devSandbox,
      environment: { MAX_MODEL_LEN: '4096' },
      created: '2025-06-18T16:00',
      tags,
    });
    space(use1, {
      domainId: id,
      name: 'dev-patel-private',
      owner: 'dev-patel',
      tags,
    });
  }

  // feature-store dev copy without any key.
  featureGroup(use1, {
    name: 'customer-transactions-dev',
    description: 'Development copy of customer-transactions',
    recordId: 'customer_id',
    features: ['txn_count_1h', 'txn_amount_24h'],
    bucket: B.devSandbox,
    role: R.studio,
    tags: serviceTags('feature-store', 'dev'),
  });

  use1.trail({
    name: 'acme-dev-audit',
    home: 'us-east-1',
    multiRegion: false,
    logging: true,
    validation: false,
    dataBuckets: [],
  });
  // GuardDuty without Runtime Monitoring: a warning.
  use1.guardDuty({ enabled: true, runtime: false });
  // Security Hub's own findings on churn-exploration: the Security tab shows
  // them on our results ("Also reported by Security Hub").
  use1.securityHubFinding({
    control: 'SageMaker.1',
    title:
      'SageMaker notebook instances should not have direct internet access',
    notebook: 'churn-exploration',
  });
  use1.securityHubFinding({
    control: 'SageMaker.3',
    title: 'Users should not have root access to SageMaker notebook instances',
    notebook: 'churn-exploration',
  });

  // eu-west-1: a small development footprint whose trail stopped logging
  // and where GuardDuty is off (no detector).
  const euw1 = new RegionBuilder(DEV, 'eu-west-1');
  const euAwsKey = euw1.key('aws-sagemaker', {
    manager: 'AWS',
    description:
      'Default key that protects my SageMaker data when no other key is defined',
    aliases: ['alias/aws/sagemaker'],
  });
  euw1.vpc({
    name: 'ml-dev-eu',
    cidr: '10.40.0.0/16',
    subnets: [{ name: 'ml-dev-eu-private-a', az: 'a', cidr: '10.40.1.0/24' }],
    securityGroups: [
      {
        name: 'ml-dev-eu-workloads',
        description: 'Development workloads (EU)',
        ingress: [
          { protocol: 'tcp', from: 443, to: 443, cidrs: ['10.40.0.0/16'] },
        ],
        egress: [{ protocol: '-1', cidrs: ['0.0.0.0/0'] }],
      },
    ],
    endpoints: [],
  });
  const euImg = IMAGES['eu-west-1'];
  {
    const tags = serviceTags('mortgage-affordability', 'dev');
    notebook(euw1, {
      name: 'mortgage-eda-eu',
      subnet: 'ml-dev-eu-private-a',
      groups: ['ml-dev-eu-workloads'],
      role: R.dev,
      kmsKeyId: euAwsKey.id,
      directInternetAccess: 'Disabled',
      rootAccess: 'Enabled',
      tags,
    });
    trainingJob(euw1, {
      name: 'mortgage-affordability-dev-0603',
      service: 'mortgage-affordability',
      date: '2025-06-03',
      image: euImg.xgboost,
      bucket: B.devEu,
      role: R.dev,
      outputKmsKeyId: euAwsKey.alias,
      vpc: vpcConfig(euw1, ['ml-dev-eu-private-a'], ['ml-dev-eu-workloads']),
      isolation: true,
      interContainerEncryption: false,
      tags,
    });
  }
  processingJob(euw1, {
    name: 'card-fraud-graph-dev-0602',
    service: 'card-fraud-graph',
    date: '2025-06-02',
    image: euImg.sklearn,
    bucket: B.devEu,
    role: R.dev,
    isolation: false,
    interContainerEncryption: false,
    tags: serviceTags('card-fraud-graph', 'dev'),
  });
  euw1.logGroup('/aws/sagemaker/TrainingJobs', { retention: 14 });
  euw1.trail({
    name: 'acme-dev-audit-eu',
    home: 'eu-west-1',
    multiRegion: false,
    logging: false,
    validation: false,
    dataBuckets: [],
  });

  const boundary = permissionsBoundary(DEV);
  const consolePolicy = customerPolicy(
    DEV,
    'AmazonSageMaker-ExecutionPolicy-20240311T101500',
    [
      {
        Effect: 'Allow',
        Action: [
          's3:GetObject',
          's3:PutObject',
          's3:DeleteObject',
          's3:ListBucket',
        ],
        Resource: ['arn:aws:s3:::*'],
      },
    ],
  );

  return {
    accountId: DEV,
    regions: [use1.toEstate(), euw1.toEstate()],
    roles: [
      role(DEV, 'AcmeSageMakerDataScienceExecution', {
        description: 'Data science sandbox: everything allowed',
        owner: 'data-science',
        guard: false,
        boundary: false,
        created: '2022-11-02T13:00',
        attached: [SAGEMAKER_FULL_ACCESS.arn],
        inline: {
          'sandbox-admin': [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        },
      }),
      role(DEV, 'AcmeSageMakerDevExecution', {
        description: 'Development jobs and notebooks',
        owner: 'ml-platform',
        guard: true,
        boundary: true,
        inline: {
          'dev-data-access': [
            ...dataAccess([B.devSandbox, B.devEu], [devKey.arn]),
            ...containerAccess(DEV),
          ],
        },
      }),
      role(DEV, 'AmazonSageMaker-ExecutionRole-20240311T101500', {
        path: '/service-role/',
        description: 'SageMaker execution role created from the console',
        owner: 'ml-platform',
        guard: false,
        boundary: false,
        created: '2024-03-11T10:15',
        attached: [SAGEMAKER_FULL_ACCESS.arn, consolePolicy.arn],
      }),
    ],
    managedPolicies: [SAGEMAKER_FULL_ACCESS, consolePolicy, boundary],
    buckets: [
      {
        name: B.devSandbox,
        region: 'us-east-1',
        encryption: S3_MANAGED_ENCRYPTION,
        policy: null,
        publicAccessBlock: {
          ...BLOCK_ALL_PUBLIC,
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        },
      },
      {
        name: B.devDefault,
        region: 'us-east-1',
        encryption: S3_MANAGED_ENCRYPTION,
        policy: null,
        publicAccessBlock: BLOCK_ALL_PUBLIC,
      },
      {
        name: B.devEu,
        region: 'eu-west-1',
        // SSE-KMS with the AWS-managed aws/s3 key (no key ID configured).
        encryption: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' },
              BucketKeyEnabled: false,
            },
          ],
        },
        policy: bucketPolicy(B.devEu, { secureTransport: 'Bool' }),
        publicAccessBlock: BLOCK_ALL_PUBLIC,
      },
    ],
    faults: [
      {
        // Recovers within the SDK's retries: the scan still succeeds.
        action: 'sagemaker:DescribeTrainingJob',
        target: 'mortgage-affordability-dev-0603',
        region: 'eu-west-1',
        error: 'Throttling',
        times: 2,
      },
    ],
  };
}

function marketingAccount() {
  return { accountId: MARKETING, assumeRoleFails: true, regions: [] };
}

function buildEstate() {
  return {
    name: 'Acme Bank ML demo estate',
    accounts: [productionAccount(), developmentAccount(), marketingAccount()],
  };
}

function render() {
  const header = [
    '# Generated by plugins/sagemaker-security-backend/demo-estate/generate.js: do not edit by hand.',
    '# Format: plugins/sagemaker-security-backend/src/inventory/simulator/estate.ts',
    '',
  ].join('\n');
  const document = new YAML.Document(buildEstate(), {
    aliasDuplicateObjects: false,
  });
  // Quote dates so that YAML 1.1 loaders (js-yaml) keep them strings too.
  YAML.visit(document, {
    Scalar(_, node) {
      if (
        typeof node.value === 'string' &&
        /^\d{4}-\d\d-\d\dT/.test(node.value)
      ) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return header + document.toString({ lineWidth: 0 });
}

module.exports = { buildEstate, render };

if (require.main === module) {
  const target = process.argv[2] ?? path.join(__dirname, 'estate.yaml');
  fs.writeFileSync(target, render());
}
