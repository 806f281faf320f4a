/**
 * Security groups (and their rules), subnets and VPC endpoints, as declared.
 */
import {
  PolicyDocument,
  SecurityGroupFact,
  SecurityGroupRule,
  SubnetFact,
  VpcEndpointsFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { isRecord, Unresolved } from '../intrinsics';
import { ResolvedResource } from '../resolveTemplate';
import {
  asBoolean,
  asList,
  asNumber,
  Env,
  FactSink,
  ofType,
  Props,
} from './factSink';

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

export function securityGroupFacts(
  all: ResolvedResource[],
  env: Env,
  sink: FactSink,
) {
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

export function subnetFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
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

export function vpcEndpointFacts(
  all: ResolvedResource[],
  env: Env,
  sink: FactSink,
) {
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
