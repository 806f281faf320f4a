import {
  SecurityGroupFact,
  SecurityGroupRule,
} from '@mlsec/plugin-sagemaker-security-common';
import { FOUNDATION_TEMPLATE } from '../../remediation/templates';
import {
  defineCheck,
  DOCS,
  eachSecurityGroup,
  fail,
  GroupVerdict,
  pass,
  SECURITY_GROUP_RESOURCE_TYPES,
  SEED,
  warn,
} from '../support';

const ANYWHERE_V4 = '0.0.0.0/0';
const ANYWHERE_V6 = '::/0';

function openRanges(rule: SecurityGroupRule): string[] {
  return [
    ...rule.ipv4Ranges.filter(range => range === ANYWHERE_V4),
    ...rule.ipv6Ranges.filter(range => range === ANYWHERE_V6),
  ];
}

function portsOf(rule: SecurityGroupRule): string {
  if (rule.ipProtocol === '-1') return 'all traffic';
  if (rule.fromPort === undefined) return rule.ipProtocol;
  return rule.fromPort === rule.toPort
    ? `${rule.ipProtocol}/${rule.fromPort}`
    : `${rule.ipProtocol}/${rule.fromPort}-${rule.toPort}`;
}

function judgeIngress(group: SecurityGroupFact): GroupVerdict {
  const open = group.ingress.filter(rule => openRanges(rule).length > 0);
  const evidence = [
    {
      path: 'ec2:DescribeSecurityGroups.IpPermissions',
      observed: open.map(
        rule => `${portsOf(rule)} from ${openRanges(rule).join(', ')}`,
      ),
      expected: 'no ingress from 0.0.0.0/0 or ::/0',
      relatedArn: group.groupId,
    },
  ];
  if (open.length === 0) {
    return pass(
      `Security group ${group.groupId} allows no ingress from the internet.`,
      evidence,
    );
  }
  const allowed = `security group ${group.groupId} allows ${open
    .map(rule => `${portsOf(rule)} from ${openRanges(rule).join(', ')}`)
    .join('; ')}.`;
  return resourceName => fail(`${resourceName}'s ${allowed}`, evidence);
}

function judgeEgress(group: SecurityGroupFact): GroupVerdict {
  const open = group.egress.filter(
    rule => rule.ipProtocol === '-1' && openRanges(rule).length > 0,
  );
  const evidence = [
    {
      path: 'ec2:DescribeSecurityGroups.IpPermissionsEgress',
      observed: open.map(
        rule => `${portsOf(rule)} to ${openRanges(rule).join(', ')}`,
      ),
      expected: 'no all-traffic egress to 0.0.0.0/0 or ::/0',
      relatedArn: group.groupId,
    },
  ];
  return open.length > 0
    ? warn(
        `Security group ${group.groupId} allows all egress to the internet.`,
        evidence,
      )
    : pass(`Security group ${group.groupId} restricts egress.`, evidence);
}

export const securityGroupsNoPublicIngress = defineCheck(
  {
    id: 'security-groups-no-public-ingress',
    pillar: 'network',
    title: 'Security groups of the resource allow no ingress from the internet',
    severity: 'high',
    resourceTypes: SECURITY_GROUP_RESOURCE_TYPES,
    rationale:
      'A rule open to 0.0.0.0/0 or ::/0 on a group attached to notebooks, Studio or training/hosting ENIs exposes them to any address that can route to the subnet; allow only specific ranges or security groups.',
    references: {
      prowler: [
        'ec2_securitygroup_allow_ingress_from_internet_to_all_ports',
        'ec2_securitygroup_allow_ingress_from_internet_to_any_port',
      ],
      seed: {
        pillar: SEED.network,
        phases: ['deployment', 'experimentation', 'training'],
      },
    },
    remediation: {
      text: 'Replace 0.0.0.0/0 and ::/0 ingress rules with the specific CIDR ranges or source security groups that need access.',
      docsUrl: DOCS.securityGroups,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachSecurityGroup(judgeIngress),
);

export const securityGroupsEgressRestricted = defineCheck(
  {
    id: 'security-groups-egress-restricted',
    pillar: 'network',
    title: 'Security groups of the resource restrict egress',
    severity: 'low',
    resourceTypes: SECURITY_GROUP_RESOURCE_TYPES,
    rationale:
      'Egress of all traffic to 0.0.0.0/0 (the default) lets code in the resource send data anywhere its routes allow; restricting egress to VPC endpoints and known ranges limits exfiltration.',
    references: {
      seed: { pillar: SEED.network, phases: ['training', 'deployment'] },
    },
    remediation: {
      text: 'Replace the default allow-all egress rule with rules to the VPC endpoint security groups, the VPC CIDR or the S3 prefix list.',
      docsUrl: DOCS.securityGroups,
      template: FOUNDATION_TEMPLATE,
    },
  },
  eachSecurityGroup(judgeEgress),
);
