import type { FieldPath } from './descriptor';

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * The path of a link field when it is in use for this description: a
 * conditional field only while its condition holds, otherwise undefined.
 *
 * @public
 */
export function activeFieldPath(
  field: FieldPath,
  description: unknown,
): string | undefined {
  if (typeof field === 'string') return field;
  return valueAt(description, field.when.path) === field.when.equals
    ? field.path
    : undefined;
}

/**
 * Fills `{placeholder}`s of a descriptor template; undefined when one has no
 * value (e.g. a console page that needs the domain ID).
 *
 * @public
 */
export function fillTemplate(
  template: string,
  values: Record<string, string | undefined>,
): string | undefined {
  let missing = false;
  const filled = template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined || value === '') {
      missing = true;
      return '';
    }
    return value;
  });
  return missing ? undefined : filled;
}

/**
 * The value at a dotted path of a description (no `[]`).
 *
 * @public
 */
export function descriptionValueAt(value: unknown, path: string): unknown {
  return valueAt(value, path);
}

/**
 * The non-empty strings at a path of a description (`A[].B` = `B` of each
 * element of the list `A`), in order.
 *
 * @public
 */
export function stringsAt(value: unknown, path: string): string[] {
  let current: unknown[] = [value];
  for (const part of path.split('.')) {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object') continue;
      const found = (item as Record<string, unknown>)[key];
      if (!each) {
        next.push(found);
      } else if (Array.isArray(found)) {
        next.push(...found);
      }
    }
    current = next;
  }
  return current.filter((v): v is string => typeof v === 'string' && v !== '');
}
