import {
  CheckOutcome,
  CollectionError,
  RelatedFact,
  SubnetFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import {
  combineItems,
  defineCheck,
  DOCS,
  factFieldUnknown,
  fail,
  deriveFromFact,
  deriveKey,
  linkedFactParts,
  sharedVerdict,
  NETWORKED_RESOURCE_TYPES,
  notApplicable,
  pass,
  readFactOnce,
  resourceSubnets,
  SEED,
  warn,
} from '../support';

/** The verdict on one subnet (`subnetId` as the resource names it). */
const judgeSubnet = deriveFromFact(
  'verdict on a subnet',
  (fact: RelatedFact<'subnet'>, subnetId: string): CheckOutcome =>
    subnetVerdict(fact.data!, fact.errors, subnetId),
);

function subnetVerdict(
  subnet: SubnetFact,
  errors: CollectionError[],
  subnetId: string,
): CheckOutcome {
  const { routesToInternetGateway, mapPublicIpOnLaunch } = subnet;
  const evidence = [
    {
      path: 'ec2:DescribeRouteTables.Routes',
      observed: { routesToInternetGateway, mapPublicIpOnLaunch },
      expected: 'no 0.0.0.0/0 route to an internet gateway',
      relatedArn: subnetId,
    },
  ];
  if (routesToInternetGateway === undefined) {
    return factFieldUnknown(
      { errors },
      'routesToInternetGateway',
      'ec2:DescribeRouteTables',
      `Routes of subnet ${subnetId}`,
    );
  }
  if (routesToInternetGateway) {
    return fail(
      `Subnet ${subnetId} is public: it routes to an internet gateway.`,
      evidence,
    );
  }
  return mapPublicIpOnLaunch
    ? warn(
        `Subnet ${subnetId} is private but assigns public IPs on launch.`,
        evidence,
      )
    : pass(`Subnet ${subnetId} is private.`, evidence);
}

/** The same object for resources in the same subnets (with the same facts). */
const subnetsKey = deriveKey('subnet facts', context =>
  linkedFactParts(context, 'subnet', resourceSubnets(context), false),
);

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
  sharedVerdict(subnetsKey, context => {
    const subnets = resourceSubnets(context);
    if (subnets.length === 0) {
      return notApplicable(`${context.resource.name} names no subnet.`);
    }
    return combineItems(
      subnets.map(subnet => {
        const read = readFactOnce(context, 'subnet', subnet.value);
        return read.ok
          ? judgeSubnet(context, read.fact, subnet.value)
          : read.outcome;
      }),
    );
  }),
);
