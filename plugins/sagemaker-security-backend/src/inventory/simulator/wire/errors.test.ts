/**
 * Errors as each protocol sends them, read by the real SDK clients: the
 * error's name, class, HTTP status, fault and whether the SDK's retry
 * strategy retried it (attempts).
 */
import * as cloudwatch from '@aws-sdk/client-cloudwatch';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as s3 from '@aws-sdk/client-s3';
import * as sagemaker from '@aws-sdk/client-sagemaker';
import {
  awsError,
  internalError,
  MalformedAnswer,
  notFound,
} from '../awsErrors';
import { BUCKET, send, Sent } from './__testUtils__/sendThrough';

describe('errors on the wire, as the SDK reads them', () => {
  it('arrives as the SDK modelled error classes', async () => {
    const cases: Array<[Sent, new (...args: any[]) => Error]> = [
      [
        {
          service: 'sagemaker',
          operation: 'DescribeDomain',
          input: { DomainId: 'd-x' },
          answer: () =>
            awsError('ResourceNotFound', 'Domain d-x not found', 400),
        },
        sagemaker.ResourceNotFound,
      ],
      [
        {
          service: 'iam',
          operation: 'GetRole',
          input: { RoleName: 'r' },
          answer: () => notFound('iam', 'r'),
        },
        iam.NoSuchEntityException,
      ],
      [
        {
          service: 'iam',
          operation: 'GetRole',
          input: { RoleName: 'r' },
          answer: () => internalError('iam'),
        },
        iam.ServiceFailureException,
      ],
      [
        {
          service: 'kms',
          operation: 'DescribeKey',
          input: { KeyId: 'k' },
          answer: () => notFound('kms', 'k'),
        },
        kms.NotFoundException,
      ],
      [
        {
          service: 's3',
          operation: 'GetBucketPolicy',
          input: { Bucket: 'gone' },
        },
        s3.NoSuchBucket,
      ],
      [
        { service: 's3', operation: 'GetBucketPolicy', input: BUCKET },
        s3.S3ServiceException,
      ],
      [
        {
          service: 'cloudwatch',
          operation: 'DescribeAlarms',
          answer: () => notFound('cloudwatch', 'a'),
        },
        cloudwatch.ResourceNotFound,
      ],
    ];
    for (const [sent, ErrorClass] of cases) {
      const { error } = await send(sent);
      expect(error).toBeInstanceOf(ErrorClass);
    }
  });

  it('keeps the error body fields: S3 names the bucket', async () => {
    const { error } = await send({
      service: 's3',
      operation: 'GetBucketPolicy',
      input: BUCKET,
    });
    expect(error).toMatchObject({
      name: 'NoSuchBucketPolicy',
      message: 'The bucket policy does not exist',
      BucketName: 'no-config',
    });
  });

  it('rejects credentials it does not know, per protocol', async () => {
    const names: Record<string, string> = {};
    for (const [service, operation] of [
      ['sagemaker', 'ListModels'],
      ['iam', 'ListRoles'],
      ['ec2', 'DescribeSubnets'],
      ['cloudwatch', 'DescribeAlarms'],
    ] as const) {
      const { error } = await send({
        service,
        operation,
        accessKeyId: 'AKIAUNKNOWNKEY000001',
      });
      names[service] = `${error.name} ${error.$metadata.httpStatusCode}`;
    }
    expect(names).toEqual({
      sagemaker: 'UnrecognizedClientException 400',
      iam: 'InvalidClientTokenId 403',
      ec2: 'AuthFailure 401',
      cloudwatch: 'InvalidClientTokenId 403',
    });
  });

  it.each([
    ['sagemaker', 'ListModels', {}],
    ['cloudwatch', 'DescribeAlarms', {}],
    ['iam', 'GetRole', { RoleName: 'r' }],
    ['ec2', 'DescribeSubnets', {}],
    ['s3', 'GetBucketEncryption', BUCKET],
  ] as const)(
    '%s %s: a malformed answer is a 200 the SDK cannot read, never a value',
    async (service, operation, input) => {
      const { error } = await send({
        service,
        operation,
        input,
        answer: () => new MalformedAnswer(operation),
      });
      expect(error).toBeInstanceOf(Error);
      expect(error.$metadata.httpStatusCode).toBe(200);
      expect(error.message).toContain('Deserialization error');
      expect(error.$metadata.attempts).toBe(1);
    },
  );

  it('answers an operation it does not simulate with 501, not a value', async () => {
    const { error } = await send({
      service: 'sagemaker',
      operation: 'ListApps',
    });
    expect(error).toMatchObject({
      name: 'NotImplemented',
      message: 'The AWS simulator does not answer sagemaker:ListApps',
      $metadata: { httpStatusCode: 501 },
    });
  });
});
