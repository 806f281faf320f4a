import { parseTagSelector } from './annotations';
import { isResourceType } from './resourceTypes';

describe('parseTagSelector', () => {
  it('parses key=value pairs and trims spaces', () => {
    expect(parseTagSelector(' ml-service=fraud , env = prod')).toEqual([
      { key: 'ml-service', value: 'fraud' },
      { key: 'env', value: 'prod' },
    ]);
  });

  it('keeps "=" inside values', () => {
    expect(parseTagSelector('query=a=b')).toEqual([
      { key: 'query', value: 'a=b' },
    ]);
  });

  it.each(['', ' , ', 'novalue', '=value'])('rejects %j', value => {
    expect(() => parseTagSelector(value)).toThrow(/Tag selector/);
  });
});

describe('isResourceType', () => {
  it('accepts known types only', () => {
    expect(isResourceType('endpoint')).toBe(true);
    expect(isResourceType('Endpoint')).toBe(false);
    expect(isResourceType(42)).toBe(false);
  });
});
