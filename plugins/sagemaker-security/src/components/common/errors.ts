/** The backend answered 403 (or a client error named NotAllowedError). */
export function isForbidden(error: unknown): boolean {
  return statusCodeOf(error) === 403 || nameOf(error) === 'NotAllowedError';
}

/** The backend answered 404 (or a client error named NotFoundError). */
export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404 || nameOf(error) === 'NotFoundError';
}

function statusCodeOf(error: unknown): number | undefined {
  const value = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof value === 'number' ? value : undefined;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
