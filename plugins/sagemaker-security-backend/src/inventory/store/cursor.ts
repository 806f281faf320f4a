import { InputError } from '@backstage/errors';

/** What a cursor may hold: an ARN as stored (no whitespace, no NUL). */
const CURSOR_ARN = /^arn:[^\s\u0000]{1,2048}$/;

/** Opaque keyset cursor: the last ARN of the previous page. */
export function encodeCursor(arn: string): string {
  return Buffer.from(JSON.stringify({ arn }), 'utf8').toString('base64url');
}

/**
 * The ARN of a cursor this store issued; 400 naming `cursor` for anything
 * else, so that no decoded value (a NUL byte, say) reaches the database.
 */
export function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (typeof parsed?.arn === 'string' && CURSOR_ARN.test(parsed.arn)) {
      return parsed.arn;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'cursor: not a cursor of this API; pass the nextCursor of the previous page',
  );
}
