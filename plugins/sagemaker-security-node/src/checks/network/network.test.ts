import { caseRows, runCase } from '../../testing/checkCases';
import { networkCases } from './network.cases';

describe('network checks', () => {
  it.each(caseRows(networkCases))('%s', (_title, item) => {
    const { actual, expected } = runCase(item);
    expect(actual).toEqual(expected);
  });
});
