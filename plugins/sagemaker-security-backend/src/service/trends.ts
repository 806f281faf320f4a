import type { DailyScore } from '../history/HistoryStore';
import { addDays, dailyTrend } from '../history/trend';
import { utcDay } from '../util/time';
import type { ReadContext } from './readContext';

const TREND_DAYS = 30;

/** The last 30 days of stored daily scores, one trend per entity. */
export class TrendReader {
  constructor(private readonly context: ReadContext) {}

  async trend(entityRef: string) {
    return (await this.trends([entityRef])).get(entityRef) ?? [];
  }

  async trends(entityRefs: string[]) {
    const toDay = utcDay(this.context.now());
    const fromDay = addDays(toDay, -(TREND_DAYS - 1));
    const rows = await this.context.options.history.listDailyScores({
      entityRefs,
      fromDay,
      toDay,
    });
    const byRef = new Map<string, DailyScore[]>();
    for (const row of rows) {
      const list = byRef.get(row.entityRef) ?? [];
      list.push(row);
      byRef.set(row.entityRef, list);
    }
    return new Map(
      entityRefs.map(ref => [
        ref,
        dailyTrend(byRef.get(ref) ?? [], fromDay, toDay),
      ]),
    );
  }
}
