import { type Config, ConfigReader } from '@backstage/config';
import {
  SEVERITIES,
  type Severity,
} from '@mlsec/plugin-sagemaker-security-common';
import { fail } from '../config/fail';
import { readNumber } from '../config/numbers';

/** `sagemakerSecurity.notifications`, read and checked at start-up. */
export interface NotificationConfig {
  /** Off by default: adopters without the notifications backend see nothing. */
  enabled: boolean;
  /** Tell the owners when an ML service's grade gets worse. */
  gradeDrop: boolean;
  /** Severities of a new failing result that are told (empty: none). */
  newFindingSeverities: Severity[];
  /** Days before a waiver expires that its owners are told (0: never). */
  waiverExpiryDays: number;
}

export const DEFAULT_NOTIFICATION_CONFIG: NotificationConfig = {
  enabled: false,
  gradeDrop: true,
  newFindingSeverities: ['critical', 'high'],
  waiverExpiryDays: 7,
};

const SECTION = 'notifications';

function readBoolean(config: Config, key: string, fallback: boolean) {
  const raw = config.getOptional(`sagemakerSecurity.${SECTION}.${key}`);
  if (raw === undefined) return fallback;
  if (typeof raw === 'boolean') return raw;
  // Environment substitution gives strings.
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return fail(
    `${SECTION}.${key}`,
    `expected true or false, got ${JSON.stringify(raw)}`,
  );
}

function readSeverities(config: Config): Severity[] {
  const key = `${SECTION}.newFindingSeverities`;
  const raw = config.getOptional(`sagemakerSecurity.${key}`);
  if (raw === undefined)
    return DEFAULT_NOTIFICATION_CONFIG.newFindingSeverities;
  if (!Array.isArray(raw)) {
    return fail(
      key,
      `expected a list of severities (${SEVERITIES.join(', ')})`,
    );
  }
  return raw.map((value, index) => {
    if (!SEVERITIES.includes(value as Severity)) {
      return fail(
        `${key}[${index}]`,
        `expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(
          value,
        )}`,
      );
    }
    return value as Severity;
  });
}

/** Reads `sagemakerSecurity.notifications.*`; a bad value throws naming its key. */
export function readNotificationConfig(config: Config): NotificationConfig {
  const section = config.getOptional(`sagemakerSecurity.${SECTION}`);
  if (
    section !== undefined &&
    (typeof section !== 'object' || section === null || Array.isArray(section))
  ) {
    fail(SECTION, 'expected an object');
  }
  return {
    enabled: readBoolean(
      config,
      'enabled',
      DEFAULT_NOTIFICATION_CONFIG.enabled,
    ),
    gradeDrop: readBoolean(
      config,
      'gradeDrop',
      DEFAULT_NOTIFICATION_CONFIG.gradeDrop,
    ),
    newFindingSeverities: readSeverities(config),
    waiverExpiryDays: readNumber(
      config.getOptionalConfig('sagemakerSecurity') ?? new ConfigReader({}),
      `${SECTION}.waiverExpiryDays`,
      DEFAULT_NOTIFICATION_CONFIG.waiverExpiryDays,
      { min: 0, max: 365, integer: true, unit: 'days; 0 turns it off' },
    ),
  };
}
