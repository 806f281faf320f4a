/**
 * Read responses held as the JSON they are sent as, per state of what they
 * are read from. A key names that state: the stored scores' version (it
 * grows after every evaluation, waiver change, rescoring and the daily
 * history written with it; all replicas read it from the database), the
 * catalog snapshot reads use, the UTC day (trends end today) and whatever
 * else the response depends on. A key read before the response is computed
 * can only name a state older than, or the same as, the one the response
 * shows; a newer state has a new key. Without a key (before the first
 * rescoring, no catalog view, a scan running) the response is computed and
 * not held.
 *
 * Holding the JSON (not the objects) spares each request the scoring,
 * sorting, serialising and tagging of tens of kilobytes (docs/benchmarks.md,
 * load); the tag lets a browser revalidate (304 Not Modified).
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * A response as sent: its JSON as UTF-8 bytes (sent as they are, without a
 * conversion per request) and a weak entity tag of them.
 */
export interface HeldJson {
  body: Buffer;
  etag: string;
}

/** The JSON's bytes and their weak entity tag, as express tags a body. */
function held(json: string): HeldJson {
  const body = Buffer.from(json, 'utf8');
  const hash = createHash('sha1').update(body).digest('base64');
  return { body, etag: `W/"${body.length.toString(16)}-${hash.slice(0, 27)}"` };
}

/** Bytes of JSON held at most. */
export const READ_CACHE_MAX_BYTES = 32 * 1024 * 1024;

export class ReadCache {
  private readonly held: LRUCache<string, HeldJson>;
  private readonly computing = new Map<string, Promise<HeldJson>>();

  constructor(maxBytes: number = READ_CACHE_MAX_BYTES) {
    this.held = new LRUCache<string, HeldJson>({
      maxSize: maxBytes,
      sizeCalculation: h => Math.max(1, h.body.length),
    });
  }

  /**
   * The response's JSON: held under `key`, computed once by concurrent
   * callers of the same key; computed every time without a key. A failed
   * computation is not held.
   */
  async json(
    key: string | undefined,
    compute: () => Promise<unknown>,
  ): Promise<HeldJson> {
    if (key === undefined) {
      return held(JSON.stringify(await compute()));
    }
    const found = this.held.get(key);
    if (found !== undefined) {
      return found;
    }
    let computing = this.computing.get(key);
    if (!computing) {
      computing = compute()
        .then(value => {
          const response = held(JSON.stringify(value));
          this.held.set(key, response);
          return response;
        })
        .finally(() => this.computing.delete(key));
      this.computing.set(key, computing);
    }
    return computing;
  }

  /** How many responses are held (tests). */
  get size(): number {
    return this.held.size;
  }
}

/** One key from its parts (none may hold the separator). */
export function readKey(...parts: Array<string | number | undefined>) {
  return parts.map(p => (p === undefined ? '' : String(p))).join('\u0000');
}
