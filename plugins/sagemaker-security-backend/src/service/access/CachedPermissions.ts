import {
  BackstageCredentials,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import { LRUCache } from 'lru-cache';

/** Decisions kept at most (a bound on memory, whatever the traffic). */
const MAX_DECISIONS = 50_000;

/**
 * The permission service with the read side's decisions remembered for a
 * few seconds (`sagemakerSecurity.permissions.decisionCacheSeconds`;
 * 0, the default, asks the permission backend every time). Each decision is
 * kept per principal (the user's entity ref, or the service's subject),
 * permission and resource ref, so a policy change or a revoked membership
 * takes effect within that time. A request without a principal (`none`)
 * is never cached. Several requests in one call are asked in one call for
 * the ones not remembered.
 */
export class CachedPermissions implements PermissionsService {
  private readonly decisions?: LRUCache<string, object>;

  constructor(
    private readonly permissions: PermissionsService,
    ttlSeconds: number,
    /** Milliseconds of a monotonic clock (tests give their own). */
    now?: () => number,
  ) {
    if (ttlSeconds > 0) {
      this.decisions = new LRUCache({
        max: MAX_DECISIONS,
        ttl: ttlSeconds * 1000,
        ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
      });
    }
  }

  authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    return this.cached('authorize', requests, options, (pending, opts) =>
      this.permissions.authorize(pending, opts),
    );
  }

  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    return this.cached('conditional', requests, options, (pending, opts) =>
      this.permissions.authorizeConditional(pending, opts),
    );
  }

  private async cached<
    Request extends { permission: { name: string }; resourceRef?: string },
    Response extends object,
  >(
    kind: string,
    requests: Request[],
    options: PermissionsServiceRequestOptions,
    ask: (
      pending: Request[],
      options: PermissionsServiceRequestOptions,
    ) => Promise<Response[]>,
  ): Promise<Response[]> {
    const principal = principalKey(options.credentials);
    const decisions = this.decisions;
    if (!decisions || !principal) {
      return ask(requests, options);
    }
    const keys = requests.map(r =>
      [kind, principal, r.permission.name, r.resourceRef ?? ''].join('\u0000'),
    );
    const answers = keys.map(key => decisions.get(key) as Response | undefined);
    const missing = requests.filter((_, i) => answers[i] === undefined);
    if (missing.length > 0) {
      const fresh = await ask(missing, options);
      let next = 0;
      keys.forEach((key, i) => {
        if (answers[i] === undefined) {
          answers[i] = fresh[next++];
          decisions.set(key, answers[i] as Response);
        }
      });
    }
    return answers as Response[];
  }
}

function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}
