import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type {
  NewWaiverRequest,
  Waiver,
  WaiverCapabilities,
  WaiverRequest,
  WaiverRequestStatus,
  WaiverRequestWithEvents,
} from '@mlsec/plugin-sagemaker-security-common';
import { WaiverRequestService } from '../waivers/WaiverRequestService';
import type { NewWaiverRequestRow } from '../waivers/WaiverRequestStore';
import { ReadAccess } from './access/ReadAccess';
import { ScorecardService } from './ScorecardService';

/**
 * Waiver requests as callers see them (the router and the actions), with
 * the read decisions of AuthorizedScorecardService: lists keep the requests
 * of entities the caller may read (`sagemaker-security.scorecard.read` and
 * `catalog.entity.read`, decided before the answer); one request of an
 * entity the caller may not read is a 404. Writes need the entity to be
 * visible (else 404), then WaiverRequestService decides who may.
 */
export class AuthorizedWaiverRequests {
  constructor(
    private readonly options: {
      requests: WaiverRequestService;
      scorecards: ScorecardService;
      access: ReadAccess;
    },
  ) {}

  async list(
    query: { entityRefs?: string[]; status?: WaiverRequestStatus },
    credentials: BackstageCredentials,
  ): Promise<WaiverRequest[]> {
    const filter = await this.options.access.filter(credentials);
    const list = await this.options.requests.list(query);
    if (filter.all) {
      return list;
    }
    const allowed = await filter.allowed(list.map(r => r.entityRef));
    return list.filter(r => allowed.has(r.entityRef));
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<WaiverRequestWithEvents> {
    const filter = await this.options.access.filter(credentials);
    const request = await this.options.requests.getWithEvents(id);
    if (!(await filter.allowed([request.entityRef])).has(request.entityRef)) {
      throw new NotFoundError(`No waiver request ${id}`);
    }
    return request;
  }

  /** Stores a pending request (and tells the security groups). */
  async request(
    input: NewWaiverRequest,
    credentials: BackstageCredentials,
  ): Promise<WaiverRequest> {
    const { entity, linkedArns } = await this.target(input, credentials);
    return this.options.requests.request(
      input,
      entity,
      linkedArns,
      credentials,
    );
  }

  /** Decides and validates a request as `request` would, storing nothing (dry run). */
  async checkRequest(
    input: NewWaiverRequest,
    credentials: BackstageCredentials,
  ): Promise<NewWaiverRequestRow> {
    const { entity, linkedArns } = await this.target(input, credentials);
    return this.options.requests.prepare(
      input,
      entity,
      linkedArns,
      credentials,
    );
  }

  private async target(
    input: NewWaiverRequest,
    credentials: BackstageCredentials,
  ): Promise<{ entity: Entity; linkedArns: string[] }> {
    const entity = await this.visibleEntity(input.entityRef, credentials);
    const linkedArns =
      input.resourceArn === '*'
        ? []
        : await this.options.scorecards.linkedArns(entity, credentials);
    return { entity, linkedArns };
  }

  /**
   * Approves or denies a request; with `dryRun`, only decides whether the
   * caller may (403/409 as the decision would answer) and returns it as is.
   */
  async decide(
    id: string,
    decision: 'approve' | 'deny',
    comment: string | undefined,
    credentials: BackstageCredentials,
    options: { dryRun?: boolean } = {},
  ): Promise<{ request: WaiverRequest; waiver?: Waiver }> {
    const { requests } = this.options;
    const { request, entity } = await this.writable(id, credentials);
    if (options.dryRun) {
      if (decision === 'deny') {
        requests.denialComment(comment);
      }
      await requests.checkDecision(request, entity, decision, credentials);
      return { request };
    }
    if (decision === 'approve') {
      return requests.approve(request, entity, comment, credentials);
    }
    return {
      request: await requests.deny(request, entity, comment ?? '', credentials),
    };
  }

  async approve(
    id: string,
    comment: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<{ request: WaiverRequest; waiver: Waiver }> {
    const { request, entity } = await this.writable(id, credentials);
    return this.options.requests.approve(request, entity, comment, credentials);
  }

  async deny(
    id: string,
    comment: string,
    credentials: BackstageCredentials,
  ): Promise<{ request: WaiverRequest }> {
    const { requests } = this.options;
    requests.denialComment(comment);
    const { request, entity } = await this.writable(id, credentials);
    return {
      request: await requests.deny(request, entity, comment, credentials),
    };
  }

  async withdraw(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{ request: WaiverRequest }> {
    const { request } = await this.writable(id, credentials);
    return {
      request: await this.options.requests.withdraw(request, credentials),
    };
  }

  /** For an entity whose scorecard the caller may read (404 / 403 as the scorecard). */
  async capabilities(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<WaiverCapabilities> {
    await this.options.access.requireEntity(entityRef, credentials);
    const entity = await this.options.scorecards.getEntity(
      entityRef,
      credentials,
    );
    return this.options.requests.capabilities(entity, credentials);
  }

  /** The request and its entity, when the catalog lets the caller see it (else 404). */
  private async writable(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{ request: WaiverRequest; entity: Entity }> {
    const request = await this.options.requests.get(id);
    try {
      const entity = await this.visibleEntity(request.entityRef, credentials);
      return { request, entity };
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') {
        throw new NotFoundError(`No waiver request ${id}`);
      }
      throw error;
    }
  }

  private async visibleEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    await this.options.access.requireVisible(entityRef, credentials);
    return this.options.scorecards.getEntity(entityRef, credentials);
  }
}
