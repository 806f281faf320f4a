import fc from 'fast-check';
import { PolicyDocument } from '@mlsec/plugin-sagemaker-security-common';
import {
  actionMatches,
  conditionKeys,
  evaluateCondition,
  evaluatePolicies,
  isActionAllowed,
  parsePolicyDocument,
  resourceMatches,
  statementsOf,
} from '.';

const doc = (...Statement: unknown[]): PolicyDocument =>
  ({ Version: '2012-10-17', Statement } as PolicyDocument);

describe('statementsOf', () => {
  it('accepts one statement object or a list', () => {
    expect(
      statementsOf({ Statement: { Effect: 'Allow', Action: 'a:b' } }),
    ).toHaveLength(1);
    expect(
      statementsOf(doc({ Effect: 'Allow' }, { Effect: 'Deny' })),
    ).toHaveLength(2);
    expect(statementsOf(undefined)).toEqual([]);
    expect(statementsOf(null)).toEqual([]);
  });
});

describe('actionMatches', () => {
  it.each([
    ['*', 'iam:PassRole', true],
    ['iam:*', 'iam:PassRole', true],
    ['iam:Pass*', 'iam:PassRole', true],
    ['IAM:passrole', 'iam:PassRole', true],
    ['iam:Pass?ole', 'iam:PassRole', true],
    ['iam:Get*', 'iam:PassRole', false],
    ['s3:*', 'iam:PassRole', false],
    ['iam:PassRoles', 'iam:PassRole', false],
    ['sagemaker:Create*', 'sagemaker:CreateTrainingJob', true],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it('a pattern without wildcards matches exactly the action, in any case (property)', () => {
    const name = fc.stringMatching(
      /^[a-z][a-z0-9-]{0,8}:[A-Za-z][A-Za-z0-9]{0,15}$/,
    );
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(actionMatches(a.toUpperCase(), a)).toBe(true);
        expect(actionMatches(a, b)).toBe(a.toLowerCase() === b.toLowerCase());
        expect(actionMatches('*', b)).toBe(true);
      }),
    );
  });

  it('treats regex characters literally', () => {
    expect(actionMatches('s3:Get.bject', 's3:GetObject')).toBe(false);
    expect(resourceMatches('arn:aws:s3:::a+b/*', 'arn:aws:s3:::a+b/x')).toBe(
      true,
    );
    expect(resourceMatches('arn:aws:s3:::a+b/*', 'arn:aws:s3:::aab/x')).toBe(
      false,
    );
  });
});

describe('resourceMatches', () => {
  it('is case-sensitive and honours wildcards and policy variables', () => {
    expect(
      resourceMatches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x'),
    ).toBe(false);
    expect(
      resourceMatches(
        'arn:aws:iam::*:role/ml-*',
        'arn:aws:iam::1:role/ml-train',
      ),
    ).toBe(true);
    expect(
      resourceMatches(
        'arn:aws:s3:::home/${aws:username}/*',
        'arn:aws:s3:::home/ann/f',
      ),
    ).toBe(true);
  });
});

describe('evaluatePolicies / isActionAllowed', () => {
  const ROLE = 'arn:aws:iam::1:role/admin';

  it('allows what an Allow grants and nothing else (implicit deny)', () => {
    const policy = doc({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/*',
    });
    expect(isActionAllowed([policy], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe(
      true,
    );
    expect(
      isActionAllowed([policy], 's3:GetObject', 'arn:aws:s3:::other/k'),
    ).toBe(false);
    expect(
      evaluatePolicies([policy], { action: 's3:PutObject' }).decision,
    ).toBe('implicit-deny');
  });

  it('explicit Deny beats Allow, across documents', () => {
    const allow = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    const deny = doc({ Effect: 'Deny', Action: 'iam:*', Resource: '*' });
    expect(
      evaluatePolicies([allow, deny], {
        action: 'iam:PassRole',
        resource: ROLE,
      }).decision,
    ).toBe('explicit-deny');
    expect(
      isActionAllowed([allow, deny], 's3:GetObject', 'arn:aws:s3:::b/k'),
    ).toBe(true);
  });

  it('NotAction in an Allow grants everything except the listed actions', () => {
    const policy = doc({
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*'],
      Resource: '*',
    });
    expect(isActionAllowed([policy], 'iam:PassRole', ROLE)).toBe(false);
    expect(isActionAllowed([policy], 's3:DeleteBucket', 'arn:aws:s3:::b')).toBe(
      true,
    );
  });

  it('NotAction in a Deny denies everything except the listed actions', () => {
    const policy = doc(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', NotAction: 's3:GetObject', Resource: '*' },
    );
    expect(isActionAllowed([policy], 's3:GetObject', 'arn:aws:s3:::b/k')).toBe(
      true,
    );
    expect(isActionAllowed([policy], 's3:PutObject', 'arn:aws:s3:::b/k')).toBe(
      false,
    );
  });

  it('NotResource excludes the listed resources', () => {
    const policy = doc({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      NotResource: ROLE,
    });
    expect(isActionAllowed([policy], 'iam:PassRole', ROLE)).toBe(false);
    expect(
      isActionAllowed([policy], 'iam:PassRole', 'arn:aws:iam::1:role/other'),
    ).toBe(true);
    // Asked about "some resource", NotResource still grants other roles.
    expect(isActionAllowed([policy], 'iam:PassRole')).toBe(true);
  });

  it('a Deny on specific resources does not deny the action everywhere', () => {
    const policy = doc(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      {
        Effect: 'Deny',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::secret/*',
      },
    );
    expect(
      evaluatePolicies([policy], { action: 's3:GetObject' }).decision,
    ).toBe('allow');
    expect(
      isActionAllowed([policy], 's3:GetObject', 'arn:aws:s3:::secret/k'),
    ).toBe(false);
  });

  it('keeps an Allow whose condition cannot be decided, but a conditional Deny does not rescue', () => {
    const policy = doc(
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: {
          StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
        },
      },
      {
        Effect: 'Deny',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      },
    );
    const open = evaluatePolicies([policy], {
      action: 'iam:PassRole',
      resource: ROLE,
    });
    expect(open.decision).toBe('allow');
    expect(open.allowedBy[0].conditions).toBe('unresolved');
    expect(open.possiblyDeniedBy).toHaveLength(1);
    expect(conditionKeys(open.allowedBy[0].statement)).toEqual([
      'iam:passedtoservice',
    ]);

    const toEc2 = evaluatePolicies([policy], {
      action: 'iam:PassRole',
      resource: ROLE,
      context: {
        'iam:PassedToService': 'ec2.amazonaws.com',
        'aws:RequestedRegion': 'eu-west-1',
      },
    });
    expect(toEc2.decision).toBe('implicit-deny');
    const denied = evaluatePolicies([policy], {
      action: 'iam:PassRole',
      resource: ROLE,
      context: {
        'iam:PassedToService': 'sagemaker.amazonaws.com',
        'aws:RequestedRegion': 'us-east-1',
      },
    });
    expect(denied.decision).toBe('explicit-deny');
  });

  it('Deny always wins over Allow for the same action and resource (property)', () => {
    const action = fc.constantFrom(
      's3:GetObject',
      'iam:PassRole',
      'kms:Decrypt',
      'sagemaker:CreateTrainingJob',
    );
    const pattern = fc.constantFrom(
      '*',
      's3:*',
      'iam:Pass*',
      'kms:*',
      'sagemaker:Create*',
      'KMS:DECRYPT',
    );
    fc.assert(
      fc.property(
        action,
        fc.array(pattern, { minLength: 1, maxLength: 3 }),
        fc.array(pattern, { minLength: 1, maxLength: 3 }),
        (act, allows, denies) => {
          const policy = doc(
            { Effect: 'Allow', Action: allows, Resource: '*' },
            { Effect: 'Deny', Action: denies, Resource: '*' },
          );
          const allowed = allows.some(p => actionMatches(p, act));
          const denied = denies.some(p => actionMatches(p, act));
          expect(isActionAllowed([policy], act, 'arn:aws:x:::y')).toBe(
            allowed && !denied,
          );
        },
      ),
    );
  });
});

describe('evaluateCondition', () => {
  it.each([
    [
      { Bool: { 'aws:SecureTransport': 'false' } },
      { 'aws:SecureTransport': false },
      'true',
    ],
    [
      { Bool: { 'aws:SecureTransport': false } },
      { 'aws:securetransport': 'false' },
      'true',
    ],
    [
      { Bool: { 'aws:SecureTransport': 'false' } },
      { 'aws:SecureTransport': true },
      'false',
    ],
    [
      { BoolIfExists: { 'aws:SecureTransport': 'false' } },
      { 'aws:SecureTransport': null },
      'true',
    ],
    [
      { Bool: { 'aws:SecureTransport': 'false' } },
      { 'aws:SecureTransport': null },
      'false',
    ],
    [{ Bool: { 'aws:SecureTransport': 'false' } }, {}, 'unresolved'],
    [
      { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } },
      { 'aws:SourceVpce': null },
      'true',
    ],
    [
      { StringLike: { 'iam:PassedToService': 'sagemaker.*' } },
      { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
      'true',
    ],
    [
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sagemaker:*:1:*' } },
      { 'aws:SourceArn': 'arn:aws:sagemaker:eu-west-1:2:x' },
      'false',
    ],
    [
      { Null: { 'aws:MultiFactorAuthAge': 'true' } },
      { 'aws:MultiFactorAuthAge': null },
      'true',
    ],
    [
      { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
      { 'aws:TagKeys': ['c', 'b'] },
      'true',
    ],
    [
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
      { 'aws:TagKeys': ['c', 'b'] },
      'false',
    ],
    [
      { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
      { 'aws:MultiFactorAuthAge': 60 },
      'true',
    ],
    [
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { 'aws:SourceIp': '10.1.2.3' },
      'unresolved',
    ],
  ])('%j with %j is %s', (condition, context, expected) => {
    expect(evaluateCondition(condition as never, context as never)).toBe(
      expected,
    );
  });
});

describe('parsePolicyDocument', () => {
  const document = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ],
  };

  it('accepts an object, a JSON string and a URL-encoded JSON string alike', () => {
    expect(parsePolicyDocument(document)).toEqual(document);
    expect(parsePolicyDocument(JSON.stringify(document))).toEqual(document);
    expect(
      parsePolicyDocument(encodeURIComponent(JSON.stringify(document))),
    ).toEqual(document);
  });

  it('decodes what IAM returns (URL-encoded, + for spaces kept as JSON whitespace)', () => {
    const iam =
      '%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22sagemaker.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D';
    expect(statementsOf(parsePolicyDocument(iam))[0].Principal).toEqual({
      Service: 'sagemaker.amazonaws.com',
    });
  });

  it('round-trips any document through every encoding (property)', () => {
    const statement = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny'),
      Action: fc.array(fc.string({ minLength: 1, maxLength: 20 }), {
        minLength: 1,
        maxLength: 3,
      }),
      Resource: fc.constantFrom(
        '*',
        'arn:aws:s3:::a b/*',
        'arn:aws:iam::1:role/x+y',
      ),
    });
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 1, maxLength: 3 }),
        statements => {
          const value = { Version: '2012-10-17', Statement: statements };
          expect(
            parsePolicyDocument(encodeURIComponent(JSON.stringify(value))),
          ).toEqual(value);
          expect(parsePolicyDocument(JSON.stringify(value))).toEqual(value);
        },
      ),
    );
  });

  it.each([
    ['not json', /neither JSON nor URL-encoded JSON/],
    ['{"Version": "2012-10-17"}', /no Statement/],
    ['{broken', /not valid JSON/],
    [42, /must be a JSON object/],
    [null, /must be a JSON object/],
  ])('rejects %j with a clear error', (input, message) => {
    expect(() => parsePolicyDocument(input)).toThrow(message);
  });
});
