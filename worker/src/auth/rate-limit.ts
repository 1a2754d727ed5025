/**
 * Per-key rate limit: a fixed one-minute window per key, answered with 429 and `Retry-After`.
 * The counters live in the app instance (one Node process, or one Worker isolate): a limit per
 * instance, which is what protects the database behind it.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (≥ 1). */
  retryAfter: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly windowMs = 60_000) {}

  hit(key: string, limit: number, nowMs: number): RateDecision {
    const start = nowMs - (nowMs % this.windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 50_000) this.prune(start);
    }
    const retryAfter = Math.max(1, Math.ceil((start + this.windowMs - nowMs) / 1000));
    if (w.count >= limit) return { allowed: false, limit, remaining: 0, retryAfter };
    w.count++;
    return { allowed: true, limit, remaining: limit - w.count, retryAfter };
  }

  private prune(currentStart: number): void {
    for (const [k, w] of this.windows) if (w.start !== currentStart) this.windows.delete(k);
  }
}

const limiters = new WeakMap<object, RateLimiter>();

/** One limiter per app instance (keyed by its deps object). */
export function limiterFor(owner: object): RateLimiter {
  let l = limiters.get(owner);
  if (!l) {
    l = new RateLimiter();
    limiters.set(owner, l);
  }
  return l;
}
