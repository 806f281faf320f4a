import { LoggerService } from '@backstage/backend-plugin-api';
import {
  FactLookup,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  createCheckEvaluator,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import type {
  InventoryReader,
  ScanRun,
  ScanTarget,
} from '../inventory/InventoryStore';
import type { HistoryStore } from '../history/HistoryStore';
import { ListingFailures, listingFailures, storedTargets } from './engineReads';
import { evaluateTarget, TargetEvaluator } from './evaluateTarget';
import type { EvaluationInputStore } from './inputs/EvaluationInputStore';
import { InputRecorder } from './inputs/InputRecorder';
import { catalogueVersion } from './inputs/fingerprint';
import { ResultStore } from './ResultStore';

/** What one evaluation did. */
export interface EvaluationSummary {
  scanId?: string;
  at: string;
  targets: ScanTarget[];
  /** Targets of the scan left alone because their collection failed. */
  skippedTargets: ScanTarget[];
  resources: number;
  /**
   * Resources whose checks ran; the others' inputs were unchanged since
   * their last evaluation, and their results were kept as they were.
   */
  evaluated: number;
  results: number;
  transitions: number;
  /**
   * False when nothing an evaluation reads or writes changed: no resource's
   * inputs, no result, no removal (scores need not be computed again).
   */
  changed: boolean;
}

export type EvaluationListener = (
  summary: EvaluationSummary,
) => void | Promise<void>;

/** Where the engine learns that a scan finished (the inventory's ScanService). */
export interface ScanEvents {
  onScanFinished(listener: (scan: ScanRun) => void | Promise<void>): void;
}

/**
 * Runs the check catalogue over the stored inventory and keeps one result
 * per (resource, check). Evaluations run one at a time.
 */
export class CheckEngine {
  private readonly inventory: InventoryReader;
  private readonly results: ResultStore;
  private readonly history: HistoryStore;
  private readonly logger: LoggerService;
  private readonly pageSize: number;
  private readonly listeners: EvaluationListener[] = [];
  private readonly checks: SecurityCheck[];
  private readonly checksById: Map<string, SecurityCheck>;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inputs?: EvaluationInputStore;
  private readonly inputsVersion: string;

  constructor(options: {
    inventory: InventoryReader;
    checks: SecurityCheck[];
    results: ResultStore;
    history: HistoryStore;
    logger: LoggerService;
    pageSize?: number;
    /**
     * Where each resource's evaluation inputs are kept: with it, a resource
     * whose inputs did not change since its last evaluation is not
     * evaluated again. Without it, every evaluation evaluates everything.
     */
    inputs?: EvaluationInputStore;
    /** What else every result depends on (e.g. the scoring config). */
    inputsVersion?: string;
  }) {
    this.inventory = options.inventory;
    this.checks = options.checks;
    this.checksById = new Map(options.checks.map(c => [c.id, c]));
    this.results = options.results;
    this.history = options.history;
    this.logger = options.logger;
    this.pageSize = options.pageSize ?? 500;
    this.inputs = options.inputs;
    this.inputsVersion = options.inputs
      ? `${catalogueVersion(options.checks)}|${options.inputsVersion ?? ''}`
      : '';
  }

  /** Evaluates after every finished scan. */
  subscribe(events: ScanEvents): void {
    events.onScanFinished(async scan => {
      await this.handleScanFinished(scan);
    });
  }

  onEvaluated(listener: EvaluationListener): void {
    this.listeners.push(listener);
  }

  getChecks(): SecurityCheck[] {
    return this.checks;
  }

  /**
   * Evaluates the targets of a finished scan whose collection succeeded
   * (fully or partly). Failed targets keep their last good results.
   */
  handleScanFinished(scan: ScanRun): Promise<EvaluationSummary> {
    const evaluate = scan.targets
      .filter(t => t.status === 'succeeded' || t.status === 'partial')
      .map(({ accountId, region }) => ({ accountId, region }));
    const skipped = scan.targets
      .filter(t => t.status !== 'succeeded' && t.status !== 'partial')
      .map(({ accountId, region }) => ({ accountId, region }));
    if (skipped.length > 0) {
      this.logger.warn(
        `Scan ${scan.id}: keeping the previous results of ${skipped
          .map(t => `${t.accountId}/${t.region}`)
          .join(', ')}, whose collection did not succeed`,
      );
    }
    return this.enqueue(() =>
      this.evaluate(evaluate, skipped, scan.id, listingFailures(scan)),
    );
  }

  /** Evaluates every account and region of the stored inventory now. */
  evaluateNow(): Promise<EvaluationSummary> {
    return this.enqueue(async () =>
      this.evaluate(
        await this.storedTargets(),
        [],
        undefined,
        listingFailures(
          await this.inventory.getLatestScan(['succeeded', 'partial']),
        ),
      ),
    );
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async evaluate(
    targets: ScanTarget[],
    skippedTargets: ScanTarget[],
    scanId?: string,
    listings: ListingFailures = new Map(),
  ): Promise<EvaluationSummary> {
    const at = new Date();
    const summary: EvaluationSummary = {
      scanId,
      at: at.toISOString(),
      targets,
      skippedTargets,
      resources: 0,
      evaluated: 0,
      results: 0,
      transitions: 0,
      changed: !this.inputs,
    };
    const factsByAccount = new Map<string, FactLookup>();
    // Records what each resource's checks read, shared verdicts included.
    const recorder = this.inputs ? new InputRecorder() : undefined;
    // What the checks derive from the same facts is shared for this run only.
    const evaluator = createCheckEvaluator(this.checks, { tracer: recorder });
    // The estate's accounts: this run's, and those evaluated before.
    const estate = [
      ...new Set(
        [
          ...targets,
          ...skippedTargets,
          ...(await this.results.listEvaluatedTargets()),
        ].map(target => target.accountId),
      ),
    ];
    for (const target of targets) {
      let facts = factsByAccount.get(target.accountId);
      if (!facts) {
        // One account's facts at a time bounds the memory used.
        factsByAccount.clear();
        facts = await this.inventory.loadFacts([target.accountId]);
        factsByAccount.set(target.accountId, facts);
      }
      await evaluateTarget(
        this.targetEvaluator,
        target,
        { facts, evaluator, estate, recorder, listings },
        at,
        summary,
      );
      await this.results.markEvaluated(target, at, scanId);
    }
    this.logger.info(
      `Evaluated ${summary.results} results of ${
        summary.evaluated
      } resources (${summary.resources - summary.evaluated} of ${
        summary.resources
      } unchanged) in ${targets.length} account regions; ${
        summary.transitions
      } changed`,
    );
    for (const listener of this.listeners) {
      try {
        await listener(summary);
      } catch (error) {
        this.logger.error(`After-evaluation step failed: ${error}`);
      }
    }
    return summary;
  }

  private get targetEvaluator(): TargetEvaluator {
    return {
      inventory: this.inventory,
      results: this.results,
      inputs: this.inputs,
      version: this.inputsVersion,
      checksById: this.checksById,
      pageSize: this.pageSize,
      record: (transitions, summary) => this.record(transitions, summary),
    };
  }

  private async record(
    transitions: StatusTransition[],
    summary: EvaluationSummary,
  ): Promise<void> {
    summary.transitions += transitions.length;
    await this.history.addTransitions(transitions);
  }

  private storedTargets(): Promise<ScanTarget[]> {
    return storedTargets(this.inventory, this.results, this.pageSize);
  }
}
