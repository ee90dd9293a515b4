/**
 * A sliding-window limiter: at most `limit` calls per key start within any `windowMs`.
 *
 * The Omics API allows 20 requests per second per action. The dynamic-provider host serves every
 * resource of a stack from one Node process, so one process-wide instance (see
 * {@link sharedRateLimiter}) keeps each action under the limit however many resources the engine
 * creates at once. Waiters are served in arrival order per key.
 */

/** Time source and sleep, injectable so tests can use a fake clock. */
export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Options of a {@link RateLimiter}. */
export interface RateLimiterOptions {
    /** limit is the number of calls allowed per window and key. @default 20 */
    limit?: number;
    /** windowMs is the window length. @default 1000 */
    windowMs?: number;
    /**
     * marginMs widens the window to absorb the jitter between when a call starts here and when
     * it reaches the server (signing, connection set-up): the server's own sliding window sees
     * arrival times. @default 0
     */
    marginMs?: number;
    /** clock is the time source. @default systemClock */
    clock?: Clock;
}

/** RateLimiter grants call slots per key (an API action). */
export class RateLimiter {
    readonly limit: number;
    readonly windowMs: number;
    private readonly clock: Clock;
    private readonly granted = new Map<string, number[]>();
    private readonly queues = new Map<string, Promise<void>>();

    constructor(options: RateLimiterOptions = {}) {
        this.limit = options.limit ?? 20;
        this.windowMs = (options.windowMs ?? 1000) + (options.marginMs ?? 0);
        this.clock = options.clock ?? systemClock;
        if (!Number.isInteger(this.limit) || this.limit < 1) throw new Error("RateLimiter: limit must be a positive integer");
    }

    /** acquire resolves when a call for `key` may start; the start is counted at that moment. */
    acquire(key: string): Promise<void> {
        const previous = this.queues.get(key) ?? Promise.resolve();
        const turn = previous.then(() => this.take(key));
        // Keep the chain alive even if a waiter's caller goes away; take() never rejects.
        this.queues.set(key, turn);
        return turn;
    }

    private async take(key: string): Promise<void> {
        let stamps = this.granted.get(key);
        if (!stamps) {
            stamps = [];
            this.granted.set(key, stamps);
        }
        for (;;) {
            const now = this.clock.now();
            while (stamps.length > 0 && (stamps[0] as number) <= now - this.windowMs) stamps.shift();
            if (stamps.length < this.limit) {
                stamps.push(now);
                return;
            }
            const wait = (stamps[0] as number) + this.windowMs - now;
            await this.clock.sleep(Math.max(1, wait));
        }
    }
}

const GLOBAL_KEY = Symbol.for("pulumi-tencentcloud-omics.rateLimiter");

/**
 * sharedRateLimiter is the process-wide limiter (20 calls per 1.15 s per action: the API's 20 per
 * second, with a margin for network jitter; RequestLimitExceeded is still retried). It lives on
 * `globalThis` under a registered symbol, so even two loaded copies of this package share it.
 */
export function sharedRateLimiter(): RateLimiter {
    const g = globalThis as unknown as Record<symbol, RateLimiter | undefined>;
    let limiter = g[GLOBAL_KEY];
    if (!limiter) {
        limiter = new RateLimiter({ limit: 20, windowMs: 1000, marginMs: 150 });
        g[GLOBAL_KEY] = limiter;
    }
    return limiter;
}
