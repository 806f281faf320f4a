/**
 * What of an AWS error may be stored, served and logged. An endpoint may
 * echo the request (the Authorization header names the access key ID, the
 * session token travels in a header, AssumeRole's body carries the
 * ExternalId), so AWS's own text is kept only where it has a known shape,
 * rebuilt from the parts of that shape; and every kept value is checked
 * against the credential values the account's clients sign with.
 */
import {
  ACCESS_DENIED,
  AMBIGUOUS_AUTH,
  CREDENTIALS_REJECTED,
  NOT_CONFIGURED,
  NOT_FOUND,
  networkReason,
  REGION_DISABLED,
  THROTTLED,
} from './errorCodes';

const REDACTED = '[redacted]';
/** Shorter values are only replaced as whole tokens. */
const SUBSTRING_MIN = 8;
const TOKEN_MIN = 3;

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Credential values (access key IDs of any shape, secrets, session tokens)
 * and external IDs that must appear in no stored or served text.
 */
export class SecretValues {
  private readonly values = new Set<string>();

  remember(...values: Array<string | undefined>) {
    for (const value of values) {
      if (value && value.length >= TOKEN_MIN) this.values.add(value);
    }
  }

  /** The identity an SDK client signs with. */
  rememberIdentity(identity: {
    accessKeyId?: string;
    secretAccessKey?: string;
    sessionToken?: string;
  }) {
    this.remember(
      identity.accessKeyId,
      identity.secretAccessKey,
      identity.sessionToken,
    );
  }

  /** True when `value` is a remembered value (any case). */
  isSecret(value: string): boolean {
    const lower = value.toLowerCase();
    for (const secret of this.values) {
      if (secret.toLowerCase() === lower) return true;
    }
    return false;
  }

  /** `text` with every remembered value replaced (short ones as whole tokens). */
  redact(text: string): string {
    let out = text;
    for (const value of this.values) {
      out =
        value.length >= SUBSTRING_MIN
          ? out.split(value).join(REDACTED)
          : out.replace(
              new RegExp(
                `(?<![A-Za-z0-9])${escape(value)}(?![A-Za-z0-9])`,
                'g',
              ),
              REDACTED,
            );
    }
    return out;
  }
}

/**
 * Which account's secrets an SDK error may echo, without touching the error
 * (the SDK's error objects are not ours to change).
 */
const secretsByError = new WeakMap<object, SecretValues>();

export function tagWithSecrets(error: unknown, secrets: SecretValues): void {
  if (error && typeof error === 'object' && !secretsByError.has(error)) {
    secretsByError.set(error, secrets);
  }
}

export function secretsOf(error: unknown): SecretValues | undefined {
  return error && typeof error === 'object'
    ? secretsByError.get(error)
    : undefined;
}

const KNOWN_CODES = new Set([
  ...ACCESS_DENIED,
  ...THROTTLED,
  ...REGION_DISABLED,
  ...AMBIGUOUS_AUTH,
  ...CREDENTIALS_REJECTED,
  ...NOT_FOUND,
  ...NOT_CONFIGURED,
  'ValidationException',
  'InvalidResponseError',
  'SyntaxError',
  'TimeoutError',
]);
/** AWS codes: PascalCase words, EC2's dotted (`InvalidGroup.NotFound`). */
const CODE_SHAPE = /^[A-Z][A-Za-z0-9]{1,63}(\.[A-Z][A-Za-z0-9]{1,63})?$/;
/** AWS access key ID prefixes (AKIA, ASIA…) followed by the key's characters. */
const KEY_ID_SHAPE = /^A[A-Z0-9]{3}[A-Z0-9]{12,}$/;

/** The code if it may be stored: a known code, or a code-shaped word that is no secret. */
export function safeCode(
  code: string | undefined,
  secrets?: SecretValues,
): string | undefined {
  if (!code) return undefined;
  if (KNOWN_CODES.has(code) || networkReason(code)) return code;
  if (
    !CODE_SHAPE.test(code) ||
    !/[a-z]/.test(code) ||
    KEY_ID_SHAPE.test(code) ||
    secrets?.isSecret(code)
  ) {
    return undefined;
  }
  return code;
}

const HOST =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

/** A host name or address (and port) as a network error names it, if well-formed. */
export function safeHost(
  host: unknown,
  port: unknown,
  secrets?: SecretValues,
): string | undefined {
  if (typeof host !== 'string' || !(HOST.test(host) || IPV6.test(host))) {
    return undefined;
  }
  if (secrets && secrets.redact(host) !== host) return undefined;
  const shown = host.includes(':') ? `[${host}]` : host;
  return Number.isInteger(port) ? `${shown}:${port}` : shown;
}

const PARTITION = 'arn:aws[a-z-]{0,20}';
const PRINCIPAL = `${PARTITION}:(?:iam|sts)::\\d{12}:[A-Za-z0-9+=,.@_/-]{1,512}`;
const ACTION = '[a-z0-9-]{2,40}:[A-Za-z0-9]{2,100}';
const ARN = `${PARTITION}:[a-z0-9-]{1,40}:[a-z0-9-]{0,30}:(?:\\d{12}|aws)?:[A-Za-z0-9+=,.@_/:*-]{1,1024}`;
const RESOURCE = `"${ARN}"|${ARN}|(?:role|user|group|policy|instance-profile) [A-Za-z0-9+=,.@_/:-]{1,512}`;
const POLICY_TYPE =
  '(?:identity-based|resource-based|session|permissions boundary|service control|resource control|VPC endpoint)';
const REASON = ` because no ${POLICY_TYPE} polic(?:y|ies) allows? the ${ACTION} action| with an explicit deny in an? ${POLICY_TYPE} policy(?:: ${ARN})?`;
const NOT_AUTHORIZED = new RegExp(
  `User: (${PRINCIPAL}) is not authorized to perform: (${ACTION})(?: on resource: (${RESOURCE}))?(${REASON})?`,
);

/**
 * AWS's access-denied sentence ("User: arn… is not authorized to perform:
 * s3:GetBucketPolicy on resource: … because no … policy allows …"), rebuilt
 * from its parts; anything else in the message (e.g. EC2's encoded
 * authorization failure) is dropped. Undefined when the message has no such
 * sentence.
 */
export function safeAccessDenied(
  message: unknown,
  secrets?: SecretValues,
): string | undefined {
  if (typeof message !== 'string') return undefined;
  const match = NOT_AUTHORIZED.exec(message.slice(0, 4096));
  if (!match) return undefined;
  const [, principal, action, resource, reason] = match;
  const text = `User: ${principal} is not authorized to perform: ${action}${
    resource ? ` on resource: ${resource}` : ''
  }${reason ?? ''}`;
  return secrets ? secrets.redact(text) : text;
}
