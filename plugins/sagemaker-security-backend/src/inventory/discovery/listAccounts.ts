import {
  Account,
  OrganizationsClient,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { required } from '../aws/errors';

/** An account of the organisation, as discovery keeps it. */
export interface OrganizationAccount {
  accountId: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE… (`State`, or the older `Status`). */
  state: string;
}

function toAccount(account: Account): OrganizationAccount {
  return {
    accountId: required(account.Id, 'Account.Id'),
    // `State` replaces `Status` (deprecated by AWS in 2025); both are read.
    state: required(account.State ?? account.Status, 'Account.State'),
  };
}

/**
 * The accounts under the given OUs or roots, nested OUs included: for each
 * parent, its accounts (`ListAccountsForParent`) and its child OUs
 * (`ListOrganizationalUnitsForParent`), breadth first. Two paginated calls
 * per OU of the subtrees: fewer than `ListAccounts` plus one `ListParents`
 * per account (and per level above it), and moto serves both.
 */
async function listUnder(
  client: OrganizationsClient,
  parents: string[],
): Promise<OrganizationAccount[]> {
  const accounts: OrganizationAccount[] = [];
  const seen = new Set<string>(parents);
  let level = [...seen];
  while (level.length > 0) {
    const next: string[] = [];
    for (const ParentId of level) {
      for await (const page of paginateListAccountsForParent(
        { client },
        { ParentId },
      )) {
        accounts.push(...(page.Accounts ?? []).map(toAccount));
      }
      for await (const page of paginateListOrganizationalUnitsForParent(
        { client },
        { ParentId },
      )) {
        for (const ou of page.OrganizationalUnits ?? []) {
          const id = required(ou.Id, 'OrganizationalUnit.Id');
          if (!seen.has(id)) {
            seen.add(id);
            next.push(id);
          }
        }
      }
    }
    level = next;
  }
  return accounts;
}

/**
 * Every account of the organisation (`ListAccounts`, paginated), or those
 * under `organizationalUnits` and their nested OUs. Throws the SDK's error
 * when a call fails after its retries: a partial listing is never returned.
 */
export async function listOrganizationAccounts(
  client: OrganizationsClient,
  organizationalUnits: string[],
): Promise<OrganizationAccount[]> {
  if (organizationalUnits.length > 0) {
    return listUnder(client, organizationalUnits);
  }
  const accounts: OrganizationAccount[] = [];
  for await (const page of paginateListAccounts({ client }, {})) {
    accounts.push(...(page.Accounts ?? []).map(toAccount));
  }
  return accounts;
}

/**
 * The accounts to scan from a listing: ACTIVE ones only, then those of
 * `include` when it is not empty, less those of `exclude`; sorted, once each.
 */
export function selectAccounts(
  accounts: OrganizationAccount[],
  filter: { includeAccounts: string[]; excludeAccounts: string[] },
): string[] {
  const include = new Set(filter.includeAccounts);
  const exclude = new Set(filter.excludeAccounts);
  const selected = accounts
    .filter(a => a.state === 'ACTIVE')
    .map(a => a.accountId)
    .filter(id => include.size === 0 || include.has(id))
    .filter(id => !exclude.has(id));
  return [...new Set(selected)].sort();
}
