import { parsePolicyDocument } from './policyDocument';

const doc = {
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/cost': '100% a+b' } },
    },
  ],
};

describe('parsePolicyDocument', () => {
  it('decodes an IAM document once, keeping what decodes to a literal %', () => {
    const encoded = encodeURIComponent(JSON.stringify(doc));
    expect(parsePolicyDocument(encoded, { urlEncoded: true })).toEqual(doc);
  });

  it('reads an IAM document sent as plain JSON (moto) without decoding it', () => {
    const plain = ` ${JSON.stringify(doc)}`;
    expect(parsePolicyDocument(plain, { urlEncoded: true })).toEqual(doc);
    expect(parsePolicyDocument(plain, { urlEncoded: false })).toEqual(doc);
  });

  it('rejects a truncated or statement-less document', () => {
    expect(() =>
      parsePolicyDocument('%7B%22Statement', { urlEncoded: true }),
    ).toThrow('not valid JSON');
    expect(() =>
      parsePolicyDocument('{"Version":"2012-10-17"}', { urlEncoded: true }),
    ).toThrow('no Statement');
  });
});
