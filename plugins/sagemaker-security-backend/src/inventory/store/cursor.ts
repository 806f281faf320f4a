import { InputError } from '@backstage/errors';

/** What a cursor may hold: an ARN as stored (no whitespace, no NUL). */
const CURSOR_ARN = /^arn:\S{1,2048}$/;
const NUL = String.fromCharCode(0);

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
    const arn = parsed?.arn;
    if (typeof arn === 'string' && CURSOR_ARN.test(arn) && !arn.includes(NUL)) {
      return arn;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(
    'cursor: not a cursor of this API; pass the nextCursor of the previous page',
  );
}
