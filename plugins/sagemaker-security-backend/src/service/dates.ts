/**
 * Timestamps are written as Date objects and come back as Date (PostgreSQL),
 * number or string (SQLite); this turns any of them into ISO 8601.
 */
export function toIsoString(value: unknown): string {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number') {
    return new Date(value).toISOString();
  }
  if (typeof value === 'string') {
    const asNumber = Number(value);
    const date = Number.isFinite(asNumber)
      ? new Date(asNumber)
      : new Date(value);
    return date.toISOString();
  }
  throw new TypeError(`Not a timestamp: ${String(value)}`);
}

export function toOptionalIsoString(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : toIsoString(value);
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Splits a list into chunks, e.g. to stay below SQL parameter limits. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
