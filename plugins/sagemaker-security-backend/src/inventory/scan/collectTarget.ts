import type { LoggerService } from '@backstage/backend-plugin-api';
import { AccountClients, AwsClientFactory, CallCounter } from '../aws/clients';
import { credentialsRefused } from '../aws/credentialCheck';
import { classifyError } from '../aws/errors';
import { collectResourceType, RESOURCE_SPECS } from '../collectors';
import { CollectContext, TargetReport } from '../collectors/context';
import { FactCache, References, startFacts } from '../facts';
import { FactsContext, keepFacts, planFactReads } from '../changes/plan';
import { planListings } from '../changes/sagemakerListings';
import { keepUnlisted } from '../collectors/keepUnlisted';
import { collectModified } from '../collectors/listModified';
import type { ResourceSpec } from '../collectors/spec';
import type {
  ScanningInventoryStore,
  ScanTarget,
  ScanTargetProgress,
} from '../InventoryStore';

export type TargetOutcome = Omit<ScanTargetProgress, 'accountId' | 'region'>;

/**
 * A read after a target's collection, with its clients (e.g. the Security
 * Hub findings of findings/). It records its failures in `report` and
 * never throws.
 */
export type TargetFollowUp = (context: {
  target: ScanTarget;
  clients: AccountClients;
  report: TargetReport;
}) => Promise<void>;

export interface TargetCollectorOptions {
  clients: AwsClientFactory;
  store: ScanningInventoryStore;
  logger: LoggerService;
  jobLookbackDays: number | 'all';
  /** Tag refresh windows (see collectors/incremental.ts); defaults 24 h and 168 h. */
  tagRefresh?: { windowHours: number; completedJobWindowHours: number };
  /** Bulk reads where the cost model prefers them (see collectors/readPlan.ts); absent: off. */
  bulkReads?: CollectContext['bulkReads'];
  /** Reads after the collection, in order (none by default). */
  followUps?: TargetFollowUp[];
  /** Hours after which every related fact is read again (changes/plan.ts); default 24. */
  fullRefreshHours?: number;
}

/** The bulk read paths chosen (and fallen back from), for the log line. */
function describeReadPaths(report: TargetReport): string {
  const bulk = report.readPaths.filter(r => r.chosen !== 'list');
  const modified =
    report.listingsModified.length > 0
      ? `; listed for what was modified: ${report.listingsModified.join(', ')}`
      : '';
  if (bulk.length === 0) return modified;
  return `${modified}; bulk reads: ${bulk
    .map(
      r =>
        `${r.type} ${r.chosen}${r.fellBack ? ' (failed: per resource)' : ''}`,
    )
    .join(', ')}`;
}

/** How a change-driven rescan lists each type (see changes/sagemakerListings.ts). */
interface ListingChoice {
  /** Types not listed, with their stored counts. */
  skipped: Map<string, number>;
  /** Types listed for what was modified since `since`. */
  modified: Set<string>;
  since?: Date;
}

/** Every type listed in full: a full refresh, a fallback, no event history. */
const LIST_ALL: ListingChoice = { skipped: new Map(), modified: new Set() };

async function planSageMakerListings(
  ctx: FactsContext,
  specs: ResourceSpec[],
): Promise<ListingChoice> {
  const changed = await ctx.changes?.sagemakerChanges();
  const since = ctx.changes?.since;
  if (!changed || !since) return LIST_ALL;
  if (changed.taggedArns.size > 0) ctx.tagsChanged = changed.taggedArns;
  const listsModified = new Set(
    specs.filter(spec => spec.listsModified).map(spec => spec.type),
  );
  const plan = planListings(
    specs.map(spec => spec.type),
    changed,
    await ctx.store.getTypeStates(ctx.target),
    type => listsModified.has(type),
  );
  return {
    skipped: new Map(plan.skipped.map(s => [s.type, s.stored])),
    modified: new Set(plan.modified.map(m => m.type)),
    since,
  };
}

/** Lists one type as the change plan says: in full, what was modified, or not at all. */
function listType(
  spec: ResourceSpec,
  ctx: FactsContext,
  choice: ListingChoice,
): Promise<void> {
  const skipped = choice.skipped.get(spec.type);
  if (skipped !== undefined) return keepUnlisted(spec, ctx, skipped);
  if (choice.since && choice.modified.has(spec.type)) {
    return collectModified(spec, ctx, choice.since);
  }
  return collectResourceType(spec, ctx);
}

function statusOf(report: TargetReport): TargetOutcome['status'] {
  // A target where nothing could be listed is never `succeeded`.
  if (report.stopped || report.listingsSucceeded === 0) return 'failed';
  return report.errorCount > 0 ? 'partial' : 'succeeded';
}

/**
 * Collects one account and region: every SageMaker resource type and,
 * overlapping them, the related facts they refer to. Failures are recorded,
 * never thrown.
 */
export async function collectTarget(
  options: TargetCollectorOptions,
  target: ScanTarget,
  facts: FactCache,
): Promise<TargetOutcome> {
  const startedAt = new Date().toISOString();
  const counter = new CallCounter();
  const report = new TargetReport();
  let changeSource: TargetOutcome['changeSource'];
  const done = (): TargetOutcome => ({
    status: statusOf(report),
    resourceCount: report.resourceCount,
    errorCount: report.errorCount,
    startedAt,
    finishedAt: new Date().toISOString(),
    errors: report.errors,
    callCounts: counter.counts,
    ...(changeSource ? { changeSource } : {}),
  });

  let clients;
  try {
    clients = await options.clients.forAccount(target.accountId, counter);
  } catch (error) {
    // A CredentialsUnavailableError carries its own kind, action and message.
    report.record(
      classifyError(error, 'credentials', { target: target.accountId }),
    );
    return done();
  }
  const ctx: FactsContext = {
    target,
    clients,
    store: options.store,
    seenAt: startedAt,
    jobLookbackDays: options.jobLookbackDays,
    refs: new References(),
    facts,
    report,
    logger: options.logger,
    ...(options.tagRefresh ? { tagRefresh: options.tagRefresh } : {}),
    ...(options.bulkReads ? { bulkReads: options.bulkReads } : {}),
  };
  try {
    // The first listing's first page alone: a disabled region or refused
    // credentials then cost one call (and one to IAM to tell them apart),
    // not all. Once it arrived, the rest start while it is read.
    const [first, ...rest] = RESOURCE_SPECS;
    // Which facts to read: all, or those event history shows changed; and
    // which types to list: all, or those event history names (or moving).
    // Planned first, so the first listing reads the tags events changed.
    ctx.changes = await planFactReads(ctx, options.fullRefreshHours ?? 24);
    const listed = await planSageMakerListings(ctx, rest);
    let answered = () => {};
    const firstAnswered = new Promise<true>(resolve => {
      answered = () => resolve(true);
    });
    const firstType = collectResourceType(first, ctx, { onAnswered: answered });
    const listedFirst = await Promise.race([
      firstAnswered,
      firstType.then(() => false),
    ]);
    const [firstError] = report.errors;
    if (!listedFirst && firstError && report.listingsSucceeded === 0) {
      const refused = await credentialsRefused(
        clients,
        target.region,
        firstError,
      );
      if (refused) report.credentialsRefused(refused);
    }
    if (!report.stopped) {
      // Settled as they end (a failure is never an unhandled rejection).
      const others = Promise.allSettled(
        rest.map(spec => listType(spec, ctx, listed)),
      );
      // Related facts are read while the other types are listed, from when
      // the first type is read: the roles it and the others referenced by
      // then are what IAM's cost model (facts/iamCostModel.ts) weighs on a
      // first scan.
      await firstType.catch(() => undefined);
      const factReads = startFacts(ctx);
      const listings = [
        ...(await Promise.allSettled([firstType])),
        ...(await others),
      ];
      // Every read started ends before the clients go.
      await factReads.finish();
      await keepFacts(ctx);
      changeSource = ctx.changes.source;
      const crashed = listings.find(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      if (crashed) throw crashed.reason;
      for (const followUp of options.followUps ?? []) {
        await followUp({ target, clients, report });
      }
    }
  } catch (error) {
    // An AWS error escaping a collector is logged and stored by the scan
    // service: only its classified form (no echoed request) leaves.
    if (error && typeof error === 'object' && '$metadata' in error) {
      throw new Error(classifyError(error, 'collect').message);
    }
    throw error;
  } finally {
    clients.destroy();
  }
  const outcome = done();
  const how = changeSource
    ? `, facts: ${changeSource.mode}${
        changeSource.reason ? ` (${changeSource.reason})` : ''
      }`
    : '';
  options.logger.info(
    `Inventory of ${target.accountId}/${target.region}: ${outcome.status}, ${
      outcome.resourceCount
    } resources, ${outcome.errorCount} errors${how}${describeReadPaths(
      report,
    )}`,
  );
  return outcome;
}
