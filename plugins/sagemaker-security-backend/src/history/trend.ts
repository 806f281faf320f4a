import type { TrendPoint } from '@mlsec/plugin-sagemaker-security-common';
import type { DailyScore } from './HistoryStore';
import { DAY_MS } from '../util/time';

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * One point per day from `fromDay` to `toDay` for one entity. Rows are only
 * stored when the score changes, so each day takes the newest row on or
 * before it; days before the first row have no point.
 */
export function dailyTrend(
  rows: DailyScore[],
  fromDay: string,
  toDay: string,
): TrendPoint[] {
  const sorted = [...rows].sort((a, b) => a.day.localeCompare(b.day));
  const points: TrendPoint[] = [];
  let index = -1;
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    while (index + 1 < sorted.length && sorted[index + 1].day <= day) {
      index += 1;
    }
    if (index >= 0) {
      const row = sorted[index];
      points.push({ date: day, score: row.score, grade: row.grade });
    }
  }
  return points;
}
