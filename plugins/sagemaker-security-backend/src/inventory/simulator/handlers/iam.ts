import { notFound } from '../awsErrors';
import type { EstateRole } from '../estate';
import { paginate, policyString } from '../paging';
import type { Handler, SimScope } from './types';

const IAM_PAGING = { tokenIn: 'Marker', sizeIn: 'MaxItems' };

function role(scope: SimScope, roleName: string): EstateRole {
  const found = scope.account.roles?.find(r => r.role.RoleName === roleName);
  if (!found) throw notFound('iam', `Role ${roleName}`);
  return found;
}

function managedPolicy(scope: SimScope, arn: string) {
  const found = scope.account.managedPolicies?.find(p => p.arn === arn);
  if (!found) throw notFound('iam', `Policy ${arn}`);
  return found;
}

/** IAM answers in Marker/IsTruncated style. */
function iamPage<T>(items: T[], input: Record<string, any>, scope: SimScope) {
  const { page, next } = paginate(items, input, scope.pageSize, IAM_PAGING);
  return {
    page,
    more: next ? { IsTruncated: true, Marker: next } : { IsTruncated: false },
  };
}

export const iamHandlers: Record<string, Handler> = {
  GetRole: (input, scope) => {
    const r = role(scope, input.RoleName).role;
    return {
      Role: {
        ...r,
        AssumeRolePolicyDocument: policyString(
          r.AssumeRolePolicyDocument,
          true,
        ),
      },
    };
  },
  ListAttachedRolePolicies: (input, scope) => {
    const arns = role(scope, input.RoleName).attachedPolicyArns ?? [];
    const all = arns.map(PolicyArn => ({
      PolicyArn,
      PolicyName:
        scope.account.managedPolicies?.find(p => p.arn === PolicyArn)?.name ??
        PolicyArn.split('/').pop(),
    }));
    const { page, more } = iamPage(all, input, scope);
    return { AttachedPolicies: page, ...more };
  },
  ListRolePolicies: (input, scope) => {
    const names = Object.keys(role(scope, input.RoleName).inlinePolicies ?? {});
    const { page, more } = iamPage(names, input, scope);
    return { PolicyNames: page, ...more };
  },
  GetRolePolicy: (input, scope) => {
    const doc = role(scope, input.RoleName).inlinePolicies?.[input.PolicyName];
    if (doc === undefined) throw notFound('iam', `Policy ${input.PolicyName}`);
    return {
      RoleName: input.RoleName,
      PolicyName: input.PolicyName,
      PolicyDocument: policyString(doc, true),
    };
  },
  GetPolicy: (input, scope) => {
    const p = managedPolicy(scope, input.PolicyArn);
    return {
      Policy: {
        Arn: p.arn,
        PolicyName: p.name,
        DefaultVersionId: p.defaultVersionId,
      },
    };
  },
  GetPolicyVersion: (input, scope) => {
    const p = managedPolicy(scope, input.PolicyArn);
    if (input.VersionId !== p.defaultVersionId) {
      throw notFound('iam', `Policy version ${input.VersionId} of ${p.arn}`);
    }
    return {
      PolicyVersion: {
        VersionId: p.defaultVersionId,
        IsDefaultVersion: true,
        Document: policyString(p.document, true),
      },
    };
  },
};
