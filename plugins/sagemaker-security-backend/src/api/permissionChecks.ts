import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { scorecardReadPermission } from '@mlsec/plugin-sagemaker-security-common';
import { chunks } from '../service/dates';

/** Which entities a caller may read scorecards of. */
export type ReadFilter =
  | { all: true }
  | { all: false; allowed(entityRefs: string[]): Promise<Set<string>> };

/** Permission checks of the routes, on top of the permission service. */
export class PermissionChecks {
  constructor(private readonly permissions: PermissionsService) {}

  /** `sagemaker-security.scorecard.read` on one entity, or 403. */
  async requireEntityRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission: scorecardReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${scorecardReadPermission.name} is not allowed for ${entityRef}`,
      );
    }
  }

  /** Whether the caller may read at least one of the entities. */
  async mayReadAny(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const filter = await this.readFilter(credentials);
    return filter.all || (await filter.allowed(entityRefs)).size > 0;
  }

  /**
   * For lists: 403 when the policy denies reading any scorecard; all when
   * it allows unconditionally; else a per-entity check (the conditions of
   * catalog-entity rules are applied by the permission backend).
   */
  async readFilter(credentials: BackstageCredentials): Promise<ReadFilter> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: scorecardReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `${scorecardReadPermission.name} is not allowed`,
      );
    }
    if (decision.result === AuthorizeResult.ALLOW) {
      return { all: true };
    }
    return {
      all: false,
      allowed: async entityRefs => {
        const allowed = new Set<string>();
        for (const batch of chunks([...new Set(entityRefs)], 250)) {
          const decisions = await this.permissions.authorize(
            batch.map(resourceRef => ({
              permission: scorecardReadPermission,
              resourceRef,
            })),
            { credentials },
          );
          decisions.forEach((d, i) => {
            if (d.result === AuthorizeResult.ALLOW) {
              allowed.add(batch[i]);
            }
          });
        }
        return allowed;
      },
    };
  }

  /** Reading everything at once needs an unconditional allow. */
  async requireReadAll(credentials: BackstageCredentials): Promise<void> {
    const filter = await this.readFilter(credentials);
    if (!filter.all) {
      throw new NotAllowedError(
        `${scorecardReadPermission.name} is allowed only for some entities; name one with entityRef`,
      );
    }
  }

  async requireBasic(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`${permission.name} is not allowed`);
    }
  }
}
