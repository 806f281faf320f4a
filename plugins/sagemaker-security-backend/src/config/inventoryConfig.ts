import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { partition } from '@aws-sdk/core/client';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_RATE_LIMITS,
  RATE_FAMILY_KEYS,
  RateFamily,
  RateLimits,
} from '../inventory/aws/pacing';

/** Services whose endpoint can be overridden (`sagemakerSecurity.aws.endpoints`). */
export const ENDPOINT_SERVICES = [
  'sagemaker',
  'iam',
  'kms',
  's3',
  'ec2',
  'cloudtrail',
  'cloudwatch',
  'logs',
  'sts',
] as const;
export type EndpointService = (typeof ENDPOINT_SERVICES)[number];

export interface InventoryConfig {
  /** Accounts and regions to scan; empty when none are configured. */
  targets: Array<{ accountId: string; region: string }>;
  /** Path of a recorded estate scanned through the AWS simulator. */
  demoEstate?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Undefined: scan at start-up only when no scan has completed yet. */
  scanOnStartup?: boolean;
  jobLookbackDays: number | 'all';
  concurrency: { perServiceRegion: number; regions: number };
  /** Requests per second per API family, account and region; null = not paced. */
  rateLimits: RateLimits;
  /**
   * Hours within which the tags of every listed resource that is not
   * described again (unchanged notebooks and endpoints, models, endpoint
   * configs) are read again.
   */
  tagRefreshHours: number;
  /** The same for completed jobs, which are never described again. */
  completedJobTagRefreshHours: number;
  aws: {
    maxAttempts: number;
    endpoints: Partial<Record<EndpointService, string>>;
  };
}

const ROOT = 'sagemakerSecurity';
const ACCOUNT_ID = /^\d{12}$/;
/** e.g. us-east-1, us-gov-west-1, eu-central-2, cn-north-1. */
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { hours: 1 },
};

function fail(key: string, message: string): never {
  throw new InputError(`Invalid config at '${ROOT}.${key}': ${message}`);
}

/**
 * A region the SDK knows: its partition metadata (the same data its
 * endpoint resolution uses) lists every region by name. A well-formed name
 * it does not list (`us-moon-1`) would be scanned as if it existed and
 * answer nothing; a region newer than the installed SDK needs an upgrade.
 */
function readRegion(value: string, key: string): string {
  if (!REGION.test(value)) {
    fail(key, `'${value}' is not an AWS region name (e.g. 'us-east-1')`);
  }
  const known = partition(value) as { name: string; description?: string };
  if (known.description === undefined) {
    fail(
      key,
      `'${value}' is not an AWS region (no region of that name in partition '${known.name}' of the AWS SDK; a region newer than the SDK needs an SDK upgrade)`,
    );
  }
  return value;
}

function readPositiveInt(
  config: Config,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    fail(key, `expected a positive integer, got ${value}`);
  }
  return value;
}

function readPositiveNumber(
  config: Config,
  key: string,
  fallback: number,
): number {
  const value = config.getOptional(key);
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(key, `expected a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}

export const DEFAULT_TAG_REFRESH_HOURS = 24;
export const DEFAULT_COMPLETED_JOB_TAG_REFRESH_HOURS = 168;

function readRateLimits(config: Config): RateLimits {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  const section = config.getOptionalConfig('rateLimits');
  if (!section) return limits;
  for (const key of section.keys()) {
    if (!(RATE_FAMILY_KEYS as string[]).includes(key)) {
      fail(
        `rateLimits.${key}`,
        `unknown API family; expected one of ${RATE_FAMILY_KEYS.join(', ')}`,
      );
    }
    const value = section.getOptional(key);
    if (value === 'unlimited') {
      limits[key as RateFamily] = null;
    } else if (
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value > 0
    ) {
      limits[key as RateFamily] = value;
    } else {
      fail(
        `rateLimits.${key}`,
        `expected requests per second (a positive number) or 'unlimited', got ${JSON.stringify(
          value,
        )}`,
      );
    }
  }
  return limits;
}

function readTargets(config: Config): InventoryConfig['targets'] {
  const defaults = (config.getOptionalStringArray('regions') ?? []).map(
    (region, i) => readRegion(region, `regions[${i}]`),
  );
  const targets: InventoryConfig['targets'] = [];
  const seen = new Set<string>();
  (config.getOptionalConfigArray('accounts') ?? []).forEach((account, i) => {
    const accountId = account.getString('accountId');
    if (!ACCOUNT_ID.test(accountId)) {
      fail(
        `accounts[${i}].accountId`,
        `'${accountId}' is not a 12-digit account ID`,
      );
    }
    if (seen.has(accountId)) {
      fail(`accounts[${i}].accountId`, `account ${accountId} is listed twice`);
    }
    seen.add(accountId);
    const own = account.getOptionalStringArray('regions');
    const regions = own
      ? own.map((r, j) => readRegion(r, `accounts[${i}].regions[${j}]`))
      : defaults;
    if (regions.length === 0) {
      fail(
        `accounts[${i}].regions`,
        `account ${accountId} has no regions; set it or '${ROOT}.regions'`,
      );
    }
    for (const region of new Set(regions)) targets.push({ accountId, region });
  });
  return targets;
}

function readSchedule(config: Config): SchedulerServiceTaskScheduleDefinition {
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
  // The scheduler only parses a cron expression when the task first runs.
  if ('cron' in frequency && !/^\S+( \S+){4,5}$/.test(frequency.cron.trim())) {
    fail(
      'schedule.frequency.cron',
      `'${frequency.cron}' is not a cron expression`,
    );
  }
  return schedule;
}

function readLookback(config: Config): number | 'all' {
  const value = config.getOptional('jobLookbackDays');
  if (value === undefined) return 30;
  if (value === 'all') return 'all';
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    return fail(
      'jobLookbackDays',
      `expected a positive number of days or 'all', got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value;
}

function readEndpoints(config: Config): InventoryConfig['aws']['endpoints'] {
  const endpoints: InventoryConfig['aws']['endpoints'] = {};
  const section = config.getOptionalConfig('aws.endpoints');
  if (!section) return endpoints;
  for (const key of section.keys()) {
    if (!(ENDPOINT_SERVICES as readonly string[]).includes(key)) {
      fail(
        `aws.endpoints.${key}`,
        `unknown service; expected one of ${ENDPOINT_SERVICES.join(', ')}`,
      );
    }
    const value = section.getString(key);
    // The value is never echoed: a malformed URL may hold credentials
    // anywhere (user info, query, a mistyped separator).
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return fail(
        `aws.endpoints.${key}`,
        'the value is not a URL (expected e.g. http://localhost:4566)',
      );
    }
    if (url.username || url.password || url.search) {
      fail(
        `aws.endpoints.${key}`,
        'the URL must not contain credentials or a query; configure credentials in the aws section',
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      fail(
        `aws.endpoints.${key}`,
        `expected an http(s) URL, got the scheme '${url.protocol.replace(
          /[^a-z0-9+.-]/gi,
          '',
        )}'`,
      );
    }
    endpoints[key as EndpointService] = value;
  }
  return endpoints;
}

/** Reads and validates `sagemakerSecurity`; errors name the offending key. */
export function readInventoryConfig(root: Config): InventoryConfig {
  const config = root.getOptionalConfig(ROOT);
  if (!config) {
    return {
      targets: [],
      schedule: DEFAULT_SCHEDULE,
      jobLookbackDays: 30,
      concurrency: { perServiceRegion: 4, regions: 2 },
      rateLimits: { ...DEFAULT_RATE_LIMITS },
      tagRefreshHours: DEFAULT_TAG_REFRESH_HOURS,
      completedJobTagRefreshHours: DEFAULT_COMPLETED_JOB_TAG_REFRESH_HOURS,
      aws: { maxAttempts: 8, endpoints: {} },
    };
  }
  return {
    targets: readTargets(config),
    demoEstate: config.getOptionalString('demoEstate'),
    schedule: readSchedule(config),
    scanOnStartup: config.getOptionalBoolean('scanOnStartup'),
    jobLookbackDays: readLookback(config),
    concurrency: {
      perServiceRegion: readPositiveInt(
        config,
        'concurrency.perServiceRegion',
        4,
      ),
      regions: readPositiveInt(config, 'concurrency.regions', 2),
    },
    rateLimits: readRateLimits(config),
    tagRefreshHours: readPositiveNumber(
      config,
      'tagRefreshHours',
      DEFAULT_TAG_REFRESH_HOURS,
    ),
    completedJobTagRefreshHours: readPositiveNumber(
      config,
      'completedJobTagRefreshHours',
      DEFAULT_COMPLETED_JOB_TAG_REFRESH_HOURS,
    ),
    aws: {
      maxAttempts: readPositiveInt(config, 'aws.maxAttempts', 8),
      endpoints: readEndpoints(config),
    },
  };
}

/** Fails when a configured account is not in the estate the simulator answers from. */
export function assertAccountsKnown(
  config: InventoryConfig,
  knownAccountIds: string[],
): void {
  const known = new Set(knownAccountIds);
  const unknown = [...new Set(config.targets.map(t => t.accountId))].filter(
    id => !known.has(id),
  );
  if (unknown.length > 0) {
    fail(
      'accounts',
      `unknown account(s) ${unknown.join(', ')}: not in the estate '${
        config.demoEstate
      }'`,
    );
  }
}
