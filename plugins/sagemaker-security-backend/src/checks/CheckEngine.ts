import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CollectionError,
  FactLookup,
  JOB_RESOURCE_TYPES,
  RESOURCE_TYPES,
  ResourceType,
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
import { failedListings } from '../inventory/scan/failedListings';
import { InMemoryResourceLookup } from './resourceLookup';
import { NewResult, ResultStore, resultKey } from './ResultStore';
import { toNewResult } from './toNewResult';

/** What one evaluation did. */
export interface EvaluationSummary {
  scanId?: string;
  at: string;
  targets: ScanTarget[];
  /** Targets of the scan left alone because their collection failed. */
  skippedTargets: ScanTarget[];
  resources: number;
  results: number;
  transitions: number;
}

export type EvaluationListener = (
  summary: EvaluationSummary,
) => void | Promise<void>;

/** Where the engine learns that a scan finished (the inventory's ScanService). */
export interface ScanEvents {
  onScanFinished(listener: (scan: ScanRun) => void | Promise<void>): void;
}

/** Listings that failed, by `account|region` and resource type. */
type ListingFailures = Map<string, Map<ResourceType, CollectionError[]>>;

/** The failed listings of a scan's targets, for checks that look up related resources. */
function listingFailures(scan: ScanRun | undefined): ListingFailures {
  return new Map(
    (scan?.targets ?? []).map(target => [
      `${target.accountId}|${target.region}`,
      failedListings(target),
    ]),
  );
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

  constructor(options: {
    inventory: InventoryReader;
    checks: SecurityCheck[];
    results: ResultStore;
    history: HistoryStore;
    logger: LoggerService;
    pageSize?: number;
  }) {
    this.inventory = options.inventory;
    this.checks = options.checks;
    this.checksById = new Map(options.checks.map(c => [c.id, c]));
    this.results = options.results;
    this.history = options.history;
    this.logger = options.logger;
    this.pageSize = options.pageSize ?? 500;
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
      results: 0,
      transitions: 0,
    };
    const factsByAccount = new Map<string, FactLookup>();
    // What the checks derive from the same facts is shared for this run only.
    const evaluator = createCheckEvaluator(this.checks);
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
        { facts, evaluator, estate },
        at,
        summary,
        scanId,
        listings,
      );
    }
    this.logger.info(
      `Evaluated ${summary.results} results of ${summary.resources} resources in ${targets.length} account regions; ${summary.transitions} changed`,
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
    }: { facts: FactLookup; evaluator: CheckEvaluator; estate: string[] },
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
    const keep = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.inventory.listResources({
        ...target,
        cursor,
        limit: this.pageSize,
      });
      const pageResults: NewResult[] = [];
      for (const resource of page.items) {
        summary.resources += 1;
        // Checks that throw or answer nonsense come back `unknown`.
        const evaluations = evaluator.evaluate({
          resource,
          facts,
          resources: lookup,
          mode: 'live',
        });
        for (const { checkId, outcome } of evaluations) {
          pageResults.push(
            toNewResult(this.checksById.get(checkId)!, resource, outcome),
          );
          keep.add(resultKey(resource.arn, checkId));
        }
      }
      summary.results += pageResults.length;
      await this.record(
        await this.results.saveResults(pageResults, at),
        summary,
      );
      cursor = page.nextCursor;
    } while (cursor);

    await this.record(
      await this.results.pruneTarget(target, keep, at),
      summary,
    );
    await this.results.markEvaluated(target, at, scanId);
  }

  private async record(
    transitions: StatusTransition[],
    summary: EvaluationSummary,
  ): Promise<void> {
    summary.transitions += transitions.length;
    await this.history.addTransitions(transitions);
  }

  private async listAll(
    query: Parameters<InventoryReader['listResources']>[0],
  ): Promise<StoredResource[]> {
    const all: StoredResource[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.inventory.listResources({
        ...query,
        cursor,
        limit: this.pageSize,
      });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  /**
   * Accounts and regions that hold stored resources, or results (whose
   * resources may all be gone since).
   */
  private async storedTargets(): Promise<ScanTarget[]> {
    const targets = new Map<string, ScanTarget>();
    for (const {
      accountId,
      region,
    } of await this.results.listEvaluatedTargets()) {
      targets.set(`${accountId}|${region}`, { accountId, region });
    }
    let cursor: string | undefined;
    do {
      const page = await this.inventory.listResources({
        cursor,
        limit: this.pageSize,
      });
      for (const { accountId, region } of page.items) {
        targets.set(`${accountId}|${region}`, { accountId, region });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return [...targets.values()];
  }
}
