import { SimService, wireService } from './wire/services';

/**
 * An error answer of the simulated AWS: the error code and message as the
 * service sends them, its HTTP status and any extra fields of the error
 * body (e.g. S3's `BucketName`). The protocol codec of the service puts it
 * on the wire; the SDK's own deserializer makes the error the caller sees.
 */
export class SimulatedAwsError extends Error {
  name = 'SimulatedAwsError';
  constructor(
    readonly code: string,
    message: string,
    /** Absent: the status the SDK model gives the code, else 400. */
    readonly status?: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A 200 answer whose body the SDK cannot parse (a malformed answer). */
export class MalformedAnswer extends Error {
  name = 'MalformedAnswer';
}

export function awsError(
  code: string,
  message: string,
  status?: number,
  fields?: Record<string, string>,
): SimulatedAwsError {
  return new SimulatedAwsError(code, message, status, fields);
}

type Style = 'json' | 'queryJson' | 'query' | 'ec2' | 's3';

/** How a service's errors look: by the protocol its SDK speaks. */
function styleOf(service: SimService): Style {
  const { protocol, settings } = wireService(service);
  switch (protocol) {
    case 'aws.protocols#awsQuery':
      return 'query';
    case 'aws.protocols#ec2Query':
      return 'ec2';
    case 'aws.protocols#restXml':
      return 's3';
    default:
      return settings.awsQueryCompatible ? 'queryJson' : 'json';
  }
}

const byStyle = (
  service: SimService,
  codes: Record<Style, [string, number]>,
  message: string,
) => {
  const [code, status] = codes[styleOf(service)];
  return awsError(code, message, status);
};

const ACCESS_DENIED: Record<SimService, [string, number]> = {
  sagemaker: ['AccessDeniedException', 400],
  iam: ['AccessDenied', 403],
  kms: ['AccessDeniedException', 400],
  s3: ['AccessDenied', 403],
  ec2: ['UnauthorizedOperation', 403],
  cloudtrail: ['AccessDeniedException', 400],
  cloudwatch: ['AccessDenied', 403],
  logs: ['AccessDeniedException', 400],
  guardduty: ['AccessDeniedException', 403],
  sts: ['AccessDenied', 403],
  securityhub: ['AccessDeniedException', 403],
  tag: ['AccessDeniedException', 400],
};

/**
 * Not found, as each service answers it. SageMaker's Describe* calls answer
 * 400 ValidationException "Could not find ..." (as AWS and moto do), not
 * its modelled ResourceNotFound.
 */
const NOT_FOUND: Record<SimService, [string, number]> = {
  sagemaker: ['ValidationException', 400],
  iam: ['NoSuchEntity', 404],
  kms: ['NotFoundException', 400],
  s3: ['NoSuchBucket', 404],
  ec2: ['InvalidParameterValue.NotFound', 400],
  cloudtrail: ['TrailNotFoundException', 400],
  cloudwatch: ['ResourceNotFound', 404],
  logs: ['ResourceNotFoundException', 400],
  guardduty: ['BadRequestException', 400],
  sts: ['NoSuchEntity', 404],
  securityhub: ['ResourceNotFoundException', 404],
  tag: ['InvalidParameterException', 400],
};

export function accessDenied(
  service: SimService,
  accountId: string,
  action: string,
  target?: string,
) {
  const [code, status] = ACCESS_DENIED[service];
  return awsError(
    code,
    `User: arn:aws:sts::${accountId}:assumed-role/backstage-sagemaker-security/scan is not authorized to perform: ${action} on resource: ${
      target ?? '*'
    }`,
    status,
  );
}

export function notFound(service: SimService, what: string) {
  const [code, status] = NOT_FOUND[service];
  return awsError(
    code,
    service === 'sagemaker'
      ? `Could not find ${what}.`
      : `${what} does not exist`,
    status,
  );
}

/** The service's throttling answer, which the SDK's retry strategy retries. */
export function throttled(service: SimService, action: string) {
  return byStyle(
    service,
    {
      json: ['ThrottlingException', 400],
      queryJson: ['Throttling', 400],
      query: ['Throttling', 400],
      ec2: ['RequestLimitExceeded', 503],
      s3: ['SlowDown', 503],
    },
    `Rate exceeded for ${action}`,
  );
}

export function internalError(service: SimService) {
  const modelled: Partial<Record<SimService, string>> = {
    iam: 'ServiceFailure',
    kms: 'KMSInternalException',
    cloudwatch: 'InternalServiceError',
    guardduty: 'InternalServerErrorException',
  };
  const message = 'We encountered an internal error. Please try again.';
  const code = modelled[service];
  if (code) return awsError(code, message, 500);
  return byStyle(
    service,
    {
      json: ['InternalFailure', 500],
      queryJson: ['InternalFailure', 500],
      query: ['InternalFailure', 500],
      ec2: ['InternalError', 500],
      s3: ['InternalError', 500],
    },
    message,
  );
}

/** Credentials AWS does not accept: unknown, or in a region not enabled. */
export function invalidToken(service: SimService) {
  return byStyle(
    service,
    {
      json: ['UnrecognizedClientException', 400],
      queryJson: ['InvalidClientTokenId', 403],
      query: ['InvalidClientTokenId', 403],
      ec2: ['AuthFailure', 401],
      s3: ['InvalidAccessKeyId', 403],
    },
    'The security token included in the request is invalid.',
  );
}

export function regionDisabled(service: SimService, region: string) {
  return styleOf(service) === 'ec2'
    ? awsError(
        'OptInRequired',
        `You are not subscribed to this service in ${region}.`,
        403,
      )
    : invalidToken(service);
}

export function unsigned(service: SimService) {
  return byStyle(
    service,
    {
      json: ['MissingAuthenticationTokenException', 400],
      queryJson: ['MissingAuthenticationToken', 403],
      query: ['MissingAuthenticationToken', 403],
      ec2: ['AuthFailure', 401],
      s3: ['AccessDenied', 403],
    },
    'Request is missing Authentication Token',
  );
}

export function unknownOperation(service: SimService, operation: string) {
  return byStyle(
    service,
    {
      json: ['UnknownOperationException', 400],
      queryJson: ['UnknownOperationException', 400],
      query: ['InvalidAction', 400],
      ec2: ['InvalidAction', 400],
      s3: ['MethodNotAllowed', 405],
    },
    `Could not find operation ${operation}`,
  );
}

/** An operation of the service the simulator has no answer for. */
export function notSimulated(action: string) {
  return awsError(
    'NotImplemented',
    `The AWS simulator does not answer ${action}`,
    501,
  );
}
