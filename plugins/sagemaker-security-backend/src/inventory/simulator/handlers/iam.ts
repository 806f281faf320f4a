import { notFound } from '../awsErrors';
import type { EstateManagedPolicy, EstateRole } from '../estate';
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

function attachedPolicies(scope: SimScope, r: EstateRole) {
  return (r.attachedPolicyArns ?? []).map(PolicyArn => ({
    PolicyArn,
    PolicyName:
      scope.account.managedPolicies?.find(p => p.arn === PolicyArn)?.name ??
      PolicyArn.split('/').pop(),
  }));
}

/** AWS-managed policies live in the `aws` pseudo-account. */
const isAwsManaged = (arn: string) => arn.split(':')[4] === 'aws';

/** The RoleDetail members of an estate role (GetRole's extra fields are not). */
const ROLE_DETAIL_FIELDS = [
  'Path',
  'RoleName',
  'RoleId',
  'Arn',
  'CreateDate',
  'PermissionsBoundary',
  'Tags',
  'RoleLastUsed',
];

function roleDetail(scope: SimScope, r: EstateRole) {
  return {
    ...Object.fromEntries(
      ROLE_DETAIL_FIELDS.filter(k => r.role[k] !== undefined).map(k => [
        k,
        r.role[k],
      ]),
    ),
    AssumeRolePolicyDocument: policyString(
      r.role.AssumeRolePolicyDocument,
      true,
    ),
    RolePolicyList: Object.entries(r.inlinePolicies ?? {}).map(
      ([PolicyName, doc]) => ({
        PolicyName,
        PolicyDocument: policyString(doc, true),
      }),
    ),
    AttachedManagedPolicies: attachedPolicies(scope, r),
  };
}

function policyDetail(scope: SimScope, p: EstateManagedPolicy) {
  return {
    PolicyName: p.name,
    Arn: p.arn,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: (scope.account.roles ?? []).filter(r =>
      r.attachedPolicyArns?.includes(p.arn),
    ).length,
    IsAttachable: true,
    PolicyVersionList: [
      {
        VersionId: p.defaultVersionId,
        IsDefaultVersion: true,
        Document: policyString(p.document, true),
      },
    ],
  };
}

export const iamHandlers: Record<string, Handler> = {
  /**
   * Roles, then managed policies, as the filter asks, paged together by
   * Marker/MaxItems like AWS (a page may hold both lists).
   */
  GetAccountAuthorizationDetails: (input, scope) => {
    const filter: string[] = input.Filter ?? [];
    const all = !filter.length;
    const want = (kind: string) => all || filter.includes(kind);
    const policies = scope.account.managedPolicies ?? [];
    const items = [
      ...(want('Role') ? scope.account.roles ?? [] : []).map(r => ({
        role: roleDetail(scope, r),
      })),
      ...policies
        .filter(p =>
          isAwsManaged(p.arn)
            ? want('AWSManagedPolicy')
            : want('LocalManagedPolicy'),
        )
        .map(p => ({ policy: policyDetail(scope, p) })),
    ];
    const { page, more } = iamPage(items, input, scope);
    return {
      RoleDetailList: page.flatMap(i => ('role' in i ? [i.role] : [])),
      Policies: page.flatMap(i => ('policy' in i ? [i.policy] : [])),
      UserDetailList: [],
      GroupDetailList: [],
      ...more,
    };
  },
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
    const all = attachedPolicies(scope, role(scope, input.RoleName));
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
