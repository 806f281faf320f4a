import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { fail, ROOT } from './fail';
import { assertKnownKeys } from './knownKeys';
import { readLinking } from './linking';
import { DEFAULT_COLLECTION, readCollection } from './collection';
import { DEFAULT_RATE_LIMITS, RateLimits, readRateLimits } from './rateLimits';
import {
  DEFAULT_SCAN_LEASE,
  DEFAULT_SCHEDULE,
  readScanLease,
  readSchedule,
  ScanLeaseConfig,
} from './schedule';
import { resolveDemoEstatePath } from './demoEstate';
import { DiscoveryConfig, readDiscovery } from './discovery';
import { ACCOUNT_ID, readRegion } from './regions';

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
  'guardduty',
  'sts',
  'organizations',
  'securityhub',
  // The Resource Groups Tagging API (bulk tag reads), by its IAM prefix.
  'tag',
] as const;
export type EndpointService = (typeof ENDPOINT_SERVICES)[number];

export interface InventoryConfig {
  /** Hand-listed accounts and regions to scan; empty when none are configured. */
  targets: Array<{ accountId: string; region: string }>;
  /** Accounts listed from AWS Organizations at each scan (`discovery.organizations`). */
  discovery?: DiscoveryConfig;
  /** Path of a recorded estate scanned through the AWS simulator. */
  demoEstate?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Worker liveness: heartbeat interval and expiry of a silent worker's claims. */
  scanLease: ScanLeaseConfig;
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
  /** Bulk reads where the cost model prefers them (`inventory.bulkReads`). */
  bulkReads: boolean;
  /** Hours after which a rescan reads every related fact again (changes/plan.ts). */
  fullRefreshHours: number;
  aws: {
    maxAttempts: number;
    endpoints: Partial<Record<EndpointService, string>>;
  };
}

function readDefaultRegions(config: Config): string[] {
  return (config.getOptionalStringArray('regions') ?? []).map((region, i) =>
    readRegion(region, `regions[${i}]`),
  );
}

function readTargets(config: Config): InventoryConfig['targets'] {
  const defaults = readDefaultRegions(config);
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

/**
 * Reads and validates `sagemakerSecurity`; errors name the offending key.
 * Keys no package of the suite reads are errors too (see knownKeys.ts).
 */
export function readInventoryConfig(root: Config): InventoryConfig {
  assertKnownKeys(root);
  const config = root.getOptionalConfig(ROOT);
  if (!config) {
    const d = DEFAULT_COLLECTION;
    return {
      targets: [],
      schedule: DEFAULT_SCHEDULE,
      scanLease: DEFAULT_SCAN_LEASE,
      jobLookbackDays: d.jobLookbackDays,
      concurrency: { ...d.concurrency },
      rateLimits: { ...DEFAULT_RATE_LIMITS },
      tagRefreshHours: d.tagRefreshHours,
      completedJobTagRefreshHours: d.completedJobTagRefreshHours,
      bulkReads: d.bulkReads,
      fullRefreshHours: d.fullRefreshHours,
      aws: { maxAttempts: d.maxAttempts, endpoints: {} },
    };
  }
  const { maxAttempts, ...collection } = readCollection(config);
  readLinking(config);
  return {
    targets: readTargets(config),
    discovery: readDiscovery(config, readDefaultRegions(config)),
    demoEstate: resolveDemoEstatePath(config.getOptionalString('demoEstate')),
    schedule: readSchedule(config),
    scanLease: readScanLease(config),
    scanOnStartup: config.getOptionalBoolean('scanOnStartup'),
    ...collection,
    rateLimits: readRateLimits(config),
    aws: { maxAttempts, endpoints: readEndpoints(config) },
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
