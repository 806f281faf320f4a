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
