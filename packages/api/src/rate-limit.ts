/**
 * The resident form's per-client limit (`POST /contact`): at most `limit`
 * posts from one client address in `windowMs` milliseconds. The local stack
 * and the cloud HTTP handler both use it (in the cloud, per Lambda instance,
 * behind the WAF's rate rule). Source: abuse protection, not housing policy.
 */
export const CONTACT_RATE_LIMIT = { limit: 20, windowMs: 10 * 60_000 } as const;

/** A sliding window per key: at most `limit` events in `windowMs`. Memory only; enough for one machine. */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly now: () => number = Date.now,
  ) {}

  allow(key: string): boolean {
    const t = this.now();
    const recent = (this.#hits.get(key) ?? []).filter((h) => t - h < this.windowMs);
    if (recent.length >= this.limit) {
      this.#hits.set(key, recent);
      return false;
    }
    recent.push(t);
    this.#hits.set(key, recent);
    // Forget idle keys so the map does not grow without bound.
    if (this.#hits.size > 10_000) {
      for (const [k, v] of this.#hits) if (!v.some((h) => t - h < this.windowMs)) this.#hits.delete(k);
    }
    return true;
  }
}
