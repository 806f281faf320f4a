import type { EstateAccount } from '../../src/inventory/simulator/estate';

export type Add = (
  accountId: string,
  region: string,
  service: string,
  action: string,
  calls: number,
) => void;

/**
 * The account's roles from IAM's authorization details (roles and local
 * policies, 1,000 per page) plus each attached AWS-managed policy (2 calls),
 * when that costs fewer calls than the per-role reads; false otherwise.
 */
export function addAccountDetails(
  account: EstateAccount,
  roles: Set<string>,
  add: Add,
): boolean {
  const names = [...roles].map(arn => arn.split('/').pop());
  const used = (account.roles ?? []).filter(r =>
    names.includes(String(r.role.RoleName)),
  );
  const perRole =
    roles.size +
    used.reduce(
      (n, r) => n + 2 + Object.keys(r.inlinePolicies ?? {}).length,
      0,
    ) +
    2 * new Set(used.flatMap(r => r.attachedPolicyArns ?? [])).size;
  const local = new Set(
    (account.managedPolicies ?? [])
      .filter(p => p.arn.includes(`:${account.accountId}:`))
      .map(p => p.arn),
  );
  const awsManaged = new Set(
    used.flatMap(r => r.attachedPolicyArns ?? []).filter(p => !local.has(p)),
  );
  const detailPages = Math.max(
    1,
    Math.ceil(((account.roles ?? []).length + local.size) / 1000),
  );
  const details = detailPages + 2 * awsManaged.size;
  if (details >= perRole) return false;
  const { accountId } = account;
  add(
    accountId,
    'global',
    'iam',
    'iam:GetAccountAuthorizationDetails',
    detailPages,
  );
  add(accountId, 'global', 'iam', 'iam:GetPolicy', awsManaged.size);
  add(accountId, 'global', 'iam', 'iam:GetPolicyVersion', awsManaged.size);
  return true;
}
