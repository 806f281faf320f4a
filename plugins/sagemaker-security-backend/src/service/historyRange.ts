import { InputError } from '@backstage/errors';
import { addDays } from '../history/trend';
import { DAY_MS } from '../util/time';

/** The longest range of one history request, in days. */
export const MAX_HISTORY_DAYS = 366;
/** The range when the request names neither end. */
export const DEFAULT_HISTORY_DAYS = 30;

/** `YYYY-MM-DD` that names a real calendar day (31 February does not). */
function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return false;
  }
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return (
    Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === day
  );
}

/**
 * The days a history request covers, whatever it leaves out: `to` defaults
 * to today (UTC) and may be at most tomorrow (a caller ahead of UTC);
 * `from` defaults to 30 days before `to`; the range may span at most 366
 * days. Errors name the field (400).
 */
export function resolveHistoryRange(
  range: { from?: string; to?: string },
  today: string,
): { fromDay: string; toDay: string } {
  for (const field of ['from', 'to'] as const) {
    const value = range[field];
    if (value !== undefined && !isCalendarDay(value)) {
      throw new InputError(
        `${field}: "${value}" is not a calendar date (YYYY-MM-DD)`,
      );
    }
  }
  const latest = addDays(today, 1);
  const toDay = range.to ?? today;
  if (toDay > latest) {
    throw new InputError(`to: history ends today (${today}); got ${toDay}`);
  }
  const fromDay = range.from ?? addDays(toDay, -(DEFAULT_HISTORY_DAYS - 1));
  if (fromDay > toDay) {
    throw new InputError(`from: ${fromDay} is after to (${toDay})`);
  }
  const span = (Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS;
  if (span > MAX_HISTORY_DAYS) {
    throw new InputError(
      `from: the range may span at most ${MAX_HISTORY_DAYS} days; ${fromDay} to ${toDay} spans ${span}`,
    );
  }
  return { fromDay, toDay };
}
