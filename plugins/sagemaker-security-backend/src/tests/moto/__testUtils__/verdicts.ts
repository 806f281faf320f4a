/**
 * Compares the results the plugin serves with the hand-derived table.
 */
import { EXPECTED, expectedPairs, motoVerdict, Verdict } from '../expectations';
import type { ResourceKey, Result } from './scanner';

export type Results = Map<ResourceKey, Map<string, Result>>;

export interface Mismatch {
  resource: string;
  check: string;
  expected: Verdict;
  actual: string | undefined;
  message?: string;
}

/** Pairs whose served verdict differs from `expectedOf` (missing results included). */
export function mismatches(
  results: Results,
  expectedOf: (resource: string, check: string) => Verdict = (r, c) =>
    motoVerdict(EXPECTED[r][c]),
): Mismatch[] {
  return expectedPairs().flatMap(({ resource, check }) => {
    const expected = expectedOf(resource, check);
    const result = results.get(resource)?.get(check);
    return result?.status === expected
      ? []
      : [
          {
            resource,
            check,
            expected,
            actual: result?.status,
            ...(result ? { message: result.message.slice(0, 300) } : {}),
          },
        ];
  });
}

/** Results the table says nothing about (e.g. a check added since). */
export function uncovered(results: Results): string[] {
  return [...results].flatMap(([resource, checks]) =>
    [...checks.keys()]
      .filter(check => !(EXPECTED[resource] && check in EXPECTED[resource]))
      .map(check => `${resource} | ${check}`),
  );
}

/** Every pair's status, for comparing two scans. */
export function statuses(results: Results): Record<string, string> {
  return Object.fromEntries(
    [...results].flatMap(([resource, checks]) =>
      [...checks].map(([check, result]) => [
        `${resource} | ${check}`,
        result.status,
      ]),
    ),
  );
}
