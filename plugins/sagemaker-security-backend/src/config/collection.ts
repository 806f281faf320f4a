import type { Config } from '@backstage/config';
import { readBulkReads } from './bulkReads';
import { fail } from './fail';
import { inRange, NumberRange, readNumber } from './numbers';

/** Accounts/regions collected at once by one backend. */
export const REGION_CONCURRENCY: NumberRange = {
  min: 1,
  max: 256,
  integer: true,
};
/** Concurrent calls per API family, service and region. */
export const CALL_CONCURRENCY: NumberRange = { min: 1, max: 64, integer: true };
/** SDK attempts per call (the first one included). */
export const MAX_ATTEMPTS: NumberRange = { min: 1, max: 20, integer: true };
/** Hours within which tags are read again: up to a year. */
export const REFRESH_HOURS: NumberRange = {
  min: 0,
  exclusiveMin: true,
  max: 8784,
  unit: 'hours',
};
/** Days of jobs listed: up to ten years, or `all`. */
export const LOOKBACK_DAYS: NumberRange = {
  min: 1,
  max: 3650,
  integer: true,
  unit: 'days',
};

export interface CollectionConfig {
  jobLookbackDays: number | 'all';
  concurrency: { perServiceRegion: number; regions: number };
  tagRefreshHours: number;
  completedJobTagRefreshHours: number;
  /** Hours after which a rescan reads every related fact again (changes/plan.ts). */
  fullRefreshHours: number;
  maxAttempts: number;
  /** Bulk reads (SageMaker Search, the Tagging API) where the cost model prefers them. */
  bulkReads: boolean;
}

export const DEFAULT_COLLECTION: CollectionConfig = {
  jobLookbackDays: 30,
  concurrency: { perServiceRegion: 4, regions: 2 },
  tagRefreshHours: 24,
  completedJobTagRefreshHours: 168,
  fullRefreshHours: 24,
  maxAttempts: 8,
  bulkReads: true,
};

function readLookback(config: Config): number | 'all' {
  const value = config.getOptional('jobLookbackDays');
  if (value === undefined) return DEFAULT_COLLECTION.jobLookbackDays;
  if (value === 'all') return 'all';
  if (!inRange(value, LOOKBACK_DAYS)) {
    return fail(
      'jobLookbackDays',
      `expected a whole number of days from ${LOOKBACK_DAYS.min} to ${
        LOOKBACK_DAYS.max
      }, or 'all', got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** How much is collected and how hard: look-back, concurrency, tag refresh, retries. */
export function readCollection(config: Config): CollectionConfig {
  const d = DEFAULT_COLLECTION;
  return {
    jobLookbackDays: readLookback(config),
    concurrency: {
      perServiceRegion: readNumber(
        config,
        'concurrency.perServiceRegion',
        d.concurrency.perServiceRegion,
        CALL_CONCURRENCY,
      ),
      regions: readNumber(
        config,
        'concurrency.regions',
        d.concurrency.regions,
        REGION_CONCURRENCY,
      ),
    },
    tagRefreshHours: readNumber(
      config,
      'tagRefreshHours',
      d.tagRefreshHours,
      REFRESH_HOURS,
    ),
    completedJobTagRefreshHours: readNumber(
      config,
      'completedJobTagRefreshHours',
      d.completedJobTagRefreshHours,
      REFRESH_HOURS,
    ),
    fullRefreshHours: readNumber(
      config,
      'fullRefreshHours',
      d.fullRefreshHours,
      REFRESH_HOURS,
    ),
    maxAttempts: readNumber(
      config,
      'aws.maxAttempts',
      d.maxAttempts,
      MAX_ATTEMPTS,
    ),
    bulkReads: readBulkReads(config),
  };
}
