import * as assert from "node:assert/strict";
import { RateLimiter, sharedRateLimiter, type Clock } from "../../../provider/omics/rateLimiter";
import { backoffMs, withRetries, type RetryPolicy } from "../../../provider/omics/retry";
import { OmicsApiError } from "../../../provider/omics/errors";

/** A fake clock: sleep advances time instantly, in order. */
function fakeClock(): Clock & { slept: number[] } {
    let now = 1_000_000;
    const slept: number[] = [];
    return {
        slept,
        now: () => now,
        sleep: async (ms) => {
            slept.push(ms);
            now += ms;
        },
    };
}

describe("rate limiter (fake clock)", () => {
    it("never grants more than `limit` starts per key within any window", async () => {
        const clock = fakeClock();
        const limiter = new RateLimiter({ limit: 20, windowMs: 1000, clock });
        const starts: number[] = [];
        await Promise.all(Array.from({ length: 95 }, () => limiter.acquire("RetryRuns").then(() => starts.push(clock.now()))));
        assert.equal(starts.length, 95);
        for (let i = 20; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 20]! >= 1000, `at ${i}`);
        assert.equal(starts[94]! - starts[0]!, 4000, "95 calls at 20/s take 4 windows");
    });

    it("keeps keys (actions) independent", async () => {
        const clock = fakeClock();
        const limiter = new RateLimiter({ limit: 2, windowMs: 1000, clock });
        const t0 = clock.now();
        await limiter.acquire("A");
        await limiter.acquire("A");
        await limiter.acquire("B");
        assert.equal(clock.now(), t0, "B is not slowed by A");
        await limiter.acquire("A");
        assert.equal(clock.now(), t0 + 1000);
    });

    it("widens the window by the margin", async () => {
        const clock = fakeClock();
        const limiter = new RateLimiter({ limit: 1, windowMs: 1000, marginMs: 150, clock });
        const t0 = clock.now();
        await limiter.acquire("A");
        await limiter.acquire("A");
        assert.equal(clock.now() - t0, 1150);
    });

    it("is one instance per process (even across copies of the module)", () => {
        assert.equal(sharedRateLimiter(), sharedRateLimiter());
        const g = globalThis as unknown as Record<symbol, unknown>;
        assert.equal(g[Symbol.for("pulumi-tencentcloud-omics.rateLimiter")], sharedRateLimiter());
        assert.equal(sharedRateLimiter().limit, 20);
    });
});

describe("retries (fake clock)", () => {
    const policy = (clock: Clock): RetryPolicy => ({ maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000, clock });
    const limited = () => Object.assign(new Error("slow down"), { code: "RequestLimitExceeded", requestId: "r" });
    const lost = () => new Error("socket hang up");

    it("backs off exponentially with jitter and a cap", () => {
        const p = { baseDelayMs: 100, maxDelayMs: 1000 };
        assert.equal(backoffMs(1, p, () => 1), 100);
        assert.equal(backoffMs(3, p, () => 1), 400);
        assert.equal(backoffMs(3, p, () => 0), 200);
        assert.equal(backoffMs(10, p, () => 1), 1000);
    });

    it("retries RequestLimitExceeded for any action, then succeeds", async () => {
        const clock = fakeClock();
        let calls = 0;
        const result = await withRetries("RetryRuns", false, async () => {
            calls++;
            if (calls <= 3) throw limited();
            return "ok";
        }, policy(clock));
        assert.equal(result, "ok");
        assert.equal(calls, 4);
        assert.equal(clock.slept.length, 3);
        assert.ok(clock.slept[2]! >= clock.slept[0]!, "backoff grows");
    });

    it("gives up after maxAttempts with the Tencent code", async () => {
        const clock = fakeClock();
        let calls = 0;
        const err = await withRetries("DescribeRuns", true, async () => {
            calls++;
            throw limited();
        }, policy(clock)).catch((e: unknown) => e as OmicsApiError);
        assert.equal(calls, 6);
        assert.equal(err.code, "RequestLimitExceeded");
    });

    it("never resends a non-idempotent call after a lost answer; reads are retried", async () => {
        const clock = fakeClock();
        let calls = 0;
        const err = await withRetries("RetryRuns", false, async () => {
            calls++;
            throw lost();
        }, policy(clock)).catch((e: unknown) => e as OmicsApiError);
        assert.equal(calls, 1);
        assert.equal(err.kind, "network");
        calls = 0;
        const ok = await withRetries("DescribeRunGroups", true, async () => {
            calls++;
            if (calls === 1) throw lost();
            return 1;
        }, policy(clock));
        assert.equal(ok, 1);
        assert.equal(calls, 2);
    });

    it("does not retry definitive Tencent errors", async () => {
        let calls = 0;
        await withRetries("DescribeRuns", true, async () => {
            calls++;
            throw Object.assign(new Error("no"), { code: "ResourceNotFound.ProjectNotExist" });
        }, policy(fakeClock())).catch(() => undefined);
        assert.equal(calls, 1);
    });
});
