/** What the execution role permission checks share: evidence and probes. */
import { Evidence, MlPhase } from '@mlsec/plugin-sagemaker-security-common';
import { RoleContext } from '../support';

export function policyEvidence(
  role: RoleContext,
  observed: unknown,
  expected: string,
): Evidence[] {
  return [
    {
      path: 'iam:GetPolicyVersion.Document / iam:GetRolePolicy.PolicyDocument',
      observed,
      expected,
      relatedArn: role.roleArn,
    },
  ];
}

function accountOf(roleArn: string): string {
  return roleArn.split(':')[4] || '*';
}

/** A role ARN no reasonable scoping would name: matching it means "any role". */
export function probeRoleArn(roleArn: string): string {
  return `arn:aws:iam::${accountOf(roleArn)}:role/mlsec-probe-any-other-role`;
}

export const PROBE_OBJECT =
  'arn:aws:s3:::mlsec-probe-any-other-bucket/any-object';

export const ROLE_PHASES: MlPhase[] = [
  'training',
  'deployment',
  'experimentation',
];
