import type {
  CollectionError,
  CollectionErrorKind,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  ACCESS_DENIED,
  CREDENTIALS_REJECTED,
  NOT_CONFIGURED,
  NOT_FOUND,
  networkReason,
  REGION_DISABLED,
  THROTTLED,
  VALIDATION_NOT_FOUND,
} from './errorCodes';
import {
  safeAccessDenied,
  safeCode,
  safeHost,
  SecretValues,
  secretsOf,
} from './safeText';

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

/**
 * Credentials for an account could not be obtained: its `error` is already
 * classified (`credentials_unavailable`, or `endpoint_unreachable` when the
 * STS endpoint could not be reached) and says what was tried.
 */
export class CredentialsUnavailableError extends Error {
  name = 'CredentialsUnavailableError';
  constructor(readonly error: Omit<CollectionError, 'target' | 'field'>) {
    super(error.message);
  }
}

interface AwsErrorLike {
  name?: string;
  message?: string;
  Code?: string;
  code?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  cause?: unknown;
  errors?: unknown;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $retryable?: { throttling?: boolean };
}

/**
 * The SDK wraps what is not an `Error` of its own realm (under Jest, every
 * Node core error) in `AWS SDK error wrapper for <error>`, keeping only
 * the text; Node's system error text is `<syscall> <CODE> <host[:port]>`.
 */
const WRAPPED = /^AWS SDK error wrapper for (\w*Error): (.*)$/s;
const SYSTEM_ERROR = /^(\w+) ([A-Z][A-Z0-9_]+)(?: (\S+))?/;

function unwrapped(e: AwsErrorLike): AwsErrorLike | undefined {
  const wrapped = WRAPPED.exec(String(e.message ?? ''));
  if (!wrapped) return undefined;
  const [, name, text] = wrapped;
  if (/^socket hang up/.test(text)) return { code: 'ECONNRESET' };
  const match = SYSTEM_ERROR.exec(text);
  if (!match || !networkReason(match[2])) {
    return name === 'TimeoutError' ? { code: 'TimeoutError' } : undefined;
  }
  const [, syscall, code, where] = match;
  if (syscall === 'getaddrinfo') return { code, hostname: where };
  const port = syscall === 'connect' && /^(.*):(\d+)$/.exec(where ?? '');
  return port ? { code, address: port[1], port: Number(port[2]) } : { code };
}

/**
 * The Node network error behind a failed connection (a `code` such as
 * ECONNREFUSED, possibly on `cause` or on an AggregateError's entries), or
 * the SDK's own connection and socket timeouts (`TimeoutError`).
 */
function networkErrorOf(e: AwsErrorLike): AwsErrorLike | undefined {
  const candidates: unknown[] = [e, e.cause];
  if (Array.isArray(e.errors)) candidates.push(...e.errors);
  const found = candidates.filter(c => {
    const code = (c as AwsErrorLike | undefined)?.code;
    return typeof code === 'string' && networkReason(code) !== undefined;
  }) as AwsErrorLike[];
  return (
    found.find(c => c.hostname !== undefined || c.address !== undefined) ??
    found[0] ??
    (e.name === 'TimeoutError' ? { code: 'TimeoutError' } : undefined) ??
    unwrapped(e)
  );
}

const isDeserialization = (e: AwsErrorLike) =>
  e.name === 'SyntaxError' ||
  /Deserialization error/.test(String(e.message ?? ''));

/** The codes AWS sent: Query protocols give `Code` and a class `name`. */
function codesOf(e: AwsErrorLike): string[] {
  return [e.name, e.Code].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
}

function kindOf(e: AwsErrorLike): CollectionErrorKind {
  if (e.name === 'InvalidResponseError') return 'invalid_response';
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined && networkErrorOf(e)) return 'endpoint_unreachable';
  const codes = codesOf(e);
  const any = (set: Set<string>) => codes.some(c => set.has(c));
  if (any(CREDENTIALS_REJECTED)) return 'credentials_unavailable';
  if (any(ACCESS_DENIED)) return 'access_denied';
  if (any(THROTTLED) || e.$retryable?.throttling || status === 429) {
    return 'throttled';
  }
  if (any(REGION_DISABLED)) return 'region_disabled';
  if (any(NOT_CONFIGURED) || any(NOT_FOUND)) return 'not_found';
  if (codes.some(c => /\.NotFound$|NotFound$/.test(c))) return 'not_found';
  if (
    codes.includes('ValidationException') &&
    VALIDATION_NOT_FOUND.test(String(e.message ?? ''))
  ) {
    return 'not_found';
  }
  if (isDeserialization(e)) return 'invalid_response';
  // A body-less answer (S3 HEAD) has only its status.
  if (status === 403) return 'access_denied';
  if (status === 404) return 'not_found';
  return 'other';
}

/** The AWS code to store: `Code` as sent when it is known, else the error's name. */
function codeOf(e: AwsErrorLike, secrets?: SecretValues): string | undefined {
  const network = networkErrorOf(e);
  if (network && e.$metadata?.httpStatusCode === undefined) {
    return safeCode(String(network.code));
  }
  for (const code of [e.Code, e.name]) {
    const safe =
      code && code !== 'Error' && code !== 'Unknown'
        ? safeCode(code, secrets)
        : undefined;
    if (safe) return safe;
  }
  return undefined;
}

function messageOf(
  kind: CollectionErrorKind,
  e: AwsErrorLike,
  action: string,
  where: { target?: string; field?: string },
  code: string | undefined,
  secrets: SecretValues | undefined,
): string {
  const status = e.$metadata?.httpStatusCode;
  const http = status === undefined ? '' : ` (HTTP ${status})`;
  switch (kind) {
    case 'access_denied': {
      const aws = safeAccessDenied(e.message, secrets);
      return `Not authorized to perform ${action}${http}${
        aws ? `: ${aws}` : ''
      }`;
    }
    case 'throttled': {
      const attempts = e.$metadata?.attempts;
      return `${action} was throttled${
        attempts ? ` after ${attempts} attempts` : ' after retries'
      }${http}`;
    }
    case 'not_found':
      if (code && NOT_CONFIGURED.has(code)) {
        return `${where.field ?? 'The setting'} is not configured (${code})`;
      }
      return `${
        where.target ?? 'The resource'
      } was not found by ${action}${http}`;
    case 'region_disabled':
      return `${action} was refused${http}: the region is not enabled for the account (an opt-in region), or the credentials are not valid in it`;
    case 'endpoint_unreachable': {
      const network = networkErrorOf(e);
      const host = network
        ? safeHost(network.hostname ?? network.address, network.port, secrets)
        : undefined;
      const reason = networkReason(String(network?.code));
      return `Could not reach the endpoint of ${action}${
        host ? ` at ${host}` : ''
      }: ${reason} (${code})`;
    }
    case 'credentials_unavailable':
      return `The credentials were rejected by ${action}${http}`;
    case 'invalid_response':
      if (e.name === 'InvalidResponseError') {
        return `The answer to ${action} is malformed: ${String(e.message)}`;
      }
      return `The answer to ${action} could not be read${http}: it is not in the service's protocol (emulators answer operations they do not implement with an HTML page)`;
    default:
      return `${action} failed${http}${
        e.$fault === 'server' ? ': a server error, after retries' : ''
      }`;
  }
}

/**
 * Classifies a failed call as a {@link CollectionError} recorded against its
 * target. Built from the kind and an allow-list of fields, never from the
 * raw message: AWS's text is kept only in a known shape.
 */
export function classifyError(
  error: unknown,
  action: string,
  where: { target?: string; field?: string } = {},
): CollectionError {
  const place = {
    action,
    ...(where.field ? { field: where.field } : {}),
    ...(where.target ? { target: where.target } : {}),
  };
  if (error instanceof CredentialsUnavailableError) {
    return { ...error.error, ...place, action: error.error.action };
  }
  const e = (
    error && typeof error === 'object' ? error : { message: String(error) }
  ) as AwsErrorLike;
  const secrets = secretsOf(error);
  const kind = kindOf(e);
  const code = codeOf(e, secrets);
  return {
    kind,
    ...place,
    ...(code ? { code } : {}),
    message: messageOf(kind, e, action, where, code, secrets),
  };
}

/** True for an answer meaning "exists, with no such setting" (e.g. S3's NoSuchBucketPolicy). */
export function isNotConfigured(error: CollectionError): boolean {
  return (
    error.kind === 'not_found' &&
    error.code !== undefined &&
    NOT_CONFIGURED.has(error.code)
  );
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
