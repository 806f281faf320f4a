/**
 * Client-side pacing of AWS calls. AWS limits request rates per account,
 * region and API; a client that sends faster is throttled, and the SDK's
 * adaptive retry then slows that whole client down (every API it calls) and
 * ramps back up slowly. So each call first waits for a token of its API's
 * bucket, one bucket per (account, region, API) — IAM one per account —
 * refilled at the rate configured for the API's family: calls are rarely
 * throttled, and one API's wait never holds up another's. The SDK's
 * adaptive retry stays as the safety net for what pacing does not prevent.
 */
import {
  RATE_FAMILIES,
  RATE_FAMILY_KEYS,
  RateFamily,
  RateLimits,
} from '../../config/rateLimits';

/**
 * Tokens a bucket holds at most, in seconds of its rate. Less than the one
 * second AWS is assumed to allow: the difference absorbs jitter in when
 * requests arrive, at the cost of half a second of burst once per run.
 */
export const CLIENT_BURST_SECONDS = 0.5;

/** The family of an IAM action (e.g. `sagemaker:ListTags`), by its longest prefix. */
export function rateFamilyOf(action: string): RateFamily | undefined {
  let best: RateFamily | undefined;
  for (const key of RATE_FAMILY_KEYS) {
    const prefix = RATE_FAMILIES[key];
    if (
      action.startsWith(prefix) &&
      (!best || prefix.length > RATE_FAMILIES[best].length)
    ) {
      best = key;
    }
  }
  return best;
}

export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
};

/**
 * A token bucket that never refuses: a caller finding it empty reserves the
 * next token (the level goes below zero) and sleeps until that token is
 * due. Callers are served in the order they asked, at exactly `rate` once
 * the burst is spent.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;
  readonly capacity: number;

  constructor(
    readonly rate: number,
    burstSeconds = CLIENT_BURST_SECONDS,
    private readonly clock: Clock = REAL_CLOCK,
  ) {
    this.capacity = Math.max(1, rate * burstSeconds);
    this.tokens = this.capacity;
    this.at = clock.now();
  }

  /** Resolves when the caller may send one request. */
  take(): Promise<void> {
    const now = this.clock.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.at) / 1000) * this.rate,
    );
    this.at = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return Promise.resolve();
    return this.clock.sleep((-this.tokens / this.rate) * 1000);
  }
}

/**
 * The buckets of every account, region and family, shared by all clients
 * of a factory (two regions of an account share its IAM bucket), and kept
 * from one scan to the next as AWS keeps its own.
 */
export class Pacer {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    readonly limits: RateLimits,
    private readonly clock: Clock = REAL_CLOCK,
    private readonly burstSeconds = CLIENT_BURST_SECONDS,
  ) {}

  /** The bucket an action's calls wait on; undefined when its family is not paced. */
  bucketFor(
    accountId: string,
    region: string,
    action: string,
  ): TokenBucket | undefined {
    const family = rateFamilyOf(action);
    const rate = family ? this.limits[family] : null;
    if (!family || !rate) return undefined;
    // AWS limits each API of an account and region on its own (SageMaker's
    // quotas are per API): one bucket per action, at its family's rate.
    // IAM's limits are the account's, across its APIs and regions: one.
    const key =
      family === 'iam'
        ? `${accountId}|global|iam`
        : `${accountId}|${region}|${action}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(rate, this.burstSeconds, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
