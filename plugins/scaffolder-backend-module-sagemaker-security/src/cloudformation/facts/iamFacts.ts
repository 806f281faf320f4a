/**
 * IAM roles with their managed and inline policies, as declared.
 */
import {
  GLOBAL_REGION,
  IamRoleFact,
  PolicyDocument,
} from '@mlsec/plugin-sagemaker-security-common';
import { isRecord } from '../intrinsics';
import { ResolvedResource } from '../resolveTemplate';
import { asList, Env, FactSink, ofType } from './factSink';

export function roleFacts(all: ResolvedResource[], env: Env, sink: FactSink) {
  const managed = ofType(all, 'AWS::IAM::ManagedPolicy');
  const inline = [
    ...ofType(all, 'AWS::IAM::Policy'),
    ...ofType(all, 'AWS::IAM::RolePolicy'),
  ];
  for (const role of ofType(all, 'AWS::IAM::Role')) {
    const name = role.ref;
    const attached: NonNullable<IamRoleFact['attachedPolicies']> = [];
    const attach = (arn: unknown) => {
      if (attached.some(p => p.policyArn === arn)) return;
      const declaredPolicy = managed.find(m => m.ref === arn);
      attached.push({
        policyArn: arn as string,
        policyName:
          typeof arn === 'string' ? arn.split('/').pop() ?? arn : String(arn),
        document: declaredPolicy?.props.PolicyDocument as PolicyDocument,
      });
    };
    asList(role.props.ManagedPolicyArns).forEach(attach);
    managed
      .filter(m => asList(m.props.Roles).includes(name))
      .forEach(m => attach(m.ref));

    const inlinePolicies: NonNullable<IamRoleFact['inlinePolicies']> = [];
    for (const policy of asList(role.props.Policies)) {
      if (!isRecord(policy)) continue;
      inlinePolicies.push({
        policyName: policy.PolicyName as string,
        document: policy.PolicyDocument as PolicyDocument,
      });
    }
    for (const policy of inline) {
      const roles = [...asList(policy.props.Roles), policy.props.RoleName];
      if (!roles.includes(name)) continue;
      inlinePolicies.push({
        policyName: policy.props.PolicyName as string,
        document: policy.props.PolicyDocument as PolicyDocument,
      });
    }
    const arn = String(role.attributes.Arn);
    const data: IamRoleFact = {
      arn,
      roleName: String(name),
      assumeRolePolicyDocument: role.props
        .AssumeRolePolicyDocument as PolicyDocument,
      permissionsBoundaryArn:
        (role.props.PermissionsBoundary as string | undefined) ?? null,
      attachedPolicies: attached,
      inlinePolicies,
    };
    sink.add('iam-role', arn, env.accountId, GLOBAL_REGION, data, role);
  }
}
