import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import {
  combineItems,
  defineCheck,
  describePath,
  factFieldUnknown,
  fail,
  fieldFailure,
  fieldPresent,
  getPath,
  instanceGroups,
  notApplicable,
  pass,
  readFactOnce,
  SEED,
  stringValuesAt,
} from '../support';

const HYPERPOD_VPC_DOCS =
  'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-hyperpod-prerequisites.html';

export const hyperpodClusterInVpc = defineCheck(
  {
    id: 'hyperpod-cluster-in-vpc',
    pillar: 'network',
    title: 'HyperPod cluster runs in your VPC',
    severity: 'high',
    resourceTypes: ['hyperpod-cluster'],
    rationale:
      'Without VpcConfig the cluster nodes get their network from the SageMaker service VPC: your security groups, VPC endpoints, flow logs and private data stores (FSx, EFS) do not apply to them.',
    references: {
      seed: { pillar: SEED.network, phases: ['training'] },
    },
    remediation: {
      text: 'Recreate the cluster with VpcConfig naming private subnets and security groups of your VPC (the cluster VPC cannot be added in place).',
      docsUrl: HYPERPOD_VPC_DOCS,
    },
  },
  fieldPresent('VpcConfig.Subnets', 'VPC subnet'),
);

/** The VPC of each subnet and security group at `prefix` (`VpcConfig` or a group's override). */
function vpcsAt(
  context: CheckContext,
  prefix: string,
): { vpcs: Map<string, string>; unreadable: CheckOutcome[] } {
  const vpcs = new Map<string, string>();
  const unreadable: CheckOutcome[] = [];
  const { description } = context.resource;
  for (const subnet of stringValuesAt(description, `${prefix}.Subnets[]`)) {
    const read = readFactOnce(context, 'subnet', subnet.value);
    if (read.ok) vpcs.set(`subnet ${subnet.value}`, read.data.vpcId);
    else unreadable.push(read.outcome);
  }
  for (const group of stringValuesAt(
    description,
    `${prefix}.SecurityGroupIds[]`,
  )) {
    const read = readFactOnce(context, 'security-group', group.value);
    if (!read.ok) unreadable.push(read.outcome);
    else if (read.data.vpcId === undefined) {
      unreadable.push(
        factFieldUnknown(
          read.fact,
          'vpcId',
          'ec2:DescribeSecurityGroups',
          `VPC of security group ${group.value}`,
        ),
      );
    } else vpcs.set(`security group ${group.value}`, read.data.vpcId);
  }
  return { vpcs, unreadable };
}

/**
 * Each instance group's `OverrideVpcConfig` (absent = the cluster's own) must
 * keep its subnets and security groups in the cluster's VPC: a group placed in
 * another VPC escapes the endpoints, flow logs and routing reviewed for the
 * cluster.
 */
function judgeOverrides(context: CheckContext): CheckOutcome {
  const { resource } = context;
  const failure =
    fieldFailure(resource, 'InstanceGroups') ??
    fieldFailure(resource, 'VpcConfig');
  if (failure) return failure;
  const groups = instanceGroups(resource.description);
  if (groups.length === 0) {
    return notApplicable(`${resource.name} has no instance groups.`);
  }
  const overridden = groups.filter(
    ({ group }) => getPath(group, 'OverrideVpcConfig') !== undefined,
  );
  if (overridden.length === 0) {
    return pass(
      `${resource.name}: every instance group uses the cluster's VPC configuration.`,
    );
  }
  if (
    stringValuesAt(resource.description, 'VpcConfig.Subnets[]').length === 0
  ) {
    return notApplicable(
      `${resource.name} has no cluster VPC to compare the overrides with; hyperpod-cluster-in-vpc reports that.`,
    );
  }
  const cluster = vpcsAt(context, 'VpcConfig');
  if (cluster.unreadable.length > 0) return combineItems(cluster.unreadable);
  const clusterVpcs = new Set(cluster.vpcs.values());
  const outcomes: CheckOutcome[] = [];
  for (const { path, name } of overridden) {
    const prefix = `${path}.OverrideVpcConfig`;
    const placed = vpcsAt(context, prefix);
    outcomes.push(...placed.unreadable);
    const outside = [...placed.vpcs].filter(([, vpc]) => !clusterVpcs.has(vpc));
    const evidence = [
      {
        path: describePath(resource, prefix),
        observed: Object.fromEntries(placed.vpcs),
        expected: `in ${[...clusterVpcs].join(', ')}`,
        relatedArn: resource.arn,
      },
    ];
    if (outside.length > 0) {
      outcomes.push(
        fail(
          `${
            resource.name
          }: instance group ${name} is outside the cluster VPC (${outside
            .map(([what, vpc]) => `${what} in ${vpc}`)
            .join(', ')}).`,
          evidence,
        ),
      );
    } else if (placed.unreadable.length === 0) {
      outcomes.push(
        pass(
          `${resource.name}: instance group ${name} overrides subnets within the cluster VPC.`,
          evidence,
        ),
      );
    }
  }
  return combineItems(outcomes);
}

export const hyperpodInstanceGroupsInClusterVpc = defineCheck(
  {
    id: 'hyperpod-instance-groups-in-cluster-vpc',
    pillar: 'network',
    title: "HyperPod instance groups stay in the cluster's VPC",
    severity: 'medium',
    resourceTypes: ['hyperpod-cluster'],
    rationale:
      "An instance group's OverrideVpcConfig replaces the cluster's subnets and security groups for its nodes; one that points at another VPC takes those nodes out of the network controls reviewed for the cluster.",
    references: {
      seed: { pillar: SEED.network, phases: ['training'] },
    },
    remediation: {
      text: "Point every OverrideVpcConfig at subnets and security groups of the cluster's VPC (UpdateCluster), or remove the override.",
      docsUrl: HYPERPOD_VPC_DOCS,
    },
  },
  judgeOverrides,
);
