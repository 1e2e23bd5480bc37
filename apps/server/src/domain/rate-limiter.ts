/** A token bucket per key: `burst` at once, refilled at `perSecond`. */
export interface RateLimiter {
  /** Takes one token for `key`; false when the key must wait. */
  take(key: string): boolean;
  /** Drops a key's bucket (e.g. when its connection closes). */
  forget(key: string): void;
}

export function createRateLimiter(options: {
  perSecond: number;
  burst: number;
  now?: () => number;
}): RateLimiter {
  const { perSecond, burst } = options;
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    forget: (key) => void buckets.delete(key),
  };
}
