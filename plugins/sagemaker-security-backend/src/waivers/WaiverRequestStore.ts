/**
 * Storage of waiver requests and their trail. One knex implementation:
 * `DatabaseWaiverRequestStore`. A request is pending until one decision
 * (approve, deny, withdraw) changes it; the store lets exactly one decision
 * win, however many race.
 */
import type {
  Waiver,
  WaiverRequest,
  WaiverRequestEvent,
  WaiverRequestStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import type { NewWaiver } from './WaiverStore';

export interface NewWaiverRequestRow {
  entityRef: string;
  checkId: string;
  resourceArn: string;
  reason: string;
  expiresAt: Date;
  requestedBy: string;
}

export interface WaiverRequestQuery {
  entityRefs?: string[];
  status?: WaiverRequestStatus;
}

export interface WaiverRequestDecisionInput {
  /** Who decides (the approver, the denier, the requester withdrawing). */
  actor: string;
  comment?: string;
  at: Date;
}

export interface WaiverRequestStore {
  /**
   * Stores a pending request and its `requested` event; ConflictError when
   * a request of the same entity, check and resource is pending.
   */
  create(request: NewWaiverRequestRow, now: Date): Promise<WaiverRequest>;
  get(id: string): Promise<WaiverRequest | undefined>;
  /** Newest first. */
  list(query: WaiverRequestQuery): Promise<WaiverRequest[]>;
  /** The request's trail, oldest first. */
  listEvents(id: string): Promise<WaiverRequestEvent[]>;
  /**
   * Approves a pending request and creates its waiver in one transaction:
   * undefined when the request was not pending (another decision won);
   * ConflictError (nothing changed) when a waiver of the same key is active.
   */
  approve(
    id: string,
    decision: WaiverRequestDecisionInput,
    waiver: NewWaiver,
  ): Promise<{ request: WaiverRequest; waiver: Waiver } | undefined>;
  /** Denies or withdraws a pending request; undefined when it was not pending. */
  close(
    id: string,
    status: 'denied' | 'withdrawn',
    decision: WaiverRequestDecisionInput,
  ): Promise<WaiverRequest | undefined>;
}
