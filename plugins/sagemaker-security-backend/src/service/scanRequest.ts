/**
 * What a request to start a scan names, checked the same way by the REST API
 * and the actions for AI agents.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ScanTargetRef } from '@mlsec/plugin-sagemaker-security-common';

/** Who asked: a user's entity ref, or a service's subject. */
export function principalName(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject;
}

/**
 * The requested targets, each one of the configured ones (400 naming the
 * first that is not), without repeats; undefined for all of them.
 */
export function requestedTargets(
  requested: ScanTargetRef[] | undefined,
  configured: ReadonlyArray<ScanTargetRef>,
): ScanTargetRef[] | undefined {
  if (!requested) {
    return undefined;
  }
  const key = (t: ScanTargetRef) => `${t.accountId}/${t.region}`;
  const known = new Set(configured.map(key));
  const seen = new Set<string>();
  const out: ScanTargetRef[] = [];
  requested.forEach((target, index) => {
    if (!known.has(key(target))) {
      throw new InputError(
        `targets/${index}: account ${target.accountId} in ${target.region} is not a configured scan target`,
      );
    }
    if (!seen.has(key(target))) {
      seen.add(key(target));
      out.push({ accountId: target.accountId, region: target.region });
    }
  });
  return out;
}
