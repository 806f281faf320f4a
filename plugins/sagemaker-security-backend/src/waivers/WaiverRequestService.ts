import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  NewWaiverRequest,
  Waiver,
  waiverApprovePermission,
  WaiverCapabilities,
  waiverCreatePermission,
  WaiverRequest,
  waiverRequestPermission,
  WaiverRequestStatus,
  WaiverRequestWithEvents,
} from '@mlsec/plugin-sagemaker-security-common';
import { refOf } from '../catalog/entityRefs';
import type { WaiverRequestNotifier } from '../notifications/WaiverRequestNotifier';
import { validateWaiverInput } from './validateWaiver';
import { WaiverAuthorizer } from './WaiverAuthorizer';
import { WaiverConfig } from './WaiverConfig';
import type {
  NewWaiverRequestRow,
  WaiverRequestStore,
} from './WaiverRequestStore';
import { actorOf, WaiverService } from './WaiverService';

const MIN_COMMENT_LENGTH = 10;

export interface WaiverRequestServiceOptions {
  store: WaiverRequestStore;
  /** The waivers an approval creates go through their store; rescoring follows. */
  waivers: WaiverService;
  authorizer: WaiverAuthorizer;
  config: WaiverConfig;
  checkIds: () => ReadonlySet<string>;
  /** Absent when notifications are off. */
  notifier?: WaiverRequestNotifier;
  now?: () => Date;
}

function requireUser(credentials: BackstageCredentials, what: string): void {
  const { type } = credentials.principal as { type: string };
  if (type !== 'user') {
    throw new NotAllowedError(
      `Waiver requests are ${what} by users, not by a ${type} principal`,
    );
  }
}

function notPending(request: WaiverRequest): ConflictError {
  return new ConflictError(
    `Waiver request ${request.id} is ${request.status}${
      request.decidedBy ? ` (by ${request.decidedBy})` : ''
    }, no longer pending`,
  );
}

/**
 * Waiver requests: an owner (or a security group member) asks, a member of
 * `sagemakerSecurity.waivers.securityGroups` approves (the waiver is created,
 * by the requester, naming the approver) or denies with a comment, the
 * requester may withdraw. Validation is that of a waiver; who may is the
 * WaiverAuthorizer's rule with `waiver.request` and `waiver.approve`.
 * Every step is in the request's trail; the notifier tells the security
 * groups and the requester.
 */
export class WaiverRequestService {
  private readonly now: () => Date;

  constructor(private readonly options: WaiverRequestServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Authorizes and validates a request without storing it (what a dry run
   * answers): 403, 400 naming the field, or 409 when a waiver of the same
   * entity, check and resource is active.
   */
  async prepare(
    input: NewWaiverRequest,
    entity: Entity,
    linkedArns: string[],
    credentials: BackstageCredentials,
  ): Promise<NewWaiverRequestRow> {
    requireUser(credentials, 'made');
    await this.options.authorizer.authorize(
      waiverRequestPermission,
      entity,
      credentials,
    );
    const entityRef = refOf(entity);
    const { reason, expiresAt } = validateWaiverInput(input, {
      entityRef,
      linkedArns,
      checkIds: this.options.checkIds(),
      maxDays: this.options.config.maxDays,
      now: this.now(),
    });
    const active = (
      await this.options.waivers.list({
        entityRefs: [entityRef],
        status: 'active',
      })
    ).find(
      w => w.checkId === input.checkId && w.resourceArn === input.resourceArn,
    );
    if (active) {
      throw new ConflictError(
        `Waiver ${active.id} already covers ${input.checkId} for ${input.resourceArn} until ${active.expiresAt}`,
      );
    }
    return {
      entityRef,
      checkId: input.checkId,
      resourceArn: input.resourceArn,
      reason,
      expiresAt,
      requestedBy: actorOf(credentials),
    };
  }

  /** Stores a pending request (409 when one is pending) and tells the security groups. */
  async request(
    input: NewWaiverRequest,
    entity: Entity,
    linkedArns: string[],
    credentials: BackstageCredentials,
  ): Promise<WaiverRequest> {
    const row = await this.prepare(input, entity, linkedArns, credentials);
    const stored = await this.options.store.create(row, this.now());
    await this.options.notifier?.requested(stored);
    return stored;
  }

  async get(id: string): Promise<WaiverRequest> {
    const request = await this.options.store.get(id);
    if (!request) {
      throw new NotFoundError(`No waiver request ${id}`);
    }
    return request;
  }

  async getWithEvents(id: string): Promise<WaiverRequestWithEvents> {
    const request = await this.get(id);
    return { ...request, events: await this.options.store.listEvents(id) };
  }

  list(query: {
    entityRefs?: string[];
    status?: WaiverRequestStatus;
  }): Promise<WaiverRequest[]> {
    return this.options.store.list(query);
  }

  /**
   * Who may approve or deny (403 otherwise): a user with `waiver.approve`
   * on the entity (the authorizer's rule) who is a member of a security
   * group and not the requester. Then 409 when the request is not pending,
   * and for an approval, when its expiry has passed or its check is gone.
   */
  async checkDecision(
    request: WaiverRequest,
    entity: Entity,
    decision: 'approve' | 'deny',
    credentials: BackstageCredentials,
  ): Promise<void> {
    requireUser(credentials, 'decided');
    const { authorizer } = this.options;
    await authorizer.authorize(waiverApprovePermission, entity, credentials);
    if (!(await authorizer.isSecurityGroupMember(credentials))) {
      throw new NotAllowedError(
        authorizer.securityGroups.length
          ? `Only members of ${authorizer.securityGroups.join(
              ', ',
            )} may approve or deny waiver requests`
          : 'No one may approve or deny waiver requests: sagemakerSecurity.waivers.securityGroups names no group',
      );
    }
    if (actorOf(credentials) === request.requestedBy) {
      throw new NotAllowedError(
        `${request.requestedBy} requested waiver request ${request.id} and may not ${decision} it; another member of the security groups must`,
      );
    }
    if (request.status !== 'pending') {
      throw notPending(request);
    }
    if (decision === 'approve') {
      if (Date.parse(request.expiresAt) <= this.now().getTime()) {
        throw new ConflictError(
          `Waiver request ${request.id} asked for a waiver until ${request.expiresAt}, which has passed; deny it and request again`,
        );
      }
      if (!this.options.checkIds().has(request.checkId)) {
        throw new ConflictError(
          `Waiver request ${request.id} is for check ${request.checkId}, which no longer exists`,
        );
      }
    }
  }

  /** Approves: the waiver is created by the requester, its created event names the approver. */
  async approve(
    request: WaiverRequest,
    entity: Entity,
    comment: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<{ request: WaiverRequest; waiver: Waiver }> {
    await this.checkDecision(request, entity, 'approve', credentials);
    const approver = actorOf(credentials);
    const note = comment?.trim() || undefined;
    const result = await this.options.store.approve(
      request.id,
      { actor: approver, comment: note, at: this.now() },
      {
        entityRef: request.entityRef,
        checkId: request.checkId,
        resourceArn: request.resourceArn,
        reason: request.reason,
        createdBy: request.requestedBy,
        expiresAt: new Date(request.expiresAt),
        createdDetail: `${request.reason} — approved by ${approver} (request ${
          request.id
        })${note ? `: ${note}` : ''}`,
      },
    );
    if (!result) {
      throw notPending(await this.get(request.id));
    }
    await this.options.waivers.changed(request.entityRef);
    await this.options.notifier?.decided(result.request);
    return result;
  }

  /** The comment a denial needs (400 naming `comment`). */
  denialComment(comment: string | undefined): string {
    const note = (comment ?? '').trim();
    if (note.length < MIN_COMMENT_LENGTH) {
      throw new InputError(
        `comment: say why the request is denied, in at least ${MIN_COMMENT_LENGTH} characters`,
      );
    }
    return note;
  }

  async deny(
    request: WaiverRequest,
    entity: Entity,
    comment: string,
    credentials: BackstageCredentials,
  ): Promise<WaiverRequest> {
    const note = this.denialComment(comment);
    await this.checkDecision(request, entity, 'deny', credentials);
    const denied = await this.options.store.close(request.id, 'denied', {
      actor: actorOf(credentials),
      comment: note,
      at: this.now(),
    });
    if (!denied) {
      throw notPending(await this.get(request.id));
    }
    await this.options.notifier?.decided(denied);
    return denied;
  }

  /**
   * Only the requester withdraws, while the request is pending, and only
   * while the policy does not deny them `waiver.request` on the entity.
   */
  async withdraw(
    request: WaiverRequest,
    credentials: BackstageCredentials,
  ): Promise<WaiverRequest> {
    requireUser(credentials, 'withdrawn');
    await this.options.authorizer.requirePolicy(
      waiverRequestPermission,
      request.entityRef,
      credentials,
    );
    if (actorOf(credentials) !== request.requestedBy) {
      throw new NotAllowedError(
        `Only ${request.requestedBy}, who requested it, may withdraw waiver request ${request.id}`,
      );
    }
    if (request.status !== 'pending') {
      throw notPending(request);
    }
    const withdrawn = await this.options.store.close(request.id, 'withdrawn', {
      actor: actorOf(credentials),
      at: this.now(),
    });
    if (!withdrawn) {
      throw notPending(await this.get(request.id));
    }
    return withdrawn;
  }

  /** What the caller may do with the entity's waivers; decided as the writes decide, nothing written. */
  async capabilities(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<WaiverCapabilities> {
    const { authorizer, config } = this.options;
    const { type } = credentials.principal as { type: string };
    const member = await authorizer.isSecurityGroupMember(credentials);
    const create =
      (!config.requireApproval || member) &&
      (await authorizer.allows(waiverCreatePermission, entity, credentials));
    const request =
      type === 'user' &&
      (await authorizer.allows(waiverRequestPermission, entity, credentials));
    const approve =
      member &&
      (await authorizer.allows(waiverApprovePermission, entity, credentials));
    return {
      create,
      request,
      approve,
      requireApproval: config.requireApproval,
    };
  }
}
