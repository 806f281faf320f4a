import {
  CheckStatus,
  CollectionError,
  ResourceType,
  RelatedFact,
  SageMakerResource,
} from '@mlsec/plugin-sagemaker-security-common';
import { defaultChecks } from '../checks';
import { SecurityCheck } from '../types';
import { contextFor } from './fixtures';
import { kmsKey } from './facts';

/** One row of a table-driven check test. */
export interface CheckCase {
  check: string;
  name: string;
  resource: SageMakerResource;
  facts?: RelatedFact[];
  resources?: SageMakerResource[];
  listingErrors?: Partial<Record<ResourceType, CollectionError[]>>;
  mode?: 'live' | 'iac';
  expect: CheckStatus;
  /** The message must match. */
  message?: RegExp;
  /** For `unknown`: the IAM actions that must be named. */
  missing?: string[];
}

export function checkById(id: string): SecurityCheck {
  const check = defaultChecks.find(item => item.id === id);
  if (!check) throw new Error(`No check ${id}`);
  return check;
}

/** `[title, case]` rows for `it.each`. */
export function caseRows(cases: CheckCase[]): Array<[string, CheckCase]> {
  return cases.map(item => [
    `${item.check}: ${item.name} → ${item.expect}`,
    item,
  ]);
}

/**
 * Runs a case and returns what was observed next to what is expected, for one
 * `toEqual`: the status, the message, evidence for a failure or warning, and
 * for `unknown` at least one named reason (fail closed with a reason)
 * including any listed in the case.
 */
export function runCase(item: CheckCase): {
  actual: Record<string, unknown>;
  expected: Record<string, unknown>;
} {
  const check = checkById(item.check);
  const outcome = check.evaluate(
    contextFor(item.resource, {
      facts: item.facts,
      resources: item.resources,
      listingErrors: item.listingErrors,
      mode: item.mode,
    }),
  );
  const actual = {
    appliesToType: check.resourceTypes.includes(item.resource.type),
    status: outcome.status,
    message: outcome.message,
    missing: outcome.missing ?? [],
    // A failure or warning must show what was observed and where.
    explained:
      (outcome.status !== 'fail' && outcome.status !== 'warn') ||
      (outcome.evidence ?? []).length > 0,
  };
  let missing: unknown = expect.any(Array);
  if (item.missing) {
    missing = expect.arrayContaining(item.missing);
  } else if (item.expect === 'unknown') {
    missing = expect.arrayContaining([expect.any(String)]);
  }
  const expected = {
    appliesToType: true,
    status: item.expect,
    message: item.message
      ? expect.stringMatching(item.message)
      : expect.stringMatching(/\S{3}/),
    missing,
    explained: true,
  };
  return { actual, expected };
}

/**
 * `kms-keys-customer-managed` over a resource whose descriptor links the key
 * (fixtures' KEY_ARN): fails under an AWS-managed key, passes under a
 * customer-managed one.
 */
export function keyLinkCases(
  label: string,
  resource: () => SageMakerResource,
): CheckCase[] {
  const check = 'kms-keys-customer-managed';
  return [
    {
      check,
      name: `${label} under an AWS-managed key`,
      resource: resource(),
      facts: [kmsKey({ keyManager: 'AWS' })],
      expect: 'fail',
      message: /AWS-managed/,
    },
    {
      check,
      name: `${label} under a customer-managed key`,
      resource: resource(),
      facts: [kmsKey()],
      expect: 'pass',
    },
  ];
}
