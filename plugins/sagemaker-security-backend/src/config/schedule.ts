import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { fail } from './fail';

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { hours: 1 },
};

/** Worker liveness, in milliseconds (see `sagemakerSecurity.scanLease`). */
export interface ScanLeaseConfig {
  heartbeatMs: number;
  expireAfterMs: number;
}

export const DEFAULT_SCAN_LEASE: ScanLeaseConfig = {
  heartbeatMs: 30_000,
  expireAfterMs: 300_000,
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const human = (ms: number) => {
  if (ms % DAY === 0) return `${ms / DAY} d`;
  if (ms % HOUR === 0) return `${ms / HOUR} h`;
  if (ms % MINUTE === 0) return `${ms / MINUTE} min`;
  if (ms % SECOND === 0) return `${ms / SECOND} s`;
  return `${ms} ms`;
};

/** A duration's length, failing naming the key outside [min, max]. */
function requireDuration(
  key: string,
  duration: HumanDuration,
  min: number,
  max: number,
): number {
  const ms = durationToMilliseconds(duration);
  if (!Number.isFinite(ms) || ms < min || ms > max) {
    fail(
      key,
      `expected a duration from ${human(min)} to ${human(
        max,
      )}, got ${JSON.stringify(duration)}`,
    );
  }
  return ms;
}

/**
 * `sagemakerSecurity.schedule`: when the periodic scan starts (a duration of
 * at least a minute, a cron expression, or `{ trigger: manual }`), and
 * `timeout`, the longest collection of one account/region.
 */
export function readSchedule(
  config: Config,
): SchedulerServiceTaskScheduleDefinition {
  if (!config.has('schedule')) return DEFAULT_SCHEDULE;
  let schedule: SchedulerServiceTaskScheduleDefinition;
  try {
    schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig('schedule'),
    );
  } catch (error) {
    return fail('schedule', (error as Error).message);
  }
  const { frequency } = schedule;
  if ('cron' in frequency) {
    // The scheduler only parses a cron expression when the task first runs.
    if (!/^\S+( \S+){4,5}$/.test(frequency.cron.trim())) {
      fail(
        'schedule.frequency.cron',
        `'${frequency.cron}' is not a cron expression`,
      );
    }
  } else if (!('trigger' in frequency)) {
    // A zero or negative cadence would start scans back to back.
    requireDuration(
      'schedule.frequency',
      frequency as HumanDuration,
      MINUTE,
      366 * DAY,
    );
  }
  requireDuration(
    'schedule.timeout',
    schedule.timeout as HumanDuration,
    SECOND,
    DAY,
  );
  if (schedule.initialDelay) {
    requireDuration(
      'schedule.initialDelay',
      schedule.initialDelay as HumanDuration,
      0,
      DAY,
    );
  }
  return schedule;
}

/** Milliseconds of a schedule duration (the scheduler's own types). */
export function scheduleMs(
  duration: SchedulerServiceTaskScheduleDefinition['timeout'],
): number {
  return durationToMilliseconds(duration as HumanDuration);
}

function readLeaseDuration(
  section: Config,
  key: 'heartbeat' | 'expireAfter',
): HumanDuration | undefined {
  if (!section.has(key)) return undefined;
  try {
    return readDurationFromConfig(section, { key });
  } catch (error) {
    return fail(`scanLease.${key}`, (error as Error).message);
  }
}

/**
 * `sagemakerSecurity.scanLease`: how often a worker shows it is alive
 * (`heartbeat`, also how often every replica looks for pending or
 * abandoned work) and after how long without a sign of life its targets
 * are taken back (`expireAfter`, at least twice the heartbeat).
 */
export function readScanLease(config: Config): ScanLeaseConfig {
  const section = config.getOptionalConfig('scanLease');
  if (!section) return DEFAULT_SCAN_LEASE;
  const heartbeat = readLeaseDuration(section, 'heartbeat');
  const expireAfter = readLeaseDuration(section, 'expireAfter');
  const heartbeatMs = heartbeat
    ? requireDuration('scanLease.heartbeat', heartbeat, 100, 10 * MINUTE)
    : DEFAULT_SCAN_LEASE.heartbeatMs;
  const expireAfterMs = expireAfter
    ? requireDuration('scanLease.expireAfter', expireAfter, 200, DAY)
    : Math.max(DEFAULT_SCAN_LEASE.expireAfterMs, 3 * heartbeatMs);
  if (expireAfterMs < 2 * heartbeatMs) {
    fail(
      'scanLease.expireAfter',
      `must be at least twice scanLease.heartbeat (${human(
        heartbeatMs,
      )}), got ${human(expireAfterMs)}: a live worker would lose its targets`,
    );
  }
  return { heartbeatMs, expireAfterMs };
}
