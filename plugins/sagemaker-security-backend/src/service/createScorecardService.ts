import { ConfigReader } from '@backstage/config';
import {
  AuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type AccountDiscoveryStatus,
  DEFAULT_COMPONENT_TAG_KEY,
} from '@mlsec/plugin-sagemaker-security-common';
import type { SecurityCheck } from '@mlsec/plugin-sagemaker-security-node';
import { Knex } from 'knex';
import type { InventoryStore, ScanTarget } from '../inventory/InventoryStore';
import {
  CheckEngine,
  EvaluationSummary,
  ScanEvents,
} from '../checks/CheckEngine';
import { DatabaseResultStore } from '../checks/DatabaseResultStore';
import { DatabaseEvaluationInputStore } from '../checks/inputs/EvaluationInputStore';
import { DatabaseHistoryStore } from '../history/DatabaseHistoryStore';
import { DatabaseEntityScoreStore } from '../scoring/DatabaseEntityScoreStore';
import { readHistoryConfig } from '../history/HistoryConfig';
import { readScoringConfig } from '../scoring/ScoringConfig';
import { DatabaseWaiverStore } from '../waivers/DatabaseWaiverStore';
import { WaiverAuthorizer } from '../waivers/WaiverAuthorizer';
import { readWaiverConfig } from '../waivers/WaiverConfig';
import { WaiverService } from '../waivers/WaiverService';
import { DatabaseWaiverRequestStore } from '../waivers/DatabaseWaiverRequestStore';
import { WaiverRequestService } from '../waivers/WaiverRequestService';
import { createWaiverRequestNotifier } from '../notifications/WaiverRequestNotifier';
import { AuthorizedWaiverRequests } from './AuthorizedWaiverRequests';
import { ReadAccess } from './access/ReadAccess';
import { AuthorizedScorecardService } from './AuthorizedScorecardService';
import { Rescoring } from './Rescoring';
import { ScorecardService } from './ScorecardService';
import { DAY_MS } from '../util/time';
import { CatalogView } from '../catalog/CatalogView';
import { readNumber } from '../config/numbers';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { createNotifier } from '../notifications/createNotifier';

/**
 * How often the catalog is compared with what the stored scores were
 * computed from (one read of the catalog's components, groups, systems,
 * domains and ARN-annotated resources; a rescoring only when it changed).
 */
const CATALOG_CHECK_FREQUENCY = { seconds: 30 };

/**
 * The oldest catalog snapshot a read uses (see CatalogView): as old as the
 * stored rollups can be behind the catalog.
 */
const CATALOG_VIEW_MAX_AGE_MS = 30_000;

/** How long a read permission decision is remembered (see CachedPermissions). */
const DEFAULT_DECISION_CACHE_SECONDS = 0;

export interface CreateScorecardServiceOptions {
  config: Config;
  logger: LoggerService;
  /** A knex client with this package's migrations applied. */
  knex: Knex;
  inventory: InventoryStore;
  /** The check catalogue (e.g. `defaultChecks` plus extension-point checks). */
  checks: SecurityCheck[];
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  /** When given, the maintenance tasks (retention, waiver expiry) are scheduled. */
  scheduler?: SchedulerService;
  /** When given, every finished scan is evaluated. */
  scanEvents?: ScanEvents;
  /** The accounts and regions scanned; scan health says when there are none. */
  scanTargets?: () => ScanTarget[];
  /** The newest account discovery; absent when discovery is not configured. */
  accountDiscovery?: () => AccountDiscoveryStatus | undefined;
  /**
   * Backstage's notifications service; used when
   * `sagemakerSecurity.notifications.enabled` is true (then required).
   */
  notifications?: NotificationService;
}

/** Everything the router and the actions need, wired together. */
export interface ScorecardBackend {
  engine: CheckEngine;
  /** Reads without permission checks: scoring tasks, tests. */
  scorecards: ScorecardService;
  /** What callers use: the router and the actions (permissions applied). */
  authorized: AuthorizedScorecardService;
  waivers: WaiverService;
  /** Waiver requests as callers see them (permissions applied). */
  waiverRequests: AuthorizedWaiverRequests;
  /** Evaluates the stored inventory now (tests, demo); daily scores follow. */
  evaluateNow(): Promise<EvaluationSummary>;
  /**
   * Rescores every entity: stores each ML service's score (for rollups) and
   * writes today's score of every entity whose score changed.
   */
  recordDailyScores(): Promise<number>;
  /**
   * Rescores every entity if the catalog changed since the last rescoring
   * (what the scheduled catalog check runs); true when it did.
   */
  rescoreIfCatalogChanged(): Promise<boolean>;
  /** Deletes history older than `sagemakerSecurity.history.retentionDays`. */
  applyRetention(): Promise<{ transitions: number; dailyScores: number }>;
  /**
   * Tells owners about waivers expiring within
   * `sagemakerSecurity.notifications.waiverExpiryDays` (once each; what the
   * scheduled waiver task runs). 0 when notifications are off.
   */
  notifyExpiringWaivers(): Promise<number>;
}

/**
 * Builds the check engine, scoring, history and waivers. Reads and validates
 * `sagemakerSecurity.scoring`, `.waivers`, `.history` and `.linking` at
 * start-up: a bad value throws naming its key.
 */
export async function createScorecardService(
  options: CreateScorecardServiceOptions,
): Promise<ScorecardBackend> {
  const { config, logger, knex, inventory, checks } = options;
  const scoring = readScoringConfig(config);
  const waiverConfig = readWaiverConfig(config);
  const historyConfig = readHistoryConfig(config);
  const componentTagKey =
    config.getOptionalString('sagemakerSecurity.linking.componentTagKey') ??
    DEFAULT_COMPONENT_TAG_KEY;

  const ids = new Set<string>();
  for (const check of checks) {
    if (ids.has(check.id)) {
      throw new Error(`Two checks have the id "${check.id}"`);
    }
    ids.add(check.id);
  }

  const results = new DatabaseResultStore(knex);
  const history = new DatabaseHistoryStore(knex);
  const waiverAuthorizer = new WaiverAuthorizer({
    permissions: options.permissions,
    userInfo: options.userInfo,
    securityGroups: waiverConfig.securityGroups,
  });
  const waivers = new WaiverService({
    store: new DatabaseWaiverStore(knex),
    authorizer: waiverAuthorizer,
    config: waiverConfig,
    checkIds: () => ids,
  });
  const engine = new CheckEngine({
    inventory,
    checks,
    results,
    history,
    logger,
    // A resource whose inputs did not change is not evaluated again; a new
    // scoring or linking config counts as a change of every resource.
    inputs: new DatabaseEvaluationInputStore(knex),
    inputsVersion: JSON.stringify({ scoring, componentTagKey }),
  });
  const entityScores = new DatabaseEntityScoreStore(knex);
  const catalogView = new CatalogView({
    catalog: options.catalog,
    auth: options.auth,
    logger,
    maxAgeMs: CATALOG_VIEW_MAX_AGE_MS,
  });
  const scorecards = new ScorecardService({
    catalogView,
    catalog: options.catalog,
    entityScores,
    inventory,
    results,
    history,
    waivers,
    checks: () => engine.getChecks(),
    scoring,
    links: { componentTagKey },
    logger,
    scanTargets: options.scanTargets,
    accountDiscovery: options.accountDiscovery,
  });
  const authorized = new AuthorizedScorecardService({
    scorecards,
    waivers,
    inventory,
    permissions: options.permissions,
    decisionCacheSeconds: readNumber(
      config.getOptionalConfig('sagemakerSecurity') ?? new ConfigReader({}),
      'permissions.decisionCacheSeconds',
      DEFAULT_DECISION_CACHE_SECONDS,
      { min: 0, max: 300, unit: 'seconds' },
    ),
    auth: options.auth,
  });

  const waiverRequests = new AuthorizedWaiverRequests({
    requests: new WaiverRequestService({
      store: new DatabaseWaiverRequestStore(knex),
      waivers,
      authorizer: waiverAuthorizer,
      config: waiverConfig,
      checkIds: () => ids,
      notifier: createWaiverRequestNotifier({
        config,
        notifications: options.notifications,
        securityGroups: waiverConfig.securityGroups,
        logger,
      }),
    }),
    scorecards,
    // Request lists and reads decide afresh, as the writes beside them.
    access: new ReadAccess(options.permissions),
  });

  const notifier = createNotifier({
    config,
    knex,
    notifications: options.notifications,
    catalog: options.catalog,
    auth: options.auth,
    logger,
    checkTitle: id => engine.getChecks().find(c => c.id === id)?.title,
    activeWaivers: () => waivers.list({ status: 'active' }),
    lastEvaluatedAt: () => results.getLastEvaluatedAt(),
  });
  const rescoring = new Rescoring({
    ...(notifier
      ? { onScored: services => notifier.afterScoring(services) }
      : {}),
    catalogView,
    catalog: options.catalog,
    auth: options.auth,
    inventory,
    results,
    history,
    entityScores,
    waivers,
    checks: () => scorecards.checkMetadata(),
    scoring,
    links: { componentTagKey },
    logger,
  });
  const recordDailyScores = () => rescoring.rescoreAll();
  // A waiver changes its service's score at once; rollups read stored scores.
  waivers.onChange(async entityRef => {
    try {
      await rescoring.rescoreEntity(entityRef);
    } catch (error) {
      logger.warn(
        `Could not rescore ${entityRef} after a waiver change; the next scoring will: ${error}`,
      );
    }
  });
  const applyRetention = () =>
    history.deleteOlderThan(
      new Date(Date.now() - historyConfig.retentionDays * DAY_MS),
    );

  engine.onEvaluated(async summary => {
    // Nothing the scores are computed from changed: only the catalog may
    // have (and scores must exist at all), unless a notification of the
    // last scoring could not be sent (scoring again tries it again).
    if (
      !summary.changed &&
      !notifier?.retryPending &&
      (await entityScores.getRun())
    ) {
      await rescoring.rescoreIfCatalogChanged();
      return;
    }
    const written = await recordDailyScores();
    logger.debug(`Recorded ${written} changed daily scores`);
  });
  if (options.scanEvents) {
    engine.subscribe(options.scanEvents);
  }

  const notifyExpiringWaivers = async () =>
    notifier ? notifier.notifyExpiringWaivers() : 0;

  if (options.scheduler) {
    await options.scheduler.scheduleTask({
      id: 'sagemaker-security-waiver-expiry',
      frequency: { minutes: 15 },
      timeout: { minutes: 5 },
      initialDelay: { minutes: 1 },
      fn: async () => {
        const expired = await waivers.recordExpired();
        if (expired > 0) {
          logger.info(`${expired} waivers expired`);
          // Scores change when a waiver lapses.
          await recordDailyScores();
        }
        await notifyExpiringWaivers();
      },
    });
    // Scores stored after a scan must follow the catalog: services it
    // gains (e.g. still loading when the first scan finished), re-owns,
    // re-links or loses are rescored without waiting for the next scan.
    await options.scheduler.scheduleTask({
      id: 'sagemaker-security-catalog-rescore',
      frequency: CATALOG_CHECK_FREQUENCY,
      timeout: { minutes: 5 },
      initialDelay: CATALOG_CHECK_FREQUENCY,
      fn: async () => {
        await rescoring.rescoreIfCatalogChanged();
      },
    });
    await options.scheduler.scheduleTask({
      id: 'sagemaker-security-history-retention',
      frequency: { hours: 24 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 5 },
      fn: async () => {
        const removed = await applyRetention();
        logger.info(
          `History retention removed ${removed.transitions} transitions and ${removed.dailyScores} daily scores`,
        );
      },
    });
  }

  return {
    engine,
    scorecards,
    authorized,
    waivers,
    waiverRequests,
    evaluateNow: () => engine.evaluateNow(),
    recordDailyScores,
    rescoreIfCatalogChanged: () => rescoring.rescoreIfCatalogChanged(),
    applyRetention,
    notifyExpiringWaivers,
  };
}
