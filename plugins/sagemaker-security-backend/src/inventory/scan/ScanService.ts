import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  CollectionError,
  ScanStatus,
} from '@mlsec/plugin-sagemaker-security-common';
import pLimit from 'p-limit';
import { FactCache } from '../facts';
import type {
  ScanningInventoryStore,
  ScanRun,
  ScanTarget,
  ScanTargetProgress,
} from '../InventoryStore';
import type { TargetOutcome } from './collectTarget';

export type ScanListener = (scan: ScanRun) => unknown;

/** Hands a new scan's targets to workers (in process, or scheduler tasks). */
export type ScanDispatcher = (scan: ScanRun) => Promise<void>;

export interface ScanServiceOptions {
  store: ScanningInventoryStore;
  logger: LoggerService;
  targets: ScanTarget[];
  collect: (target: ScanTarget, facts: FactCache) => Promise<TargetOutcome>;
  /** Targets collected at once by this backend. */
  concurrency: number;
  /** A queued or running scan older than this is treated as abandoned. Default 6 h. */
  staleAfterMs?: number;
  /**
   * Liveness of workers: a claimed target's heartbeat is refreshed every
   * `heartbeatMs`; a running target silent for `expireAfterMs` belongs to a
   * stopped worker (crash, stop, lost replica) and is failed, and so are the
   * pending targets of a scan silent that long. Default 30 s and 5 min.
   */
  lease?: { heartbeatMs: number; expireAfterMs: number };
}

const DEFAULT_LEASE = { heartbeatMs: 30_000, expireAfterMs: 300_000 };

const key = (t: ScanTarget) => `${t.accountId}/${t.region}`;

function abandoned(target: ScanTarget, message: string): CollectionError {
  return {
    kind: 'other',
    action: 'collect',
    target: key(target),
    message,
  };
}

/** Fact caches kept for scans that may still run targets on this backend. */
const MAX_CACHED_SCANS = 4;

export function scanStatusOf(targets: ScanTargetProgress[]): ScanStatus {
  if (targets.every(t => t.status === 'succeeded')) return 'succeeded';
  if (targets.every(t => t.status === 'failed')) return 'failed';
  return 'partial';
}

/**
 * Runs scans: creates the scan run row, hands its targets to workers, records
 * progress and, when the last target is done, finishes the run and tells the
 * listeners (once, even with several replicas).
 */
export class ScanService {
  private readonly listeners = new Set<ScanListener>();
  private readonly factCaches = new Map<string, FactCache>();
  private readonly inProcess = new Map<string, Promise<void>>();
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly lease: { heartbeatMs: number; expireAfterMs: number };
  private readonly heartbeats = new Set<ReturnType<typeof setInterval>>();
  private stopped = false;
  private dispatcher: ScanDispatcher;

  constructor(private readonly options: ScanServiceOptions) {
    this.limit = pLimit(options.concurrency);
    this.lease = options.lease ?? DEFAULT_LEASE;
    this.dispatcher = scan => this.runInProcess(scan);
  }

  /**
   * Stops this backend's part in scans (shutdown): heartbeats end and work
   * still in flight records nothing, so other replicas, or this backend's
   * next start, fail its claimed targets once their lease expires.
   */
  stop() {
    this.stopped = true;
    for (const timer of this.heartbeats) clearInterval(timer);
    this.heartbeats.clear();
  }

  get targets(): ScanTarget[] {
    return this.options.targets;
  }

  /** Replaces in-process running, e.g. with one scheduler task per target. */
  useDispatcher(dispatcher: ScanDispatcher) {
    this.dispatcher = dispatcher;
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
   * among `targets`, or returns the one already running. Does not wait for it.
   */
  async triggerScan(input: {
    trigger: ScanRun['trigger'];
    requestedBy?: string;
    targets?: ScanTarget[];
  }): Promise<ScanRun> {
    const { store, logger } = this.options;
    await this.recoverAbandoned();
    const active = await store.getLatestScan(['queued', 'running']);
    if (active) {
      const age = Date.now() - Date.parse(active.startedAt);
      if (age < (this.options.staleAfterMs ?? 6 * 3600_000)) return active;
      logger.warn(`Scan ${active.id} looks abandoned; marking it failed`);
      await store.completeScan(active.id, 'failed');
    }
    // Another replica may start one at the same moment: one of them wins.
    const { scan, created } = await store.startScan({
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      targets: this.selectTargets(input.targets),
    });
    if (!created) return scan;
    logger.info(
      `Inventory scan ${scan.id} (${input.trigger}) of ${scan.targets.length} targets`,
    );
    if (scan.targets.length === 0) {
      await this.completeIfDone(scan.id);
    } else {
      this.dispatcher(scan).catch(error =>
        logger.error(`Could not dispatch scan ${scan.id}: ${error}`),
      );
    }
    return scan;
  }

  /** The configured targets, or those of them a request names. */
  private selectTargets(requested?: ScanTarget[]): ScanTarget[] {
    if (!requested) return this.targets;
    const targetKey = (t: ScanTarget) => `${t.accountId}/${t.region}`;
    const wanted = new Set(requested.map(targetKey));
    return this.targets.filter(t => wanted.has(targetKey(t)));
  }

  /**
   * Fails the work of stopped workers: running targets whose heartbeat
   * expired, and the pending targets of scans where nothing happened for a
   * whole lease; then finishes those scans (their collected targets are
   * evaluated, the others keep their last results). Runs at start-up and
   * before each scan, so a crash never blocks the next scan.
   */
  async recoverAbandoned(): Promise<void> {
    const { store, logger } = this.options;
    const cutoff = new Date(
      Date.now() - this.lease.expireAfterMs,
    ).toISOString();
    for (const { scan, lastBeat } of await store.listUnfinishedScans()) {
      const beats = [...lastBeat.values()].filter(
        (b): b is string => b !== undefined,
      );
      const lastActivity = [
        scan.startedAt,
        ...beats,
        ...scan.targets.flatMap(t => (t.finishedAt ? [t.finishedAt] : [])),
      ]
        .sort()
        .pop()!;
      const silent = lastActivity < cutoff;
      let failed = 0;
      for (const target of scan.targets) {
        const beat = lastBeat.get(key(target));
        if (target.status === 'running' && (beat ?? '') < cutoff) {
          failed += Number(
            await store.failScanTarget(
              scan.id,
              target,
              'running',
              abandoned(
                target,
                `The worker collecting ${key(
                  target,
                )} stopped (no heartbeat since ${beat}); its previous results are kept`,
              ),
            ),
          );
        } else if (target.status === 'pending' && silent) {
          failed += Number(
            await store.failScanTarget(
              scan.id,
              target,
              'pending',
              abandoned(
                target,
                `Not collected: scan ${scan.id} was abandoned; its previous results are kept`,
              ),
            ),
          );
        }
      }
      if (failed > 0) {
        logger.warn(
          `Scan ${scan.id}: failed ${failed} targets of stopped workers`,
        );
      }
      // Also finishes a scan whose worker stopped right after its last target.
      await this.completeIfDone(scan.id);
    }
  }

  /** Resolves when a scan run in this process is finished; returns its final state. */
  async waitForScan(scanId: string): Promise<ScanRun | undefined> {
    await this.inProcess.get(scanId);
    return this.getScan(scanId);
  }

  /** Collects every scan's pending work for this target (a scheduler task's body). */
  async runPendingTargets(
    target: ScanTarget,
    signal?: AbortSignal,
  ): Promise<void> {
    while (!signal?.aborted && !this.stopped) {
      const [scanId] = await this.options.store.findScansWithPendingTarget(
        target,
      );
      if (!scanId) return;
      await this.limit(() => this.runTarget(scanId, target, signal));
    }
  }

  /**
   * Claims, collects and records one target of a scan; no-op when already
   * claimed. While it works, the claim's heartbeat is kept fresh. An abort
   * (the task's timeout) fails the target at once; the collection's late
   * outcome is then dropped.
   */
  async runTarget(
    scanId: string,
    target: ScanTarget,
    signal?: AbortSignal,
  ): Promise<void> {
    const { store, logger } = this.options;
    if (this.stopped || signal?.aborted) return;
    if (!(await store.claimScanTarget(scanId, target))) return;
    // Stopped while claiming: no heartbeat, so the lease expires.
    if (this.stopped) return;
    const beat = setInterval(() => {
      if (this.stopped) {
        clearInterval(beat);
        return;
      }
      store
        .heartbeat(scanId, target)
        .catch(error => logger.warn(`Heartbeat of ${key(target)}: ${error}`));
    }, this.lease.heartbeatMs);
    beat.unref?.();
    this.heartbeats.add(beat);
    try {
      const outcome = await this.collectUnlessAborted(scanId, target, signal);
      if (this.stopped) return;
      if (outcome === 'aborted') {
        await store.failScanTarget(
          scanId,
          target,
          'running',
          abandoned(
            target,
            `Cancelled: the scan task of ${key(
              target,
            )} was aborted; its previous results are kept`,
          ),
        );
      } else if (!(await store.finishScanTarget(scanId, target, outcome))) {
        logger.warn(
          `Scan ${scanId}: ${key(
            target,
          )} was failed as abandoned meanwhile; its late outcome is dropped`,
        );
        return;
      }
    } finally {
      clearInterval(beat);
      this.heartbeats.delete(beat);
    }
    await this.completeIfDone(scanId);
  }

  private async collectUnlessAborted(
    scanId: string,
    target: ScanTarget,
    signal?: AbortSignal,
  ): Promise<TargetOutcome | 'aborted'> {
    const collected = this.collect(scanId, target);
    if (!signal) return collected;
    let onAbort = () => {};
    const aborted = new Promise<'aborted'>(resolve => {
      onAbort = () => resolve('aborted');
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([collected, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** The collector's outcome; a crash of the collector is a failed target. */
  private async collect(
    scanId: string,
    target: ScanTarget,
  ): Promise<TargetOutcome> {
    try {
      return await this.options.collect(target, this.factCache(scanId));
    } catch (error) {
      this.options.logger.error(
        `Inventory of ${key(target)} crashed: ${error}`,
      );
      return {
        status: 'failed',
        resourceCount: 0,
        errorCount: 1,
        finishedAt: new Date().toISOString(),
        errors: [abandoned(target, String(error))],
      };
    }
  }

  private runInProcess(scan: ScanRun): Promise<void> {
    const run = Promise.all(
      scan.targets.map(t => this.limit(() => this.runTarget(scan.id, t))),
    ).then(() => undefined);
    this.inProcess.set(scan.id, run);
    return run.finally(() => this.inProcess.delete(scan.id));
  }

  private factCache(scanId: string): FactCache {
    let cache = this.factCaches.get(scanId);
    if (!cache) {
      cache = new FactCache();
      this.factCaches.set(scanId, cache);
      while (this.factCaches.size > MAX_CACHED_SCANS) {
        this.factCaches.delete(this.factCaches.keys().next().value!);
      }
    }
    return cache;
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
    this.factCaches.delete(scanId);
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
