import type {
  DatabaseService,
  LifecycleService,
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
import { scheduleMs } from '../../config/schedule';
import { AwsClientFactory, AwsClientFactoryOptions } from '../aws/clients';
import { credentialRoutesFromConfig } from '../aws/credentialRoutes';
import { UNPACED } from '../../config/rateLimits';
import { AwsSimulator } from '../simulator/AwsSimulator';
import { loadEstate } from '../simulator/loadEstate';
import { DatabaseInventoryStore } from '../store/DatabaseInventoryStore';
import { collectTarget, TargetFollowUp } from './collectTarget';
import { ScanService, ScanServiceOptions } from './ScanService';
import {
  AccountDiscovery,
  createAccountDiscovery,
} from '../discovery/createDiscovery';

export interface Inventory {
  config: InventoryConfig;
  store: DatabaseInventoryStore;
  scans: ScanService;
  /** Set when scanning a recorded estate instead of AWS. */
  simulator?: AwsSimulator;
  /** Set when accounts are discovered from AWS Organizations. */
  discovery?: AccountDiscovery;
}

export interface CreateInventoryOptions {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  /**
   * With a scheduler: periodic scans (a global task) and this backend's
   * worker polling the database for pending and abandoned targets (a local
   * task, on every replica).
   */
  scheduler?: SchedulerService;
  /**
   * With a lifecycle, the worker starts (recovery, start-up scan, claims)
   * once the plugin has started, so every scan-finished listener is
   * subscribed first; without, at once.
   */
  lifecycle?: LifecycleService;
  awsCredentialsManager?: AwsCredentialsManager;
  /** Reaches the role listing the organisation; default: from the `aws` section. */
  organizationsCredentialsManager?: AwsCredentialsManager;
  /** Answers AWS calls from an estate; by default from `sagemakerSecurity.demoEstate`. */
  simulator?: AwsSimulator;
  /** Overrides of the SDK client options (tests shorten retry delays). */
  clientOptions?: Partial<AwsClientFactoryOptions>;
  /** Worker liveness; overrides `sagemakerSecurity.scanLease` (tests). */
  scanLease?: ScanServiceOptions['lease'];
  /** Reads after each target's collection (the Security Hub findings). */
  targetFollowUps?: TargetFollowUp[];
}

/** The periodic scan: a global task, run by one replica at a time. */
export const SCAN_TASK_ID = 'sagemaker-security-inventory-scan';
/** Every replica's worker: a local task looking for pending and abandoned targets. */
export const WORKER_TASK_ID = 'sagemaker-security-scan-worker';

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

/**
 * The scheduler starts work but never holds it: the global task only
 * creates a scan (in milliseconds), and the targets are claimed in the
 * database by each replica's worker, which its local task wakes every
 * heartbeat. A killed process's scheduler locks therefore block nothing:
 * its claims expire with the lease and any replica takes them back.
 */
async function schedule(
  scheduler: SchedulerService,
  scans: ScanService,
  config: InventoryConfig,
  logger: LoggerService,
) {
  const lease = scans.lease;
  await scheduler.scheduleTask({
    id: WORKER_TASK_ID,
    scope: 'local',
    frequency: { milliseconds: lease.heartbeatMs },
    timeout: { milliseconds: lease.expireAfterMs },
    fn: async () => {
      try {
        await scans.work();
      } catch (error) {
        logger.error(`Scan worker: could not look for pending work: ${error}`);
      }
    },
  });
  await scheduler.scheduleTask({
    id: SCAN_TASK_ID,
    ...config.schedule,
    // Starting a scan takes milliseconds: a lock left by a killed process
    // delays the next periodic scan by at most the lease, not a collection.
    timeout: {
      milliseconds: Math.min(
        scheduleMs(config.schedule.timeout),
        lease.expireAfterMs,
      ),
    },
    fn: async () => {
      await scans.triggerScan({ trigger: 'schedule' });
    },
  });
}

/**
 * Builds the inventory: config, store (migrated), AWS clients (or the
 * simulator), the scan service and, with a scheduler, its tasks. Once
 * started, takes back what stopped workers left and starts a scan when
 * configured to (without waiting for it).
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
  if (simulator && config.discovery) {
    throw new InputError(
      "Invalid config at 'sagemakerSecurity.discovery.organizations': account discovery is not available when scanning a recorded estate ('sagemakerSecurity.demoEstate')",
    );
  }
  if (!simulator && targets.length === 0 && !config.discovery) {
    logger.warn(
      'No AWS account is configured for SageMaker security scans ' +
        "('sagemakerSecurity.accounts' is empty or absent): scans will collect nothing. " +
        "List the accounts and regions to scan there, with their credentials in the 'aws' section.",
    );
  }
  // Built from the `aws` section: what a credentials error says was tried.
  const fromConfig = !simulator && !options.awsCredentialsManager;
  const base = {
    manager: simulator
      ? simulator.credentialsManager()
      : options.awsCredentialsManager ??
        DefaultAwsCredentialsManager.fromConfig(options.config),
    routes: fromConfig ? credentialRoutesFromConfig(options.config) : undefined,
  };
  const discovery = createAccountDiscovery({
    root: options.config,
    config,
    base,
    logger,
    clientOptions: options.clientOptions,
    organizationsCredentialsManager: options.organizationsCredentialsManager,
  });
  const credentialRoutes = discovery ? discovery.credentialRoutes : base.routes;
  const clients = new AwsClientFactory({
    credentialsManager: discovery?.credentialsManager ?? base.manager,
    ...(credentialRoutes ? { credentialRoutes } : {}),
    maxAttempts: config.aws.maxAttempts,
    endpoints: config.aws.endpoints,
    concurrencyPerServiceRegion: config.concurrency.perServiceRegion,
    // A recorded estate answers in process: not paced unless configured.
    rateLimits:
      simulator && !options.config.has('sagemakerSecurity.rateLimits')
        ? UNPACED
        : config.rateLimits,
    // The simulator is the transport: the SDK's protocol layer runs as against AWS.
    requestHandler: simulator,
    ...options.clientOptions,
  });
  const store = await DatabaseInventoryStore.create({
    database: options.database,
  });
  // After a restart, a failed listing falls back to the newest scan's accounts.
  discovery?.targets.restoreFrom(async () => {
    const scan = await store.getLatestScan();
    return (
      scan && {
        accountIds: scan.targets.map(t => t.accountId),
        startedAt: scan.startedAt,
      }
    );
  });
  const scans = new ScanService({
    store,
    logger,
    targets: discovery?.targets ?? targets,
    concurrency: config.concurrency.regions,
    lease: options.scanLease ?? config.scanLease,
    targetTimeoutMs: scheduleMs(config.schedule.timeout),
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
          ...(config.bulkReads
            ? { bulkReads: { rateLimits: config.rateLimits } }
            : {}),
          followUps: options.targetFollowUps,
          fullRefreshHours: config.fullRefreshHours,
        },
        target,
        facts,
      ),
  });
  if (options.scheduler) {
    await schedule(options.scheduler, scans, config, logger);
  }

  const begin = async () => {
    // A scan left running by a stopped backend must not block the next one.
    await scans.start();
    const completed = await store.getLatestScan(['succeeded', 'partial']);
    if (config.scanOnStartup ?? !completed) {
      scans
        .triggerScan({ trigger: 'startup' })
        .catch(error =>
          logger.error(`Start-up scan failed to start: ${error}`),
        );
    }
  };
  if (options.lifecycle) options.lifecycle.addStartupHook(begin);
  else await begin();
  return { config, store, scans, simulator, discovery };
}
