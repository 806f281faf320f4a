import { caseRows, runCase } from '../../testing/checkCases';
import { monitoringCases } from './monitoring.cases';

describe('monitoring checks', () => {
  it.each(caseRows(monitoringCases))('%s', (_title, item) => {
    const { actual, expected } = runCase(item);
    expect(actual).toEqual(expected);
  });
});
