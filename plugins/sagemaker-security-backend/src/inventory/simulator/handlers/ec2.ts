import { awsError } from '../awsErrors';
import { paginate, policyString } from '../paging';
import type { Handler } from './types';

type Item = Record<string, any>;

/** Values of an EC2 filter name on an item. */
const FILTERS: Record<string, (item: Item) => unknown[]> = {
  'group-id': i => [i.GroupId],
  'subnet-id': i => [i.SubnetId],
  'vpc-id': i => [i.VpcId],
  'association.subnet-id': i =>
    (i.Associations ?? []).map((a: Item) => a.SubnetId),
  'association.main': i =>
    (i.Associations ?? []).map((a: Item) => String(!!a.Main)),
};

function filtered(items: Item[], input: Item): Item[] {
  return items.filter(item =>
    (input.Filters ?? []).every((f: { Name: string; Values: string[] }) => {
      const values = FILTERS[f.Name];
      if (!values) {
        throw awsError(
          'InvalidParameterValue',
          `The filter '${f.Name}' is invalid`,
          400,
        );
      }
      return values(item).some(v => f.Values.includes(String(v)));
    }),
  );
}

function describe(
  field: string,
  list: (region: Item | undefined) => Item[] | undefined,
  ids?: string,
): Handler {
  return (input, scope) => {
    let items = filtered(list(scope.region) ?? [], input);
    if (ids && input[ids])
      items = items.filter(i => input[ids].includes(i[ids.replace(/s$/, '')]));
    const { page, next } = paginate(items, input, scope.pageSize);
    return { [field]: page, ...(next ? { NextToken: next } : {}) };
  };
}

export const ec2Handlers: Record<string, Handler> = {
  DescribeSecurityGroups: describe(
    'SecurityGroups',
    r => r?.securityGroups,
    'GroupIds',
  ),
  DescribeSubnets: describe('Subnets', r => r?.subnets, 'SubnetIds'),
  DescribeRouteTables: describe('RouteTables', r => r?.routeTables),
  DescribeVpcEndpoints: (input, scope) => {
    const out = describe('VpcEndpoints', r => r?.vpcEndpoints)(
      input,
      scope,
    ) as Item;
    return {
      ...out,
      VpcEndpoints: out.VpcEndpoints.map((e: Item) => ({
        ...e,
        PolicyDocument: policyString(e.PolicyDocument, false),
      })),
    };
  },
};
