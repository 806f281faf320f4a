import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import {
  errorSentence,
  formatRelative,
  groupErrors,
  groupSentence,
  kindsAndActions,
} from './describe';

const where = { accountId: '111122223333', region: 'us-east-1' };

describe('errorSentence', () => {
  it.each<[CollectionError, string]>([
    [
      {
        kind: 'access_denied',
        action: 'iam:GetRolePolicy',
        target: 'FraudRole',
        message: 'not authorized',
      },
      'Access denied for account 111122223333 (us-east-1): the scan may not call iam:GetRolePolicy on FraudRole',
    ],
    [
      {
        kind: 'access_denied',
        action: 'sts:AssumeRole',
        target: '111122223333',
        message: 'not authorized',
      },
      'Access denied for account 111122223333 (us-east-1): the scan may not call sts:AssumeRole',
    ],
    [
      {
        kind: 'throttled',
        action: 'sagemaker:ListModels',
        message: 'Rate exceeded',
      },
      "Throttled in account 111122223333 (us-east-1): AWS kept throttling sagemaker:ListModels after the SDK's retries",
    ],
    [
      {
        kind: 'not_found',
        action: 'iam:GetRole',
        target: 'LegacyRole',
        message: 'NoSuchEntity',
      },
      'Not found in account 111122223333 (us-east-1): LegacyRole (iam:GetRole)',
    ],
    [
      {
        kind: 'region_disabled',
        action: 'sagemaker:ListNotebookInstances',
        message: 'OptInRequired',
      },
      'Region us-east-1 is not enabled for account 111122223333',
    ],
    [
      {
        kind: 'endpoint_unreachable',
        action: 'sagemaker:ListModels',
        message: 'getaddrinfo ENOTFOUND sagemaker.example.invalid',
      },
      'Endpoint unreachable for account 111122223333 (us-east-1): sagemaker:ListModels could not connect: getaddrinfo ENOTFOUND sagemaker.example.invalid',
    ],
    [
      {
        kind: 'credentials_unavailable',
        action: 'sts:AssumeRole',
        message: 'could not assume role arn:aws:iam::111122223333:role/scan',
      },
      'Credentials unavailable for account 111122223333 (us-east-1): could not assume role arn:aws:iam::111122223333:role/scan',
    ],
    [
      {
        kind: 'invalid_response',
        action: 's3:GetBucketPolicy',
        message: 'Unexpected token',
      },
      'Invalid response in account 111122223333 (us-east-1): the answer to s3:GetBucketPolicy could not be read',
    ],
    [
      { kind: 'other', action: 'kms:DescribeKey', message: 'socket hang up' },
      'kms:DescribeKey failed in account 111122223333 (us-east-1): socket hang up',
    ],
  ])('says what a %s error means', (error, sentence) => {
    expect(errorSentence(error, where)).toBe(sentence);
  });
});

describe('grouping', () => {
  const errors: CollectionError[] = [
    {
      kind: 'access_denied',
      action: 'iam:GetRolePolicy',
      target: 'A',
      message: '',
    },
    { kind: 'throttled', action: 'sagemaker:DescribeModel', message: '' },
    {
      kind: 'access_denied',
      action: 'iam:GetRolePolicy',
      target: 'B',
      message: '',
    },
    {
      kind: 'access_denied',
      action: 'kms:GetKeyPolicy',
      target: 'k',
      message: '',
    },
  ];

  it('groups by kind and action, most frequent first, naming no target of several', () => {
    const groups = groupErrors(errors);
    expect(groups.map(g => [g.kind, g.action, g.count])).toEqual([
      ['access_denied', 'iam:GetRolePolicy', 2],
      ['throttled', 'sagemaker:DescribeModel', 1],
      ['access_denied', 'kms:GetKeyPolicy', 1],
    ]);
    expect(groupSentence(groups[0], where)).toBe(
      'Access denied for account 111122223333 (us-east-1): the scan may not call iam:GetRolePolicy (2 calls)',
    );
  });

  it('lists kinds with their actions', () => {
    expect(kindsAndActions(errors)).toBe(
      'Access denied (iam:GetRolePolicy, kms:GetKeyPolicy); Throttled (sagemaker:DescribeModel)',
    );
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-27T12:00:00.000Z');
  it.each([
    ['2026-11-27T11:55:00.000Z', '5 minutes ago'],
    ['2026-11-27T09:00:00.000Z', '3 hours ago'],
    ['2026-11-26T12:00:00.000Z', 'yesterday'],
    ['2026-11-27T12:00:00.000Z', 'now'],
    [undefined, '—'],
    ['not a date', '—'],
  ])('%s reads as %s', (time, text) => {
    expect(formatRelative(time, now)).toBe(text);
  });
});
