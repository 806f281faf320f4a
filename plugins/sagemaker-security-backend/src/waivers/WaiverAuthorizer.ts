import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { ownersOf, refOf } from '../catalog/entityRefs';

/**
 * Who may create or revoke a waiver of an entity.
 *
 * 1. The permission policy decides first (`authorizeConditional`):
 *    - DENY: refused.
 *    - CONDITIONAL: the policy stated its own rule for catalog entities
 *      (e.g. the catalog's `IS_ENTITY_OWNER`). Those rules belong to the
 *      catalog plugin, so the decision is applied through an authorize call
 *      with the entity as resourceRef, which the permission backend resolves
 *      with the catalog. Its answer is final.
 *    - ALLOW (unconditional, e.g. an allow-all policy): our default owner
 *      rule applies on top, so that an open policy does not let anyone waive
 *      anyone's findings.
 * 2. Owner rule: the caller must be a user whose ownership refs (userInfo:
 *    the user and the groups they belong to) include an owner of the entity
 *    or one of `sagemakerSecurity.waivers.securityGroups`. Service
 *    principals are refused: a waiver needs a person accountable for it.
 */
export class WaiverAuthorizer {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      userInfo: UserInfoService;
      securityGroups: string[];
    },
  ) {}

  async authorize(
    permission: ResourcePermission<'catalog-entity'>,
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const entityRef = refOf(entity);
    const { permissions } = this.options;
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `${permission.name} is not allowed for ${entityRef}`,
      );
    }
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      const [applied] = await permissions.authorize(
        [{ permission, resourceRef: entityRef }],
        { credentials },
      );
      if (applied.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `${permission.name} is not allowed for ${entityRef}`,
        );
      }
      return;
    }
    await this.enforceOwnerRule(entity, credentials);
  }

  /** `authorize` as a yes or no (capabilities); other failures still throw. */
  async allows(
    permission: ResourcePermission<'catalog-entity'>,
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    try {
      await this.authorize(permission, entity, credentials);
      return true;
    } catch (error) {
      if ((error as Error).name === 'NotAllowedError') {
        return false;
      }
      throw error;
    }
  }

  /**
   * The policy's decision alone (no owner rule) for the entity: withdrawing
   * one's own request needs the request permission not to be denied.
   */
  async requirePolicy(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${permission.name} is not allowed for ${entityRef}`,
      );
    }
  }

  /** The configured security groups (normalized refs). */
  get securityGroups(): readonly string[] {
    return this.options.securityGroups;
  }

  /**
   * The caller is a user whose ownership refs (userInfo) include one of
   * `sagemakerSecurity.waivers.securityGroups`.
   */
  async isSecurityGroupMember(
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const principal = credentials.principal as { type: string };
    if (principal.type !== 'user' || this.options.securityGroups.length === 0) {
      return false;
    }
    const mine = await this.ownershipRefs(credentials);
    return this.options.securityGroups.some(ref => mine.has(ref));
  }

  private async ownershipRefs(
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const info = await this.options.userInfo.getUserInfo(
      credentials as BackstageCredentials<BackstageUserPrincipal>,
    );
    return new Set(
      info.ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US')),
    );
  }

  private async enforceOwnerRule(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const entityRef = refOf(entity);
    const principal = credentials.principal as { type: string };
    if (principal.type !== 'user') {
      throw new NotAllowedError(
        `Waivers of ${entityRef} must be made by a user, not a ${principal.type} principal`,
      );
    }
    const mine = await this.ownershipRefs(credentials);
    const owners = ownersOf(entity);
    const allowed = [...owners, ...this.options.securityGroups].some(ref =>
      mine.has(ref),
    );
    if (!allowed) {
      throw new NotAllowedError(
        `Only members of the owners of ${entityRef} (${
          owners.join(', ') || 'none'
        })${
          this.options.securityGroups.length
            ? ` or of ${this.options.securityGroups.join(', ')}`
            : ''
        } may change or request its waivers`,
      );
    }
  }
}
