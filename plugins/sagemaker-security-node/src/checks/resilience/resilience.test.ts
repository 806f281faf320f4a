import { caseRows, runCase } from '../../testing/checkCases';
import { resilienceCases } from './resilience.cases';

describe('resilience and governance checks', () => {
  it.each(caseRows(resilienceCases))('%s', (_title, item) => {
    const { actual, expected } = runCase(item);
    expect(actual).toEqual(expected);
  });
});
