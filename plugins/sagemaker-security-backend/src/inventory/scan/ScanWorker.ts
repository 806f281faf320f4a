import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import { FactCache } from '../facts';
import type { ScanClaim, ScanStore, ScanTarget } from '../InventoryStore';
import type { TargetOutcome } from './collectTarget';

/**
 * Liveness of workers: a claimed target's heartbeat is refreshed every
 * `heartbeatMs`; a running target silent for `expireAfterMs` belongs to a
 * stopped worker (crash, kill, lost replica) and is taken back.
 */
export interface ScanLease {
  heartbeatMs: number;
  expireAfterMs: number;
}

export const DEFAULT_LEASE: ScanLease = {
  heartbeatMs: 30_000,
  expireAfterMs: 300_000,
};

export const targetKey = (t: ScanTarget) => `${t.accountId}/${t.region}`;

/** A collection error for a target whose work was given up; no credentials. */
export function givenUp(target: ScanTarget, message: string): CollectionError {
  return {
    kind: 'other',
    action: 'collect',
    target: targetKey(target),
    message,
  };
}

export interface ScanWorkerOptions {
  store: ScanStore;
  logger: LoggerService;
  collect: (target: ScanTarget, facts: FactCache) => Promise<TargetOutcome>;
  /** Targets collected at once by this worker. */
  concurrency: number;
  lease: ScanLease;
  /** Longest collection of one target; then it is cancelled (failed). */
  targetTimeoutMs: number;
  /** After a target's outcome is recorded: finishes the scan when it was the last. */
  onTargetDone: (scanId: string) => Promise<void>;
}

/** Fact caches kept for scans that may still run targets on this backend. */
const MAX_CACHED_SCANS = 4;
/** Rounds of claiming in one fill when other workers keep winning the races. */
const MAX_CLAIM_ROUNDS = 10;

/**
 * This backend's worker: claims pending targets from the database while it
 * has free slots, collects them under a heartbeat and a time limit, and
 * records each outcome only while its claim is still its own. Whichever
 * replica created a scan, every replica's worker takes part.
 */
export class ScanWorker {
  private active = 0;
  private stopped = false;
  private readonly runs = new Map<string, Set<Promise<void>>>();
  private readonly inFlight = new Map<AbortController, ScanClaim>();
  private readonly factCaches = new Map<string, FactCache>();
  private filling?: Promise<void>;
  private fillAgain = false;

  constructor(private readonly options: ScanWorkerOptions) {}

  /**
   * Stops taking and recording work: heartbeats end and work in flight
   * records nothing. Returns the claims that were in flight, for the caller
   * to hand back (a graceful stop) or to leave to expire (a crash).
   */
  stop(): ScanClaim[] {
    this.stopped = true;
    const claims = [...this.inFlight.values()];
    for (const controller of this.inFlight.keys()) controller.abort();
    return claims;
  }

  /**
   * Claims pending targets while this worker has free slots and starts
   * collecting them; resolves once claimed, not collected. Calls made while
   * a fill runs are folded into it.
   */
  fill(): Promise<void> {
    if (this.filling) {
      this.fillAgain = true;
      return this.filling;
    }
    this.filling = (async () => {
      do {
        this.fillAgain = false;
        await this.fillOnce();
      } while (this.fillAgain && !this.stopped);
    })().finally(() => {
      this.filling = undefined;
    });
    return this.filling;
  }

  /** Resolves when this worker has nothing of the scan in flight, claiming more of it meanwhile. */
  async drain(scanId: string): Promise<void> {
    for (;;) {
      const runs = this.runs.get(scanId);
      if (runs?.size) {
        await Promise.allSettled([...runs]);
      } else if (this.filling) {
        await this.filling.catch(() => undefined);
      } else {
        return;
      }
    }
  }

  forget(scanId: string) {
    this.factCaches.delete(scanId);
  }

  private async fillOnce() {
    const { store, concurrency } = this.options;
    for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
      if (this.stopped || this.active >= concurrency) return;
      const pending = await store.findPendingTargets(concurrency - this.active);
      if (pending.length === 0) return;
      for (const { scanId, target } of pending) {
        if (this.stopped || this.active >= concurrency) return;
        const claim = await store.claimScanTarget(scanId, target);
        // Stopped while claiming: no heartbeat, so the lease expires.
        if (claim && !this.stopped) this.start(claim);
      }
    }
  }

  private start(claim: ScanClaim) {
    const { logger } = this.options;
    this.active++;
    let runs = this.runs.get(claim.scanId);
    if (!runs) {
      runs = new Set();
      this.runs.set(claim.scanId, runs);
    }
    const run: Promise<void> = this.run(claim)
      .catch(error =>
        logger.error(
          `Scan ${claim.scanId}: ${targetKey(
            claim.target,
          )} could not be recorded: ${error}`,
        ),
      )
      .finally(() => {
        this.active--;
        runs!.delete(run);
        if (runs!.size === 0) this.runs.delete(claim.scanId);
        if (!this.stopped) {
          this.fill().catch(error =>
            logger.error(`Could not claim pending scan targets: ${error}`),
          );
        }
      });
    runs.add(run);
  }

  /** Collects a claimed target and records its outcome while the claim holds. */
  private async run(claim: ScanClaim): Promise<void> {
    const { store, logger, lease, targetTimeoutMs } = this.options;
    const { scanId, target } = claim;
    const key = targetKey(target);
    const controller = new AbortController();
    let reason: 'lost' | 'timeout' | undefined;
    const giveUp = (why: 'lost' | 'timeout') => {
      reason ??= why;
      controller.abort();
    };
    this.inFlight.set(controller, claim);
    const beat = setInterval(() => {
      store.heartbeat(claim).then(
        held => {
          if (!held) giveUp('lost');
        },
        error => logger.warn(`Heartbeat of ${key}: ${error}`),
      );
    }, lease.heartbeatMs);
    const timeout = setTimeout(() => giveUp('timeout'), targetTimeoutMs);
    beat.unref?.();
    timeout.unref?.();
    try {
      const outcome = await this.collect(scanId, target, controller.signal);
      if (this.stopped) return;
      if (outcome !== 'aborted') {
        if (await store.finishScanTarget(claim, outcome)) return;
        logger.warn(
          `Scan ${scanId}: ${key} was taken back from this worker meanwhile; its late outcome is dropped`,
        );
        return;
      }
      if (reason === 'lost') {
        logger.warn(
          `Scan ${scanId}: ${key} was taken over by another worker (this worker's heartbeat was too late); stopped collecting it here`,
        );
        return;
      }
      await store.failScanTarget(
        scanId,
        target,
        { claimId: claim.claimId },
        givenUp(
          target,
          `Cancelled: collecting ${key} took longer than ${Math.round(
            targetTimeoutMs / 1000,
          )} s (sagemakerSecurity.schedule.timeout); its previous results are kept`,
        ),
      );
    } finally {
      clearInterval(beat);
      clearTimeout(timeout);
      this.inFlight.delete(controller);
      if (!this.stopped) await this.options.onTargetDone(scanId);
    }
  }

  /** The collector's outcome, or 'aborted'; a crash of the collector is a failed target. */
  private async collect(
    scanId: string,
    target: ScanTarget,
    signal: AbortSignal,
  ): Promise<TargetOutcome | 'aborted'> {
    const collected = this.options
      .collect(target, this.factCache(scanId))
      .catch((error): TargetOutcome => {
        this.options.logger.error(
          `Inventory of ${targetKey(target)} crashed: ${error}`,
        );
        return {
          status: 'failed',
          resourceCount: 0,
          errorCount: 1,
          finishedAt: new Date().toISOString(),
          errors: [givenUp(target, String(error))],
        };
      });
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
}
