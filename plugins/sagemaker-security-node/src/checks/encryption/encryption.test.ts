import { caseRows, runCase } from '../../testing/checkCases';
import { encryptionCases } from './encryption.cases';

describe('encryption checks', () => {
  it.each(caseRows(encryptionCases))('%s', (_title, item) => {
    const { actual, expected } = runCase(item);
    expect(actual).toEqual(expected);
  });
});
