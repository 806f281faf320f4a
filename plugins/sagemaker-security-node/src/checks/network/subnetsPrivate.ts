import {
  CheckOutcome,
  CollectionError,
  SubnetFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import { CheckContext } from '../../types';
import {
  combineItems,
  defineCheck,
  DOCS,
  factFieldUnknown,
  fail,
  judgingSharedFacts,
  LinkedValue,
  memoCombination,
  memoFor,
  memoOn,
  perEvaluation,
  linkedFactsKey,
  NETWORKED_RESOURCE_TYPES,
  notApplicable,
  pass,
  readFactOnce,
  resourceSubnets,
  SEED,
  warn,
} from '../support';

function judgeSubnet(
  read: { data: SubnetFact; fact: { errors: CollectionError[] } },
  subnet: LinkedValue,
): CheckOutcome {
  const { routesToInternetGateway, mapPublicIpOnLaunch } = read.data;
  const evidence = [
    {
      path: 'ec2:DescribeRouteTables.Routes',
      observed: { routesToInternetGateway, mapPublicIpOnLaunch },
      expected: 'no 0.0.0.0/0 route to an internet gateway',
      relatedArn: subnet.value,
    },
  ];
  if (routesToInternetGateway === undefined) {
    return factFieldUnknown(
      read.fact,
      'routesToInternetGateway',
      'ec2:DescribeRouteTables',
      `Routes of subnet ${subnet.value}`,
    );
  }
  if (routesToInternetGateway) {
    return fail(
      `Subnet ${subnet.value} is public: it routes to an internet gateway.`,
      evidence,
    );
  }
  return mapPublicIpOnLaunch
    ? warn(
        `Subnet ${subnet.value} is private but assigns public IPs on launch.`,
        evidence,
      )
    : pass(`Subnet ${subnet.value} is private.`, evidence);
}

function subnetsKey(context: CheckContext): object | undefined {
  return linkedFactsKey(context, 'subnet', resourceSubnets(context), false);
}

function judgeEachSubnet(
  context: CheckContext,
  subnets: LinkedValue[],
): CheckOutcome {
  const outcomes = subnets.map(subnet => {
    const read = readFactOnce(context, 'subnet', subnet.value);
    if (!read.ok) return read.outcome;
    return memoOn(judgeSubnet, read.fact, [subnet.value], () =>
      judgeSubnet(read, subnet),
    );
  });
  return memoCombination(outcomes, combineItems);
}

export const subnetsPrivate = defineCheck(
  {
    id: 'subnets-private',
    pillar: 'network',
    title: 'The resource runs in private subnets',
    severity: 'medium',
    resourceTypes: NETWORKED_RESOURCE_TYPES,
    rationale:
      'A subnet whose route table sends 0.0.0.0/0 to an internet gateway is public: ENIs with a public address there are reachable from the internet.',
    references: {
      seed: {
        pillar: SEED.network,
        phases: ['training', 'deployment', 'experimentation'],
      },
    },
    remediation: {
      text: 'Place SageMaker resources in subnets without a route to an internet gateway; use VPC endpoints or a NAT gateway for outbound access.',
      docsUrl: DOCS.subnets,
      template: FOUNDATION_TEMPLATE,
    },
  },
  judgingSharedFacts(
    context => {
      const subnets = resourceSubnets(context);
      if (subnets.length === 0) {
        return notApplicable(`${context.resource.name} names no subnet.`);
      }
      const key = perEvaluation(context, subnetsKey);
      return key
        ? memoFor(judgeSubnet, key, judgeEachSubnet, context, subnets)
        : judgeEachSubnet(context, subnets);
    },
    subnetsKey,
    judgeSubnet,
  ),
);
