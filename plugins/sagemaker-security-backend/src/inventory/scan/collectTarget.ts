import type { LoggerService } from '@backstage/backend-plugin-api';
import { AwsClientFactory, CallCounter } from '../aws/clients';
import { classifyError } from '../aws/errors';
import { collectResourceType, RESOURCE_SPECS } from '../collectors';
import { CollectContext, TargetReport } from '../collectors/context';
import { collectFacts, FactCache, References } from '../facts';
import type {
  ScanningInventoryStore,
  ScanTarget,
  ScanTargetProgress,
} from '../InventoryStore';

export type TargetOutcome = Omit<ScanTargetProgress, 'accountId' | 'region'>;

export interface TargetCollectorOptions {
  clients: AwsClientFactory;
  store: ScanningInventoryStore;
  logger: LoggerService;
  jobLookbackDays: number | 'all';
}

function statusOf(report: TargetReport): TargetOutcome['status'] {
  if (report.regionDisabled || report.listingsSucceeded === 0) return 'failed';
  return report.errorCount > 0 ? 'partial' : 'succeeded';
}

/**
 * Collects one account and region: every SageMaker resource type, then the
 * related facts they refer to. Failures are recorded, never thrown.
 */
export async function collectTarget(
  options: TargetCollectorOptions,
  target: ScanTarget,
  facts: FactCache,
): Promise<TargetOutcome> {
  const startedAt = new Date().toISOString();
  const counter = new CallCounter();
  const report = new TargetReport();
  const done = (): TargetOutcome => ({
    status: statusOf(report),
    resourceCount: report.resourceCount,
    errorCount: report.errorCount,
    startedAt,
    finishedAt: new Date().toISOString(),
    errors: report.errors,
    callCounts: counter.counts,
  });

  let clients;
  try {
    clients = await options.clients.forAccount(target.accountId, counter);
  } catch (error) {
    report.record(
      classifyError(error, 'sts:AssumeRole', { target: target.accountId }),
    );
    return done();
  }
  const ctx: CollectContext = {
    target,
    clients,
    store: options.store,
    seenAt: startedAt,
    jobLookbackDays: options.jobLookbackDays,
    refs: new References(),
    facts,
    report,
    logger: options.logger,
  };
  try {
    // The first listing alone: a disabled region then costs one call, not all.
    const [first, ...rest] = RESOURCE_SPECS;
    await collectResourceType(first, ctx);
    await Promise.all(rest.map(spec => collectResourceType(spec, ctx)));
    if (!report.regionDisabled) await collectFacts(ctx);
  } finally {
    clients.destroy();
  }
  const outcome = done();
  options.logger.info(
    `Inventory of ${target.accountId}/${target.region}: ${outcome.status}, ` +
      `${outcome.resourceCount} resources, ${outcome.errorCount} errors`,
  );
  return outcome;
}
