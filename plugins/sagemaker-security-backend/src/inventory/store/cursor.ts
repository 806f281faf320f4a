import { InputError } from '@backstage/errors';

/** Opaque keyset cursor: the last ARN of the previous page. */
export function encodeCursor(arn: string): string {
  return Buffer.from(JSON.stringify({ arn }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (typeof parsed?.arn === 'string') return parsed.arn;
  } catch {
    // fall through to the error below
  }
  throw new InputError('Invalid cursor');
}
