import { randomUUID } from 'node:crypto';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import type { Waiver } from '@mlsec/plugin-sagemaker-security-common';
import { chunk } from '../util/chunk';
import { toIsoString, toOptionalIsoString } from '../util/time';
import {
  NewWaiver,
  WaiverEvent,
  WaiverEventType,
  WaiverQuery,
  WaiverStore,
} from './WaiverStore';

const WAIVERS = 'waivers';
const EVENTS = 'waiver_events';

type WaiverRow = {
  id: string;
  entity_ref: string;
  check_id: string;
  resource_arn: string;
  reason: string;
  created_by: string;
  created_at: unknown;
  expires_at: unknown;
  revoked_by: string | null;
  revoked_at: unknown;
};

function fromRow(row: WaiverRow, now: Date): Waiver {
  const expiresAt = toIsoString(row.expires_at);
  const revokedAt = toOptionalIsoString(row.revoked_at);
  let status: Waiver['status'] = 'active';
  if (revokedAt) {
    status = 'revoked';
  } else if (Date.parse(expiresAt) <= now.getTime()) {
    status = 'expired';
  }
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    resourceArn: row.resource_arn,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    expiresAt,
    ...(row.revoked_by ? { revokedBy: row.revoked_by } : {}),
    ...(revokedAt ? { revokedAt } : {}),
    status,
  };
}

/** The one-active index refused a second waiver of the same key. */
function isOneActiveViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e.code === '23505') {
    return e.constraint === 'waivers_one_active_idx';
  }
  return (
    /^SQLITE_CONSTRAINT/.test(e.code ?? '') &&
    /UNIQUE constraint failed: waivers\.entity_ref/.test(e.message ?? '')
  );
}

export class DatabaseWaiverStore implements WaiverStore {
  constructor(private readonly db: Knex) {}

  /**
   * Inserts the waiver and its `created` event. The unique index
   * `waivers_one_active_idx` admits one waiver per entity, check and
   * resource that is neither revoked nor recorded as expired: a lapsed one
   * of the same key has its expiry recorded first (same transaction), and
   * when another is in force the insert fails with a ConflictError, however
   * many requests race.
   */
  async create(waiver: NewWaiver, now: Date): Promise<Waiver> {
    const id = randomUUID();
    const key = {
      entity_ref: waiver.entityRef,
      check_id: waiver.checkId,
      resource_arn: waiver.resourceArn,
    };
    try {
      await this.db.transaction(async tx => {
        await this.recordLapsed(tx, now, key);
        await tx(WAIVERS).insert({
          id,
          ...key,
          reason: waiver.reason,
          created_by: waiver.createdBy,
          created_at: now,
          expires_at: waiver.expiresAt,
        });
        await this.event(
          tx,
          id,
          'created',
          now,
          waiver.createdBy,
          waiver.createdDetail ?? waiver.reason,
        );
      });
    } catch (error) {
      if (!isOneActiveViolation(error)) {
        throw error;
      }
      const existing = (
        await this.list(
          { entityRefs: [waiver.entityRef], status: 'active' },
          now,
        )
      ).find(
        w =>
          w.checkId === waiver.checkId && w.resourceArn === waiver.resourceArn,
      );
      throw new ConflictError(
        existing
          ? `Waiver ${existing.id} already covers ${waiver.checkId} for ${waiver.resourceArn} until ${existing.expiresAt}`
          : `Another waiver already covers ${waiver.checkId} for ${waiver.resourceArn}`,
      );
    }
    return (await this.get(id, now))!;
  }

  async get(id: string, now: Date): Promise<Waiver | undefined> {
    const row = await this.db<WaiverRow>(WAIVERS).where({ id }).first();
    return row ? fromRow(row, now) : undefined;
  }

  async list(query: WaiverQuery, now: Date): Promise<Waiver[]> {
    const refChunks = query.entityRefs
      ? chunk(query.entityRefs, 200)
      : [undefined];
    const out: Waiver[] = [];
    for (const refs of refChunks) {
      if (refs && refs.length === 0) {
        continue;
      }
      const builder = this.db<WaiverRow>(WAIVERS).select('*');
      if (refs) {
        builder.whereIn('entity_ref', refs);
      }
      // Narrow in SQL where the status allows it, then by the exact rule.
      if (query.status === 'revoked') {
        builder.whereNotNull('revoked_at');
      } else if (query.status === 'active') {
        builder.whereNull('revoked_at').where('expires_at', '>', now);
      } else if (query.status === 'expired') {
        builder.whereNull('revoked_at').where('expires_at', '<=', now);
      }
      for (const row of await builder) {
        out.push(fromRow(row, now));
      }
    }
    return out
      .filter(w => !query.status || w.status === query.status)
      .sort(
        (a, b) =>
          b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
      );
  }

  async revoke(
    id: string,
    revokedBy: string,
    reason: string | undefined,
    now: Date,
  ): Promise<Waiver | undefined> {
    const updated = await this.db.transaction(async tx => {
      const count = await tx(WAIVERS)
        .where({ id })
        .whereNull('revoked_at')
        .where('expires_at', '>', now)
        .update({
          revoked_by: revokedBy,
          revoked_at: now,
          revoke_reason: reason ?? null,
        });
      if (count === 0) {
        return false;
      }
      await this.event(tx, id, 'revoked', now, revokedBy, reason);
      return true;
    });
    return updated ? this.get(id, now) : undefined;
  }

  async recordExpired(now: Date): Promise<number> {
    return this.db.transaction(tx => this.recordLapsed(tx, now));
  }

  /**
   * Writes the `expired` event of each lapsed waiver (of one key, or all)
   * whose expiry is not recorded yet; each is recorded once, even when two
   * transactions try at the same time (the update decides).
   */
  private async recordLapsed(
    tx: Knex.Transaction,
    now: Date,
    key?: { entity_ref: string; check_id: string; resource_arn: string },
  ): Promise<number> {
    const builder = tx(WAIVERS)
      .select('id', 'expires_at')
      .whereNull('revoked_at')
      .where('expires_at', '<=', now)
      .where('expiry_recorded', false);
    if (key) {
      builder.where(key);
    }
    const lapsed: Array<{ id: string; expires_at: unknown }> = await builder;
    let recorded = 0;
    for (const row of lapsed) {
      const updated = await tx(WAIVERS)
        .where({ id: row.id, expiry_recorded: false })
        .update({ expiry_recorded: true });
      if (updated === 1) {
        await this.event(
          tx,
          row.id,
          'expired',
          new Date(toIsoString(row.expires_at)),
        );
        recorded += 1;
      }
    }
    return recorded;
  }

  async listEvents(waiverId: string): Promise<WaiverEvent[]> {
    const rows = await this.db(EVENTS)
      .where({ waiver_id: waiverId })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      waiverId: row.waiver_id,
      event: row.event as WaiverEventType,
      ...(row.actor ? { actor: row.actor } : {}),
      at: toIsoString(row.at),
      ...(row.detail ? { detail: row.detail } : {}),
    }));
  }

  private async event(
    tx: Knex.Transaction,
    waiverId: string,
    event: WaiverEventType,
    at: Date,
    actor?: string,
    detail?: string,
  ) {
    await tx(EVENTS).insert({
      waiver_id: waiverId,
      event,
      actor: actor ?? null,
      at,
      detail: detail ?? null,
    });
  }
}
