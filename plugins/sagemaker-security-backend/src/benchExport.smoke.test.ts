/**
 * A small run of `yarn bench --only export` (bench/exportOnly.ts), so the
 * export figure cannot rot: the records the reader counts in the CSV and in
 * the OCSF export of the same stored results agree, and every figure is
 * printed next to its goal. The figure itself is a measurement, not a test.
 */
import { sliceSize } from '../bench/estate/generateEstate';
import {
  exportRows,
  renderExportReport,
  runExportBenchmark,
} from '../bench/exportOnly';
import { CsvRecordCounter, MarkerCounter } from '../bench/measure/exportMemory';
import { defaultOptions } from '../bench/options';

jest.setTimeout(180_000);

describe('the export figure’s record counters', () => {
  it('counts CSV records across chunks, a quoted newline being data', () => {
    const counter = new CsvRecordCounter();
    for (const chunk of ['a,b\n1,"x\n', 'y"\n2,', '"q""\n"\n']) {
      counter.push(chunk);
    }
    expect(counter.records).toBe(3);
  });

  it('counts a marker split between two chunks once', () => {
    const counter = new MarkerCounter('"class_uid":2003');
    for (const chunk of [
      '[{"class_',
      'uid":2003,"x":1},{"class_uid":2003',
      '}]',
    ]) {
      counter.push(chunk);
    }
    expect(counter.count).toBe(2);
  });
});

describe('yarn bench --only export, smoke run', () => {
  it('streams every stored result in both formats and prints each figure with its goal', async () => {
    const options = defaultOptions();
    options.estate = sliceSize(options.estate, 500);
    options.postgres = undefined;
    options.verbose = false;
    const result = await runExportBenchmark(options);

    const [sqlite, postgres] = result.sides;
    if (!('exports' in sqlite)) throw new Error(sqlite.notMeasured);
    const [csv, ocsf] = sqlite.exports;
    expect([csv.status, ocsf.status]).toEqual([200, 200]);
    expect(csv.complete && ocsf.complete).toBe(true);
    expect(csv.results).toBeGreaterThan(0);
    expect(ocsf.results).toBe(csv.results);
    expect(csv.rssPeakBytes).toBeGreaterThanOrEqual(csv.rssBeforeBytes);
    expect(postgres).toHaveProperty('notMeasured');

    const rows = exportRows(result);
    // The tiny estate streams fewer than 100,000 results: a miss, as is
    // PostgreSQL unmeasured.
    expect(rows.every(r => !r.pass)).toBe(true);
    const { text, misses } = renderExportReport(result);
    expect(misses).toHaveLength(rows.length);
    for (const row of rows) {
      expect(text).toContain(row.label);
      expect(text).toContain(row.goal);
    }
  });
});
