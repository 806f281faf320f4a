import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  Role,
} from '@aws-sdk/client-iam';
import {
  CollectionError,
  GLOBAL_REGION,
  IamRoleFact,
  PolicyDocument,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, required } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { isoDate } from '../collectors/plain';
import { accountOfArn } from './arns';
import { parsePolicyDocument } from './policyDocument';

/**
 * The parts of an `iam-role` fact that both ways of reading a role share
 * (per role in roles.ts, from the account's authorization details in
 * iamDetails.ts), so both store the same fact.
 */

export type Read<T> = { value?: T; errors: CollectionError[] };

export type AttachedPolicy = NonNullable<
  IamRoleFact['attachedPolicies']
>[number];
export type InlinePolicy = NonNullable<IamRoleFact['inlinePolicies']>[number];

export async function readDocument(
  action: string,
  target: string,
  field: string,
  fetch: () => Promise<string | undefined>,
): Promise<Read<PolicyDocument>> {
  const result = await attempt(action, { target, field }, async () =>
    parsePolicyDocument(required(await fetch(), 'policy document'), {
      urlEncoded: true,
    }),
  );
  return result.ok
    ? { value: result.value, errors: [] }
    : { errors: [result.error] };
}

/** The default version of a managed policy; shared by every role attaching it. */
export function readManagedPolicy(
  ctx: CollectContext,
  iam: IAMClient,
  policyArn: string,
): Promise<Read<PolicyDocument>> {
  return ctx.facts.once(
    `managed-policy|${ctx.target.accountId}|${policyArn}`,
    async () => {
      const policy = await attempt(
        'iam:GetPolicy',
        { target: policyArn, field: 'attachedPolicies' },
        () => iam.send(new GetPolicyCommand({ PolicyArn: policyArn })),
      );
      if (!policy.ok) return { errors: [policy.error] };
      const versionId = policy.value.Policy?.DefaultVersionId;
      return readDocument(
        'iam:GetPolicyVersion',
        policyArn,
        'attachedPolicies',
        async () => {
          const out = await iam.send(
            new GetPolicyVersionCommand({
              PolicyArn: policyArn,
              VersionId: versionId,
            }),
          );
          return out.PolicyVersion?.Document;
        },
      );
    },
  );
}

/** An attached policy's entry, with its document when it could be read. */
export function attachedEntry(
  p: { PolicyArn?: string; PolicyName?: string },
  doc: Read<PolicyDocument>,
): AttachedPolicy {
  return {
    policyArn: String(p.PolicyArn),
    policyName: String(p.PolicyName),
    ...(doc.value ? { document: doc.value } : {}),
  };
}

export function inlineEntry(
  policyName: string,
  doc: Read<PolicyDocument>,
): InlinePolicy {
  return { policyName, ...(doc.value ? { document: doc.value } : {}) };
}

/** A role's fact before anything is read: the key and where it lives. */
export function emptyRoleFact(
  ctx: CollectContext,
  arn: string,
): RelatedFact<'iam-role'> {
  return {
    kind: 'iam-role',
    key: arn,
    accountId: accountOfArn(arn) ?? ctx.target.accountId,
    region: GLOBAL_REGION,
    errors: [],
  };
}

export function roleNameOf(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

/**
 * Fills `fact` from a role (GetRole's `Role` or a details `RoleDetail`)
 * and its policies; `action` is the call that returned the trust policy.
 */
export async function completeRoleFact(
  fact: RelatedFact<'iam-role'>,
  role: Pick<
    Role,
    'PermissionsBoundary' | 'RoleLastUsed' | 'AssumeRolePolicyDocument'
  >,
  action: string,
  policies: Promise<[Read<AttachedPolicy[]>, Read<InlinePolicy[]>]>,
): Promise<RelatedFact<'iam-role'>> {
  const arn = fact.key;
  const data: IamRoleFact = {
    arn,
    roleName: roleNameOf(arn),
    permissionsBoundaryArn:
      role.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
    roleLastUsed: role.RoleLastUsed
      ? {
          lastUsedDate: isoDate(role.RoleLastUsed.LastUsedDate),
          region: role.RoleLastUsed.Region,
        }
      : null,
  };
  const trust = await readDocument(
    action,
    arn,
    'assumeRolePolicyDocument',
    async () => role.AssumeRolePolicyDocument,
  );
  if (trust.value) data.assumeRolePolicyDocument = trust.value;
  const [attached, inline] = await policies;
  if (attached.value) data.attachedPolicies = attached.value;
  if (inline.value) data.inlinePolicies = inline.value;
  fact.errors.push(...trust.errors, ...attached.errors, ...inline.errors);
  fact.data = data;
  return fact;
}
