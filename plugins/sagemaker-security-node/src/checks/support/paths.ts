/**
 * Reads a dotted path (`A.B.0.C`) from a Describe response; numeric segments
 * index arrays. Returns undefined for any missing step.
 */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of path.split('.')) {
    if (current === null || current === undefined) {
      return undefined;
    }
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (!Number.isInteger(index)) {
        return undefined;
      }
      current = current[index];
    } else if (typeof current === 'object') {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** A non-empty trimmed string, or undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0
    ? value.trim()
    : undefined;
}

/** The array at `path`, or an empty array when absent or not an array. */
export function arrayAt(value: unknown, path: string): unknown[] {
  const found = getPath(value, path);
  // A null item in an AWS list is malformed data: drop it, never dereference it.
  return Array.isArray(found)
    ? found.filter(item => item !== null && item !== undefined)
    : [];
}

/** Strings of the array at `path` (non-strings and empty strings dropped). */
export function stringsAt(value: unknown, path: string): string[] {
  return arrayAt(value, path)
    .map(nonEmptyString)
    .filter((item): item is string => item !== undefined);
}

/** The object at `path`, when it is a plain object. */
export function objectAt(
  value: unknown,
  path: string,
): Record<string, unknown> | undefined {
  const found = getPath(value, path);
  return found !== null && typeof found === 'object' && !Array.isArray(found)
    ? (found as Record<string, unknown>)
    : undefined;
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
