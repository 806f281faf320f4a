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
 * Roles plus customer-managed policies assumed while an account's size is
 * unknown: IAM's default quotas (1,000 roles, 1,500 customer-managed
 * policies), which most accounts stay under. The guess corrects itself: a
 * details read records its pages, and the next scan compares with those
 * (a larger account then goes back to the per-role path when that is
 * cheaper). Assuming the quotas' ceilings instead (10,000) would keep small
 * accounts with few roles on the dearer per-role path for ever, since that
 * path never learns the account's size.
 */
export const DEFAULT_ACCOUNT_ENTITIES = 2_500;

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
 * Chooses the cheaper path. The per-role cost is a lower bound (inline
 * policies not known from the last scan count as none), so the details
 * read is chosen only when it saves calls on what is known; a tie keeps the
 * per-role path, whose calls are small and spread over the scan.
 */
export function chooseIamRolesPath(inputs: IamCostInputs): IamRolesChoice {
  const perRoleCalls =
    inputs.referencedRoles * CALLS_PER_ROLE + (inputs.inlinePolicies ?? 0);
  const detailsPages =
    inputs.lastDetailsPages && inputs.lastDetailsPages > 0
      ? inputs.lastDetailsPages
      : Math.ceil(DEFAULT_ACCOUNT_ENTITIES / DETAILS_MAX_ITEMS);
  const size = inputs.lastDetailsPages
    ? 'pages of the last details read'
    : `account size unknown: ${DEFAULT_ACCOUNT_ENTITIES} roles and policies assumed`;
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
