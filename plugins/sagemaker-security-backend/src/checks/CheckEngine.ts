import { LoggerService } from '@backstage/backend-plugin-api';
import {
  FactLookup,
  JOB_RESOURCE_TYPES,
  RESOURCE_TYPES,
  StatusTransition,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  CheckEvaluator,
  createCheckEvaluator,
  SecurityCheck,
} from '@mlsec/plugin-sagemaker-security-node';
import type {
  InventoryReader,
  ScanRun,
  ScanTarget,
  StoredResource,
} from '../inventory/InventoryStore';
import type { HistoryStore } from '../history/HistoryStore';
import {
  ListingFailures,
  listAll,
  listingFailures,
  storedTargets,
} from './engineReads';
import { InMemoryResourceLookup } from './resourceLookup';
import type {
  EvaluatedInputs,
  EvaluationInputStore,
} from './inputs/EvaluationInputStore';
import { InputRecorder } from './inputs/InputRecorder';
import {
  catalogueVersion,
  inputFingerprint,
  InputValues,
} from './inputs/fingerprint';
import { NewResult, ResultStore } from './ResultStore';
import { toNewResult } from './toNewResult';

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

const LONG_LIVED_TYPES = RESOURCE_TYPES.filter(
  type => !JOB_RESOURCE_TYPES.includes(type),
);

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
      await this.evaluateTarget(
        target,
        { facts, evaluator, estate, recorder },
        at,
        summary,
        scanId,
        listings,
      );
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

  private async evaluateTarget(
    target: ScanTarget,
    {
      facts,
      evaluator,
      estate,
      recorder,
    }: {
      facts: FactLookup;
      evaluator: CheckEvaluator;
      estate: string[];
      recorder?: InputRecorder;
    },
    at: Date,
    summary: EvaluationSummary,
    scanId?: string,
    listings: ListingFailures = new Map(),
  ): Promise<void> {
    const lookup = new InMemoryResourceLookup(
      await this.listAll({ ...target, types: [...LONG_LIVED_TYPES] }),
      listings,
      estate,
    );
    const { inputs, inputsVersion: version } = this;
    recorder?.use(facts, lookup);
    const values = new InputValues(facts, lookup);
    const stored = inputs ? await inputs.load(target) : new Map();
    const keep = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.inventory.listResources({
        ...target,
        cursor,
        limit: this.pageSize,
      });
      const pageResults: NewResult[] = [];
      const evaluated: string[] = [];
      const pageInputs: EvaluatedInputs[] = [];
      for (const resource of page.items) {
        summary.resources += 1;
        keep.add(resource.arn);
        const before = stored.get(resource.arn);
        if (
          recorder &&
          before?.inputs &&
          inputFingerprint(version, resource, before.inputs, values) ===
            before.fingerprint
        ) {
          continue;
        }
        recorder?.begin();
        // Checks that throw or answer nonsense come back `unknown`.
        const evaluations = evaluator.evaluate({
          resource,
          facts: recorder?.facts ?? facts,
          resources: recorder?.resources ?? lookup,
          mode: 'live',
        });
        if (recorder) {
          const read = recorder.end();
          pageInputs.push({
            resourceArn: resource.arn,
            accountId: resource.accountId,
            region: resource.region,
            fingerprint: inputFingerprint(version, resource, read, values),
            inputs: read,
          });
        }
        summary.evaluated += 1;
        evaluated.push(resource.arn);
        for (const { checkId, outcome } of evaluations) {
          pageResults.push(
            toNewResult(this.checksById.get(checkId)!, resource, outcome),
          );
        }
      }
      summary.results += pageResults.length;
      if (evaluated.length > 0) {
        summary.changed = true;
        await this.record(
          await this.results.replaceResults(evaluated, pageResults, at),
          summary,
        );
      }
      // After the results: a stored fingerprint stands for stored results.
      await inputs?.save(pageInputs, at);
      cursor = page.nextCursor;
    } while (cursor);

    // Before the results: no fingerprint outlives its results.
    if (inputs && (await inputs.prune(target, keep)) > 0) {
      summary.changed = true;
    }
    const removed = await this.results.pruneResources(target, keep, at);
    if (removed.length > 0) summary.changed = true;
    await this.record(removed, summary);
    await this.results.markEvaluated(target, at, scanId);
  }

  private async record(
    transitions: StatusTransition[],
    summary: EvaluationSummary,
  ): Promise<void> {
    summary.transitions += transitions.length;
    await this.history.addTransitions(transitions);
  }

  private listAll(
    query: Parameters<InventoryReader['listResources']>[0],
  ): Promise<StoredResource[]> {
    return listAll(this.inventory, query, this.pageSize);
  }

  private storedTargets(): Promise<ScanTarget[]> {
    return storedTargets(this.inventory, this.results, this.pageSize);
  }
}
