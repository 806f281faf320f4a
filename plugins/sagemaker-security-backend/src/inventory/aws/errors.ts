import type {
  CollectionError,
  CollectionErrorKind,
} from '@mlsec/plugin-sagemaker-security-common';

/** A response that arrived but could not be understood (e.g. an unparsable policy). */
export class InvalidResponseError extends Error {
  name = 'InvalidResponseError';
}

/**
 * A field AWS always sends, or an InvalidResponseError: a malformed answer
 * must not read as "not configured" (e.g. no ingress rules, no encryption).
 */
export function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) {
    throw new InvalidResponseError(`The response has no ${what}`);
  }
  return value;
}

/** Credentials for an account could not be obtained (e.g. the role cannot be assumed). */
export class CredentialsUnavailableError extends Error {
  name = 'CredentialsUnavailableError';
  constructor(message: string, readonly causeName?: string) {
    super(message);
  }
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);
const REGION_DISABLED = new Set([
  'OptInRequired',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
]);
const NOT_FOUND = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'NotFoundException',
  'ResourceNotFound',
  'ResourceNotFoundException',
  'NoSuchBucket',
  'TrailNotFoundException',
]);
const VALIDATION_NOT_FOUND =
  /(could not|cannot|can't) find|does not exist|not found/i;

interface AwsErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

function kindOf(error: AwsErrorLike): CollectionErrorKind {
  const name = error.name ?? '';
  const status = error.$metadata?.httpStatusCode;
  if (name === 'CredentialsUnavailableError') {
    return 'access_denied';
  }
  if (ACCESS_DENIED.has(name)) return 'access_denied';
  if (THROTTLED.has(name) || error.$retryable?.throttling || status === 429) {
    return 'throttled';
  }
  if (REGION_DISABLED.has(name)) return 'region_disabled';
  if (NOT_FOUND.has(name) || /\.NotFound$|NotFound$/.test(name)) {
    return 'not_found';
  }
  if (
    name === 'ValidationException' &&
    VALIDATION_NOT_FOUND.test(error.message ?? '')
  ) {
    return 'not_found';
  }
  if (
    name === 'InvalidResponseError' ||
    name === 'SyntaxError' ||
    /^Deserialization error/.test(error.message ?? '')
  ) {
    return 'invalid_response';
  }
  return 'other';
}

/** Strips anything shaped like an access key ID from AWS's message. */
function sanitize(message: string): string {
  return message
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '[redacted]')
    .slice(0, 1000);
}

/** Classifies a failed call as a {@link CollectionError} recorded against its target. */
export function classifyError(
  error: unknown,
  action: string,
  where: { target?: string; field?: string } = {},
): CollectionError {
  const e = (error ?? {}) as AwsErrorLike;
  const kind = kindOf(e);
  const code = e.name && e.name !== 'Error' ? e.name : undefined;
  let message = sanitize(e.message || String(error));
  if (kind === 'throttled') {
    message = `Throttled after retries: ${message}`;
  } else if (kind === 'region_disabled') {
    message = `Region not enabled for the account (or credentials not valid there): ${message}`;
  } else if (kind === 'access_denied' && !message.includes(action)) {
    message = `Not authorized to perform ${action}: ${message}`;
  }
  return {
    kind,
    action,
    ...(where.field ? { field: where.field } : {}),
    ...(where.target ? { target: where.target } : {}),
    ...(code ? { code } : {}),
    message,
  };
}

/** The outcome of one call: its value, or the error recorded for it. */
export type CallResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: CollectionError };

export async function attempt<T>(
  action: string,
  where: { target?: string; field?: string },
  fn: () => Promise<T>,
): Promise<CallResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: classifyError(error, action, where) };
  }
}
