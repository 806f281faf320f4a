import {
  IAMClient,
  ManagedPolicyDetail,
  paginateGetAccountAuthorizationDetails,
  RoleDetail,
} from '@aws-sdk/client-iam';
import type {
  CollectionError,
  RelatedFact,
} from '@mlsec/plugin-sagemaker-security-common';
import { attempt } from '../aws/errors';
import type { CollectContext } from '../collectors/context';
import { accountOfArn } from './arns';
import {
  chooseIamRolesPath,
  DETAILS_MAX_ITEMS,
  IamCostInputs,
  IamRolesChoice,
} from './iamCostModel';
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

const ACTION = 'iam:GetAccountAuthorizationDetails';

/** How an account's roles were read in this scan (on the target that read them). */
export interface IamRolesRead extends IamRolesChoice {
  accountId: string;
  /** Pages of the details read, when it succeeded. */
  pages?: number;
  /** The details read failed: every role was read by its own calls instead. */
  fallback?: CollectionError;
}

/** Every role (by name) and customer-managed policy (by ARN) of an account. */
export interface AccountDetails {
  roles: Map<string, RoleDetail>;
  policies: Map<string, ManagedPolicyDetail>;
  pages: number;
}

/** The last finished scan, read once per scan for every account's inputs. */
function lastScan(ctx: CollectContext) {
  return ctx.facts.once('iam-cost|last-finished-scan', async () =>
    ctx.store.getLatestScan?.(['succeeded', 'partial']),
  );
}

/**
 * What the cost model knows of the account: its roles stored by earlier
 * scans (or referenced so far, if more) and, from the last scan's call
 * counts, its inline policies read and its details pages. A store that
 * cannot tell leaves a figure unknown, which the model treats
 * conservatively; it never stops the roles from being read.
 */
async function costInputs(ctx: CollectContext): Promise<IamCostInputs> {
  const accountId = ctx.target.accountId;
  const bulkReads = ctx.bulkReads !== undefined;
  const referencedNow = [...ctx.refs.roles].filter(
    arn => accountOfArn(arn) === accountId,
  ).length;
  const inputs: IamCostInputs = { referencedRoles: referencedNow, bulkReads };
  if (!bulkReads) return inputs;
  try {
    const stored = (await ctx.store.countFacts?.('iam-role', accountId)) ?? 0;
    inputs.referencedRoles = Math.max(referencedNow, stored);
    const calls = ((await lastScan(ctx))?.targets ?? [])
      .filter(t => t.accountId === accountId)
      .map(t => t.callCounts ?? {});
    const sum = (action: string) =>
      calls.reduce((n, counts) => n + (counts[action] ?? 0), 0);
    if (sum('iam:GetRolePolicy') > 0) {
      inputs.inlinePolicies = sum('iam:GetRolePolicy');
    }
    if (sum(ACTION) > 0) inputs.lastDetailsPages = sum(ACTION);
  } catch (error) {
    ctx.logger.warn(
      `IAM cost inputs of ${accountId} could not be read from the store: ${error}`,
    );
  }
  return inputs;
}

async function readDetails(iam: IAMClient, accountId: string) {
  return attempt(ACTION, { target: accountId }, async () => {
    const details: AccountDetails = {
      roles: new Map(),
      policies: new Map(),
      pages: 0,
    };
    for await (const page of paginateGetAccountAuthorizationDetails(
      { client: iam, pageSize: DETAILS_MAX_ITEMS },
      { Filter: ['Role', 'LocalManagedPolicy'] },
    )) {
      details.pages += 1;
      for (const role of page.RoleDetailList ?? []) {
        if (role.RoleName) details.roles.set(role.RoleName, role);
      }
      for (const policy of page.Policies ?? []) {
        if (policy.Arn) details.policies.set(policy.Arn, policy);
      }
    }
    return details;
  });
}

/**
 * The authorization details of the target's account, read at most once
 * per account and scan (whichever target asks first), or undefined when
 * the cost model chose the per-role path or the read failed (recorded on
 * the report as a fallback: the roles are then read one by one).
 */
export function accountDetails(
  ctx: CollectContext,
): Promise<AccountDetails | undefined> {
  const accountId = ctx.target.accountId;
  return ctx.facts.once(`iam-details|${accountId}`, async () => {
    const choice = chooseIamRolesPath(await costInputs(ctx));
    const read: IamRolesRead = { accountId, ...choice };
    ctx.report.iamRoles = read;
    ctx.logger.info(
      `IAM roles of ${accountId}: ${choice.path} (${choice.reason})`,
    );
    if (choice.path === 'per-role') return undefined;
    const details = await readDetails(
      ctx.clients.iam(ctx.target.region),
      accountId,
    );
    if (!details.ok) {
      read.fallback = details.error;
      ctx.logger.warn(
        `IAM account authorization details of ${accountId} could not be read ` +
          `(${details.error.kind}): its roles are read one by one`,
      );
      return undefined;
    }
    read.pages = details.value.pages;
    return details.value;
  });
}

/** The default version's document of a customer-managed policy. */
function defaultDocument(policy: ManagedPolicyDetail | undefined) {
  const versions = policy?.PolicyVersionList ?? [];
  return (
    versions.find(v => v.VersionId === policy?.DefaultVersionId) ??
    versions.find(v => v.IsDefaultVersion)
  )?.Document;
}

async function attachedFromDetails(
  ctx: CollectContext,
  details: AccountDetails,
  role: RoleDetail,
): Promise<Read<AttachedPolicy[]>> {
  const iam = ctx.clients.iam(ctx.target.region);
  const errors: CollectionError[] = [];
  const value = await Promise.all(
    (role.AttachedManagedPolicies ?? []).map(async p => {
      const policyArn = String(p.PolicyArn);
      const local = defaultDocument(details.policies.get(policyArn));
      // AWS-managed policies are not in the details read (the
      // LocalManagedPolicy filter): GetPolicy + GetPolicyVersion, shared
      // once per scan as on the per-role path.
      const doc =
        local === undefined
          ? await readManagedPolicy(ctx, iam, policyArn)
          : await readDocument(
              ACTION,
              policyArn,
              'attachedPolicies',
              async () => local,
            );
      errors.push(...doc.errors);
      return attachedEntry(p, doc);
    }),
  );
  return { value, errors };
}

async function inlineFromDetails(
  arn: string,
  role: RoleDetail,
): Promise<Read<InlinePolicy[]>> {
  const errors: CollectionError[] = [];
  const value = await Promise.all(
    (role.RolePolicyList ?? []).map(async p => {
      const policyName = String(p.PolicyName);
      const doc = await readDocument(
        ACTION,
        `${arn}#${policyName}`,
        'inlinePolicies',
        async () => p.PolicyDocument,
      );
      errors.push(...doc.errors);
      return inlineEntry(policyName, doc);
    }),
  );
  return { value, errors };
}

/**
 * The fact of a role of the details' account, built as the per-role path
 * builds it; undefined when the details do not have the role.
 */
export function roleFromDetails(
  ctx: CollectContext,
  details: AccountDetails,
  arn: string,
): Promise<RelatedFact<'iam-role'>> | undefined {
  const role = details.roles.get(roleNameOf(arn));
  if (!role) return undefined;
  return completeRoleFact(
    emptyRoleFact(ctx, arn),
    role,
    ACTION,
    Promise.all([
      attachedFromDetails(ctx, details, role),
      inlineFromDetails(arn, role),
    ]),
  );
}
