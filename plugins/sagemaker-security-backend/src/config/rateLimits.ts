import type { Config } from '@backstage/config';
import { fail } from './fail';
import { inRange, NumberRange } from './numbers';

/** API families with a rate (config key → IAM action prefix; the longest prefix wins). */
export const RATE_FAMILIES = {
  sagemakerList: 'sagemaker:List',
  sagemakerListTags: 'sagemaker:ListTags',
  sagemakerDescribe: 'sagemaker:Describe',
  sagemakerGet: 'sagemaker:Get',
  sagemakerSearch: 'sagemaker:Search',
  tagging: 'tag:GetResources',
  iam: 'iam:',
  ec2Describe: 'ec2:Describe',
  securityHub: 'securityhub:',
  cloudtrailLookupEvents: 'cloudtrail:LookupEvents',
} as const;
export type RateFamily = keyof typeof RATE_FAMILIES;
export const RATE_FAMILY_KEYS = Object.keys(RATE_FAMILIES) as RateFamily[];

/** Requests per second per family; `null` = not paced (AWS's throttling is then the only limit). */
export type RateLimits = Record<RateFamily, number | null>;

/**
 * AWS's order of magnitude (SageMaker publishes no per-API numbers; these
 * are the rates scanners run into, and the benchmark's REAL_AWS profile):
 * per account and region, IAM per account.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  sagemakerList: 4,
  sagemakerListTags: 10,
  sagemakerDescribe: 10,
  sagemakerGet: 10,
  // Assumed: SageMaker publishes no rate for Search; a List-like figure.
  sagemakerSearch: 4,
  // Assumed: the Tagging API publishes no per-account rate for GetResources.
  tagging: 5,
  iam: 20,
  ec2Describe: 100,
  // GetFindings: 3 requests per second per account and region (burst 6).
  securityHub: 3,
  // LookupEvents: 2 requests per second per account and region (CloudTrail quota).
  cloudtrailLookupEvents: 2,
};

export const UNPACED: RateLimits = Object.fromEntries(
  RATE_FAMILY_KEYS.map(k => [k, null]),
) as RateLimits;

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
