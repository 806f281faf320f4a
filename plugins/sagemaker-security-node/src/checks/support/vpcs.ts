import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { readFact } from './facts';
import { LinkedValue, subnetIds } from './links';
import { nonEmptyString, getPath } from './paths';

export interface VpcsOfResource {
  vpcIds: string[];
  /** Subnets whose VPC could not be read. */
  unreadable: CheckOutcome[];
  /** The subnets the resource is placed in. */
  subnets: LinkedValue[];
}

/**
 * The VPCs a resource's ENIs live in: the domain's VpcId, else the VPC of each
 * subnet it names (read from the `subnet` facts).
 */
export function vpcsOf(context: CheckContext): VpcsOfResource {
  const subnets = subnetIds(context.resource);
  const vpcIds = new Set<string>();
  const unreadable: CheckOutcome[] = [];
  const domainVpc = nonEmptyString(
    getPath(context.resource.description, 'VpcId'),
  );
  if (domainVpc) {
    vpcIds.add(domainVpc);
  } else {
    for (const subnet of subnets) {
      const read = readFact(context, 'subnet', subnet.value);
      if (read.ok) {
        vpcIds.add(read.data.vpcId);
      } else {
        unreadable.push(read.outcome);
      }
    }
  }
  return { vpcIds: [...vpcIds], unreadable, subnets };
}
