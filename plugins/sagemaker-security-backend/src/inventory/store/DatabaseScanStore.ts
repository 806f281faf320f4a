import { randomUUID } from 'node:crypto';
import type {
  CollectionError,
  ScanStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import type { Knex } from 'knex';
import type {
  PendingTarget,
  ScanClaim,
  ScanHead,
  ScanRun,
  ScanStore,
  ScanTarget,
  ScanTargetProgress,
  TargetWorker,
} from '../InventoryStore';
import { chunk } from '../../util/chunk';
import { SCANS, ScanRow, TARGETS, TargetRow, toScanRun } from './rows';

/** Rows per statement: keeps SQLite under its bound-variable limit. */
const BATCH = 100;
const UNFINISHED: ScanStatus[] = ['queued', 'running'];
/** `active_slot` of a queued or running scan. */
const ACTIVE = 'active';

/** A unique index refused the row (PostgreSQL, SQLite, MySQL). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'ER_DUP_ENTRY' ||
    /UNIQUE constraint failed|duplicate key/i.test(e.message ?? '')
  );
}

const now = () => new Date().toISOString();

/**
 * Scan runs and their targets in knex (SQLite and PostgreSQL): one active
 * scan at a time (a unique index), and per target a claim that only its
 * worker can renew, finish or fail, and that another worker can take back
 * once the claim's heartbeat stops.
 */
export class DatabaseScanStore implements ScanStore {
  constructor(protected readonly db: Knex) {}

  async createScan(input: {
    trigger: ScanRun['trigger'];
    requestedBy?: string;
    targets: ScanTarget[];
  }): Promise<ScanRun> {
    const id = randomUUID();
    await this.db.transaction(async tx => {
      await tx<ScanRow>(SCANS).insert({
        id,
        trigger: input.trigger,
        requested_by: input.requestedBy ?? null,
        status: 'queued',
        started_at: now(),
        finished_at: null,
        call_counts: null,
        active_slot: ACTIVE,
      });
      for (const part of chunk(input.targets, BATCH)) {
        await tx<TargetRow>(TARGETS).insert(
          part.map(t => ({
            scan_id: id,
            account_id: t.accountId,
            region: t.region,
            status: 'pending' as const,
            resource_count: 0,
            error_count: 0,
            started_at: null,
            finished_at: null,
            errors: '[]',
            call_counts: null,
          })),
        );
      }
    });
    return (await this.getScan(id))!;
  }

  /**
   * Creates a scan unless one is queued or running, atomically across
   * replicas (a unique index admits one active scan); otherwise returns the
   * active one.
   */
  async startScan(input: {
    trigger: ScanRun['trigger'];
    requestedBy?: string;
    targets: ScanTarget[];
  }): Promise<{ scan: ScanRun; created: boolean }> {
    const active = await this.getLatestScan(UNFINISHED);
    if (active) return { scan: active, created: false };
    try {
      return { scan: await this.createScan(input), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.getLatestScan(UNFINISHED);
      if (!winner) throw error;
      return { scan: winner, created: false };
    }
  }

  async updateScanTarget(
    scanId: string,
    target: ScanTarget,
    patch: Partial<Omit<ScanTargetProgress, 'accountId' | 'region'>>,
  ): Promise<void> {
    const row: Partial<TargetRow> = {};
    if (patch.status) row.status = patch.status;
    if (patch.resourceCount !== undefined)
      row.resource_count = patch.resourceCount;
    if (patch.errorCount !== undefined) row.error_count = patch.errorCount;
    if (patch.startedAt) row.started_at = patch.startedAt;
    if (patch.finishedAt) row.finished_at = patch.finishedAt;
    if (patch.errors) row.errors = JSON.stringify(patch.errors);
    if (patch.callCounts) row.call_counts = JSON.stringify(patch.callCounts);
    if (Object.keys(row).length === 0) return;
    await this.db<TargetRow>(TARGETS)
      .where(this.targetKey(scanId, target))
      .update(row);
    if (patch.status === 'running') await this.markScanRunning(scanId);
  }

  /** Pending targets of the active scan(s), oldest scan first. */
  async findPendingTargets(limit: number): Promise<PendingTarget[]> {
    const rows = await this.db(`${TARGETS} as t`)
      .join(`${SCANS} as s`, 's.id', 't.scan_id')
      .where({ 's.active_slot': ACTIVE, 't.status': 'pending' })
      .orderBy([
        { column: 's.started_at' },
        { column: 't.account_id' },
        { column: 't.region' },
      ])
      .limit(limit)
      .select<Array<{ scan_id: string; account_id: string; region: string }>>(
        't.scan_id',
        't.account_id',
        't.region',
      );
    return rows.map(r => ({
      scanId: r.scan_id,
      target: { accountId: r.account_id, region: r.region },
    }));
  }

  /** Moves a pending target to running under a new claim; undefined when another worker has it. */
  async claimScanTarget(
    scanId: string,
    target: ScanTarget,
  ): Promise<ScanClaim | undefined> {
    const claimId = randomUUID();
    const at = now();
    const updated = await this.db<TargetRow>(TARGETS)
      .where({ ...this.targetKey(scanId, target), status: 'pending' })
      .update({
        status: 'running',
        started_at: at,
        heartbeat_at: at,
        claim_id: claimId,
        attempts: this.db.raw('attempts + 1') as unknown as number,
      });
    if (updated === 0) return undefined;
    await this.markScanRunning(scanId);
    const row = await this.db<TargetRow>(TARGETS)
      .where({ ...this.targetKey(scanId, target), claim_id: claimId })
      .first('attempts');
    return { scanId, target, claimId, attempt: Number(row?.attempts ?? 1) };
  }

  /** The claiming worker is alive; false when the claim is no longer its own. */
  async heartbeat(claim: ScanClaim): Promise<boolean> {
    const updated = await this.db<TargetRow>(TARGETS)
      .where(this.claimKey(claim))
      .update({ heartbeat_at: now() });
    return updated > 0;
  }

  /** Records a claimed target's outcome; false when the claim was lost meanwhile. */
  async finishScanTarget(
    claim: ScanClaim,
    outcome: Omit<ScanTargetProgress, 'accountId' | 'region'>,
  ): Promise<boolean> {
    const updated = await this.db<TargetRow>(TARGETS)
      .where(this.claimKey(claim))
      .update({
        status: outcome.status,
        resource_count: outcome.resourceCount,
        error_count: outcome.errorCount,
        ...(outcome.startedAt ? { started_at: outcome.startedAt } : {}),
        finished_at: outcome.finishedAt ?? now(),
        errors: JSON.stringify(outcome.errors),
        call_counts: outcome.callCounts
          ? JSON.stringify(outcome.callCounts)
          : null,
        fact_source: outcome.changeSource?.mode ?? null,
        fact_source_reason: outcome.changeSource?.reason ?? null,
        claim_id: null,
      });
    return updated > 0;
  }

  /**
   * Fails a pending target, or a running one under the given claim (its
   * worker stopped for good, or its collection was cancelled).
   */
  async failScanTarget(
    scanId: string,
    target: ScanTarget,
    from: 'pending' | { claimId: string | null },
    error: CollectionError,
  ): Promise<boolean> {
    const where =
      from === 'pending'
        ? { ...this.targetKey(scanId, target), status: 'pending' as const }
        : this.claimKey({ scanId, target, claimId: from.claimId });
    const updated = await this.db<TargetRow>(TARGETS)
      .where(where)
      .update({
        status: 'failed',
        error_count: 1,
        finished_at: now(),
        errors: JSON.stringify([error]),
        claim_id: null,
      });
    return updated > 0;
  }

  /** Hands a running target back to pending; false when its claim moved on. `uncounted`: not an attempt. */
  async releaseScanTarget(
    scanId: string,
    target: ScanTarget,
    claimId: string | null,
    uncounted?: boolean,
  ): Promise<boolean> {
    const updated = await this.db<TargetRow>(TARGETS)
      .where(this.claimKey({ scanId, target, claimId }))
      .update({
        status: 'pending',
        claim_id: null,
        heartbeat_at: null,
        started_at: null,
        ...(uncounted
          ? { attempts: this.db.raw('attempts - 1') as unknown as number }
          : {}),
      });
    return updated > 0;
  }

  /** Unfinished scans with, per running target, its claim and last sign of life. */
  async listUnfinishedScans(): Promise<
    Array<{ scan: ScanRun; workers: Map<string, TargetWorker> }>
  > {
    const rows = await this.db<ScanRow>(SCANS).whereIn('status', UNFINISHED);
    const out = [];
    for (const row of rows) {
      const targets = await this.db<TargetRow>(TARGETS)
        .where({ scan_id: row.id })
        .orderBy(['account_id', 'region']);
      out.push({
        scan: toScanRun(row, targets),
        workers: new Map(
          targets.map(t => [
            `${t.account_id}/${t.region}`,
            {
              ...(t.claim_id ? { claimId: t.claim_id } : {}),
              attempts: Number(t.attempts ?? 0),
              ...(t.heartbeat_at || t.started_at
                ? { lastBeat: (t.heartbeat_at ?? t.started_at)! }
                : {}),
            },
          ]),
        ),
      });
    }
    return out;
  }

  private targetKey(scanId: string, target: ScanTarget) {
    return {
      scan_id: scanId,
      account_id: target.accountId,
      region: target.region,
    };
  }

  /** A running target under this claim (`null`: claimed before claims had ids). */
  private claimKey(claim: {
    scanId: string;
    target: ScanTarget;
    claimId: string | null;
  }) {
    return {
      ...this.targetKey(claim.scanId, claim.target),
      status: 'running' as const,
      claim_id: claim.claimId,
    };
  }

  private async markScanRunning(scanId: string) {
    await this.db<ScanRow>(SCANS)
      .where({ id: scanId, status: 'queued' })
      .update({ status: 'running' });
  }

  async finishScan(
    scanId: string,
    status: ScanStatus,
    callCounts?: Record<string, number>,
  ): Promise<void> {
    await this.db<ScanRow>(SCANS)
      .where({ id: scanId })
      .update(this.finishRow(status, callCounts));
  }

  async completeScan(
    scanId: string,
    status: ScanStatus,
    callCounts?: Record<string, number>,
  ): Promise<boolean> {
    const updated = await this.db<ScanRow>(SCANS)
      .where({ id: scanId })
      .whereIn('status', UNFINISHED)
      .update(this.finishRow(status, callCounts));
    return updated > 0;
  }

  private finishRow(status: ScanStatus, callCounts?: Record<string, number>) {
    return {
      status,
      active_slot: null,
      finished_at: now(),
      ...(callCounts ? { call_counts: JSON.stringify(callCounts) } : {}),
    };
  }

  async getScan(scanId: string): Promise<ScanRun | undefined> {
    const row = await this.db<ScanRow>(SCANS).where({ id: scanId }).first();
    return row ? this.withTargets(row) : undefined;
  }

  private async withTargets(row: ScanRow): Promise<ScanRun> {
    const targets = await this.db<TargetRow>(TARGETS)
      .where({ scan_id: row.id })
      .orderBy(['account_id', 'region']);
    return toScanRun(row, targets);
  }

  async getLatestScanHead(): Promise<ScanHead | undefined> {
    const row = await this.db<ScanRow>(SCANS)
      .select(
        'id',
        'trigger',
        'requested_by',
        'status',
        'started_at',
        'finished_at',
      )
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    if (!row) return undefined;
    return {
      id: row.id,
      trigger: row.trigger,
      ...(row.requested_by ? { requestedBy: row.requested_by } : {}),
      status: row.status,
      startedAt: row.started_at,
      ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    };
  }

  async getLatestScan(statuses?: ScanStatus[]): Promise<ScanRun | undefined> {
    const query = this.db<ScanRow>(SCANS)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc');
    if (statuses?.length) query.whereIn('status', statuses);
    const row = await query.first();
    return row ? this.withTargets(row) : undefined;
  }
}
