import {
  CheckOutcome,
  RelatedFact,
  VpcEndpointsFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import { CheckContext, SecurityCheck } from '../../types';
import {
  combineItems,
  defineCheck,
  DOCS,
  fail,
  NETWORKED_RESOURCE_TYPES,
  notApplicable,
  deriveFromFact,
  deriveKey,
  sharedVerdict,
  pass,
  readFactOnce,
  SEED,
  vpcsOf,
  warn,
} from '../support';

type Endpoint = VpcEndpointsFact['endpoints'][number];

/** `com.amazonaws.eu-west-1.sagemaker.api` ends with `.sagemaker.api` (also `-fips`). */
function servesService(endpoint: Endpoint, service: string): boolean {
  const name = endpoint.serviceName.toLowerCase();
  return name.endsWith(`.${service}`) || name.endsWith(`.${service}-fips`);
}

function judgeService(
  vpcId: string,
  endpoints: Endpoint[],
  service: string,
): CheckOutcome {
  const found = endpoints.filter(endpoint => servesService(endpoint, service));
  const evidence = [
    {
      path: 'ec2:DescribeVpcEndpoints.ServiceName',
      observed: found.map(
        endpoint =>
          `${endpoint.vpcEndpointId} (${endpoint.state ?? 'state unknown'})`,
      ),
      expected: `an available endpoint for ${service}`,
      relatedArn: vpcId,
    },
  ];
  const available = found.filter(
    endpoint => (endpoint.state ?? '').toLowerCase() === 'available',
  );
  if (available.length === 0) {
    return fail(
      found.length === 0
        ? `VPC ${vpcId} has no VPC endpoint for ${service}.`
        : `VPC ${vpcId}'s endpoint for ${service} is not available (${found
            .map(e => e.state)
            .join(', ')}).`,
      evidence,
    );
  }
  const usable = available.some(
    endpoint =>
      (endpoint.vpcEndpointType ?? 'Interface') !== 'Interface' ||
      endpoint.privateDnsEnabled !== false,
  );
  return usable
    ? pass(`VPC ${vpcId} has an endpoint for ${service}.`, evidence)
    : warn(
        `VPC ${vpcId}'s interface endpoint for ${service} has private DNS disabled, so SDK calls still resolve the public endpoint.`,
        evidence,
      );
}

/** The verdict on one service's endpoints in one VPC. */
const judgeVpcService = deriveFromFact(
  'verdict on a VPC endpoint service',
  (fact: RelatedFact<'vpc-endpoints'>, vpcId: string, service: string) =>
    judgeService(vpcId, fact.data!.endpoints, service),
);

/**
 * The same object for resources in the same VPCs with the same endpoints;
 * undefined when a VPC or its endpoints could not be read.
 */
const endpointsKey = deriveKey('VPC endpoint facts', context => {
  const { vpcIds, unreadable } = vpcsOf(context);
  if (unreadable.length > 0 || vpcIds.length === 0) return undefined;
  const parts: unknown[] = [];
  try {
    for (const vpcId of vpcIds) {
      const read = readFactOnce(context, 'vpc-endpoints', vpcId);
      if (!read.ok) return undefined;
      parts.push(read.fact, vpcId);
    }
  } catch {
    return undefined;
  }
  return parts;
});

function judgeEndpoints(
  context: CheckContext,
  services: string[],
): CheckOutcome {
  const { vpcIds, unreadable, subnets } = vpcsOf(context);
  if (vpcIds.length === 0 && unreadable.length === 0) {
    return notApplicable(
      subnets.length === 0
        ? `${context.resource.name} is not placed in a VPC (see the VPC checks).`
        : `${context.resource.name}: no VPC could be derived.`,
    );
  }
  const outcomes = [...unreadable];
  for (const vpcId of vpcIds) {
    const read = readFactOnce(context, 'vpc-endpoints', vpcId);
    if (!read.ok) {
      outcomes.push(read.outcome);
      continue;
    }
    for (const service of services) {
      outcomes.push(judgeVpcService(context, read.fact, vpcId, service));
    }
  }
  return outcomes.length === 0
    ? notApplicable('No VPC to check.')
    : combineItems(outcomes);
}

interface Spec {
  id: string;
  services: string[];
  title: string;
  rationale: string;
  severity: 'high' | 'medium' | 'low';
}

function vpcEndpointCheck(spec: Spec): SecurityCheck {
  return defineCheck(
    {
      id: spec.id,
      pillar: 'network',
      title: spec.title,
      severity: spec.severity,
      resourceTypes: NETWORKED_RESOURCE_TYPES,
      rationale: spec.rationale,
      references: {
        configRules: ['service-vpc-endpoint-enabled'],
        seed: {
          pillar: SEED.network,
          phases: ['training', 'deployment', 'experimentation'],
        },
      },
      remediation: {
        text: `Create VPC endpoints for ${spec.services.join(
          ', ',
        )} in every VPC that hosts SageMaker resources (interface endpoints with private DNS; S3 may use a gateway endpoint).`,
        docsUrl: DOCS.interfaceEndpoints,
        template: FOUNDATION_TEMPLATE,
      },
    },
    sharedVerdict(endpointsKey, context =>
      judgeEndpoints(context, spec.services),
    ),
  );
}

export const vpcEndpointsSageMaker = vpcEndpointCheck({
  id: 'vpc-endpoints-sagemaker',
  services: ['sagemaker.api', 'sagemaker.runtime'],
  title: 'The VPC has endpoints for the SageMaker API and runtime',
  rationale:
    'Without sagemaker.api and sagemaker.runtime endpoints, calls from inside the VPC to SageMaker (and to invoke endpoints) leave through the internet or a NAT.',
  severity: 'medium',
});

export const vpcEndpointS3 = vpcEndpointCheck({
  id: 'vpc-endpoint-s3',
  services: ['s3'],
  title: 'The VPC has an S3 endpoint',
  rationale:
    'Training data and model artifacts move between the VPC and S3; an S3 endpoint keeps that traffic on the AWS network and lets endpoint policies restrict buckets.',
  severity: 'high',
});

export const vpcEndpointKms = vpcEndpointCheck({
  id: 'vpc-endpoint-kms',
  services: ['kms'],
  title: 'The VPC has a KMS endpoint',
  rationale:
    'Every encrypted read and write calls KMS; the endpoint keeps those calls private.',
  severity: 'medium',
});

export const vpcEndpointsEcr = vpcEndpointCheck({
  id: 'vpc-endpoints-ecr',
  services: ['ecr.api', 'ecr.dkr'],
  title: 'The VPC has ECR endpoints (API and Docker registry)',
  rationale:
    'Training and inference images are pulled from ECR; without ecr.api and ecr.dkr endpoints, VPC-only resources need internet access to start.',
  severity: 'medium',
});

export const vpcEndpointsStsLogs = vpcEndpointCheck({
  id: 'vpc-endpoints-sts-logs',
  services: ['sts', 'logs'],
  title: 'The VPC has STS and CloudWatch Logs endpoints',
  rationale:
    'Containers assume roles through STS and ship logs to CloudWatch Logs; private endpoints keep credentials and logs off the internet.',
  severity: 'low',
});
