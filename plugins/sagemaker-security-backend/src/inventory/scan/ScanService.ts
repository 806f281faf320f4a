import type { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { ScanStatus } from '@mlsec/plugin-sagemaker-security-common';
import { FactCache } from '../facts';
import type {
  ScanRun,
  ScanStore,
  ScanTarget,
  ScanTargetProgress,
} from '../InventoryStore';
import type { TargetOutcome } from './collectTarget';
import type { TargetSource } from '../discovery/scanTargets';
import {
  DEFAULT_LEASE,
  givenUp,
  ScanLease,
  ScanWorker,
  targetKey,
} from './ScanWorker';

export type ScanListener = (scan: ScanRun) => unknown;
export type { ScanLease } from './ScanWorker';

/** Claims of one target in one scan before a stopped worker's target is failed instead of handed out again. */
export const MAX_TARGET_ATTEMPTS = 3;

export interface ScanServiceOptions {
  store: ScanStore;
  logger: LoggerService;
  /** Fixed targets, or a source listed again before each scan (account discovery). */
  targets: ScanTarget[] | TargetSource;
  collect: (target: ScanTarget, facts: FactCache) => Promise<TargetOutcome>;
  /** Targets collected at once by this backend. */
  concurrency: number;
  /** A queued or running scan older than this is treated as abandoned. Default 6 h. */
  staleAfterMs?: number;
  /** Worker liveness; default heartbeat 30 s, expiry 5 min. */
  lease?: ScanLease;
  /** Longest collection of one target before it is cancelled. Default 1 h. */
  targetTimeoutMs?: number;
}

export function scanStatusOf(targets: ScanTargetProgress[]): ScanStatus {
  if (targets.every(t => t.status === 'succeeded')) return 'succeeded';
  if (targets.every(t => t.status === 'failed')) return 'failed';
  return 'partial';
}

/**
 * Runs scans: creates the scan run row, and this backend's worker takes
 * part in collecting it (so does every other replica's, each target claimed
 * once in the database); takes back the targets of stopped workers once
 * their lease expires; and, when the last target is done, finishes the run
 * and tells the listeners (once, even with several replicas).
 */
export class ScanService {
  private readonly listeners = new Set<ScanListener>();
  private readonly worker: ScanWorker;
  readonly lease: ScanLease;
  private stopped = false;
  private markReady = () => {};
  private readonly ready = new Promise<void>(resolve => {
    this.markReady = resolve;
  });

  constructor(private readonly options: ScanServiceOptions) {
    this.lease = options.lease ?? DEFAULT_LEASE;
    this.worker = new ScanWorker({
      store: options.store,
      logger: options.logger,
      collect: options.collect,
      concurrency: options.concurrency,
      lease: this.lease,
      targetTimeoutMs: options.targetTimeoutMs ?? 3600_000,
      onTargetDone: scanId => this.completeIfDone(scanId),
    });
  }

  /** The targets of the next scan (for a discovery source: of its last listing). */
  get targets(): ScanTarget[] {
    const { targets } = this.options;
    return Array.isArray(targets) ? targets : targets.current();
  }

  /**
   * Starts taking work: takes back what stopped workers left and claims
   * pending targets. Triggers and polls made before wait for it (the plugin
   * starts once every listener is subscribed).
   */
  async start(): Promise<void> {
    this.markReady();
    await this.work();
  }

  /**
   * Stops this backend's part in scans (shutdown): no new claims, heartbeats
   * end and work in flight records nothing. Its targets are handed back to
   * pending at once, for other replicas (or this backend's next start) to
   * claim without waiting for the lease, and without counting the claim.
   * `handBack: false` leaves them to expire, as a crash would.
   */
  async stop(options: { handBack?: boolean } = {}): Promise<void> {
    const { store, logger } = this.options;
    this.stopped = true;
    const claims = this.worker.stop();
    if (options.handBack === false) return;
    await Promise.all(
      claims.map(async ({ scanId, target, claimId }) => {
        try {
          if (await store.releaseScanTarget(scanId, target, claimId, true)) {
            logger.info(
              `Scan ${scanId}: handed ${targetKey(target)} back on shutdown`,
            );
          }
        } catch (error) {
          logger.warn(
            `Scan ${scanId}: could not hand ${targetKey(
              target,
            )} back on shutdown (${error}); it is taken back when its lease expires`,
          );
        }
      }),
    );
  }

  /**
   * One round of this backend's worker (the local poll task of every
   * replica): takes back the targets of stopped workers, then claims
   * pending targets while this backend has free slots.
   */
  async work(): Promise<void> {
    await this.ready;
    if (this.stopped) return;
    await this.recoverAbandoned();
    await this.worker.fill();
  }

  onScanFinished(listener: ScanListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getScan(scanId: string) {
    return this.options.store.getScan(scanId);
  }

  getLatestScan(statuses?: ScanStatus[]) {
    return this.options.store.getLatestScan(statuses);
  }

  /**
   * Starts a scan of every configured target, or of the configured ones
   * among `targets`, or returns the one already running, and claims what
   * this backend can of it. Does not wait for the collection. Throws
   * (naming the reason) when no scan could be started; a failure to claim
   * is logged, as the scan's targets stay pending for every replica's worker.
   */
  async triggerScan(input: {
    trigger: ScanRun['trigger'];
    requestedBy?: string;
    targets?: ScanTarget[];
  }): Promise<ScanRun> {
    const { store, logger } = this.options;
    if (this.stopped) {
      throw new ServiceUnavailableError(
        'This backend is shutting down; no scan was started',
      );
    }
    await this.ready;
    await this.recoverAbandoned();
    let active = await store.getLatestScan(['queued', 'running']);
    if (active) {
      const age = Date.now() - Date.parse(active.startedAt);
      if (age >= (this.options.staleAfterMs ?? 6 * 3600_000)) {
        logger.warn(`Scan ${active.id} looks abandoned; marking it failed`);
        await store.completeScan(active.id, 'failed');
        active = undefined;
      }
    }
    // A new scan scans what discovery lists now (or, when listing fails,
    // what it listed last); a running scan is returned as it is.
    const { targets } = this.options;
    if (!active && !Array.isArray(targets)) await targets.refresh();
    // Another replica may start one at the same moment: one of them wins.
    const { scan, created } = await store.startScan({
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      targets: this.selectTargets(input.targets),
    });
    if (created) {
      logger.info(
        `Inventory scan ${scan.id} (${input.trigger}) of ${scan.targets.length} targets`,
      );
      if (scan.targets.length === 0) await this.completeIfDone(scan.id);
    }
    try {
      await this.worker.fill();
    } catch (error) {
      logger.error(
        `Scan ${scan.id}: this backend could not claim its targets (${error}); they stay pending for the next worker poll`,
      );
    }
    return scan;
  }

  /** The configured targets, or those of them a request names. */
  private selectTargets(requested?: ScanTarget[]): ScanTarget[] {
    if (!requested) return this.targets;
    const wanted = new Set(requested.map(targetKey));
    return this.targets.filter(t => wanted.has(targetKey(t)));
  }

  /**
   * Takes back the targets of stopped workers: a running target whose
   * heartbeat is older than the lease goes back to pending for any worker
   * to claim, or, after {@link MAX_TARGET_ATTEMPTS} claims, is failed
   * (keeping its previous results). Then finishes scans with nothing left.
   */
  async recoverAbandoned(): Promise<void> {
    const { store, logger } = this.options;
    const cutoff = new Date(
      Date.now() - this.lease.expireAfterMs,
    ).toISOString();
    for (const { scan, workers } of await store.listUnfinishedScans()) {
      for (const target of scan.targets) {
        const worker = workers.get(targetKey(target));
        if (target.status !== 'running' || !worker) continue;
        if ((worker.lastBeat ?? '') >= cutoff) continue;
        const key = targetKey(target);
        const claimId = worker.claimId ?? null;
        if (worker.attempts < MAX_TARGET_ATTEMPTS) {
          if (await store.releaseScanTarget(scan.id, target, claimId)) {
            logger.warn(
              `Scan ${
                scan.id
              }: took back ${key} from a stopped worker (no heartbeat since ${
                worker.lastBeat
              }); claim ${worker.attempts + 1} of ${MAX_TARGET_ATTEMPTS}`,
            );
          }
        } else if (
          await store.failScanTarget(
            scan.id,
            target,
            { claimId },
            givenUp(
              target,
              `The worker collecting ${key} stopped (no heartbeat since ${worker.lastBeat}), ${worker.attempts} times; its previous results are kept`,
            ),
          )
        ) {
          logger.warn(`Scan ${scan.id}: failed ${key}, its workers stopped`);
        }
      }
      // Also finishes a scan whose worker stopped right after its last target.
      await this.completeIfDone(scan.id);
    }
  }

  /**
   * Resolves when this backend has nothing of the scan in flight (claiming
   * more of it meanwhile); returns the scan's state then.
   */
  async waitForScan(scanId: string): Promise<ScanRun | undefined> {
    await this.worker.drain(scanId);
    return this.getScan(scanId);
  }

  private async completeIfDone(scanId: string) {
    const { store, logger } = this.options;
    const scan = await store.getScan(scanId);
    if (!scan) return;
    if (
      scan.targets.some(t => t.status === 'pending' || t.status === 'running')
    ) {
      return;
    }
    const status = scanStatusOf(scan.targets);
    if (!(await store.completeScan(scanId, status, scan.callCounts))) return;
    this.worker.forget(scanId);
    const finished = (await store.getScan(scanId))!;
    logger.info(`Inventory scan ${scanId} finished: ${status}`);
    for (const listener of this.listeners) {
      try {
        await listener(finished);
      } catch (error) {
        logger.error(
          `A scan-finished listener failed for scan ${scanId}: ${error}`,
        );
      }
    }
  }
}
