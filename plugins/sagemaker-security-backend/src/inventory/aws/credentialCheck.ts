import { GetRoleCommand } from '@aws-sdk/client-iam';
import type {
  CollectionError,
  CollectionErrorKind,
} from '@mlsec/plugin-sagemaker-security-common';
import type { AccountClients } from './clients';
import { attempt } from './errors';

/**
 * First-listing failures that an account's credentials being refused can
 * also cause: AWS answers an unknown access key as it answers a region that
 * is not enabled (`UnrecognizedClientException`, `InvalidClientTokenId`),
 * and emulators may answer it outside the service's protocol (moto sends
 * Query XML to JSON clients).
 */
const SUSPECT: CollectionErrorKind[] = [
  'region_disabled',
  'invalid_response',
  'other',
];
/** What IAM answers when it does not accept the credentials. */
const REFUSED: CollectionErrorKind[] = [
  'region_disabled',
  'credentials_unavailable',
];

/** A role name no account needs to have: only whether IAM authenticates the call matters. */
const PROBE_ROLE = 'mlsec-sagemaker-security-credentials-check';

/**
 * After a target's first listing failed in a way bad credentials also
 * cause, asks IAM (global: a region's state does not matter) whether the
 * credentials authenticate at all, with `iam:GetRole` (granted by the
 * least-privilege policy) of a role that need not exist. Any answer but a
 * refusal of the credentials (NoSuchEntity, AccessDenied included) means
 * they do; then the listing's error stands. Returns the
 * `credentials_unavailable` error when IAM refused them too.
 */
export async function credentialsRefused(
  clients: AccountClients,
  region: string,
  listingError: CollectionError,
): Promise<CollectionError | undefined> {
  if (!SUSPECT.includes(listingError.kind)) return undefined;
  const action = 'iam:GetRole';
  const probe = await attempt(action, {}, () =>
    clients.iam(region).send(new GetRoleCommand({ RoleName: PROBE_ROLE })),
  );
  if (probe.ok || !REFUSED.includes(probe.error.kind)) return undefined;
  const codes = [listingError.code, probe.error.code].filter(Boolean);
  return {
    kind: 'credentials_unavailable',
    action: listingError.action,
    ...(listingError.target ? { target: listingError.target } : {}),
    ...(probe.error.code ? { code: probe.error.code } : {}),
    message: `The credentials of account ${clients.accountId} were refused by ${
      listingError.action
    } and by ${action}${codes.length ? ` (${codes.join(', ')})` : ''}${
      clients.credentialsTried ? `; tried ${clients.credentialsTried}` : ''
    }`,
  };
}
