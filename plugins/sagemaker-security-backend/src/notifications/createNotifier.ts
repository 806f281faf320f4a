import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Waiver } from '@mlsec/plugin-sagemaker-security-common';
import type { Knex } from 'knex';
import { fail } from '../config/fail';
import { readNotificationConfig } from './NotificationConfig';
import { NotificationMarks } from './NotificationMarks';
import { SecurityNotifier } from './SecurityNotifier';

/**
 * Reads `sagemakerSecurity.notifications` (a bad value throws naming its
 * key) and builds the notifier; undefined when notifications are off.
 */
export function createNotifier(options: {
  config: Config;
  knex: Knex;
  notifications?: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  checkTitle: (checkId: string) => string | undefined;
  activeWaivers: () => Promise<Waiver[]>;
  lastEvaluatedAt: () => Promise<string | undefined>;
  now?: () => Date;
}): SecurityNotifier | undefined {
  const config = readNotificationConfig(options.config);
  if (!config.enabled) {
    return undefined;
  }
  if (!options.notifications) {
    fail(
      'notifications.enabled',
      'notifications are on but no notifications service was given',
    );
  }
  options.logger.info(
    `Security notifications on: grade drops ${
      config.gradeDrop ? 'on' : 'off'
    }, new findings of severity ${
      config.newFindingSeverities.join(', ') || 'none'
    }, waivers ${config.waiverExpiryDays} days before they expire`,
  );
  return new SecurityNotifier({
    config,
    notifications: options.notifications,
    marks: new NotificationMarks(options.knex),
    catalog: options.catalog,
    auth: options.auth,
    logger: options.logger,
    checkTitle: options.checkTitle,
    activeWaivers: options.activeWaivers,
    lastEvaluatedAt: options.lastEvaluatedAt,
    now: options.now,
  });
}
