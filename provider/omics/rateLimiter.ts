/**
 * A sliding-window limiter that adapts when the server says "slow down".
 *
 * The Omics API allows 20 requests per second per action. The dynamic-provider host serves every
 * resource of a stack from one Node process, so one process-wide instance (see
 * {@link sharedRateLimiter}) keeps this process under the limit however many resources the engine
 * handles at once. Other processes (other stacks, pipelines, people) may share the same account's
 * allowance, which only the server can see: each `RequestLimitExceeded` answer halves this
 * process's allowance for that action (at most once per window, so a burst of refusals counts once),
 * and every quiet window gives one call back, up to the limit (additive increase, multiplicative
 * decrease: processes sharing an account converge on a fair share instead of starving each other).
 * Waiters are served in arrival order per key.
 */

import { systemClock, type Clock } from "../shared/clock";

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
    /** minLimit is the lowest allowance {@link RateLimiter.slowDown} goes to. @default 1 */
    minLimit?: number;
    /** clock is the time source. @default systemClock */
    clock?: Clock;
}

interface KeyState {
    /** Start times of the calls granted within the current window. */
    stamps: number[];
    /** Calls allowed per window now (limit, or less after slowDown). */
    allowance: number;
    /** When the allowance was last halved. */
    decreasedAt: number;
    /** Start of the quiet period that earns calls back (last decrease or increase). */
    quietSince: number;
}

/** RateLimiter grants call slots per key (an API action). */
export class RateLimiter {
    readonly limit: number;
    readonly windowMs: number;
    readonly minLimit: number;
    private readonly clock: Clock;
    private readonly keys = new Map<string, KeyState>();
    private readonly queues = new Map<string, Promise<void>>();

    constructor(options: RateLimiterOptions = {}) {
        this.limit = options.limit ?? 20;
        this.windowMs = (options.windowMs ?? 1000) + (options.marginMs ?? 0);
        this.minLimit = Math.min(options.minLimit ?? 1, this.limit);
        this.clock = options.clock ?? systemClock;
        if (!Number.isInteger(this.limit) || this.limit < 1) throw new Error("RateLimiter: limit must be a positive integer");
    }

    private state(key: string): KeyState {
        let s = this.keys.get(key);
        if (!s) {
            s = { stamps: [], allowance: this.limit, decreasedAt: -Infinity, quietSince: this.clock.now() };
            this.keys.set(key, s);
        }
        return s;
    }

    /** allowance is the number of calls per window currently granted for `key`. */
    allowance(key: string): number {
        const s = this.state(key);
        this.recover(s, this.clock.now());
        return s.allowance;
    }

    /** acquire resolves when a call for `key` may start; the start is counted at that moment. */
    acquire(key: string): Promise<void> {
        const previous = this.queues.get(key) ?? Promise.resolve();
        const turn = previous.then(() => this.take(key));
        // Keep the chain alive even if a waiter's caller goes away; take() never rejects.
        this.queues.set(key, turn);
        return turn;
    }

    /**
     * slowDown halves the allowance of `key` (not below minLimit) after the server refused a call
     * for exceeding the limit. Refusals within one window of the last decrease count once: they
     * come from calls that were already in flight.
     */
    slowDown(key: string): void {
        const s = this.state(key);
        const now = this.clock.now();
        this.recover(s, now);
        if (now - s.decreasedAt < this.windowMs) return;
        s.allowance = Math.max(this.minLimit, Math.floor(s.allowance / 2));
        s.decreasedAt = now;
        s.quietSince = now;
    }

    /** Gives back one call per quiet window since the last change (additive increase). */
    private recover(s: KeyState, now: number): void {
        if (s.allowance >= this.limit) {
            s.quietSince = now;
            return;
        }
        const windows = Math.floor((now - s.quietSince) / this.windowMs);
        if (windows <= 0) return;
        s.allowance = Math.min(this.limit, s.allowance + windows);
        s.quietSince += windows * this.windowMs;
    }

    private async take(key: string): Promise<void> {
        const s = this.state(key);
        for (;;) {
            const now = this.clock.now();
            this.recover(s, now);
            while (s.stamps.length > 0 && (s.stamps[0] as number) <= now - this.windowMs) s.stamps.shift();
            if (s.stamps.length < s.allowance) {
                s.stamps.push(now);
                return;
            }
            // The oldest stamps that must leave the window before one more call fits.
            const blocking = s.stamps[s.stamps.length - s.allowance] as number;
            const wait = blocking + this.windowMs - now;
            await this.clock.sleep(Math.max(1, wait));
        }
    }
}

const GLOBAL_KEY = Symbol.for("pulumi-tencentcloud-omics.rateLimiter");

/**
 * sharedRateLimiter is the process-wide limiter (20 calls per 1.15 s per action: the API's 20 per
 * second, with a margin for network jitter; RequestLimitExceeded halves it, quiet windows restore
 * it). It lives on `globalThis` under a registered symbol, so even two loaded copies of this
 * package share it.
 */
export function sharedRateLimiter(): RateLimiter {
    const g = globalThis as unknown as Record<symbol, RateLimiter | undefined>;
    let limiter = g[GLOBAL_KEY];
    // A copy of an older version may have put a limiter there that cannot slow down.
    if (!limiter || typeof limiter.slowDown !== "function") {
        limiter = new RateLimiter({ limit: 20, windowMs: 1000, marginMs: 150 });
        g[GLOBAL_KEY] = limiter;
    }
    return limiter;
}
