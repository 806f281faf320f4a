import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import {
  assertAccountsKnown,
  InventoryConfig,
  readInventoryConfig,
} from '../../config/inventoryConfig';
import { AwsClientFactory, AwsClientFactoryOptions } from '../aws/clients';
import { UNPACED } from '../aws/pacing';
import type { ScanTarget } from '../InventoryStore';
import { AwsSimulator } from '../simulator/AwsSimulator';
import { loadEstate } from '../simulator/loadEstate';
import { DatabaseInventoryStore } from '../store/DatabaseInventoryStore';
import { collectTarget } from './collectTarget';
import { ScanService, ScanServiceOptions } from './ScanService';

export interface Inventory {
  config: InventoryConfig;
  store: DatabaseInventoryStore;
  scans: ScanService;
  /** Set when scanning a recorded estate instead of AWS. */
  simulator?: AwsSimulator;
}

export interface CreateInventoryOptions {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  /** With a scheduler: periodic scans, and one task per target shared by replicas. */
  scheduler?: SchedulerService;
  awsCredentialsManager?: AwsCredentialsManager;
  /** Answers AWS calls from an estate; by default from `sagemakerSecurity.demoEstate`. */
  simulator?: AwsSimulator;
  /** Overrides of the SDK client options (tests shorten retry delays). */
  clientOptions?: Partial<AwsClientFactoryOptions>;
  /** Worker liveness (see ScanServiceOptions.lease); tests shorten it. */
  scanLease?: ScanServiceOptions['lease'];
}

export const SCAN_TASK_ID = 'sagemaker-security-inventory-scan';
export const targetTaskId = (t: ScanTarget) =>
  `sagemaker-security-inventory-${t.accountId}-${t.region}`;

async function resolveSimulator(
  options: CreateInventoryOptions,
  config: InventoryConfig,
) {
  if (options.simulator) return options.simulator;
  if (!config.demoEstate) return undefined;
  try {
    const estate = await loadEstate(config.demoEstate);
    return new AwsSimulator(estate, {
      latencyMs: estate.simulator?.latencyMs,
    });
  } catch (error) {
    throw new InputError(
      `Invalid config at 'sagemakerSecurity.demoEstate': ${
        (error as Error).message
      }`,
    );
  }
}

async function schedule(
  scheduler: SchedulerService,
  scans: ScanService,
  config: InventoryConfig,
) {
  const timeout = config.schedule.timeout;
  for (const target of scans.targets) {
    await scheduler.scheduleTask({
      id: targetTaskId(target),
      frequency: { trigger: 'manual' },
      timeout,
      fn: (signal?: AbortSignal) => scans.runPendingTargets(target, signal),
    });
  }
  scans.useDispatcher(async scan => {
    for (const target of scan.targets) {
      // Each replica's scheduler may pick the task up; the claim prevents doubles.
      scheduler.triggerTask(targetTaskId(target)).catch(() => {
        // Already running: it looks for pending work again when it finishes.
      });
    }
  });
  await scheduler.scheduleTask({
    id: SCAN_TASK_ID,
    ...config.schedule,
    fn: async () => {
      await scans.triggerScan({ trigger: 'schedule' });
    },
  });
}

/**
 * Builds the inventory: config, store (migrated), AWS clients (or the
 * simulator), the scan service and, with a scheduler, its tasks. Starts a
 * scan when configured to (without waiting for it).
 */
export async function createInventory(
  options: CreateInventoryOptions,
): Promise<Inventory> {
  const { logger } = options;
  const config = readInventoryConfig(options.config);
  const simulator = await resolveSimulator(options, config);
  let targets = config.targets;
  if (simulator) {
    if (targets.length)
      assertAccountsKnown(
        config,
        simulator.estate.accounts.map(a => a.accountId),
      );
    else targets = simulator.targets();
    logger.info(
      `Scanning the recorded estate '${simulator.estate.name}' through the AWS simulator`,
    );
  }
  const clients = new AwsClientFactory({
    credentialsManager: simulator
      ? simulator.credentialsManager()
      : options.awsCredentialsManager ??
        DefaultAwsCredentialsManager.fromConfig(options.config),
    maxAttempts: config.aws.maxAttempts,
    endpoints: config.aws.endpoints,
    concurrencyPerServiceRegion: config.concurrency.perServiceRegion,
    // A recorded estate answers in process: not paced unless configured.
    rateLimits:
      simulator && !options.config.has('sagemakerSecurity.rateLimits')
        ? UNPACED
        : config.rateLimits,
    customizeClient: simulator?.attach,
    ...options.clientOptions,
  });
  const store = await DatabaseInventoryStore.create({
    database: options.database,
  });
  const scans = new ScanService({
    store,
    logger,
    targets,
    concurrency: config.concurrency.regions,
    lease: options.scanLease,
    collect: (target, facts) =>
      collectTarget(
        {
          clients,
          store,
          logger,
          jobLookbackDays: config.jobLookbackDays,
          tagRefresh: {
            windowHours: config.tagRefreshHours,
            completedJobWindowHours: config.completedJobTagRefreshHours,
          },
        },
        target,
        facts,
      ),
  });
  if (options.scheduler) await schedule(options.scheduler, scans, config);

  // A scan left running by a stopped backend must not block the next one.
  await scans.recoverAbandoned();
  const completed = await store.getLatestScan(['succeeded', 'partial']);
  if (config.scanOnStartup ?? !completed) {
    scans
      .triggerScan({ trigger: 'startup' })
      .catch(error => logger.error(`Start-up scan failed to start: ${error}`));
  }
  return { config, store, scans, simulator };
}
