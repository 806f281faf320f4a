import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
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
import { FactsContext, mustRead } from '../changes/plan';
import { isoDate } from '../collectors/plain';
import { accountOfArn } from './arns';
import { parsePolicyDocument } from './policyDocument';

type Read<T> = { value?: T; errors: CollectionError[] };

async function readDocument(
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
function readManagedPolicy(
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

async function readAttached(
  ctx: CollectContext,
  iam: IAMClient,
  roleName: string,
  arn: string,
) {
  const errors: CollectionError[] = [];
  const listed = await attempt(
    'iam:ListAttachedRolePolicies',
    { target: arn, field: 'attachedPolicies' },
    async () => {
      const items: Array<{ PolicyArn?: string; PolicyName?: string }> = [];
      for await (const page of paginateListAttachedRolePolicies(
        { client: iam },
        { RoleName: roleName },
      )) {
        items.push(...(page.AttachedPolicies ?? []));
      }
      return items;
    },
  );
  if (!listed.ok) return { errors: [listed.error] };
  const value = await Promise.all(
    listed.value.map(async p => {
      const doc = await readManagedPolicy(ctx, iam, String(p.PolicyArn));
      errors.push(...doc.errors);
      return {
        policyArn: String(p.PolicyArn),
        policyName: String(p.PolicyName),
        ...(doc.value ? { document: doc.value } : {}),
      };
    }),
  );
  return { value, errors };
}

async function readInline(iam: IAMClient, roleName: string, arn: string) {
  const errors: CollectionError[] = [];
  const listed = await attempt(
    'iam:ListRolePolicies',
    { target: arn, field: 'inlinePolicies' },
    async () => {
      const names: string[] = [];
      for await (const page of paginateListRolePolicies(
        { client: iam },
        { RoleName: roleName },
      )) {
        names.push(...(page.PolicyNames ?? []));
      }
      return names;
    },
  );
  if (!listed.ok) return { errors: [listed.error] };
  const value = await Promise.all(
    listed.value.map(async policyName => {
      const doc = await readDocument(
        'iam:GetRolePolicy',
        `${arn}#${policyName}`,
        'inlinePolicies',
        async () => {
          const out = await iam.send(
            new GetRolePolicyCommand({
              RoleName: roleName,
              PolicyName: policyName,
            }),
          );
          return out.PolicyDocument;
        },
      );
      errors.push(...doc.errors);
      return { policyName, ...(doc.value ? { document: doc.value } : {}) };
    }),
  );
  return { value, errors };
}

async function readRole(
  ctx: CollectContext,
  arn: string,
): Promise<RelatedFact<'iam-role'>> {
  const iam = ctx.clients.iam(ctx.target.region);
  const roleName = arn.split('/').pop() ?? arn;
  const fact: RelatedFact<'iam-role'> = {
    kind: 'iam-role',
    key: arn,
    accountId: accountOfArn(arn) ?? ctx.target.accountId,
    region: GLOBAL_REGION,
    errors: [],
  };
  const got = await attempt('iam:GetRole', { target: arn }, async () =>
    required(
      (
        await iam.send(new GetRoleCommand({ RoleName: roleName }))
      ).Role,
      'Role',
    ),
  );
  if (!got.ok) {
    fact.errors.push(got.error);
    return fact;
  }
  const role = got.value;
  const data: IamRoleFact = {
    arn,
    roleName,
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
    'iam:GetRole',
    arn,
    'assumeRolePolicyDocument',
    async () => role.AssumeRolePolicyDocument,
  );
  if (trust.value) data.assumeRolePolicyDocument = trust.value;
  const [attached, inline] = await Promise.all([
    readAttached(ctx, iam, roleName, arn),
    readInline(iam, roleName, arn),
  ]);
  if (attached.value) data.attachedPolicies = attached.value;
  if (inline.value) data.inlinePolicies = inline.value;
  fact.errors.push(...trust.errors, ...attached.errors, ...inline.errors);
  fact.data = data;
  return fact;
}

/** Reads and stores one execution role, once per scan (unless unchanged: changes/). */
export async function collectRole(
  ctx: FactsContext,
  arn: string,
): Promise<void> {
  const account = accountOfArn(arn) ?? ctx.target.accountId;
  if (!(await mustRead(ctx, 'iam-role', account, GLOBAL_REGION, arn))) return;
  await ctx.facts.once(`iam-role|${arn}`, async () => {
    const fact = await readRole(ctx, arn);
    fact.errors.forEach(e => ctx.report.record(e));
    await ctx.store.upsertFacts([fact], ctx.seenAt);
  });
}

/** Reads every execution role referenced in this target, once per scan. */
export async function collectRoles(ctx: CollectContext): Promise<void> {
  await Promise.all([...ctx.refs.roles].map(arn => collectRole(ctx, arn)));
}
