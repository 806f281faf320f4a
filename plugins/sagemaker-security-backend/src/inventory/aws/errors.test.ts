/**
 * Error classification on the wire: real SDK v3 clients call a local HTTP
 * server answering with AWS's own error bytes in each protocol (AWS JSON
 * 1.1, AWS JSON 1.0 awsQueryCompatible, AWS Query, EC2 Query, REST-XML);
 * the SDK's deserializers build the errors.
 */
import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import {
  ec2Error,
  htmlPage,
  jsonError,
  queryCompatibleJsonError,
  queryError,
  restJsonError,
  s3Error,
  WireAnswer,
} from '../__testUtils__/awsWire';
import { classifiedOnTheWire, DENIED } from '../__testUtils__/sdkCalls';
import { isNotConfigured } from './errors';

const PROTOCOL_CASES: Array<
  [string, WireAnswer, CollectionError['kind'], string | undefined]
> = [
  // AWS JSON 1.1
  [
    'sagemaker:ListModels',
    jsonError(400, 'AccessDeniedException', DENIED('sagemaker:ListModels')),
    'access_denied',
    'AccessDeniedException',
  ],
  [
    'kms:DescribeKey',
    jsonError(
      400,
      'AccessDeniedException',
      DENIED('kms:DescribeKey', 'arn:aws:kms:us-east-1:123456789012:key/k'),
    ),
    'access_denied',
    'AccessDeniedException',
  ],
  [
    'cloudtrail:DescribeTrails',
    jsonError(
      400,
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    ),
    'region_disabled',
    'UnrecognizedClientException',
  ],
  [
    'logs:DescribeLogGroups',
    jsonError(
      400,
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    ),
    'not_found',
    'ResourceNotFoundException',
  ],
  [
    'sagemaker:DescribeModel',
    jsonError(400, 'ValidationException', 'Could not find model "churn".'),
    'not_found',
    'ValidationException',
  ],
  [
    'sagemaker:ListModels',
    jsonError(400, 'ValidationException', '1 validation error detected'),
    'other',
    'ValidationException',
  ],
  [
    'sagemaker:ListModels',
    jsonError(
      400,
      'ExpiredTokenException',
      'The security token included in the request is expired',
    ),
    'credentials_unavailable',
    'ExpiredTokenException',
  ],
  [
    'sagemaker:ListModels',
    jsonError(500, 'InternalFailure', 'We encountered an internal error.'),
    'other',
    'InternalFailure',
  ],
  // AWS JSON 1.0, awsQueryCompatible
  [
    'cloudwatch:DescribeAlarms',
    queryCompatibleJsonError(
      403,
      'AccessDeniedException',
      'AccessDenied',
      DENIED('cloudwatch:DescribeAlarms'),
    ),
    'access_denied',
    'AccessDenied',
  ],
  [
    'cloudwatch:DescribeAlarms',
    queryCompatibleJsonError(
      400,
      'ThrottlingException',
      'Throttling',
      'Rate exceeded',
    ),
    'throttled',
    'Throttling',
  ],
  // REST-JSON 1 (GuardDuty)
  [
    'guardduty:ListDetectors',
    restJsonError(
      403,
      'AccessDeniedException',
      DENIED('guardduty:ListDetectors'),
    ),
    'access_denied',
    'AccessDeniedException',
  ],
  [
    'guardduty:ListDetectors',
    restJsonError(429, 'TooManyRequestsException', 'Rate exceeded'),
    'throttled',
    'TooManyRequestsException',
  ],
  // AWS Query
  [
    'iam:GetRole',
    queryError(403, 'AccessDenied', DENIED('iam:GetRole', 'role r')),
    'access_denied',
    'AccessDenied',
  ],
  [
    'iam:GetRole',
    queryError(404, 'NoSuchEntity', 'The role with name r cannot be found.'),
    'not_found',
    'NoSuchEntity',
  ],
  [
    'iam:GetRole',
    queryError(
      403,
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
    ),
    'region_disabled',
    'InvalidClientTokenId',
  ],
  [
    'sts:AssumeRole',
    queryError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
      'https://sts.amazonaws.com/doc/2011-06-15/',
    ),
    'credentials_unavailable',
    'SignatureDoesNotMatch',
  ],
  // EC2 Query
  [
    'ec2:DescribeSubnets',
    ec2Error(
      403,
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. ${DENIED(
        'ec2:DescribeSubnets',
      )}. Encoded authorization failure message: AbCdEf0123`,
    ),
    'access_denied',
    'UnauthorizedOperation',
  ],
  [
    'ec2:DescribeSubnets',
    ec2Error(
      400,
      'InvalidSubnetID.NotFound',
      "The subnet ID 'subnet-1' does not exist",
    ),
    'not_found',
    'InvalidSubnetID.NotFound',
  ],
  [
    'ec2:DescribeSubnets',
    ec2Error(401, 'OptInRequired', 'You are not subscribed to this service.'),
    'region_disabled',
    'OptInRequired',
  ],
  [
    'ec2:DescribeSubnets',
    ec2Error(
      401,
      'AuthFailure',
      'AWS was not able to validate the provided access credentials',
    ),
    'credentials_unavailable',
    'AuthFailure',
  ],
  // REST-XML
  [
    's3:GetBucketPolicy',
    s3Error(403, 'AccessDenied', 'Access Denied'),
    'access_denied',
    'AccessDenied',
  ],
  [
    's3:GetBucketPolicy',
    s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist'),
    'not_found',
    'NoSuchBucket',
  ],
  [
    's3:GetBucketPolicy',
    s3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    ),
    'credentials_unavailable',
    'InvalidAccessKeyId',
  ],
  // Not a protocol answer at all: moto's page for an unimplemented operation.
  ['sagemaker:ListModels', htmlPage(500), 'invalid_response', 'SyntaxError'],
  ['iam:GetRole', htmlPage(500), 'invalid_response', undefined],
];

describe('classifyError, per protocol, through the SDK deserializers', () => {
  it.each(
    PROTOCOL_CASES.map(([action, answer, kind, code]) => [
      action,
      code ?? 'an HTML page',
      answer.status,
      kind,
      answer,
    ]),
  )(
    '%s answered %s (HTTP %i) is %s',
    async (action, code, status, kind, answer) => {
      const error = await classifiedOnTheWire(action, answer);
      expect(error).toMatchObject({ kind, action });
      expect(error.code).toBe(code === 'an HTML page' ? undefined : code);
      expect(error.message).toContain(`(HTTP ${status})`);
    },
  );

  it('classifies an S3 AccessDenied on the wire as access_denied naming s3:GetBucketPolicy (was TypeError)', async () => {
    const error = await classifiedOnTheWire(
      's3:GetBucketPolicy',
      s3Error(
        403,
        'AccessDenied',
        `${DENIED('s3:GetBucketPolicy', '"arn:aws:s3:::ml-artifacts"').replace(
          'identity-based',
          'resource-based',
        )}`,
      ),
    );
    expect(error).toEqual({
      kind: 'access_denied',
      action: 's3:GetBucketPolicy',
      target: 'ml-artifacts',
      code: 'AccessDenied',
      attempts: 1,
      message:
        'Not authorized to perform s3:GetBucketPolicy (HTTP 403): User: arn:aws:sts::123456789012:assumed-role/Scanner/backstage is not authorized to perform: s3:GetBucketPolicy on resource: "arn:aws:s3:::ml-artifacts" because no resource-based policy allows the s3:GetBucketPolicy action',
    });
  });

  it("keeps EC2's access-denied sentence but not its encoded authorization message", async () => {
    const error = await classifiedOnTheWire(
      'ec2:DescribeSubnets',
      ec2Error(
        403,
        'UnauthorizedOperation',
        `You are not authorized to perform this operation. ${DENIED(
          'ec2:DescribeSubnets',
        )}. Encoded authorization failure message: AbCdEf0123`,
      ),
    );
    expect(error.message).toBe(
      `Not authorized to perform ec2:DescribeSubnets (HTTP 403): ${DENIED(
        'ec2:DescribeSubnets',
      )}`,
    );
  });

  it.each([
    [
      's3:GetBucketPolicy',
      'NoSuchBucketPolicy',
      'The bucket policy does not exist',
    ],
    [
      's3:GetEncryptionConfiguration',
      'ServerSideEncryptionConfigurationNotFoundError',
      'The server side encryption configuration was not found',
    ],
    [
      's3:GetBucketPublicAccessBlock',
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
    ],
    ['s3:GetBucketTagging', 'NoSuchTagSet', 'The TagSet does not exist'],
  ])(
    'recognises S3 %s answering %s as "not configured"',
    async (action, code, message) => {
      const error = await classifiedOnTheWire(
        action,
        s3Error(404, code, message),
      );
      expect(error).toMatchObject({ kind: 'not_found', code });
      expect(isNotConfigured(error)).toBe(true);
    },
  );

  it('does not take a missing bucket for a bucket without a policy', async () => {
    const error = await classifiedOnTheWire(
      's3:GetBucketPolicy',
      s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist'),
    );
    expect(isNotConfigured(error)).toBe(false);
  });

  it.each<[string, string, WireAnswer]>([
    [
      'sagemaker:ListModels',
      'ThrottlingException',
      jsonError(400, 'ThrottlingException', 'Rate exceeded'),
    ],
    [
      'ec2:DescribeSubnets',
      'RequestLimitExceeded',
      ec2Error(503, 'RequestLimitExceeded', 'Request limit exceeded.'),
    ],
    [
      's3:GetBucketPolicy',
      'SlowDown',
      s3Error(503, 'SlowDown', 'Please reduce your request rate.'),
    ],
    [
      'iam:GetRole',
      'Throttling',
      queryError(400, 'Throttling', 'Rate exceeded'),
    ],
  ])(
    '%s answered %s is throttled after the SDK retried',
    async (action, code, answer) => {
      const error = await classifiedOnTheWire(action, answer, 2);
      expect(error).toMatchObject({ kind: 'throttled', code, attempts: 2 });
      expect(error.message).toContain('after 2 attempts');
    },
  );
});
