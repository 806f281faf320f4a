import { caseRows, runCase } from '../../testing/checkCases';
import { iamCases } from './iam.cases';

describe('IAM checks', () => {
  it.each(caseRows(iamCases))('%s', (_title, item) => {
    const { actual, expected } = runCase(item);
    expect(actual).toEqual(expected);
  });
});
