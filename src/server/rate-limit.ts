// A fixed-window counter per key (a token, a client address): the server's rate limits. Kept
// small and in memory; every limit resets with the window. With `serve --workers N` each process
// counts what it serves and hears what the others counted (rate-share.ts), so a limit holds for
// the port, not N times over.

/** What one process counted for a key in its current window. */
export interface RateCount {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly counts = new Map<string, RateCount>();
  /** The other processes' counts per key, each in its own window (empty when serving alone). */
  private readonly others = new Map<string, RateCount[]>();
  /** Told of every request counted (the key and this process's count in its window). */
  onCount: ((key: string, count: RateCount) => void) | undefined;

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
    this.onCount?.(key, { ...entry });
    return entry.count + this.othersCount(key, now) <= this.limit;
  }

  /** Whether `key` is already past its limit (without counting). */
  exhausted(key: string, now = Date.now()): boolean {
    const entry = this.counts.get(key);
    const own = entry && entry.resetAt > now ? entry.count : 0;
    return own + this.othersCount(key, now) >= this.limit;
  }

  /** Seconds until `key`'s window resets (for Retry-After). */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.counts.get(key);
    return entry ? Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) : 1;
  }

  /** The other processes' current counts for `key` (replacing what was known). */
  setOthers(key: string, counts: RateCount[]): void {
    if (counts.length === 0) this.others.delete(key);
    else this.others.set(key, counts);
  }

  private othersCount(key: string, now: number): number {
    const counts = this.others.get(key);
    if (!counts) return 0;
    let sum = 0;
    for (const c of counts) if (c.resetAt > now) sum += c.count;
    return sum;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.counts) if (entry.resetAt <= now) this.counts.delete(key);
    for (const [key, counts] of this.others) if (counts.every((c) => c.resetAt <= now)) this.others.delete(key);
  }
}
