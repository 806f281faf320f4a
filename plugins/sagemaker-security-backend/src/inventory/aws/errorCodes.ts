/**
 * The error codes AWS answers with, per kind, as the SDK v3 reports them in
 * each protocol the collector's clients speak:
 *
 * - AWS JSON 1.1 (SageMaker, KMS, CloudTrail, CloudWatch Logs): `__type` or
 *   the `x-amzn-errortype` header, namespace stripped, becomes `name`.
 * - AWS JSON 1.0 with awsQueryCompatible (CloudWatch): the
 *   `x-amzn-query-error` header's code becomes `name` and `Code`.
 * - AWS Query (IAM, STS) and EC2 Query: `<Error><Code>` becomes `Code`, and
 *   `name` (a modelled error's class name when modelled, e.g. IAM's
 *   `NoSuchEntity` is the class `NoSuchEntityException`).
 * - REST-XML (S3): `<Error><Code>` becomes `name` and `Code`; a body-less
 *   answer (HEAD) leaves only the HTTP status (`name` is `Unknown`).
 *
 * A failed connection never reaches a protocol: Node reports it with a
 * `code` (`ENOTFOUND`, `ECONNREFUSED`…), possibly on `cause` or, for a
 * host with several addresses, on the entries of an AggregateError; the
 * SDK's socket and connection timeouts are named `TimeoutError`.
 */

export const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
]);

export const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'PriorRequestNotComplete',
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'TransactionInProgressException',
]);

/**
 * What AWS answers in an opt-in region that is not enabled for the account:
 * `OptInRequired` (EC2) says so; the other two are also AWS's answer to an
 * unknown access key, so the collector checks the credentials against a
 * global service before it believes them (see credentialCheck.ts).
 */
export const REGION_DISABLED = new Set([
  'OptInRequired',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
]);
/** The region-disabled answers that an unknown key also gets. */
export const AMBIGUOUS_AUTH = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
]);

/** The request's credentials were refused: wrong secret, unknown key, expired token. */
export const CREDENTIALS_REJECTED = new Set([
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'InvalidSignatureException',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidToken',
  'TokenRefreshRequired',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  // The SDK's own: no credential source produced credentials.
  'CredentialsProviderError',
]);

export const NOT_FOUND = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'NotFoundException',
  'NotFound',
  'ResourceNotFound',
  'ResourceNotFoundException',
  'NoSuchBucket',
  'NoSuchKey',
  'TrailNotFoundException',
]);

/**
 * "Not configured" answers: the thing read exists and has no such setting.
 * They are an observed absence (a bucket with no policy has no policy), not
 * a failure to read (see `isNotConfigured`).
 */
export const NOT_CONFIGURED = new Set([
  // S3 (REST-XML), by the code AWS sends.
  'NoSuchBucketPolicy',
  'ServerSideEncryptionConfigurationNotFoundError',
  'NoSuchPublicAccessBlockConfiguration',
  'NoSuchTagSet',
  'NoSuchLifecycleConfiguration',
  'NoSuchCORSConfiguration',
  'NoSuchWebsiteConfiguration',
  'OwnershipControlsNotFoundError',
  'ObjectLockConfigurationNotFoundError',
  'ReplicationConfigurationNotFoundError',
  'NoSuchBucketLoggingConfiguration',
]);

/** SageMaker answers a missing resource with a ValidationException in words. */
export const VALIDATION_NOT_FOUND =
  /(could not|cannot|can't) find|does not exist|not found/i;

/** Node's codes for a connection that failed before any answer. */
const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS temporarily failed)',
  EAI_FAIL: 'the host name could not be resolved',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection was closed while sending',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EHOSTDOWN: 'the host is down',
  EADDRNOTAVAIL: 'the address is not available',
  // undici (fetch-based handlers).
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the answer timed out',
  UND_ERR_BODY_TIMEOUT: 'the answer timed out',
  UND_ERR_SOCKET: 'the connection failed',
  UND_ERR_CLOSED: 'the connection was closed',
  // The SDK's connection, request and socket timeouts.
  TimeoutError: 'the request timed out',
};
/** TLS failures (certificate, protocol). */
const TLS_CODE =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH$)/;

/** Why a connection failed, in words, for a Node network error code. */
export function networkReason(code: string): string | undefined {
  if (NETWORK_CODES[code]) return NETWORK_CODES[code];
  if (TLS_CODE.test(code)) return 'the TLS handshake failed';
  return undefined;
}
