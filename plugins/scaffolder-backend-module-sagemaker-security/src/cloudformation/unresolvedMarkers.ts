import { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import { isRecord, Unresolved } from './intrinsics';

/**
 * Prefix of the string that stands for a value only known at deploy. Checks
 * must never pass on it; the validate action turns a pass whose evidence
 * carries it into `unknown`.
 */
export const UNRESOLVED_MARKER_PREFIX = 'iac-unresolved:';

export function isUnresolvedMarker(value: unknown): value is string {
  return (
    typeof value === 'string' && value.startsWith(UNRESOLVED_MARKER_PREFIX)
  );
}

/** True when the value is, or contains, an unresolved marker. */
export function containsUnresolvedMarker(value: unknown): boolean {
  if (isUnresolvedMarker(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnresolvedMarker);
  if (isRecord(value)) {
    return Object.values(value).some(containsUnresolvedMarker);
  }
  return false;
}

export interface UnresolvedValue {
  /** Dotted path of the value, list indexes included: `VpcConfig.Subnets.0`. */
  path: string;
  expression: string;
}

/**
 * Replaces every `Unresolved` in a resolved tree by a marker string, and
 * reports where they were.
 */
export function replaceUnresolved(
  value: unknown,
  path: string,
  found: UnresolvedValue[],
): unknown {
  if (value instanceof Unresolved) {
    found.push({ path, expression: value.expression });
    return `${UNRESOLVED_MARKER_PREFIX}${value.expression}`;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      replaceUnresolved(item, path ? `${path}.${i}` : String(i), found),
    );
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] = replaceUnresolved(child, path ? `${path}.${key}` : key, found);
    }
    return out;
  }
  return value;
}

/** Collection error recorded for a value that is only known at deploy. */
export function unresolvedError(
  value: UnresolvedValue,
  target: string,
): CollectionError {
  return {
    kind: 'other',
    action: 'cloudformation:ResolveValue',
    field: value.path,
    target,
    code: 'UnresolvedBeforeDeploy',
    message: `${value.path} is ${value.expression}, known only at deploy`,
  };
}
