import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import {
  CollectionError,
  GLOBAL_REGION,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt, required } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { FactsContext, mustRead } from '../changes/plan';
import { accountOfArn } from './arns';
import { accountDetails, roleFromDetails } from './iamDetails';
import {
  attachedEntry,
  AttachedPolicy,
  completeRoleFact,
  emptyRoleFact,
  inlineEntry,
  InlinePolicy,
  Read,
  readDocument,
  readManagedPolicy,
  roleNameOf,
} from './roleParts';

async function readAttached(
  ctx: CollectContext,
  iam: IAMClient,
  roleName: string,
  arn: string,
): Promise<Read<AttachedPolicy[]>> {
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
      return attachedEntry(p, doc);
    }),
  );
  return { value, errors };
}

async function readInline(
  iam: IAMClient,
  roleName: string,
  arn: string,
): Promise<Read<InlinePolicy[]>> {
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
      return inlineEntry(policyName, doc);
    }),
  );
  return { value, errors };
}

/** One role by its own calls: GetRole, its policy lists and inline policies. */
async function readRole(
  ctx: CollectContext,
  arn: string,
): Promise<RelatedFact<'iam-role'>> {
  const iam = ctx.clients.iam(ctx.target.region);
  const roleName = roleNameOf(arn);
  const fact = emptyRoleFact(ctx, arn);
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
  return completeRoleFact(
    fact,
    got.value,
    'iam:GetRole',
    Promise.all([
      readAttached(ctx, iam, roleName, arn),
      readInline(iam, roleName, arn),
    ]),
  );
}

/**
 * A role of the target's own account comes from the account's authorization
 * details when the cost model chose them and they could be read; any
 * other role (another account's, or one the details do not have, e.g.
 * deleted since) is read by its own calls, as is every role of an
 * account whose details could not be read.
 */
async function roleFact(
  ctx: CollectContext,
  arn: string,
): Promise<RelatedFact<'iam-role'>> {
  if (accountOfArn(arn) === ctx.target.accountId) {
    const details = await accountDetails(ctx);
    const role = details && roleFromDetails(ctx, details, arn);
    if (role) return role;
  }
  return readRole(ctx, arn);
}

/** Reads and stores one execution role, once per scan (unless unchanged: changes/). */
export async function collectRole(
  ctx: FactsContext,
  arn: string,
): Promise<void> {
  const account = accountOfArn(arn) ?? ctx.target.accountId;
  if (!(await mustRead(ctx, 'iam-role', account, GLOBAL_REGION, arn))) return;
  await ctx.facts.once(`iam-role|${arn}`, async () => {
    const fact = await roleFact(ctx, arn);
    fact.errors.forEach(e => ctx.report.record(e));
    await ctx.store.upsertFacts([fact], ctx.seenAt);
  });
}

/** Reads every execution role referenced in this target, once per scan. */
export async function collectRoles(ctx: CollectContext): Promise<void> {
  await Promise.all([...ctx.refs.roles].map(arn => collectRole(ctx, arn)));
}
