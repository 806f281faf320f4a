/**
 * Errors of the AWS JSON protocols (1.1; CloudWatch's 1.0 in its
 * awsQueryCompatible form; GuardDuty's REST-JSON 1) as the real SDK
 * clients read them: name, HTTP
 * status, fault, and whether the SDK's retry strategy retried (attempts).
 */
import {
  internalError,
  notFound,
  regionDisabled,
  throttled,
} from '../awsErrors';
import { ATTEMPTS, denied, send } from './__testUtils__/sendThrough';

describe('JSON protocol errors, as the SDK reads them', () => {
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
      'ValidationException',
      400,
      'client',
      1,
      { ModelName: 'm' },
      () => notFound('sagemaker', "model 'm'"),
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
    // REST-JSON 1
    [
      'guardduty',
      'ListDetectors',
      'AccessDeniedException',
      403,
      'client',
      1,
      {},
      denied('guardduty', 'guardduty:ListDetectors'),
    ],
    [
      'guardduty',
      'GetDetector',
      'BadRequestException',
      400,
      'client',
      1,
      { DetectorId: 'd' },
      () => notFound('guardduty', 'Detector d'),
    ],
    [
      'guardduty',
      'ListDetectors',
      'ThrottlingException',
      400,
      'client',
      ATTEMPTS,
      {},
      () => throttled('guardduty', 'guardduty:ListDetectors'),
    ],
    [
      'guardduty',
      'GetDetector',
      'InternalServerErrorException',
      500,
      'server',
      ATTEMPTS,
      { DetectorId: 'd' },
      () => internalError('guardduty'),
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
      expect(error.message).not.toBe('UnknownError');
    },
  );
});
