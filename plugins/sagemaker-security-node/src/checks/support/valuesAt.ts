import { getPath } from './paths';

export interface FoundValue {
  /** The concrete path, with list indexes (e.g. `Containers.1.Environment`). */
  path: string;
  value: unknown;
}

/**
 * Values at a path where `[]` means "each element of the list", e.g.
 * `TrainingJobDefinitions[].RoleArn`. Absent values are skipped.
 */
export function valuesAt(root: unknown, pattern: string): FoundValue[] {
  const star = pattern.indexOf('[]');
  if (star < 0) {
    const value = getPath(root, pattern);
    return value === undefined || value === null
      ? []
      : [{ path: pattern, value }];
  }
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 2).replace(/^\./, '');
  const list = getPath(root, head);
  if (!Array.isArray(list)) {
    return [];
  }
  return list.flatMap((element, index) => {
    const prefix = `${head}.${index}`;
    if (tail.length === 0) {
      return element === undefined || element === null
        ? []
        : [{ path: prefix, value: element }];
    }
    return valuesAt(element, tail).map(found => ({
      path: `${prefix}.${found.path}`,
      value: found.value,
    }));
  });
}

/** Non-empty string values at a `[]` path. */
export function stringValuesAt(
  root: unknown,
  pattern: string,
): Array<{ path: string; value: string }> {
  return valuesAt(root, pattern).flatMap(found =>
    typeof found.value === 'string' && found.value.trim() !== ''
      ? [{ path: found.path, value: found.value.trim() }]
      : [],
  );
}
