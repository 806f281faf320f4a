/**
 * AWS-style request-rate limits: one token bucket per (account, region or
 * `global`, IAM action), refilled at the action's rate, holding at most
 * `burstSeconds` of it. A request that finds the bucket empty is throttled.
 */
export class TokenBuckets {
  private readonly buckets = new Map<
    string,
    { tokens: number; at: number; rate: number }
  >();

  constructor(private readonly burstSeconds: number) {}

  /** Takes a token; false when the request must be throttled. */
  take(key: string, rate: number, now: number = performance.now()): boolean {
    const capacity = Math.max(1, rate * this.burstSeconds);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: capacity, at: now, rate };
      this.buckets.set(key, bucket);
    }
    // Requests stamped with when they arrived may be taken out of order: an
    // earlier one then finds the bucket as the later one left it.
    const at = Math.max(now, bucket.at);
    bucket.tokens = Math.min(
      capacity,
      bucket.tokens + ((at - bucket.at) / 1000) * rate,
    );
    bucket.at = at;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Requests a bucket lets through at once before its rate applies. */
  burstOf(rate: number): number {
    return Math.max(1, rate * this.burstSeconds);
  }
}
