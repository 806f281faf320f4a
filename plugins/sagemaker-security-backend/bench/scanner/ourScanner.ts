/**
 * The plugin as a deployment runs it, in one process: the real inventory
 * (createInventory: collector, ScanService, DatabaseInventoryStore), check
 * engine and scorecard service over one database, with only the SDK
 * transport replaced.
 */
import { ConfigReader } from '@backstage/config';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import type { Knex } from 'knex';
import { CheckEngine, DatabaseResultStore } from '../../src/checks';
import { DatabaseHistoryStore } from '../../src/history';
import type { HttpHandler } from '@smithy/protocol-http';
import {
  RATE_FAMILIES,
  RATE_FAMILY_KEYS,
  RateFamily,
} from '../../src/config/rateLimits';
import { createInventory } from '../../src/inventory';
import type { ScanRun } from '../../src/inventory/InventoryStore';
import type { ScorecardBackend } from '../../src/service';
import { benchAccessKey } from '../aws/SimulatedAws';
import { AwsProfile, rateOf } from '../options';
import { databaseOf, quietLogger } from './sqlite';

export interface ScannerTargets {
  accounts: Array<{ accountId: string; regions: string[] }>;
}

/** `sagemakerSecurity.rateLimits` of the collector. */
export type CollectorRateLimits = Record<RateFamily, number | 'unlimited'>;

/**
 * The collector paces each API family at the rate the simulated AWS allows
 * (scaled as it is), as a deployment configures AWS's rates; a family the
 * profile does not limit is not paced.
 */
export function collectorRateLimits(profile: AwsProfile): CollectorRateLimits {
  return Object.fromEntries(
    RATE_FAMILY_KEYS.map(family => [
      family,
      rateOf(profile.rates, RATE_FAMILIES[family]) ?? 'unlimited',
    ]),
  ) as CollectorRateLimits;
}

/** The collector's settings in the benchmark (printed with the figures). */
export function scannerConfig(
  targets: ScannerTargets,
  rateLimits?: CollectorRateLimits,
) {
  const count = targets.accounts.reduce((n, a) => n + a.regions.length, 0);
  return {
    scanOnStartup: false,
    accounts: targets.accounts,
    // Every account and region has its own AWS rate limits: scan them all at once.
    concurrency: { regions: count, perServiceRegion: 4 },
    ...(rateLimits ? { rateLimits } : {}),
  };
}

/** Fixed credentials of each simulated account, which the simulated AWS knows (no STS in the benchmark). */
export function staticCredentials(accountIds: string[]): AwsCredentialsManager {
  return {
    getCredentialProvider: async opts => {
      const accountId = String(opts?.accountId);
      if (!accountIds.includes(accountId)) {
        throw new Error(`No AWS integration matches ${accountId}`);
      }
      return {
        accountId,
        sdkCredentialProvider: async () => ({
          accessKeyId: benchAccessKey(accountId),
          secretAccessKey: 'benchmark',
        }),
      };
    },
  };
}

export interface EvaluationFigure {
  seconds: number;
  resources: number;
  results: number;
}

export async function createOurScanner(options: {
  db: Knex;
  targets: ScannerTargets;
  /** The SDK clients' HTTP transport: the simulated AWS. */
  requestHandler: HttpHandler<any>;
  catalog: { entities: number; teams: number };
  /** Also the scorecard side (check engine, daily scores, REST API). */
  api: boolean;
  /** The simulated AWS's (scaled) rates; absent: defaults (AWS's own). */
  rateLimits?: CollectorRateLimits;
}) {
  const { db } = options;
  const logger = quietLogger();
  const inventory = await createInventory({
    config: new ConfigReader({
      sagemakerSecurity: scannerConfig(options.targets, options.rateLimits),
    }),
    logger,
    database: databaseOf(db),
    awsCredentialsManager: staticCredentials(
      options.targets.accounts.map(a => a.accountId),
    ),
    clientOptions: { requestHandler: options.requestHandler },
  });
  // The scanner alone loads only the collector: its peak RSS is the scanner's.
  let scorecards: ScorecardBackend | undefined;
  if (options.api) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const {
      createScorecards,
    }: typeof import('../measure/scorecards') = require('../measure/scorecards');
    const {
      catalogEntities,
    }: typeof import('../catalog/entities') = require('../catalog/entities');
    const {
      IndexedCatalog,
    }: typeof import('../catalog/IndexedCatalog') = require('../catalog/IndexedCatalog');
    /* eslint-enable @typescript-eslint/no-require-imports */
    scorecards = await createScorecards({
      knex: db,
      inventory: inventory.store,
      catalog: new IndexedCatalog(
        catalogEntities(options.catalog.entities, options.catalog.teams),
      ),
    });
  }
  const scorecardsOf = () => {
    if (!scorecards) throw new Error('Started without the scorecard side');
    return scorecards;
  };
  // The same engine without the daily-score job (which rescores every entity).
  const engineOnly = () =>
    new CheckEngine({
      inventory: inventory.store,
      checks: defaultChecks,
      results: new DatabaseResultStore(db),
      history: new DatabaseHistoryStore(db),
      logger,
    });
  return {
    inventory: inventory.store,
    scorecards: scorecardsOf,
    async scan(): Promise<ScanRun> {
      const run = await inventory.scans.triggerScan({ trigger: 'manual' });
      return (await inventory.scans.waitForScan(run.id))!;
    },
    /** Evaluates the stored inventory; with daily scores, as after every scan in the plugin. */
    async evaluate(dailyScores: boolean): Promise<EvaluationFigure> {
      const started = performance.now();
      const summary = await (dailyScores
        ? scorecardsOf().evaluateNow()
        : engineOnly().evaluateNow());
      return {
        seconds: (performance.now() - started) / 1000,
        resources: summary.resources,
        results: summary.results,
      };
    },
    close: () => db.destroy(),
  };
}
