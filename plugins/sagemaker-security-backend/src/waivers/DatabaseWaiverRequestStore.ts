import { randomUUID } from 'node:crypto';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import type {
  Waiver,
  WaiverRequest,
  WaiverRequestEvent,
  WaiverRequestStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import { chunk } from '../util/chunk';
import { toIsoString, toOptionalIsoString } from '../util/time';
import { DatabaseWaiverStore } from './DatabaseWaiverStore';
import type {
  NewWaiverRequestRow,
  WaiverRequestDecisionInput,
  WaiverRequestQuery,
  WaiverRequestStore,
} from './WaiverRequestStore';
import type { NewWaiver } from './WaiverStore';

const REQUESTS = 'waiver_requests';
const EVENTS = 'waiver_request_events';

type RequestRow = {
  id: string;
  entity_ref: string;
  check_id: string;
  resource_arn: string;
  reason: string;
  expires_at: unknown;
  requested_by: string;
  requested_at: unknown;
  status: string;
  decided_by: string | null;
  decided_at: unknown;
  comment: string | null;
  waiver_id: string | null;
};

function fromRow(row: RequestRow): WaiverRequest {
  const decidedAt = toOptionalIsoString(row.decided_at);
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    resourceArn: row.resource_arn,
    reason: row.reason,
    expiresAt: toIsoString(row.expires_at),
    requestedBy: row.requested_by,
    requestedAt: toIsoString(row.requested_at),
    status: row.status as WaiverRequestStatus,
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(decidedAt ? { decidedAt } : {}),
    ...(row.comment ? { comment: row.comment } : {}),
    ...(row.waiver_id ? { waiverId: row.waiver_id } : {}),
  };
}

/** The one-pending index refused a second pending request of the same key. */
function isOnePendingViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e.code === '23505') {
    return e.constraint === 'waiver_requests_one_pending_idx';
  }
  return (
    /^SQLITE_CONSTRAINT/.test(e.code ?? '') &&
    /UNIQUE constraint failed: waiver_requests\.entity_ref/.test(
      e.message ?? '',
    )
  );
}

/**
 * Waiver requests in the database (migration `20261209100000_waiver_requests`).
 * Every decision is an update of a pending row: the first to change it wins,
 * the others change nothing and are told so (undefined).
 */
export class DatabaseWaiverRequestStore implements WaiverRequestStore {
  constructor(private readonly db: Knex) {}

  async create(
    request: NewWaiverRequestRow,
    now: Date,
  ): Promise<WaiverRequest> {
    const id = randomUUID();
    try {
      await this.db.transaction(async tx => {
        await tx(REQUESTS).insert({
          id,
          entity_ref: request.entityRef,
          check_id: request.checkId,
          resource_arn: request.resourceArn,
          reason: request.reason,
          expires_at: request.expiresAt,
          requested_by: request.requestedBy,
          requested_at: now,
          status: 'pending',
        });
        await this.event(
          tx,
          id,
          'requested',
          now,
          request.requestedBy,
          request.reason,
        );
      });
    } catch (error) {
      if (!isOnePendingViolation(error)) {
        throw error;
      }
      const pending = (
        await this.list({ entityRefs: [request.entityRef], status: 'pending' })
      ).find(
        r =>
          r.checkId === request.checkId &&
          r.resourceArn === request.resourceArn,
      );
      throw new ConflictError(
        pending
          ? `Waiver request ${pending.id} for ${request.checkId} on ${request.resourceArn} is already pending`
          : `A waiver request for ${request.checkId} on ${request.resourceArn} is already pending`,
      );
    }
    return (await this.get(id))!;
  }

  async get(id: string): Promise<WaiverRequest | undefined> {
    const row = await this.db<RequestRow>(REQUESTS).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async list(query: WaiverRequestQuery): Promise<WaiverRequest[]> {
    const refChunks = query.entityRefs
      ? chunk(query.entityRefs, 200)
      : [undefined];
    const out: WaiverRequest[] = [];
    for (const refs of refChunks) {
      if (refs && refs.length === 0) {
        continue;
      }
      const builder = this.db<RequestRow>(REQUESTS).select('*');
      if (refs) {
        builder.whereIn('entity_ref', refs);
      }
      if (query.status) {
        builder.where('status', query.status);
      }
      for (const row of await builder) {
        out.push(fromRow(row));
      }
    }
    return out.sort(
      (a, b) =>
        b.requestedAt.localeCompare(a.requestedAt) || a.id.localeCompare(b.id),
    );
  }

  async listEvents(id: string): Promise<WaiverRequestEvent[]> {
    const rows = await this.db(EVENTS)
      .where({ request_id: id })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      event: row.event as WaiverRequestEvent['event'],
      actor: row.actor,
      at: toIsoString(row.at),
      ...(row.detail ? { detail: row.detail } : {}),
    }));
  }

  async approve(
    id: string,
    decision: WaiverRequestDecisionInput,
    waiver: NewWaiver,
  ): Promise<{ request: WaiverRequest; waiver: Waiver } | undefined> {
    const created = await this.db.transaction(async tx => {
      if (!(await this.decide(tx, id, 'approved', decision))) {
        return undefined;
      }
      // The waiver store's own rules (one active waiver per key) apply in
      // this transaction: a conflict undoes the approval too.
      const made = await new DatabaseWaiverStore(tx).create(
        waiver,
        decision.at,
      );
      await tx(REQUESTS).where({ id }).update({ waiver_id: made.id });
      return made;
    });
    if (!created) {
      return undefined;
    }
    return { request: (await this.get(id))!, waiver: created };
  }

  async close(
    id: string,
    status: 'denied' | 'withdrawn',
    decision: WaiverRequestDecisionInput,
  ): Promise<WaiverRequest | undefined> {
    const changed = await this.db.transaction(tx =>
      this.decide(tx, id, status, decision),
    );
    return changed ? this.get(id) : undefined;
  }

  /** Moves a pending request to `status` and writes the event; false when it was not pending. */
  private async decide(
    tx: Knex.Transaction,
    id: string,
    status: Exclude<WaiverRequestStatus, 'pending'>,
    decision: WaiverRequestDecisionInput,
  ): Promise<boolean> {
    const count = await tx(REQUESTS)
      .where({ id, status: 'pending' })
      .update({
        status,
        decided_by: decision.actor,
        decided_at: decision.at,
        comment: decision.comment ?? null,
      });
    if (count === 0) {
      return false;
    }
    await this.event(
      tx,
      id,
      status,
      decision.at,
      decision.actor,
      decision.comment,
    );
    return true;
  }

  private async event(
    tx: Knex.Transaction,
    requestId: string,
    event: WaiverRequestEvent['event'],
    at: Date,
    actor: string,
    detail?: string,
  ) {
    await tx(EVENTS).insert({
      request_id: requestId,
      event,
      actor,
      at,
      detail: detail ?? null,
    });
  }
}
