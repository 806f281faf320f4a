import { PolicyDocument } from '@mlsec/plugin-sagemaker-security-common';

function looksLikeJson(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/**
 * Accepts a policy document as an object, a JSON string, or the URL-encoded
 * JSON string that IAM returns (GetRolePolicy, GetPolicyVersion, GetRole).
 * Throws a clear error for anything else.
 *
 * @public
 */
export function parsePolicyDocument(input: unknown): PolicyDocument {
  let value: unknown = input;
  if (typeof value === 'string') {
    let text = value.trim();
    if (!looksLikeJson(text)) {
      try {
        text = decodeURIComponent(text.replace(/\+/g, '%20'));
      } catch {
        throw new Error('Policy document is neither JSON nor URL-encoded JSON');
      }
    }
    if (!looksLikeJson(text)) {
      throw new Error('Policy document is neither JSON nor URL-encoded JSON');
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(
        `Policy document is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Policy document must be a JSON object');
  }
  const statement = (value as { Statement?: unknown }).Statement;
  if (
    statement === undefined ||
    statement === null ||
    typeof statement !== 'object'
  ) {
    throw new Error('Policy document has no Statement');
  }
  return value as PolicyDocument;
}
