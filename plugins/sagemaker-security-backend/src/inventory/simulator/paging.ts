import { awsError } from './awsErrors';

/** Names of a paginated operation's token and size parameters. */
export interface PagingNames {
  tokenIn?: string;
  tokenOut?: string;
  sizeIn?: string;
}

const TOKEN_PREFIX = 'sim:';

/**
 * One page of `items`, honouring the caller's page size (capped by the
 * simulator's own) and an opaque token. A bad token fails like AWS does.
 */
export function paginate<T>(
  items: T[],
  input: Record<string, any>,
  pageSize: number,
  names: PagingNames = {},
): { page: T[]; next?: string } {
  const { tokenIn = 'NextToken', sizeIn = 'MaxResults' } = names;
  const token = input[tokenIn] as string | undefined;
  let offset = 0;
  if (token) {
    if (!token.startsWith(TOKEN_PREFIX)) {
      throw awsError(
        'ValidationException',
        `Invalid pagination token ${token}`,
        400,
      );
    }
    offset = Number(token.slice(TOKEN_PREFIX.length));
  }
  const size = Math.max(
    1,
    Math.min(Number(input[sizeIn]) || pageSize, pageSize),
  );
  const page = items.slice(offset, offset + size);
  const end = offset + size;
  return {
    page,
    ...(end < items.length ? { next: `${TOKEN_PREFIX}${end}` } : {}),
  };
}

/** Policy documents may be given as objects in an estate; AWS returns strings. */
export function policyString(
  doc: unknown,
  urlEncoded: boolean,
): string | undefined {
  if (doc === undefined || doc === null) return undefined;
  if (typeof doc === 'string') return doc;
  const json = JSON.stringify(doc);
  return urlEncoded ? encodeURIComponent(json) : json;
}
