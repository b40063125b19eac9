/**
 * Sign-in throttling. Per address: a fixed window counter in memory (an address that fails too often waits for
 * the window to pass). Per account: consecutive failures are counted in `users.failed_attempts` and lock the
 * account for a while (see users.ts), so the lock survives restarts and holds across server processes.
 */
export interface RateLimitOptions {
  /** Failed attempts an address may make per window. */
  maxPerWindow: number;
  windowMs: number;
}

export const ADDRESS_LIMIT: RateLimitOptions = { maxPerWindow: 20, windowMs: 15 * 60_000 };
/** Consecutive failures that lock an account, and for how long. */
export const ACCOUNT_LOCK = { maxFailures: 5, lockMs: 15 * 60_000 };

export class AddressLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly options: RateLimitOptions = ADDRESS_LIMIT) {}

  /** `limiter.blocked('203.0.113.5')` → true after maxPerWindow failures within the window. */
  blocked(address: string, now = Date.now()): boolean {
    const w = this.windows.get(address);
    if (!w || w.resetAt <= now) return false;
    return w.count >= this.options.maxPerWindow;
  }

  recordFailure(address: string, now = Date.now()): void {
    const w = this.windows.get(address);
    if (!w || w.resetAt <= now) this.windows.set(address, { count: 1, resetAt: now + this.options.windowMs });
    else w.count += 1;
    // Keep memory bounded under a flood of addresses: drop expired windows now and then.
    if (this.windows.size > 10_000)
      for (const [key, value] of this.windows) if (value.resetAt <= now) this.windows.delete(key);
  }

  reset(address: string): void {
    this.windows.delete(address);
  }
}
