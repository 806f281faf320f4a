import type { PolicyDocument } from '@mlsec/plugin-sagemaker-security-common';
import { InvalidResponseError } from '../aws/errors';

/**
 * Parses a policy document as AWS returns it. IAM returns documents
 * URL-encoded (RFC 3986); KMS, S3 and VPC endpoints return plain JSON.
 * An IAM document given as plain JSON is read as it is.
 * Anything unparsable is an InvalidResponseError, recorded on the fact.
 */
export function parsePolicyDocument(
  raw: string,
  options: { urlEncoded: boolean },
): PolicyDocument {
  let parsed: unknown;
  try {
    // URL-encoded JSON never starts with `{` (it is `%7B`): a document
    // that does is plain JSON, as moto sends some IAM documents (trust
    // policies in the account details, policy versions), and decoding it
    // would break on a literal `%`.
    const plain = !options.urlEncoded || raw.trimStart().startsWith('{');
    const text = plain ? raw : decodeURIComponent(raw);
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the document: not repeated.
    throw new InvalidResponseError('Policy document is not valid JSON');
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    !('Statement' in (parsed as object))
  ) {
    throw new InvalidResponseError('Policy document has no Statement');
  }
  return parsed as PolicyDocument;
}
