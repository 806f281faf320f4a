/**
 * Which way the execution roles of an account are read, by expected calls.
 *
 * Per role: `GetRole` + `ListAttachedRolePolicies` + `ListRolePolicies` +
 * one `GetRolePolicy` per inline policy, for every referenced role.
 * Account details: `GetAccountAuthorizationDetails` (roles and local
 * managed policies) in pages of up to {@link DETAILS_MAX_ITEMS} entries,
 * whatever the number of referenced roles. AWS-managed policies cost the
 * same on both paths (GetPolicy + GetPolicyVersion once per scan each), so
 * they are left out of the comparison.
 */

/** `MaxItems` of a details page: the most IAM allows. */
export const DETAILS_MAX_ITEMS = 1000;

/** Calls per referenced role on the per-role path, without inline policies. */
export const CALLS_PER_ROLE = 3;

/**
 * Roles plus customer-managed policies an account can hold at most: the
 * adjustable IAM quotas' ceilings (5,000 roles, 5,000 customer-managed
 * policies). Used while an account's size is unknown, so the details read
 * is chosen only when it is cheaper even for the largest account.
 */
export const MAX_ACCOUNT_ENTITIES = 10_000;

export interface IamCostInputs {
  /** Roles of this account referenced at the last scan (or now, if more). */
  referencedRoles: number;
  /** Their inline policies at the last scan, when known (else 0: a lower bound). */
  inlinePolicies?: number;
  /** Details pages the last complete details read of the account took, when known. */
  lastDetailsPages?: number;
  /** Whether bulk reads are switched on (`sagemakerSecurity.inventory.bulkReads`). */
  bulkReads: boolean;
}

export type IamRolesPath = 'account-details' | 'per-role';

export interface IamRolesChoice {
  path: IamRolesPath;
  /** Expected calls of each path. */
  perRoleCalls: number;
  detailsPages: number;
  reason: string;
}

/**
 * Chooses the cheaper path. Conservative: the per-role cost is a lower bound
 * (inline policies unknown count as none) and the details cost an upper
 * bound (the largest possible account while its size is unknown), so the
 * details read is only chosen when it saves calls for sure; a tie keeps the
 * per-role path, whose calls are small and spread over time.
 */
export function chooseIamRolesPath(inputs: IamCostInputs): IamRolesChoice {
  const perRoleCalls =
    inputs.referencedRoles * CALLS_PER_ROLE + (inputs.inlinePolicies ?? 0);
  const detailsPages =
    inputs.lastDetailsPages && inputs.lastDetailsPages > 0
      ? inputs.lastDetailsPages
      : Math.ceil(MAX_ACCOUNT_ENTITIES / DETAILS_MAX_ITEMS);
  const size = inputs.lastDetailsPages
    ? 'pages of the last details read'
    : `account size unknown: up to ${MAX_ACCOUNT_ENTITIES} roles and policies`;
  const figures = `${perRoleCalls} per-role calls vs ${detailsPages} details pages, ${size}`;
  if (!inputs.bulkReads) {
    return {
      path: 'per-role',
      perRoleCalls,
      detailsPages,
      reason: `bulk reads are off (${figures})`,
    };
  }
  return {
    path: detailsPages < perRoleCalls ? 'account-details' : 'per-role',
    perRoleCalls,
    detailsPages,
    reason: figures,
  };
}
