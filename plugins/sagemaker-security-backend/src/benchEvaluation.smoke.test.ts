/**
 * A small run of `yarn bench --only evaluation`, so the evaluation figures
 * cannot rot: a 1/500 estate is scanned, evaluated from scratch and again
 * after a no-change scan on SQLite (and PostgreSQL when configured), and
 * the four figures are printed next to their goals; the no-change run
 * evaluates nothing and writes nothing.
 */
import { runEvaluationBenchmark } from '../bench/evaluationOnly';
import { sliceSize } from '../bench/estate/generateEstate';
import { defaultOptions } from '../bench/options';

jest.setTimeout(180_000);

describe('yarn bench --only evaluation, smoke run', () => {
  it('prints the evaluation figures with their goals', async () => {
    const options = defaultOptions();
    options.estate = sliceSize(options.estate, 500);
    options.verbose = false;
    const { text } = await runEvaluationBenchmark(options, () => {});
    for (const db of ['SQLite', 'PostgreSQL']) {
      expect(text).toMatch(
        new RegExp(
          `end-to-end evaluation \\(checks \\+ storage\\), ${db} .*>= 5,000 resources/s`,
        ),
      );
      expect(text).toMatch(
        new RegExp(`evaluation after a no-change scan, ${db} .*<= 5 s at`),
      );
    }
    // PostgreSQL's figures only when its connection string is set.
    const measured = options.postgres ? ['sqlite', 'postgres'] : ['sqlite'];
    for (const db of measured) {
      expect(text).toMatch(
        new RegExp(
          `${db} no-change evaluation: .* \\(0 evaluated\\), 0 results, 0 rows of results, history and inputs written in 0 statements`,
        ),
      );
    }
  });
});
