import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '@backstage/config';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';

/** What the probe currently withholds from users. */
export interface ProbePolicyState {
  /** Permissions refused outright. */
  deny: string[];
  /** Catalog-entity permissions allowed only on entities not named here. */
  hide?: { permissions: string[]; entityNames: string[] };
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(v => typeof v === 'string');

/** Checks a policy state read from JSON; errors name the field. */
export function parsePolicyState(
  text: string,
  source: string,
): ProbePolicyState {
  const value = JSON.parse(text);
  if (!isStringArray(value?.deny)) {
    throw new Error(`${source}: 'deny' must be a list of permission names`);
  }
  const hide = value.hide;
  if (
    hide !== undefined &&
    !(isStringArray(hide?.permissions) && isStringArray(hide?.entityNames))
  ) {
    throw new Error(
      `${source}: 'hide' must have 'permissions' and 'entityNames' lists`,
    );
  }
  return { deny: value.deny, hide };
}

/**
 * The state kept in `outsideProbe.permissionPolicyFile`, read at every
 * decision so the probe can change it between requests without a restart;
 * no file (or no key) withholds nothing.
 */
export function policyStateFromConfig(config: Config): () => ProbePolicyState {
  const path = config.getOptionalString('outsideProbe.permissionPolicyFile');
  return () =>
    path && existsSync(path)
      ? parsePolicyState(readFileSync(path, 'utf8'), path)
      : { deny: [] };
}

/**
 * The probe's permission policy: allows everything (as the demo's allow-all
 * policy does) except what the current state withholds from users — a
 * denial, or a conditional decision on catalog entities that hides the named
 * entities (resolved by the catalog, as production policies' conditions are).
 * Service principals never reach a policy; the probe restricts them with
 * `backend.auth.externalAccess` access restrictions instead.
 */
export class ProbePermissionPolicy implements PermissionPolicy {
  constructor(private readonly state: () => ProbePolicyState) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!user) return { result: AuthorizeResult.ALLOW };
    const { deny, hide } = this.state();
    if (deny.includes(permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      hide?.permissions.includes(permission.name) &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      const [first, ...rest] = hide.entityNames.map(name =>
        catalogConditions.hasMetadata({ key: 'name', value: name }),
      );
      if (first) {
        return createCatalogConditionalDecision(permission, {
          not: { anyOf: [first, ...rest] },
        });
      }
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
