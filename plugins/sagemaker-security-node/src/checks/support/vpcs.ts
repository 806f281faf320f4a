import { CheckOutcome } from '@mlsec/plugin-sagemaker-security-common';
import { CheckContext } from '../../types';
import { readFactOnce } from './facts';
import { LinkedValue, resourceSubnets } from './links';
import { derive } from '../../engine/derived';
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
 * subnet it names (read from the `subnet` facts). Found once per evaluation
 * (shared: do not modify).
 */
export const vpcsOf = derive('VPCs of the resource', findVpcs);

function findVpcs(context: CheckContext): VpcsOfResource {
  const subnets = resourceSubnets(context);
  const vpcIds: string[] = [];
  const unreadable: CheckOutcome[] = [];
  const domainVpc = nonEmptyString(
    getPath(context.resource.description, 'VpcId'),
  );
  if (domainVpc) {
    vpcIds.push(domainVpc);
  } else {
    for (const subnet of subnets) {
      const read = readFactOnce(context, 'subnet', subnet.value);
      if (read.ok) {
        const vpcId = read.data.vpcId;
        if (!vpcIds.includes(vpcId)) vpcIds.push(vpcId);
      } else {
        unreadable.push(read.outcome);
      }
    }
  }
  return { vpcIds, unreadable, subnets };
}
