/**
 * Error classification on the wire: real SDK v3 clients call a local HTTP
 * server answering with AWS's own error bytes in each protocol (AWS JSON
 * 1.1, AWS JSON 1.0 awsQueryCompatible, AWS Query, EC2 Query, REST-XML), or
 * fail to connect at all; the SDK's deserializers build the errors.
 */
import {
  DescribeTrailsCommand,
  CloudTrailClient,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DescribeModelCommand,
  ListModelsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { CollectionError } from '@mlsec/plugin-sagemaker-security-common';
import {
  closedPort,
  ec2Error,
  htmlPage,
  jsonError,
  queryCompatibleJsonError,
  queryError,
  s3Error,
  startAwsWire,
  UNRESOLVABLE_HOST,
  WireAnswer,
} from '../__testUtils__/awsWire';
import {
  attempt,
  classifyError,
  isNotConfigured,
  InvalidResponseError,
  required,
} from './errors';
import { SecretValues, tagWithSecrets } from './safeText';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const DENIED = (action: string, resource?: string) =>
  `User: arn:aws:sts::123456789012:assumed-role/Scanner/backstage is not authorized to perform: ${action}${
    resource ? ` on resource: ${resource}` : ''
  } because no identity-based policy allows the ${action} action`;

type Send = (endpoint: string, maxAttempts: number) => Promise<unknown>;

function config(endpoint: string, maxAttempts: number) {
  return {
    region: 'us-east-1',
    endpoint,
    maxAttempts,
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
  };
}

const calls: Record<string, Send> = {
  'sagemaker:ListModels': (e, n) =>
    new SageMakerClient(config(e, n)).send(new ListModelsCommand({})),
  'sagemaker:DescribeModel': (e, n) =>
    new SageMakerClient(config(e, n)).send(
      new DescribeModelCommand({ ModelName: 'churn' }),
    ),
  'kms:DescribeKey': (e, n) =>
    new KMSClient(config(e, n)).send(new DescribeKeyCommand({ KeyId: 'k' })),
  'cloudtrail:DescribeTrails': (e, n) =>
    new CloudTrailClient(config(e, n)).send(new DescribeTrailsCommand({})),
  'logs:DescribeLogGroups': (e, n) =>
    new CloudWatchLogsClient(config(e, n)).send(
      new DescribeLogGroupsCommand({}),
    ),
  'cloudwatch:DescribeAlarms': (e, n) =>
    new CloudWatchClient(config(e, n)).send(new DescribeAlarmsCommand({})),
  'iam:GetRole': (e, n) =>
    new IAMClient(config(e, n)).send(new GetRoleCommand({ RoleName: 'r' })),
  'sts:AssumeRole': (e, n) =>
    new STSClient(config(e, n)).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::123456789012:role/Scanner',
        RoleSessionName: 'backstage',
      }),
    ),
  'ec2:DescribeSubnets': (e, n) =>
    new EC2Client(config(e, n)).send(new DescribeSubnetsCommand({})),
  's3:GetBucketPolicy': (e, n) =>
    new S3Client({ ...config(e, n), forcePathStyle: true }).send(
      new GetBucketPolicyCommand({ Bucket: 'ml-artifacts' }),
    ),
  's3:GetEncryptionConfiguration': (e, n) =>
    new S3Client({ ...config(e, n), forcePathStyle: true }).send(
      new GetBucketEncryptionCommand({ Bucket: 'ml-artifacts' }),
    ),
  's3:GetBucketPublicAccessBlock': (e, n) =>
    new S3Client({ ...config(e, n), forcePathStyle: true }).send(
      new GetPublicAccessBlockCommand({ Bucket: 'ml-artifacts' }),
    ),
  's3:GetBucketTagging': (e, n) =>
    new S3Client({ ...config(e, n), forcePathStyle: true }).send(
      new GetBucketTaggingCommand({ Bucket: 'ml-artifacts' }),
    ),
};

/** Sends `action` to a server answering `answer` every time; the error as classified. */
async function classifiedOnTheWire(
  action: string,
  answer: WireAnswer,
  maxAttempts = 1,
): Promise<CollectionError & { attempts: number }> {
  const wire = await startAwsWire(() => answer);
  try {
    const result = await attempt(action, { target: 'ml-artifacts' }, () =>
      calls[action](wire.url, maxAttempts),
    );
    if (result.ok) throw new Error(`${action} succeeded`);
    return { ...result.error, attempts: wire.requests.length };
  } finally {
    await wire.close();
  }
}

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

describe('classifyError, when no answer comes', () => {
  it('a closed port is endpoint_unreachable, naming the address', async () => {
    const port = await closedPort();
    const result = await attempt('sagemaker:ListModels', {}, () =>
      calls['sagemaker:ListModels'](`http://127.0.0.1:${port}`, 1),
    );
    expect(!result.ok && result.error).toEqual({
      kind: 'endpoint_unreachable',
      action: 'sagemaker:ListModels',
      code: 'ECONNREFUSED',
      message: `Could not reach the endpoint of sagemaker:ListModels at 127.0.0.1:${port}: the connection was refused`,
    });
  });

  it('a host name that does not resolve is endpoint_unreachable, naming it', async () => {
    const result = await attempt('iam:GetRole', {}, () =>
      calls['iam:GetRole'](`http://${UNRESOLVABLE_HOST}:4566`, 1),
    );
    expect(!result.ok && result.error).toMatchObject({
      kind: 'endpoint_unreachable',
      code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/),
      message: expect.stringContaining(UNRESOLVABLE_HOST),
    });
  });

  it('a reset connection, a TLS failure and a timeout are endpoint_unreachable', async () => {
    const wire = await startAwsWire(r =>
      r.service === 'sagemaker' ? 'reset' : 'hang',
    );
    try {
      const reset = await attempt('sagemaker:ListModels', {}, () =>
        calls['sagemaker:ListModels'](wire.url, 1),
      );
      // TLS spoken to a plain HTTP server.
      const tls = await attempt('sagemaker:ListModels', {}, () =>
        calls['sagemaker:ListModels'](wire.url.replace('http:', 'https:'), 1),
      );
      const timeout = await attempt('kms:DescribeKey', {}, () =>
        new KMSClient({
          ...config(wire.url, 1),
          requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true },
        }).send(new DescribeKeyCommand({ KeyId: 'k' })),
      );
      expect(!reset.ok && reset.error).toMatchObject({
        kind: 'endpoint_unreachable',
        code: 'ECONNRESET',
      });
      expect(!tls.ok && tls.error).toMatchObject({
        kind: 'endpoint_unreachable',
        message: expect.stringContaining('TLS'),
      });
      expect(!timeout.ok && timeout.error).toMatchObject({
        kind: 'endpoint_unreachable',
        code: expect.stringMatching(/^(TimeoutError|ETIMEDOUT)$/),
        message: expect.stringContaining('timed out'),
      });
    } finally {
      await wire.close();
    }
  });
});

describe('what a classified error may say', () => {
  it('never repeats what an echoing endpoint sends back: key ID, token, body', async () => {
    const secrets = new SecretValues();
    secrets.remember('testing', SECRET, 'FwoGZXIvYXdzEBYaDSESSIONTOKEN');
    const wire = await startAwsWire(r => ({
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({
        // The key ID as the error code, everything sent in the message.
        __type: 'testing',
        message: `Denied: ${r.headers.authorization} ${r.headers['x-amz-security-token']} ${r.body}`,
      }),
    }));
    try {
      const error = await new SageMakerClient({
        ...config(wire.url, 1),
        credentials: {
          accessKeyId: 'testing',
          secretAccessKey: SECRET,
          sessionToken: 'FwoGZXIvYXdzEBYaDSESSIONTOKEN',
        },
      })
        .send(new ListModelsCommand({ NameContains: 'ExternalId-sEcReT' }))
        .catch(e => e);
      tagWithSecrets(error, secrets);
      const classified = classifyError(error, 'sagemaker:ListModels');
      const text = JSON.stringify(classified);
      for (const secret of [
        'testing',
        'FwoGZXIvYXdzEBYaDSESSIONTOKEN',
        'sEcReT',
        'Credential=',
      ]) {
        expect({ secret, leaked: text.includes(secret) }).toEqual({
          secret,
          leaked: false,
        });
      }
      expect(classified).toEqual({
        kind: 'other',
        action: 'sagemaker:ListModels',
        message: 'sagemaker:ListModels failed (HTTP 400)',
      });
    } finally {
      await wire.close();
    }
  });

  it('redacts a known value from the access-denied sentence it keeps', async () => {
    const secrets = new SecretValues();
    secrets.remember('testing');
    const wire = await startAwsWire(() =>
      queryError(
        403,
        'AccessDenied',
        'User: arn:aws:iam::123456789012:user/testing is not authorized to perform: iam:GetRole on resource: role r',
      ),
    );
    try {
      const error = await calls['iam:GetRole'](wire.url, 1).catch(e => e);
      tagWithSecrets(error, secrets);
      expect(classifyError(error, 'iam:GetRole').message).toBe(
        'Not authorized to perform iam:GetRole (HTTP 403): User: arn:aws:iam::123456789012:user/[redacted] is not authorized to perform: iam:GetRole on resource: role r',
      );
    } finally {
      await wire.close();
    }
  });

  it('keeps a malformed answer found by the collector as invalid_response', () => {
    expect(() => required(undefined, 'Role')).toThrow(InvalidResponseError);
    expect(
      classifyError(
        new InvalidResponseError('The response has no Role'),
        'iam:GetRole',
      ),
    ).toEqual({
      kind: 'invalid_response',
      action: 'iam:GetRole',
      code: 'InvalidResponseError',
      message:
        'The answer to iam:GetRole is malformed: The response has no Role',
    });
  });
});
