import { PolicyDocument } from '@mlsec/plugin-sagemaker-security-common';
import { deniesInsecureTransport } from './secureTransport';

const policy = (statement: Record<string, unknown>): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [statement as never],
});

const base = {
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};

describe('deniesInsecureTransport', () => {
  it.each([
    ['Bool "false", Principal "*"', base],
    [
      'Bool false (boolean)',
      { ...base, Condition: { Bool: { 'aws:SecureTransport': false } } },
    ],
    [
      'BoolIfExists "false"',
      {
        ...base,
        Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      },
    ],
    ['Principal {AWS: "*"}', { ...base, Principal: { AWS: '*' } }],
    ['Principal {AWS: ["*"]}', { ...base, Principal: { AWS: ['*'] } }],
    ['Action "*" on Resource "*"', { ...base, Action: '*', Resource: '*' }],
    [
      'lower-case key and list value',
      { ...base, Condition: { Bool: { 'aws:securetransport': ['false'] } } },
    ],
    [
      'Get and Put listed',
      { ...base, Action: ['s3:GetObject', 's3:PutObject'] },
    ],
  ])('recognises %s', (_name, statement) => {
    expect(deniesInsecureTransport(policy(statement), 'data')).toBe(true);
  });

  it.each([
    ['an Allow', { ...base, Effect: 'Allow' }],
    [
      'a Deny for one principal',
      { ...base, Principal: { AWS: 'arn:aws:iam::1:root' } },
    ],
    ['a Deny on another bucket', { ...base, Resource: 'arn:aws:s3:::other/*' }],
    ['a Deny of PutObject only', { ...base, Action: 's3:PutObject' }],
    [
      'a Deny when SecureTransport is true',
      { ...base, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    ],
    [
      'a Deny that also needs a VPC endpoint condition',
      {
        ...base,
        Condition: {
          Bool: { 'aws:SecureTransport': 'false' },
          StringNotEquals: { 'aws:SourceVpce': 'vpce-1' },
        },
      },
    ],
    [
      'a Deny without condition (denies everything, not TLS)',
      { ...base, Condition: undefined },
    ],
    [
      'a NotPrincipal deny',
      {
        ...base,
        Principal: undefined,
        NotPrincipal: { AWS: 'arn:aws:iam::1:root' },
      },
    ],
  ])('does not accept %s', (_name, statement) => {
    expect(deniesInsecureTransport(policy(statement), 'data')).toBe(false);
  });

  it('matches the resource partition', () => {
    const china = policy({ ...base, Resource: 'arn:aws-cn:s3:::data/*' });
    expect(deniesInsecureTransport(china, 'data', 'aws-cn')).toBe(true);
    expect(deniesInsecureTransport(china, 'data')).toBe(false);
  });

  it('returns false for no policy', () => {
    expect(deniesInsecureTransport(null, 'data')).toBe(false);
  });
});
