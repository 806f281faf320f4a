/**
 * A likely secret: where and what kind, never the value itself.
 *
 * @public
 */
export interface SecretFinding {
  location: string;
  kind: string;
}

/** Value shapes of well-known credentials. */
const VALUE_PATTERNS: Array<{ kind: string; pattern: RegExp }> = [
  { kind: 'AWS access key ID', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
  { kind: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { kind: 'Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { kind: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/ },
  { kind: 'OpenAI-style API key', pattern: /\bsk-[A-Za-z0-9_-]{20,}\b/ },
  {
    kind: 'JSON Web Token',
    pattern:
      /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  },
  {
    kind: 'URL with embedded password',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]{3,}@/i,
  },
];

/** Name words that mark a variable as a credential (whole words, so TOKENIZERS is fine). */
const SENSITIVE_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
]);
const SENSITIVE_PAIRS = [
  ['api', 'key'],
  ['access', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
  ['auth', 'token'],
];

/** Values that point at a secret store instead of holding the secret. */
function isReference(value: string): boolean {
  return (
    /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/i.test(value) ||
    /^\{\{resolve:/i.test(value) ||
    /^\$\{?[A-Za-z_]/.test(value) ||
    /^\/[\w/.-]+$/.test(value)
  );
}

/** Results of pure string tests, for the short strings seen again and again. */
function memoByString<T>(compute: (text: string) => T): (text: string) => T {
  const results = new Map<string, T>();
  return text => {
    if (typeof text !== 'string' || text.length > 256) {
      return compute(text);
    }
    let result = results.get(text);
    if (result === undefined) {
      result = compute(text);
      if (results.size >= 10000) {
        results.clear();
      }
      results.set(text, result);
    }
    return result;
  };
}

export const isSensitiveName: (name: string) => boolean =
  memoByString(sensitiveName);

function sensitiveName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some(word => SENSITIVE_WORDS.has(word))) {
    return true;
  }
  return SENSITIVE_PAIRS.some(([first, second]) =>
    words.some((word, index) => word === first && words[index + 1] === second),
  );
}

function looksLikeSecretValue(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 8 || isReference(trimmed)) return false;
  if (/^(true|false|none|null|yes|no|\d+(\.\d+)?)$/i.test(trimmed))
    return false;
  return true;
}

/** The kinds of credential shapes in a text. */
const secretKinds = memoByString((text: string): string[] =>
  VALUE_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(
    ({ kind }) => kind,
  ),
);

/**
 * Secrets in a text (script, value): known credential shapes only.
 *
 * @public
 */
export function findSecretsInText(
  text: string,
  location: string,
): SecretFinding[] {
  return secretKinds(text).map(kind => ({ location, kind }));
}

/**
 * Secrets in environment variables or hyperparameters: by value shape, or a credential name with a literal value.
 *
 * @public
 */
export function findSecretsInVariables(
  variables: Record<string, unknown> | undefined,
  location: string,
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const [name, raw] of Object.entries(variables ?? {})) {
    if (typeof raw !== 'string') continue;
    const kinds = secretKinds(raw);
    if (kinds.length > 0) {
      const where = `${location}.${name}`;
      for (const kind of kinds) {
        findings.push({ location: where, kind });
      }
    } else if (isSensitiveName(name) && looksLikeSecretValue(raw)) {
      findings.push({
        location: `${location}.${name}`,
        kind: 'credential-named variable with a literal value',
      });
    }
  }
  return findings;
}

/**
 * Secrets in a shell script: credential shapes, and `NAME=literal` assignments
 * of credential names; each found at `<location> line <n>`, with its kind only.
 *
 * @public
 */
export function findSecretsInScript(
  script: string,
  location: string,
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const assignment =
    /(?:^|[\s;])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(["']?)([^\s"']+)\2/g;
  script.split(/\r?\n/).forEach((line, index) => {
    const where = `${location} line ${index + 1}`;
    findings.push(...findSecretsInText(line, where));
    for (const match of line.matchAll(assignment)) {
      const [, name, , value] = match;
      if (isSensitiveName(name) && looksLikeSecretValue(value)) {
        findings.push({
          location: where,
          kind: 'credential-named variable with a literal value',
        });
      }
    }
  });
  return findings;
}

/** Decodes a base64 lifecycle script; undefined when it is not valid base64 text. */
export function decodeBase64Script(content: string): string | undefined {
  if (!/^[A-Za-z0-9+/=\s]*$/.test(content)) return undefined;
  return Buffer.from(content, 'base64').toString('utf8');
}
