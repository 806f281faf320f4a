/**
 * Converts an SDK output to stored JSON: dates become ISO strings, `$metadata`
 * and undefined fields are dropped, and a JSON document the SDK returns as a
 * string object (`LazyJsonString`, e.g. a flow definition's
 * `HumanLoopActivationConditions`) stays the string AWS sent.
 */
export function toPlain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof String) return value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '$metadata' || v === undefined) continue;
      out[key] = toPlain(v);
    }
    return out;
  }
  return value;
}

export function toPlainRecord(value: unknown): Record<string, unknown> {
  return (toPlain(value) ?? {}) as Record<string, unknown>;
}

export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  return undefined;
}
