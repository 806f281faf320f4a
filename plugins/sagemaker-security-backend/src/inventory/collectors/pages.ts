/** Pages of a listing as the collector consumes them. */
import type { SearchItem } from './search';
import type { Summary } from './spec';

/** A listed resource: its summary and, read through Search, its record. */
export interface Listed {
  summary: Summary;
  record?: SearchItem;
}

/**
 * Pages of a listing, the next one requested while the caller works on the
 * current one (the listing's latency and rate limit overlap the describes).
 */
export async function* readAhead<T>(
  source: AsyncIterable<T>,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // Awaited on the next turn; a failure meanwhile is not unhandled.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await next.catch(() => undefined);
    await iterator.return?.();
  }
}

export async function* asListed(
  pages: AsyncIterable<Summary[]>,
): AsyncGenerator<Listed[]> {
  for await (const page of pages) yield page.map(summary => ({ summary }));
}

export async function* asRecords(
  pages: AsyncIterable<SearchItem[]>,
): AsyncGenerator<Listed[]> {
  for await (const page of pages)
    yield page.map(record => ({ summary: record.summary, record }));
}
