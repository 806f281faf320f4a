import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ScanStatus } from '@mlsec/plugin-sagemaker-security-common';
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
  private dispatcher: ScanDispatcher;

  constructor(private readonly options: ScanServiceOptions) {
    this.limit = pLimit(options.concurrency);
    this.dispatcher = scan => this.runInProcess(scan);
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

  /** Starts a scan, or returns the one already running. Does not wait for it. */
  async triggerScan(input: {
    trigger: ScanRun['trigger'];
    requestedBy?: string;
  }): Promise<ScanRun> {
    const { store, logger } = this.options;
    const active = await store.getLatestScan(['queued', 'running']);
    if (active) {
      const age = Date.now() - Date.parse(active.startedAt);
      if (age < (this.options.staleAfterMs ?? 6 * 3600_000)) return active;
      logger.warn(`Scan ${active.id} looks abandoned; marking it failed`);
      await store.completeScan(active.id, 'failed');
    }
    const scan = await store.createScan({ ...input, targets: this.targets });
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

  /** Resolves when a scan run in this process is finished; returns its final state. */
  async waitForScan(scanId: string): Promise<ScanRun | undefined> {
    await this.inProcess.get(scanId);
    return this.getScan(scanId);
  }

  /** Collects every scan's pending work for this target (a scheduler task's body). */
  async runPendingTargets(target: ScanTarget): Promise<void> {
    for (;;) {
      const [scanId] = await this.options.store.findScansWithPendingTarget(
        target,
      );
      if (!scanId) return;
      await this.limit(() => this.runTarget(scanId, target));
    }
  }

  /** Claims, collects and records one target of a scan; no-op when already claimed. */
  async runTarget(scanId: string, target: ScanTarget): Promise<void> {
    const { store, logger } = this.options;
    if (!(await store.claimScanTarget(scanId, target))) return;
    let outcome: TargetOutcome;
    try {
      outcome = await this.options.collect(target, this.factCache(scanId));
    } catch (error) {
      logger.error(
        `Inventory of ${target.accountId}/${target.region} crashed: ${error}`,
      );
      outcome = {
        status: 'failed',
        resourceCount: 0,
        errorCount: 1,
        finishedAt: new Date().toISOString(),
        errors: [
          {
            kind: 'other',
            action: 'collect',
            target: `${target.accountId}/${target.region}`,
            message: String(error),
          },
        ],
      };
    }
    await store.updateScanTarget(scanId, target, outcome);
    await this.completeIfDone(scanId);
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
