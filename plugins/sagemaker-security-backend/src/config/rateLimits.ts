import type { Config } from '@backstage/config';
import {
  DEFAULT_RATE_LIMITS,
  RATE_FAMILY_KEYS,
  RateFamily,
  RateLimits,
} from '../inventory/aws/pacing';
import { fail } from './fail';
import { inRange, NumberRange } from './numbers';

/**
 * Requests per second a family may be paced at. Below 0.1 a scan of one
 * region would take hours; above 100,000 nothing is paced in practice (say
 * `unlimited` instead). Both ends are typos, not intentions.
 */
export const RATE_RANGE: NumberRange = {
  min: 0.1,
  max: 100_000,
  unit: 'requests per second',
};

/** `sagemakerSecurity.rateLimits`: per API family, requests per second or `unlimited`. */
export function readRateLimits(config: Config): RateLimits {
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
    } else if (inRange(value, RATE_RANGE)) {
      limits[key as RateFamily] = value;
    } else {
      fail(
        `rateLimits.${key}`,
        `expected requests per second (a number from ${RATE_RANGE.min} to ${
          RATE_RANGE.max
        }) or 'unlimited', got ${JSON.stringify(value)}`,
      );
    }
  }
  return limits;
}
