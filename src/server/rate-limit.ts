// A fixed-window counter per key (a token, a client address): the server's rate limits. Kept
// small and in memory: one TermDesk process serves one team; every limit resets with the window.

export class RateLimiter {
  private readonly counts = new Map<string, { count: number; resetAt: number }>();

  constructor(
    /** Requests allowed per key and window. */
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  /** Counts one request for `key`; false when the key is past its limit in this window. */
  take(key: string, now = Date.now()): boolean {
    let entry = this.counts.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.counts.size > 10_000) this.sweep(now);
      entry = { count: 0, resetAt: now + this.windowMs };
      this.counts.set(key, entry);
    }
    entry.count++;
    return entry.count <= this.limit;
  }

  /** Whether `key` is already past its limit (without counting). */
  exhausted(key: string, now = Date.now()): boolean {
    const entry = this.counts.get(key);
    return !!entry && entry.resetAt > now && entry.count >= this.limit;
  }

  /** Seconds until `key`'s window resets (for Retry-After). */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.counts.get(key);
    return entry ? Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) : 1;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.counts) if (entry.resetAt <= now) this.counts.delete(key);
  }
}
