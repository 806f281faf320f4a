/**
 * Tells the security groups about a new waiver request and the requester
 * about the decision, through Backstage's notifications service. Sending
 * happens after the request or decision is stored; a failure is logged and
 * never fails the request (the request's trail and the Security tab still
 * show it).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { WaiverRequest } from '@mlsec/plugin-sagemaker-security-common';
import { fail } from '../config/fail';
import { readNotificationConfig } from './NotificationConfig';
import { waiverDecisionPayload, waiverRequestedPayload } from './messages';

export class WaiverRequestNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      /** Who decides requests: `sagemakerSecurity.waivers.securityGroups`. */
      securityGroups: readonly string[];
      logger: LoggerService;
    },
  ) {}

  /** A new request: to the security groups. Never throws. */
  async requested(request: WaiverRequest): Promise<void> {
    await this.send(
      [...this.options.securityGroups],
      waiverRequestedPayload(request),
    );
  }

  /** An approval or denial: to the requester. Never throws. */
  async decided(request: WaiverRequest): Promise<void> {
    await this.send([request.requestedBy], waiverDecisionPayload(request));
  }

  private async send(
    entityRef: string[],
    payload: NotificationPayload,
  ): Promise<void> {
    if (entityRef.length === 0) {
      this.options.logger.debug(`No one to notify about ${payload.title}`);
      return;
    }
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload,
      });
    } catch (error) {
      const e = error as { name?: string; message?: string };
      this.options.logger.warn(
        `Could not send the notification "${payload.title}" (${
          payload.topic
        }): ${e?.name ?? 'Error'}: ${String(e?.message ?? error).slice(
          0,
          200,
        )}`,
      );
    }
  }
}

/**
 * The waiver request notifier when `sagemakerSecurity.notifications.enabled`
 * is true; undefined otherwise.
 */
export function createWaiverRequestNotifier(options: {
  config: Config;
  notifications?: NotificationService;
  securityGroups: readonly string[];
  logger: LoggerService;
}): WaiverRequestNotifier | undefined {
  if (!readNotificationConfig(options.config).enabled) {
    return undefined;
  }
  if (!options.notifications) {
    fail(
      'notifications.enabled',
      'notifications are on but no notifications service was given',
    );
  }
  return new WaiverRequestNotifier({
    notifications: options.notifications,
    securityGroups: options.securityGroups,
    logger: options.logger,
  });
}
