/**
 * The Describe* fields a resource answer may carry: only those that a
 * remediation template of a check for its type prefills from
 * (`description.<Field>[.<Sub>...]`). The rest of a description stays in
 * the backend: it can hold environment variables, hyperparameters and
 * other configuration that the secrets checks exist to flag.
 */
import type {
  CheckMetadata,
  ResourceType,
} from '@mlsec/plugin-sagemaker-security-common';

const PREFIX = 'description.';

/** The prefill paths (without `description.`) of the checks of `type`. */
export function prefillPaths(
  checks: Iterable<CheckMetadata>,
  type: ResourceType,
): string[][] {
  const paths = new Map<string, string[]>();
  for (const check of checks) {
    const template = check.remediation.template;
    if (!template || !check.resourceTypes.includes(type)) continue;
    for (const path of Object.values(template.prefill)) {
      if (path.startsWith(PREFIX) && path.length > PREFIX.length) {
        paths.set(path, path.slice(PREFIX.length).split('.'));
      }
    }
  }
  return [...paths.values()];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/**
 * A copy of `description` holding only the values at `paths` (array
 * indices are segments, as the frontend reads them); undefined when none of
 * them is present.
 */
export function projectDescription(
  description: Record<string, unknown>,
  paths: string[][],
): Record<string, unknown> | undefined {
  let projected: Record<string, unknown> | undefined;
  for (const path of paths) {
    let value: unknown = description;
    for (const segment of path) {
      value = isObject(value) ? value[segment] : undefined;
    }
    if (value === undefined || isObject(value)) continue;
    projected ??= {};
    let target: Record<string, unknown> = projected;
    let source: unknown = description;
    path.forEach((segment, index) => {
      source = (source as Record<string, unknown>)[segment];
      if (index === path.length - 1) {
        target[segment] = value;
        return;
      }
      if (!isObject(target[segment])) {
        target[segment] = Array.isArray(source) ? [] : {};
      }
      target = target[segment] as Record<string, unknown>;
    });
  }
  return projected;
}
