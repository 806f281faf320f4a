import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  CreateWaiverRequest,
  Waiver,
  waiverCreatePermission,
  waiverRevokePermission,
  WaiverWithEvents,
} from '@mlsec/plugin-sagemaker-security-common';
import { refOf } from '../catalog/entityRefs';
import { WaiverAuthorizer } from './WaiverAuthorizer';
import { WaiverConfig } from './WaiverConfig';
import { WaiverStore } from './WaiverStore';
import { validateWaiverInput } from './validateWaiver';

export interface WaiverServiceOptions {
  store: WaiverStore;
  authorizer: WaiverAuthorizer;
  config: WaiverConfig;
  /** Ids of the checks in the catalogue. */
  checkIds: () => ReadonlySet<string>;
  now?: () => Date;
}

/** Creates, lists and revokes waivers: validation, authorization, audit. */
export class WaiverService {
  private readonly now: () => Date;
  private readonly listeners: Array<(entityRef: string) => Promise<void>> = [];

  constructor(private readonly options: WaiverServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Waives `checkId` for one of the entity's resources (or `*`). The entity
   * and its linked ARNs come from the caller, which has read them with the
   * requester's credentials.
   */
  async create(
    request: CreateWaiverRequest,
    entity: Entity,
    linkedArns: string[],
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    await this.options.authorizer.authorize(
      waiverCreatePermission,
      entity,
      credentials,
    );
    if (
      this.options.config.requireApproval &&
      !(await this.options.authorizer.isSecurityGroupMember(credentials))
    ) {
      throw new NotAllowedError(
        `Waivers need approval (sagemakerSecurity.waivers.requireApproval): request a waiver (POST /waiver-requests) for a member of ${this.options.config.securityGroups.join(
          ', ',
        )} to approve`,
      );
    }
    const now = this.now();
    const entityRef = refOf(entity);

    const { reason, expiresAt } = validateWaiverInput(request, {
      entityRef,
      linkedArns,
      checkIds: this.options.checkIds(),
      maxDays: this.options.config.maxDays,
      now,
    });

    // The store's unique index refuses a second active waiver (409), also
    // when identical requests race: no check-then-insert here.
    const waiver = await this.options.store.create(
      {
        entityRef,
        checkId: request.checkId,
        resourceArn: request.resourceArn,
        reason,
        createdBy: actorOf(credentials),
        expiresAt,
      },
      now,
    );
    await this.changed(entityRef);
    return waiver;
  }

  /** Called after a waiver of the entity was created or revoked. */
  onChange(listener: (entityRef: string) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Tells the listeners (rescoring) that a waiver of the entity changed. */
  async changed(entityRef: string): Promise<void> {
    for (const listener of this.listeners) {
      await listener(entityRef);
    }
  }

  /** The waiver, for the caller to load its entity before revoking it. */
  async get(id: string): Promise<Waiver> {
    const waiver = await this.options.store.get(id, this.now());
    if (!waiver) {
      throw new NotFoundError(`No waiver ${id}`);
    }
    return waiver;
  }

  /** The waiver and its audit trail (created, revoked, expired), oldest first. */
  async getWithEvents(id: string): Promise<WaiverWithEvents> {
    const waiver = await this.get(id);
    const events = await this.options.store.listEvents(id);
    return {
      ...waiver,
      events: events.map(({ waiverId: _id, ...event }) => event),
    };
  }

  async revoke(
    waiver: Waiver,
    entity: Entity,
    reason: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    await this.options.authorizer.authorize(
      waiverRevokePermission,
      entity,
      credentials,
    );
    const revoked = await this.options.store.revoke(
      waiver.id,
      actorOf(credentials),
      reason?.trim() || undefined,
      this.now(),
    );
    if (!revoked) {
      const current = await this.get(waiver.id);
      throw new ConflictError(
        `Waiver ${waiver.id} is ${current.status} and cannot be revoked`,
      );
    }
    await this.changed(revoked.entityRef);
    return revoked;
  }

  list(query: {
    entityRefs?: string[];
    status?: Waiver['status'];
  }): Promise<Waiver[]> {
    return this.options.store.list(query, this.now());
  }

  /** Writes the audit events of waivers that expired; run on a schedule. */
  recordExpired(): Promise<number> {
    return this.options.store.recordExpired(this.now());
  }
}

/** Who acts: the user's entity ref, or the service's subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}
