/**
 * The backend's inventory and scorecard services wired as src/plugin.ts wires
 * them, on a given database, with only the AWS transport replaced: the AWS
 * simulator (every SDK client's HTTP request handler) answers from an
 * estate, optionally behind the chaos on the wire.
 */
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { defaultChecks } from '@mlsec/plugin-sagemaker-security-node';
import type { Knex } from 'knex';
import { parseAllDocuments } from 'yaml';
import { databaseOf } from '../../../inventory/__testUtils__/harness';
import type { ClientCustomizer } from '../../../inventory/aws/clients';
import { createInventory } from '../../../inventory/scan/createInventory';
import {
  AwsSimulator,
  Interceptor,
} from '../../../inventory/simulator/AwsSimulator';
import type { Estate } from '../../../inventory/simulator/estate';
import { loadEstate } from '../../../inventory/simulator/loadEstate';
import { createScorecardService } from '../../../service/createScorecardService';

export const EXAMPLES = path.resolve(__dirname, '../../../../../../examples');
export const DEMO_ESTATE = path.resolve(
  __dirname,
  '../../../../demo-estate/estate.yaml',
);

/** A deep copy of the demo estate, for a test to add faults to. */
export async function demoEstate(): Promise<Estate> {
  return loadEstate(DEMO_ESTATE);
}

/**
 * The demo estate cut down to the production account's eu-west-1 (where
 * fraud-scoring and mortgage-affordability run), written to a temporary
 * file for `sagemakerSecurity.demoEstate`.
 */
export async function writeSmallEstate(): Promise<string> {
  return writeEstateOf([{ accountId: '111122223333', region: 'eu-west-1' }]);
}

/**
 * The demo estate cut down to the given accounts and regions (the scan
 * targets), written to a temporary file for `sagemakerSecurity.demoEstate`.
 */
export async function writeEstateOf(
  targets: Array<{ accountId: string; region: string }>,
): Promise<string> {
  const wanted = (accountId: string, region: string) =>
    targets.some(t => t.accountId === accountId && t.region === region);
  const estate = await demoEstate();
  estate.accounts = estate.accounts
    .map(a => ({
      ...a,
      regions: a.regions.filter(r => wanted(a.accountId, r.region)),
    }))
    .filter(a => a.regions.length > 0);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sagemaker-estate-'));
  const file = path.join(dir, 'estate.json');
  await writeFile(file, JSON.stringify(estate));
  return file;
}

/** The demo organisation, systems and ML services, as catalog entities. */
export function demoEntities(): Entity[] {
  return ['org.yaml', 'systems.yaml', 'ml-services.yaml'].flatMap(file =>
    parseAllDocuments(readFileSync(path.join(EXAMPLES, file), 'utf8'))
      .map(doc => doc.toJS() as Entity | null)
      .filter((e): e is Entity => Boolean(e?.kind))
      .map(e => ({
        ...e,
        metadata: { namespace: 'default', ...e.metadata },
      })),
  );
}

export interface StackOptions {
  knex: Knex;
  estate: Estate;
  /** Faults on the wire (the chaos), in front of the simulator's answers. */
  intercept?: Interceptor;
  /** Extra SDK middleware (e.g. to count commands). */
  customize?: ClientCustomizer;
  /** More `sagemakerSecurity` config. */
  config?: Record<string, unknown>;
  logger?: LoggerService;
  /** Worker liveness; short in tests that stop workers. */
  lease?: { heartbeatMs: number; expireAfterMs: number };
  /** Periodic scans and the worker's poll (e.g. the real scheduler). */
  scheduler?: SchedulerService;
}

export async function createStack(options: StackOptions) {
  const logger = options.logger ?? mockServices.logger.mock();
  const config = new ConfigReader({
    sagemakerSecurity: {
      scanOnStartup: false,
      aws: { maxAttempts: 3 },
      ...options.config,
    },
  });
  const simulator = new AwsSimulator(options.estate, { pageSize: 20 });
  if (options.intercept) simulator.intercept(options.intercept);
  // As in the plugin: the scan worker starts once the scorecard listens.
  const startupHooks: Array<() => void | Promise<void>> = [];
  const lifecycle = {
    addStartupHook: (hook: () => void | Promise<void>) => {
      startupHooks.push(hook);
    },
    addShutdownHook: () => {},
  };
  const inventory = await createInventory({
    config,
    logger,
    database: databaseOf(options.knex),
    simulator,
    scheduler: options.scheduler,
    lifecycle,
    scanLease: options.lease,
    clientOptions: {
      retryTuning: { baseDelayMs: 1, minFillRate: 1000 },
      ...(options.customize ? { customizeClient: options.customize } : {}),
    },
  });
  const scorecard = await createScorecardService({
    config,
    logger,
    knex: options.knex,
    inventory: inventory.store,
    checks: defaultChecks,
    catalog: catalogServiceMock({ entities: demoEntities() }),
    auth: mockServices.auth(),
    permissions: mockServices.permissions(),
    userInfo: mockServices.userInfo(),
    scanEvents: inventory.scans,
  });
  for (const hook of startupHooks) await hook();
  /** Runs a full scan in this process; resolves after its evaluation. */
  const scan = async () => {
    const run = await inventory.scans.triggerScan({ trigger: 'manual' });
    return (await inventory.scans.waitForScan(run.id))!;
  };
  return { inventory, scorecard, simulator, scan, logger };
}

export type Stack = Awaited<ReturnType<typeof createStack>>;
