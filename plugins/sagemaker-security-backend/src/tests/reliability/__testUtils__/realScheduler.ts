/**
 * Backstage's real scheduler (`DefaultSchedulerService`, the one
 * `coreServices.scheduler` gives a plugin in production) over a given
 * database, with the few services it needs made here: no jest, so a child
 * process can run it too. Its tasks and locks live in the database's
 * `backstage_backend_tasks` table, shared by every replica on it.
 */
import type {
  LoggerService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import type { Knex } from 'knex';

/** Metrics that go nowhere. */
const instrument = { add() {}, record() {}, addCallback() {} };
const metrics = new Proxy(
  {},
  { get: () => () => instrument },
) as unknown as MetricsService;

/** A logger that writes warnings and errors to stderr, with a prefix. */
export function consoleLogger(prefix: string, quiet = false): LoggerService {
  const write = (level: string) => (message: string, meta?: Error | object) => {
    if (quiet && (level === 'info' || level === 'debug')) return;
    // eslint-disable-next-line no-console
    console.error(
      `[${prefix}] ${level} ${message}${meta ? ` ${String(meta)}` : ''}`,
    );
  };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: () => {},
    child: () => consoleLogger(prefix, quiet),
  };
}

export function realScheduler(
  knex: Knex,
  logger: LoggerService,
  pluginId = 'sagemaker-security',
) {
  const shutdownHooks: Array<() => void | Promise<void>> = [];
  const rootLifecycle: RootLifecycleService = {
    addStartupHook() {},
    addBeforeShutdownHook() {},
    addShutdownHook(hook) {
      shutdownHooks.push(hook as () => void);
    },
  };
  const scheduler = DefaultSchedulerService.create({
    database: {
      getClient: async () => knex,
      migrations: { skip: false },
    },
    logger,
    metrics,
    rootLifecycle,
    httpRouter: { use() {}, addAuthPolicy() {}, addWebSocketHandler() {} },
    pluginMetadata: { getId: () => pluginId },
  });
  /** Aborts every task, as a graceful shutdown does. */
  const shutdown = async () => {
    for (const hook of shutdownHooks) await hook();
  };
  return { scheduler, shutdown };
}
