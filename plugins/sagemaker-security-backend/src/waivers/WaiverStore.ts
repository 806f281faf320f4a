/**
 * Storage of waivers and their audit trail. One knex implementation:
 * `DatabaseWaiverStore`. A waiver's status is computed from its dates, so an
 * expired waiver stops applying the moment it expires.
 */
import type { Waiver } from '@mlsec/plugin-sagemaker-security-common';

export type WaiverEventType = 'created' | 'revoked' | 'expired';

export interface WaiverEvent {
  waiverId: string;
  event: WaiverEventType;
  /** Who did it; absent for expiry. */
  actor?: string;
  at: string;
  detail?: string;
}

export interface NewWaiver {
  entityRef: string;
  checkId: string;
  resourceArn: string;
  reason: string;
  createdBy: string;
  expiresAt: Date;
  /** The `created` event's detail; the reason when absent. */
  createdDetail?: string;
}

export interface WaiverQuery {
  entityRefs?: string[];
  status?: Waiver['status'];
}

export interface WaiverStore {
  create(waiver: NewWaiver, now: Date): Promise<Waiver>;
  get(id: string, now: Date): Promise<Waiver | undefined>;
  /** Newest first. */
  list(query: WaiverQuery, now: Date): Promise<Waiver[]>;
  /** Revokes an active waiver; undefined when it was not active. */
  revoke(
    id: string,
    revokedBy: string,
    reason: string | undefined,
    now: Date,
  ): Promise<Waiver | undefined>;
  /** Writes `expired` events for waivers that lapsed since the last call. */
  recordExpired(now: Date): Promise<number>;
  listEvents(waiverId: string): Promise<WaiverEvent[]>;
}
