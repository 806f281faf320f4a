import type { Config } from '@backstage/config';
import { fail } from './fail';

export interface NumberRange {
  /** Smallest accepted value; `exclusive` makes it a strict bound. */
  min: number;
  max: number;
  exclusiveMin?: boolean;
  integer?: boolean;
  /** What the number counts, for the error message (e.g. 'requests per second'). */
  unit?: string;
}

function describe(range: NumberRange): string {
  const what = range.integer ? 'a whole number' : 'a number';
  const from = range.exclusiveMin ? `above ${range.min}` : `from ${range.min}`;
  return `${what} ${from} to ${range.max}${
    range.unit ? ` (${range.unit})` : ''
  }`;
}

/** True when the value is a finite number within the range. */
export function inRange(value: unknown, range: NumberRange): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    (range.exclusiveMin ? value > range.min : value >= range.min) &&
    value <= range.max
  );
}

/** Fails naming the key unless the value is within the range. */
export function requireInRange(
  key: string,
  value: unknown,
  range: NumberRange,
  shown: unknown = value,
): number {
  if (!inRange(value, range)) {
    fail(key, `expected ${describe(range)}, got ${JSON.stringify(shown)}`);
  }
  return value;
}

/**
 * An optional number of the section, checked against its range. Numbers
 * given as strings (environment substitution) are read as numbers.
 */
export function readNumber(
  config: Config,
  key: string,
  fallback: number,
  range: NumberRange,
): number {
  const raw = config.getOptional(key);
  if (raw === undefined) return fallback;
  const value =
    typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return requireInRange(key, value, range, raw);
}
