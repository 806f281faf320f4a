import {
  CloudTrailFact,
  CloudWatchAlarmsFact,
  FactDataByKind,
  FactKind,
  GLOBAL_REGION,
  IamRoleFact,
  KmsKeyFact,
  LogGroupsFact,
  PolicyDocument,
  RelatedFact,
  S3BucketFact,
  SecurityGroupFact,
  SecurityGroupRule,
  SubnetFact,
  VpcEndpointsFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { isRecord, StackEnvironment, Unresolved } from './intrinsics';
import { ResolvedResource } from './resolveTemplate';
import {
  replaceUnresolved,
  unresolvedError,
  UnresolvedValue,
} from './unresolvedMarkers';

type Props = Record<string, unknown>;
type Env = Omit<StackEnvironment, 'stackName'>;

/** Collects facts, merging per-region lists declared in several files. */
class FactSink {
  private readonly facts = new Map<string, RelatedFact>();

  add<K extends FactKind>(
    kind: K,
    key: string,
    accountId: string,
    region: string,
    data: FactDataByKind[K],
    source: ResolvedResource,
    merge?: (existing: FactDataByKind[K], added: FactDataByKind[K]) => void,
  ) {
    const found: UnresolvedValue[] = [];
    const finalData = replaceUnresolved(data, '', found) as FactDataByKind[K];
    const errors = found.map(v =>
      unresolvedError(v, `${source.file}#${source.logicalId}`),
    );
    const id = `${kind}|${accountId}|${region}|${key}`;
    const existing = this.facts.get(id) as RelatedFact<K> | undefined;
    if (existing?.data && merge) {
      merge(existing.data, finalData);
      existing.errors.push(...errors);
      return;
    }
    this.facts.set(id, {
      kind,
      key,
      accountId,
      region,
      data: finalData,
      errors,
    });
  }

  all(): RelatedFact[] {
    return [...this.facts.values()];
  }
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

/** CloudFormation booleans may be written as strings. */
function asBoolean(value: unknown, fallback: boolean): boolean | Unresolved {
  if (value instanceof Unresolved) return value;
  if (value === undefined) return fallback;
  return value === true || value === 'true';
}

function asNumber(value: unknown): number | undefined {
  if (value === undefined || value instanceof Unresolved) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function keyStateOf(enabled: boolean | Unresolved): string {
  if (enabled instanceof Unresolved) return enabled as unknown as string;
  return enabled ? 'Enabled' : 'Disabled';
}

function ofType(resources: ResolvedResource[], type: string) {
  return resources.filter(r => r.type === type);
}

function keyIdOf(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/^.*:key\//, '') : value;
}

function kmsFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  const aliases = ofType(all, 'AWS::KMS::Alias');
  const aliasMap: Record<string, unknown> = {};
  for (const alias of aliases) {
    if (typeof alias.ref === 'string') {
      aliasMap[alias.ref] = keyIdOf(alias.props.TargetKeyId);
    }
  }
  for (const key of ofType(all, 'AWS::KMS::Key')) {
    const arn = String(key.attributes.Arn);
    const keyId = String(key.attributes.KeyId);
    const enabled = asBoolean(key.props.Enabled, true);
    const data: KmsKeyFact = {
      keyId,
      arn,
      keyManager: 'CUSTOMER',
      keyState: keyStateOf(enabled),
      enabled: enabled as boolean,
      origin: (key.props.Origin as string) ?? 'AWS_KMS',
      keySpec: (key.props.KeySpec as string) ?? 'SYMMETRIC_DEFAULT',
      // CloudFormation leaves rotation off unless EnableKeyRotation is true.
      rotationEnabled: asBoolean(key.props.EnableKeyRotation, false) as boolean,
      keyPolicy: key.props.KeyPolicy as PolicyDocument,
      aliases: Object.entries(aliasMap)
        .filter(([, target]) => target === keyId)
        .map(([name]) => name),
    };
    sink.add('kms-key', arn, env.accountId, env.region, data, key);
  }
  if (aliases.length > 0) {
    sink.add(
      'kms-aliases',
      '-',
      env.accountId,
      env.region,
      { aliases: aliasMap as Record<string, string> },
      aliases[0],
      (existing, added) => Object.assign(existing.aliases, added.aliases),
    );
  }
}

function bucketFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  const policies = ofType(all, 'AWS::S3::BucketPolicy');
  const policyOf = (bucket: unknown): PolicyDocument | null => {
    const statements = policies
      .filter(p => p.props.Bucket === bucket)
      .flatMap(p => {
        const doc = p.props.PolicyDocument;
        return isRecord(doc) ? asList(doc.Statement) : [];
      });
    return statements.length > 0
      ? ({ Version: '2012-10-17', Statement: statements } as PolicyDocument)
      : null;
  };
  const declared = new Set<unknown>();
  for (const bucket of ofType(all, 'AWS::S3::Bucket')) {
    declared.add(bucket.ref);
    if (typeof bucket.ref !== 'string') continue;
    const config = bucket.props.BucketEncryption;
    const rules = isRecord(config)
      ? asList(config.ServerSideEncryptionConfiguration)
      : [];
    const rule = isRecord(rules[0]) ? rules[0] : undefined;
    const byDefault = isRecord(rule?.ServerSideEncryptionByDefault)
      ? rule!.ServerSideEncryptionByDefault
      : undefined;
    const block = bucket.props.PublicAccessBlockConfiguration;
    const data: S3BucketFact = {
      bucket: bucket.ref,
      region: env.region,
      // Since January 2023 S3 encrypts new buckets with SSE-S3 by default.
      encryption: byDefault
        ? {
            sseAlgorithm: byDefault.SSEAlgorithm as string,
            kmsMasterKeyId: byDefault.KMSMasterKeyID as string | undefined,
            bucketKeyEnabled: asBoolean(
              rule!.BucketKeyEnabled,
              false,
            ) as boolean,
          }
        : { sseAlgorithm: 'AES256' },
      policy: policyOf(bucket.ref),
      // Since April 2023 new buckets block all public access by default;
      // a declared configuration leaves omitted settings off.
      publicAccessBlock: isRecord(block)
        ? {
            blockPublicAcls: asBoolean(block.BlockPublicAcls, false) as boolean,
            ignorePublicAcls: asBoolean(
              block.IgnorePublicAcls,
              false,
            ) as boolean,
            blockPublicPolicy: asBoolean(
              block.BlockPublicPolicy,
              false,
            ) as boolean,
            restrictPublicBuckets: asBoolean(
              block.RestrictPublicBuckets,
              false,
            ) as boolean,
          }
        : {
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
          },
    };
    sink.add(
      's3-bucket',
      bucket.ref,
      env.accountId,
      GLOBAL_REGION,
      data,
      bucket,
    );
  }
  // A policy on a bucket created elsewhere: only the policy is known.
  for (const policy of policies) {
    const bucket = policy.props.Bucket;
    if (typeof bucket !== 'string' || declared.has(bucket)) continue;
    declared.add(bucket);
    sink.add(
      's3-bucket',
      bucket,
      env.accountId,
      GLOBAL_REGION,
      { bucket, policy: policyOf(bucket) },
      policy,
    );
  }
}

function roleFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  const managed = ofType(all, 'AWS::IAM::ManagedPolicy');
  const inline = [
    ...ofType(all, 'AWS::IAM::Policy'),
    ...ofType(all, 'AWS::IAM::RolePolicy'),
  ];
  for (const role of ofType(all, 'AWS::IAM::Role')) {
    const name = role.ref;
    const attached: NonNullable<IamRoleFact['attachedPolicies']> = [];
    const attach = (arn: unknown) => {
      if (attached.some(p => p.policyArn === arn)) return;
      const declaredPolicy = managed.find(m => m.ref === arn);
      attached.push({
        policyArn: arn as string,
        policyName:
          typeof arn === 'string' ? arn.split('/').pop() ?? arn : String(arn),
        document: declaredPolicy?.props.PolicyDocument as PolicyDocument,
      });
    };
    asList(role.props.ManagedPolicyArns).forEach(attach);
    managed
      .filter(m => asList(m.props.Roles).includes(name))
      .forEach(m => attach(m.ref));

    const inlinePolicies: NonNullable<IamRoleFact['inlinePolicies']> = [];
    for (const policy of asList(role.props.Policies)) {
      if (!isRecord(policy)) continue;
      inlinePolicies.push({
        policyName: policy.PolicyName as string,
        document: policy.PolicyDocument as PolicyDocument,
      });
    }
    for (const policy of inline) {
      const roles = [...asList(policy.props.Roles), policy.props.RoleName];
      if (!roles.includes(name)) continue;
      inlinePolicies.push({
        policyName: policy.props.PolicyName as string,
        document: policy.props.PolicyDocument as PolicyDocument,
      });
    }
    const arn = String(role.attributes.Arn);
    const data: IamRoleFact = {
      arn,
      roleName: String(name),
      assumeRolePolicyDocument: role.props
        .AssumeRolePolicyDocument as PolicyDocument,
      permissionsBoundaryArn:
        (role.props.PermissionsBoundary as string | undefined) ?? null,
      attachedPolicies: attached,
      inlinePolicies,
    };
    sink.add('iam-role', arn, env.accountId, GLOBAL_REGION, data, role);
  }
}

function ruleOf(
  rule: Props,
  direction: 'Source' | 'Destination',
): SecurityGroupRule {
  const protocol = rule.IpProtocol;
  return {
    ipProtocol:
      protocol instanceof Unresolved
        ? (protocol as unknown as string)
        : String(protocol ?? '-1'),
    fromPort: asNumber(rule.FromPort),
    toPort: asNumber(rule.ToPort),
    ipv4Ranges: asList(rule.CidrIp) as string[],
    ipv6Ranges: asList(rule.CidrIpv6) as string[],
    prefixListIds: asList(rule[`${direction}PrefixListId`]) as string[],
    referencedGroupIds: asList(
      rule[`${direction}SecurityGroupId`] ??
        (direction === 'Source' ? rule.SourceSecurityGroupName : undefined),
    ) as string[],
  };
}

function securityGroupFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  const ingress = ofType(all, 'AWS::EC2::SecurityGroupIngress');
  const egress = ofType(all, 'AWS::EC2::SecurityGroupEgress');
  for (const group of ofType(all, 'AWS::EC2::SecurityGroup')) {
    const id = String(group.ref);
    const inlineEgress = asList(group.props.SecurityGroupEgress).filter(
      isRecord,
    );
    const data: SecurityGroupFact = {
      groupId: id,
      groupName: (group.props.GroupName as string) ?? group.logicalId,
      vpcId: group.props.VpcId as string | undefined,
      ingress: [
        ...asList(group.props.SecurityGroupIngress).filter(isRecord),
        ...ingress.filter(r => r.props.GroupId === id).map(r => r.props),
      ].map(r => ruleOf(r, 'Source')),
      egress: [
        // EC2 adds an allow-all egress rule unless egress rules are declared inline.
        ...(inlineEgress.length > 0
          ? inlineEgress
          : [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }]),
        ...egress.filter(r => r.props.GroupId === id).map(r => r.props),
      ].map(r => ruleOf(r, 'Destination')),
    };
    sink.add('security-group', id, env.accountId, env.region, data, group);
  }
}

function subnetFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  const associations = ofType(all, 'AWS::EC2::SubnetRouteTableAssociation');
  const routes = ofType(all, 'AWS::EC2::Route');
  for (const subnet of ofType(all, 'AWS::EC2::Subnet')) {
    const tables = associations
      .filter(a => a.props.SubnetId === subnet.ref)
      .map(a => a.props.RouteTableId);
    const data: SubnetFact = {
      subnetId: String(subnet.ref),
      vpcId: subnet.props.VpcId as string,
      availabilityZone: subnet.props.AvailabilityZone as string | undefined,
      mapPublicIpOnLaunch: asBoolean(
        subnet.props.MapPublicIpOnLaunch,
        false,
      ) as boolean,
      // Without an association the subnet uses the VPC's main route table,
      // which the template does not show.
      routesToInternetGateway:
        tables.length === 0
          ? undefined
          : routes.some(
              route =>
                tables.includes(route.props.RouteTableId) &&
                (route.props.DestinationCidrBlock === '0.0.0.0/0' ||
                  route.props.DestinationIpv6CidrBlock === '::/0') &&
                typeof route.props.GatewayId === 'string' &&
                route.props.GatewayId.startsWith('igw-'),
            ),
    };
    sink.add('subnet', data.subnetId, env.accountId, env.region, data, subnet);
  }
}

function vpcEndpointFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  for (const endpoint of ofType(all, 'AWS::EC2::VPCEndpoint')) {
    const vpcId = endpoint.props.VpcId;
    // Facts are found by VPC ID; one known only at deploy cannot be matched.
    if (typeof vpcId !== 'string') continue;
    const data: VpcEndpointsFact = {
      vpcId,
      endpoints: [
        {
          vpcEndpointId: String(endpoint.ref),
          serviceName: endpoint.props.ServiceName as string,
          vpcEndpointType:
            (endpoint.props.VpcEndpointType as string) ?? 'Gateway',
          state: 'available',
          privateDnsEnabled: asBoolean(
            endpoint.props.PrivateDnsEnabled,
            false,
          ) as boolean,
          policyDocument: endpoint.props.PolicyDocument as PolicyDocument,
        },
      ],
    };
    sink.add(
      'vpc-endpoints',
      vpcId,
      env.accountId,
      env.region,
      data,
      endpoint,
      (existing, added) => existing.endpoints.push(...added.endpoints),
    );
  }
}

function fieldSelectorValues(selectors: unknown[], field: string): unknown[] {
  return selectors
    .filter(isRecord)
    .filter(s => s.Field === field)
    .flatMap(s => [...asList(s.Equals), ...asList(s.StartsWith)]);
}

function trailFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  for (const trail of ofType(all, 'AWS::CloudTrail::Trail')) {
    const basic = asList(trail.props.EventSelectors).filter(isRecord);
    const advanced = asList(trail.props.AdvancedEventSelectors).filter(
      isRecord,
    );
    const s3DataEventArns = basic.flatMap(selector =>
      asList(selector.DataResources)
        .filter(isRecord)
        .filter(r => r.Type === 'AWS::S3::Object')
        .flatMap(r => asList(r.Values)),
    );
    let includeManagementEvents =
      basic.length === 0 && advanced.length === 0
        ? true
        : basic.some(s => s.IncludeManagementEvents !== false);
    for (const selector of advanced) {
      const fields = asList(selector.FieldSelectors);
      const category = fieldSelectorValues(fields, 'eventCategory');
      if (category.includes('Management')) includeManagementEvents = true;
      if (
        category.includes('Data') &&
        fieldSelectorValues(fields, 'resources.type').includes(
          'AWS::S3::Object',
        )
      ) {
        const arns = fieldSelectorValues(fields, 'resources.ARN');
        s3DataEventArns.push(
          ...(arns.length > 0 ? arns : [`arn:${env.partition}:s3`]),
        );
      }
    }
    const data: CloudTrailFact = {
      trails: [
        {
          name: String(trail.ref),
          arn: String(trail.attributes.Arn),
          homeRegion: env.region,
          isMultiRegionTrail: asBoolean(
            trail.props.IsMultiRegionTrail,
            false,
          ) as boolean,
          isOrganizationTrail: asBoolean(
            trail.props.IsOrganizationTrail,
            false,
          ) as boolean,
          isLogging: asBoolean(trail.props.IsLogging, false) as boolean,
          logFileValidationEnabled: asBoolean(
            trail.props.EnableLogFileValidation,
            false,
          ) as boolean,
          kmsKeyId: trail.props.KMSKeyId as string | undefined,
          includeManagementEvents,
          s3DataEventArns: s3DataEventArns as string[],
        },
      ],
    };
    sink.add(
      'cloudtrail',
      '-',
      env.accountId,
      env.region,
      data,
      trail,
      (e, a) => e.trails.push(...a.trails),
    );
  }
}

function alarmFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  for (const alarm of ofType(all, 'AWS::CloudWatch::Alarm')) {
    const props = alarm.props;
    // Metric-math alarms name their metrics in `Metrics[].MetricStat.Metric`.
    const stat = asList(props.Metrics)
      .filter(isRecord)
      .map(m => (isRecord(m.MetricStat) ? m.MetricStat.Metric : undefined))
      .find(m => isRecord(m) && m.Namespace === 'AWS/SageMaker') as
      | Props
      | undefined;
    const metric = stat ?? props;
    if (metric.Namespace !== 'AWS/SageMaker') continue;
    const dimensions: Record<string, string> = {};
    for (const d of asList(metric.Dimensions).filter(isRecord)) {
      dimensions[String(d.Name)] = d.Value as string;
    }
    const data: CloudWatchAlarmsFact = {
      alarms: [
        {
          alarmName: String(alarm.ref),
          alarmArn: String(alarm.attributes.Arn),
          metricName: metric.MetricName as string | undefined,
          namespace: 'AWS/SageMaker',
          dimensions,
          actionsEnabled: asBoolean(props.ActionsEnabled, true) as boolean,
          alarmActions: asList(props.AlarmActions) as string[],
        },
      ],
    };
    sink.add(
      'cloudwatch-alarms',
      '-',
      env.accountId,
      env.region,
      data,
      alarm,
      (e, a) => e.alarms.push(...a.alarms),
    );
  }
}

function logGroupFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  for (const group of ofType(all, 'AWS::Logs::LogGroup')) {
    const name = group.ref;
    if (typeof name !== 'string' || !name.startsWith('/aws/sagemaker/'))
      continue;
    const data: LogGroupsFact = {
      logGroups: [
        {
          logGroupName: name,
          arn: String(group.attributes.Arn),
          retentionInDays: group.props.RetentionInDays as number | undefined,
          kmsKeyId: group.props.KmsKeyId as string | undefined,
        },
      ],
    };
    sink.add(
      'log-groups',
      '-',
      env.accountId,
      env.region,
      data,
      group,
      (e, a) => e.logGroups.push(...a.logGroups),
    );
  }
}

/**
 * The related facts the templates declare. Per-region facts (trails, alarms,
 * log groups, aliases) exist only when a template declares one, so checks see
 * "not declared here" as an absent fact rather than as an empty account.
 */
export function mapRelatedFacts(
  resources: ResolvedResource[],
  env: Env,
): RelatedFact[] {
  const sink = new FactSink();
  for (const map of [
    kmsFacts,
    bucketFacts,
    roleFacts,
    securityGroupFacts,
    subnetFacts,
    vpcEndpointFacts,
    trailFacts,
    alarmFacts,
    logGroupFacts,
  ]) {
    map(resources, env, sink);
  }
  return sink.all();
}
