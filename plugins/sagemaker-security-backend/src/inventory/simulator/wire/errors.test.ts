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
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { AwsSimulator } from '../AwsSimulator';
import {
  accessDenied,
  internalError,
  invalidToken,
  MalformedAnswer,
  notFound,
  regionDisabled,
  SimulatedAwsError,
  throttled,
} from '../awsErrors';
import type { Estate } from '../estate';
import { sdkClientOf, SimService } from './services';

const ACCOUNT = '123456789012';
const KEY = 'AKIAERRORTESTKEY0001';
const ATTEMPTS = 3;

const estate = (): Estate => ({
  name: 'errors',
  accounts: [
    {
      accountId: ACCOUNT,
      regions: [{ region: 'eu-west-1', sagemaker: {} }],
      buckets: [{ name: 'no-config', region: 'eu-west-1' }],
    },
  ],
});

interface Sent {
  service: SimService;
  operation: string;
  input?: Record<string, unknown>;
  /** What the simulated AWS answers instead of the estate's answer. */
  answer?: () => SimulatedAwsError | MalformedAnswer;
  accessKeyId?: string;
  method?: string;
}

async function send(sent: Sent) {
  const simulator = new AwsSimulator(estate(), {
    accessKeys: { [KEY]: ACCOUNT },
  });
  if (sent.answer) {
    const answer = sent.answer;
    simulator.intercept(async () => {
      throw answer();
    });
  }
  const { Client, command } = sdkClientOf(sent.service);
  const client = new Client({
    region: 'eu-west-1',
    credentials: {
      accessKeyId: sent.accessKeyId ?? KEY,
      secretAccessKey: 'errors',
    },
    requestHandler: simulator,
    retryStrategy: new ConfiguredRetryStrategy(ATTEMPTS, 1),
  });
  const Command = command(sent.operation);
  const error = await client.send(new Command(sent.input ?? {})).then(
    () => undefined,
    e => e,
  );
  client.destroy();
  return { error, attempts: simulator.callCounts };
}

const BUCKET = { Bucket: 'no-config' };
const denied = (service: SimService, action: string) => () =>
  accessDenied(service, ACCOUNT, action);

describe('errors on the wire, as the SDK reads them', () => {
  it.each([
    // AWS JSON 1.1
    [
      'sagemaker',
      'ListModels',
      'AccessDeniedException',
      400,
      'client',
      1,
      {},
      denied('sagemaker', 'sagemaker:ListModels'),
    ],
    [
      'sagemaker',
      'DescribeModel',
      'ResourceNotFound',
      400,
      'client',
      1,
      { ModelName: 'm' },
      () => notFound('sagemaker', 'Model m'),
    ],
    [
      'sagemaker',
      'ListModels',
      'ThrottlingException',
      400,
      'client',
      ATTEMPTS,
      {},
      () => throttled('sagemaker', 'sagemaker:ListModels'),
    ],
    [
      'sagemaker',
      'ListModels',
      'InternalFailure',
      500,
      'server',
      ATTEMPTS,
      {},
      () => internalError('sagemaker'),
    ],
    [
      'sagemaker',
      'ListModels',
      'UnrecognizedClientException',
      400,
      'client',
      1,
      {},
      () => regionDisabled('sagemaker', 'eu-west-1'),
    ],
    [
      'kms',
      'DescribeKey',
      'NotFoundException',
      400,
      'client',
      1,
      { KeyId: 'k' },
      () => notFound('kms', 'Key k'),
    ],
    [
      'kms',
      'DescribeKey',
      'KMSInternalException',
      500,
      'server',
      ATTEMPTS,
      { KeyId: 'k' },
      () => internalError('kms'),
    ],
    [
      'logs',
      'DescribeLogGroups',
      'AccessDeniedException',
      400,
      'client',
      1,
      {},
      denied('logs', 'logs:DescribeLogGroups'),
    ],
    [
      'cloudtrail',
      'DescribeTrails',
      'AccessDeniedException',
      400,
      'client',
      1,
      {},
      denied('cloudtrail', 'cloudtrail:DescribeTrails'),
    ],
    [
      'cloudtrail',
      'GetTrailStatus',
      'TrailNotFoundException',
      400,
      'client',
      1,
      { Name: 't' },
      () => notFound('cloudtrail', 'Trail t'),
    ],
    // AWS JSON 1.0, awsQueryCompatible: the Query code of x-amzn-query-error
    [
      'cloudwatch',
      'DescribeAlarms',
      'AccessDenied',
      403,
      'client',
      1,
      {},
      denied('cloudwatch', 'cloudwatch:DescribeAlarms'),
    ],
    [
      'cloudwatch',
      'DescribeAlarms',
      'Throttling',
      400,
      'client',
      ATTEMPTS,
      {},
      () => throttled('cloudwatch', 'cloudwatch:DescribeAlarms'),
    ],
    [
      'cloudwatch',
      'DescribeAlarms',
      'ResourceNotFound',
      404,
      'client',
      1,
      {},
      () => notFound('cloudwatch', 'Alarm a'),
    ],
    [
      'cloudwatch',
      'DescribeAlarms',
      'InternalServiceFault',
      500,
      'server',
      ATTEMPTS,
      {},
      () => internalError('cloudwatch'),
    ],
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
      if (name !== 'NotFound') expect(error.message).not.toBe('UnknownError');
    },
  );

  it('arrives as the SDK modelled error classes', async () => {
    const cases: Array<[Sent, new (...args: any[]) => Error]> = [
      [
        {
          service: 'sagemaker',
          operation: 'DescribeModel',
          input: { ModelName: 'm' },
          answer: () => notFound('sagemaker', 'm'),
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
