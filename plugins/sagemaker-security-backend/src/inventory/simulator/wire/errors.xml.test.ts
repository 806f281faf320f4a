/**
 * Errors of AWS Query (IAM, STS), EC2 Query and REST-XML (S3) as the real
 * SDK clients read them: name, HTTP status, fault, and whether the SDK's
 * retry strategy retried (attempts).
 */
import {
  internalError,
  invalidToken,
  notFound,
  regionDisabled,
  throttled,
} from '../awsErrors';
import { ATTEMPTS, BUCKET, denied, send } from './__testUtils__/sendThrough';

describe('XML protocol errors, as the SDK reads them', () => {
  it.each([
    // AWS Query
    [
      'iam',
      'GetRole',
      'AccessDenied',
      403,
      'client',
      1,
      { RoleName: 'r' },
      denied('iam', 'iam:GetRole'),
    ],
    [
      'iam',
      'GetRole',
      'NoSuchEntityException',
      404,
      'client',
      1,
      { RoleName: 'r' },
      () => notFound('iam', 'Role r'),
    ],
    [
      'iam',
      'GetRole',
      'Throttling',
      400,
      'client',
      ATTEMPTS,
      { RoleName: 'r' },
      () => throttled('iam', 'iam:GetRole'),
    ],
    [
      'iam',
      'GetRole',
      'ServiceFailureException',
      500,
      'server',
      ATTEMPTS,
      { RoleName: 'r' },
      () => internalError('iam'),
    ],
    [
      'iam',
      'GetRole',
      'InvalidClientTokenId',
      403,
      'client',
      1,
      { RoleName: 'r' },
      () => invalidToken('iam'),
    ],
    [
      'sts',
      'GetCallerIdentity',
      'AccessDenied',
      403,
      'client',
      1,
      {},
      denied('sts', 'sts:GetCallerIdentity'),
    ],
    // EC2 Query
    [
      'ec2',
      'DescribeSubnets',
      'UnauthorizedOperation',
      403,
      'client',
      1,
      {},
      denied('ec2', 'ec2:DescribeSubnets'),
    ],
    [
      'ec2',
      'DescribeSubnets',
      'RequestLimitExceeded',
      503,
      'server',
      ATTEMPTS,
      {},
      () => throttled('ec2', 'ec2:DescribeSubnets'),
    ],
    [
      'ec2',
      'DescribeSubnets',
      'InternalError',
      500,
      'server',
      ATTEMPTS,
      {},
      () => internalError('ec2'),
    ],
    [
      'ec2',
      'DescribeSubnets',
      'OptInRequired',
      403,
      'client',
      1,
      {},
      () => regionDisabled('ec2', 'eu-west-1'),
    ],
    // REST-XML
    [
      's3',
      'GetBucketPolicy',
      'AccessDenied',
      403,
      'client',
      1,
      BUCKET,
      denied('s3', 's3:GetBucketPolicy'),
    ],
    [
      's3',
      'GetBucketPolicy',
      'NoSuchBucketPolicy',
      404,
      'client',
      1,
      BUCKET,
      undefined,
    ],
    [
      's3',
      'GetBucketEncryption',
      'ServerSideEncryptionConfigurationNotFoundError',
      404,
      'client',
      1,
      BUCKET,
      undefined,
    ],
    [
      's3',
      'GetPublicAccessBlock',
      'NoSuchPublicAccessBlockConfiguration',
      404,
      'client',
      1,
      BUCKET,
      undefined,
    ],
    [
      's3',
      'GetBucketPolicy',
      'NoSuchBucket',
      404,
      'client',
      1,
      { Bucket: 'gone' },
      undefined,
    ],
    [
      's3',
      'GetBucketPolicy',
      'SlowDown',
      503,
      'server',
      ATTEMPTS,
      BUCKET,
      () => throttled('s3', 's3:GetBucketPolicy'),
    ],
    [
      's3',
      'GetBucketPolicy',
      'InternalError',
      500,
      'server',
      ATTEMPTS,
      BUCKET,
      () => internalError('s3'),
    ],
    [
      's3',
      'GetBucketPolicy',
      'InvalidAccessKeyId',
      403,
      'client',
      1,
      BUCKET,
      () => invalidToken('s3'),
    ],
    // A HEAD answer has no body: the SDK names the error by its status.
    [
      's3',
      'HeadBucket',
      'NotFound',
      404,
      'client',
      1,
      BUCKET,
      () => notFound('s3', 'Bucket no-config'),
    ],
  ] as const)(
    '%s %s: %s %i (%s fault, %i attempts)',
    async (
      service,
      operation,
      name,
      status,
      fault,
      attempts,
      input,
      answer,
    ) => {
      const { error, attempts: counts } = await send({
        service,
        operation,
        input,
        answer,
      });
      expect(error).toBeInstanceOf(Error);
      expect({
        name: error.name,
        status: error.$metadata?.httpStatusCode,
        fault: error.$fault,
        attempts: error.$metadata?.attempts,
      }).toEqual({ name, status, fault, attempts });
      expect(error.$metadata.requestId).toBeDefined();
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(attempts);
      // Only a HEAD answer (no body) has no message.
      expect(error.message === 'UnknownError').toBe(operation === 'HeadBucket');
    },
  );
});
