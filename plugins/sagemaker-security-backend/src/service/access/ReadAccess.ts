import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  BasicPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { scorecardReadPermission } from '@mlsec/plugin-sagemaker-security-common';
import { chunk } from '../../util/chunk';

/**
 * Which entities a caller may read the scorecards of: both
 * `sagemaker-security.scorecard.read` and the catalog's `catalog.entity.read`
 * must allow the entity.
 */
export interface ReadFilter {
  /** Both permissions allow every entity, unconditionally. */
  all: boolean;
  /** The entity refs among these that the caller may read. */
  allowed(entityRefs: string[]): Promise<Set<string>>;
}

/** Decisions are asked for this many entities at a time. */
const BATCH = 250;

/**
 * The permission decisions of the read side, in one place. Every principal
 * (user or service) gets what the permission service decides for it; there
 * is no bypass for any principal type. Catalog read restrictions
 * (`catalog.entity.read`, conditional decisions included) apply to every
 * entity a caller names or reads through a list.
 */
export class ReadAccess {
  /**
   * `reads` decides reads (it may remember decisions a few seconds, see
   * CachedPermissions); `permissions` decides what precedes a write (the
   * entity a waiver names, starting a scan), always afresh.
   */
  constructor(
    private readonly permissions: PermissionsService,
    private readonly reads: PermissionsService = permissions,
  ) {}

  /**
   * The caller's read filter for lists and rollups. 403 when the policy
   * denies reading any scorecard; a catalog denial leaves an empty filter.
   */
  async filter(credentials: BackstageCredentials): Promise<ReadFilter> {
    const [scorecard, catalog] = await this.reads.authorizeConditional(
      [
        { permission: scorecardReadPermission },
        { permission: catalogEntityReadPermission },
      ],
      { credentials },
    );
    if (scorecard.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `${scorecardReadPermission.name} is not allowed`,
      );
    }
    if (catalog.result === AuthorizeResult.DENY) {
      return { all: false, allowed: async () => new Set() };
    }
    const perEntity: Permission[] = [];
    if (scorecard.result === AuthorizeResult.CONDITIONAL) {
      perEntity.push(scorecardReadPermission);
    }
    if (catalog.result === AuthorizeResult.CONDITIONAL) {
      perEntity.push(catalogEntityReadPermission);
    }
    if (perEntity.length === 0) {
      return { all: true, allowed: async refs => new Set(refs) };
    }
    return {
      all: false,
      allowed: refs => this.allowedFor(perEntity, refs, credentials),
    };
  }

  /**
   * One named entity: 404 when the catalog does not let the caller read it
   * (as the catalog answers for an entity it hides), 403 when the scorecard
   * permission denies it.
   */
  async requireEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [catalog, scorecard] = await this.reads.authorize(
      [
        { permission: catalogEntityReadPermission, resourceRef: entityRef },
        { permission: scorecardReadPermission, resourceRef: entityRef },
      ],
      { credentials },
    );
    if (catalog.result !== AuthorizeResult.ALLOW) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    if (scorecard.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${scorecardReadPermission.name} is not allowed for ${entityRef}`,
      );
    }
  }

  /** The catalog lets the caller read the entity, or 404 (writes name entities too). */
  async requireVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [catalog] = await this.permissions.authorize(
      [{ permission: catalogEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    );
    if (catalog.result !== AuthorizeResult.ALLOW) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
  }

  /**
   * Whole-estate reads (every finding, the inventory) need both permissions
   * unconditionally: a filter that depends on the entity cannot be applied
   * to resources no readable entity links to.
   */
  async requireAll(credentials: BackstageCredentials): Promise<void> {
    const filter = await this.filter(credentials);
    if (!filter.all) {
      throw new NotAllowedError(
        `${scorecardReadPermission.name} and ${catalogEntityReadPermission.name} must both be allowed for every entity; name one entity with entityRef`,
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

  /** The refs every one of `permissions` allows, decided per entity. */
  private async allowedFor(
    permissions: Permission[],
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const allowed = new Set<string>();
    for (const batch of chunk([...new Set(entityRefs)], BATCH)) {
      const decisions = await this.reads.authorize(
        batch.flatMap(resourceRef =>
          permissions.map(permission => ({
            permission: permission as typeof scorecardReadPermission,
            resourceRef,
          })),
        ),
        { credentials },
      );
      batch.forEach((ref, i) => {
        const mine = decisions.slice(
          i * permissions.length,
          (i + 1) * permissions.length,
        );
        if (mine.every(d => d.result === AuthorizeResult.ALLOW)) {
          allowed.add(ref);
        }
      });
    }
    return allowed;
  }
}
