interface Segment {
  key: string;
  /** `Number(key)`, when it is an integer (an array index). */
  index: number | undefined;
}

const compiled = new Map<string, Segment[]>();

/** The segments of a dotted path, parsed once per distinct path. */
function segmentsOf(path: string): Segment[] {
  let segments = compiled.get(path);
  if (segments === undefined) {
    segments = path.split('.').map(key => {
      const index = Number(key);
      return { key, index: Number.isInteger(index) ? index : undefined };
    });
    if (compiled.size > 10000) {
      compiled.clear();
    }
    compiled.set(path, segments);
  }
  return segments;
}

/**
 * Reads a dotted path (`A.B.0.C`) from a Describe response; numeric segments
 * index arrays. Returns undefined for any missing step.
 */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  const segments = segmentsOf(path);
  for (let i = 0; i < segments.length; i++) {
    if (current === null || current === undefined) {
      return undefined;
    }
    const segment = segments[i];
    if (Array.isArray(current)) {
      if (segment.index === undefined) {
        return undefined;
      }
      current = current[segment.index];
    } else if (typeof current === 'object') {
      current = (current as Record<string, unknown>)[segment.key];
    } else {
      return undefined;
    }
  }
  return current;
}

/** A non-empty trimmed string, or undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
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
