import type { AwsService } from '../aws/actions';

/**
 * Errors shaped like the SDK's service exceptions: the retry strategy reads
 * `$metadata.httpStatusCode`, `$retryable` and the name, exactly as for AWS.
 */
export function awsError(
  name: string,
  message: string,
  httpStatusCode: number,
  extra: { throttling?: boolean } = {},
): Error {
  const error = new Error(message);
  return Object.assign(error, {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'simulated', attempts: 1 },
    ...(extra.throttling ? { $retryable: { throttling: true } } : {}),
  });
}

const ACCESS_DENIED: Record<AwsService, string> = {
  sagemaker: 'AccessDeniedException',
  iam: 'AccessDenied',
  kms: 'AccessDeniedException',
  s3: 'AccessDenied',
  ec2: 'UnauthorizedOperation',
  cloudtrail: 'AccessDeniedException',
  cloudwatch: 'AccessDenied',
  logs: 'AccessDeniedException',
};

const NOT_FOUND: Record<AwsService, [string, number]> = {
  sagemaker: ['ResourceNotFound', 400],
  iam: ['NoSuchEntity', 404],
  kms: ['NotFoundException', 400],
  s3: ['NoSuchBucket', 404],
  ec2: ['InvalidParameterValue.NotFound', 400],
  cloudtrail: ['TrailNotFoundException', 400],
  cloudwatch: ['ResourceNotFound', 404],
  logs: ['ResourceNotFoundException', 400],
};

export function accessDenied(
  service: AwsService,
  accountId: string,
  action: string,
  target?: string,
) {
  return awsError(
    ACCESS_DENIED[service],
    `User: arn:aws:sts::${accountId}:assumed-role/backstage-sagemaker-security/scan is not authorized to perform: ${action} on resource: ${
      target ?? '*'
    }`,
    403,
  );
}

export function notFound(service: AwsService, what: string) {
  const [name, status] = NOT_FOUND[service];
  return awsError(name, `${what} does not exist`, status);
}

export function throttled(action: string) {
  return awsError('ThrottlingException', `Rate exceeded for ${action}`, 400, {
    throttling: true,
  });
}

export function internalError() {
  return awsError(
    'InternalFailure',
    'We encountered an internal error. Please try again.',
    500,
  );
}

export function regionDisabled(service: AwsService, region: string) {
  return service === 'ec2'
    ? awsError(
        'OptInRequired',
        `You are not subscribed to this service in ${region}.`,
        403,
      )
    : awsError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        400,
      );
}

export function malformed() {
  return Object.assign(
    new Error(
      'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
    ),
    { name: 'SyntaxError', $metadata: { httpStatusCode: 200 } },
  );
}
