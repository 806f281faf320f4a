import {
  EC2Client,
  IpPermission,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  RouteTable,
  SecurityGroup,
  Subnet,
  VpcEndpoint,
} from '@aws-sdk/client-ec2';
import type {
  CollectionError,
  RelatedFact,
  SecurityGroupRule,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, CallResult, classifyError, required } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { FactsContext, idsToRead } from '../changes/plan';
import { chunk } from '../../util/chunk';
import { parsePolicyDocument } from './policyDocument';

/** EC2 filters take at most 200 values. */
const FILTER_SIZE = 100;

/** Pages through an EC2 Describe* filtered on `name` for all `ids`. */
async function describeAll<T>(
  action: string,
  ids: string[],
  target: string,
  fetch: (values: string[]) => AsyncIterable<T[]>,
): Promise<CallResult<T[]>> {
  return attempt(action, { target }, async () => {
    const items: T[] = [];
    for (const values of chunk(ids, FILTER_SIZE)) {
      for await (const page of fetch(values)) items.push(...page);
    }
    return items;
  });
}

function rules(permissions: IpPermission[]): SecurityGroupRule[] {
  return permissions.map(p => ({
    ipProtocol: String(p.IpProtocol),
    ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
    ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
    ipv4Ranges: (p.IpRanges ?? []).map(r => String(r.CidrIp)),
    ipv6Ranges: (p.Ipv6Ranges ?? []).map(r => String(r.CidrIpv6)),
    prefixListIds: (p.PrefixListIds ?? []).map(r => String(r.PrefixListId)),
    referencedGroupIds: (p.UserIdGroupPairs ?? []).map(r => String(r.GroupId)),
  }));
}

function regional<K extends RelatedFact['kind']>(
  ctx: CollectContext,
  kind: K,
  key: string,
): RelatedFact<K> {
  return {
    kind,
    key,
    accountId: ctx.target.accountId,
    region: ctx.target.region,
    errors: [],
  } as RelatedFact<K>;
}

function notFound(action: string, id: string): CollectionError {
  return {
    kind: 'not_found',
    action,
    target: id,
    message: `${id} was not returned by ${action}`,
  };
}

async function collectSecurityGroups(ctx: FactsContext, ec2: EC2Client) {
  const ids = await idsToRead(ctx, 'security-group', [
    ...ctx.refs.securityGroups,
  ]);
  if (ids.length === 0) return [];
  const action = 'ec2:DescribeSecurityGroups';
  const found = await describeAll<SecurityGroup>(
    action,
    ids,
    'security groups',
    async function* securityGroupPages(values) {
      for await (const page of paginateDescribeSecurityGroups(
        { client: ec2 },
        { Filters: [{ Name: 'group-id', Values: values }] },
      )) {
        yield page.SecurityGroups ?? [];
      }
    },
  );
  const byId = new Map(found.ok ? found.value.map(g => [g.GroupId, g]) : []);
  return ids.map(id => {
    const fact = regional(ctx, 'security-group', id);
    const group = byId.get(id);
    if (!found.ok) fact.errors.push({ ...found.error, target: id });
    else if (!group) fact.errors.push(notFound(action, id));
    else {
      try {
        // AWS always sends both lists; a missing one is not "no rules".
        fact.data = {
          groupId: id,
          groupName: group.GroupName,
          vpcId: group.VpcId,
          ingress: rules(required(group.IpPermissions, 'IpPermissions')),
          egress: rules(
            required(group.IpPermissionsEgress, 'IpPermissionsEgress'),
          ),
        };
      } catch (error) {
        fact.errors.push(classifyError(error, action, { target: id }));
      }
    }
    return fact;
  });
}

/** True when the table routes 0.0.0.0/0 to an internet gateway. */
function routesToIgw(table: RouteTable | undefined): boolean | undefined {
  if (!table) return undefined;
  return (table.Routes ?? []).some(
    r =>
      r.DestinationCidrBlock === '0.0.0.0/0' &&
      r.GatewayId?.startsWith('igw-') &&
      r.State !== 'blackhole',
  );
}

/** The VPCs of the subnets kept as stored (not read again). */
function keptVpcs(ctx: FactsContext, read: string[]): string[] {
  const { accountId, region } = ctx.target;
  return [...ctx.refs.subnets]
    .filter(id => !read.includes(id))
    .map(
      id =>
        ctx.changes?.storedFact('subnet', accountId, region, id)?.data?.vpcId,
    )
    .filter((vpc): vpc is string => !!vpc);
}

async function collectSubnets(ctx: FactsContext, ec2: EC2Client) {
  const ids = await idsToRead(ctx, 'subnet', [...ctx.refs.subnets]);
  const kept = keptVpcs(ctx, ids);
  if (ids.length === 0) return { facts: [], vpcs: kept };
  const action = 'ec2:DescribeSubnets';
  const found = await describeAll<Subnet>(
    action,
    ids,
    'subnets',
    async function* subnetPages(values) {
      for await (const page of paginateDescribeSubnets(
        { client: ec2 },
        { Filters: [{ Name: 'subnet-id', Values: values }] },
      )) {
        yield page.Subnets ?? [];
      }
    },
  );
  const subnets = found.ok ? found.value : [];
  const vpcs = [...new Set(subnets.map(s => String(s.VpcId)))];
  // Subnets without an explicit association use their VPC's main table.
  const tables = vpcs.length
    ? await describeAll<RouteTable>(
        'ec2:DescribeRouteTables',
        vpcs,
        'route tables',
        async function* routeTablePages(values) {
          for await (const page of paginateDescribeRouteTables(
            { client: ec2 },
            { Filters: [{ Name: 'vpc-id', Values: values }] },
          )) {
            yield page.RouteTables ?? [];
          }
        },
      )
    : ({ ok: true, value: [] } as CallResult<RouteTable[]>);
  const tableOf = (subnet: Subnet) => {
    if (!tables.ok) return undefined;
    const assoc = (t: RouteTable) => t.Associations ?? [];
    return (
      tables.value.find(t =>
        assoc(t).some(a => a.SubnetId === subnet.SubnetId),
      ) ??
      tables.value.find(
        t => t.VpcId === subnet.VpcId && assoc(t).some(a => a.Main),
      )
    );
  };
  const byId = new Map(subnets.map(s => [s.SubnetId, s]));
  const facts = ids.map(id => {
    const fact = regional(ctx, 'subnet', id);
    const subnet = byId.get(id);
    if (!found.ok) fact.errors.push({ ...found.error, target: id });
    else if (!subnet) fact.errors.push(notFound(action, id));
    else {
      if (!tables.ok)
        fact.errors.push({
          ...tables.error,
          target: id,
          field: 'routesToInternetGateway',
        });
      const igw = routesToIgw(tableOf(subnet));
      fact.data = {
        subnetId: id,
        vpcId: String(subnet.VpcId),
        availabilityZone: subnet.AvailabilityZone,
        mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch,
        ...(igw !== undefined ? { routesToInternetGateway: igw } : {}),
      };
    }
    return fact;
  });
  return { facts, vpcs: [...vpcs, ...kept] };
}

async function collectVpcEndpoints(
  ctx: FactsContext,
  ec2: EC2Client,
  used: string[],
) {
  const vpcs = await idsToRead(ctx, 'vpc-endpoints', used);
  if (vpcs.length === 0) return [];
  const found = await describeAll<VpcEndpoint>(
    'ec2:DescribeVpcEndpoints',
    vpcs,
    'VPC endpoints',
    async function* endpointPages(values) {
      for await (const page of paginateDescribeVpcEndpoints(
        { client: ec2 },
        { Filters: [{ Name: 'vpc-id', Values: values }] },
      )) {
        yield page.VpcEndpoints ?? [];
      }
    },
  );
  return vpcs.map(vpcId => {
    const fact = regional(ctx, 'vpc-endpoints', vpcId);
    if (!found.ok) {
      fact.errors.push({ ...found.error, target: vpcId });
      return fact;
    }
    const endpoints = found.value
      .filter(e => e.VpcId === vpcId)
      .map(e => {
        let policyDocument;
        try {
          policyDocument = e.PolicyDocument
            ? parsePolicyDocument(e.PolicyDocument, { urlEncoded: false })
            : undefined;
        } catch (error) {
          fact.errors.push(
            classifyError(error, 'ec2:DescribeVpcEndpoints', {
              target: e.VpcEndpointId,
              field: 'policyDocument',
            }),
          );
        }
        return {
          vpcEndpointId: String(e.VpcEndpointId),
          serviceName: String(e.ServiceName),
          vpcEndpointType: e.VpcEndpointType,
          state: e.State,
          privateDnsEnabled: e.PrivateDnsEnabled,
          ...(policyDocument ? { policyDocument } : {}),
        };
      });
    fact.data = { vpcId, endpoints };
    return fact;
  });
}

/** Security groups, subnets (with their internet route) and VPC endpoints of every VPC used. */
export async function collectNetwork(ctx: FactsContext): Promise<void> {
  const ec2 = ctx.clients.ec2(ctx.target.region);
  const [groups, subnets] = await Promise.all([
    collectSecurityGroups(ctx, ec2),
    collectSubnets(ctx, ec2),
  ]);
  const vpcs = [...new Set([...subnets.vpcs, ...ctx.refs.vpcs])];
  const endpoints = await collectVpcEndpoints(ctx, ec2, vpcs);
  const facts = [...groups, ...subnets.facts, ...endpoints];
  facts.forEach(f => f.errors.forEach(e => ctx.report.record(e)));
  if (facts.length > 0) await ctx.store.upsertFacts(facts, ctx.seenAt);
}
