/** Milliseconds in a day. */
export const DAY_MS = 24 * 60 * 60 * 1000;

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
