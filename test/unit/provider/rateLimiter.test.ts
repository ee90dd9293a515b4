import * as assert from "node:assert/strict";
import { RateLimiter, sharedRateLimiter } from "../../../provider/omics/rateLimiter";
import type { Clock } from "../../../provider/shared/clock";
import { backoffMs, withRetries, type RetryPolicy } from "../../../provider/omics/retry";
import type { OmicsApiError } from "../../../provider/omics/errors";

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

describe("adaptive allowance (fake clock)", () => {
    it("RequestLimitExceeded halves the allowance; refusals within one window count once", () => {
        const clock = fakeClock();
        const limiter = new RateLimiter({ limit: 20, windowMs: 1000, clock });
        limiter.slowDown("RetryRuns");
        assert.equal(limiter.allowance("RetryRuns"), 10);
        limiter.slowDown("RetryRuns");
        limiter.slowDown("RetryRuns");
        assert.equal(limiter.allowance("RetryRuns"), 10, "a burst of refusals from calls already in flight counts once");
        assert.equal(limiter.allowance("DescribeRuns"), 20, "other actions keep theirs");
    });

    it("never goes below one call per window, and gives one back per quiet window", async () => {
        const clock = fakeClock();
        const limiter = new RateLimiter({ limit: 20, windowMs: 1000, clock });
        limiter.slowDown("A");
        for (let i = 0; i < 9; i++) {
            await clock.sleep(1000);
            limiter.slowDown("A");
        }
        assert.equal(limiter.allowance("A"), 1, "refused every window: down to one call per window");
        await clock.sleep(5000);
        assert.equal(limiter.allowance("A"), 6);
        await clock.sleep(60_000);
        assert.equal(limiter.allowance("A"), 20);
    });

    it("grants only the reduced allowance per window", async () => {
        const clock = fakeClock();
        const limiter = new RateLimiter({ limit: 20, windowMs: 1000, clock });
        limiter.slowDown("A");
        limiter.slowDown("A"); // counted once
        const starts: number[] = [];
        await Promise.all(Array.from({ length: 30 }, () => limiter.acquire("A").then(() => starts.push(clock.now()))));
        const t0 = starts[0]!;
        assert.equal(starts.filter((t) => t < t0 + 1000).length, 10, "10 in the first window, not 20");
    });
});

describe("retries (fake clock)", () => {
    const policy = (clock: Clock, budgetMs = 60_000): RetryPolicy => ({ budgetMs, unreachableBudgetMs: 5000, baseDelayMs: 100, maxDelayMs: 1000, clock });
    const limited = () => Object.assign(new Error("slow down"), { code: "RequestLimitExceeded", requestId: "r" });
    const lost = () => new Error("socket hang up");
    const internal = () => Object.assign(new Error("oops"), { code: "InternalError", requestId: "r" });

    it("backs off exponentially with jitter and a cap", () => {
        const p = { baseDelayMs: 100, maxDelayMs: 1000 };
        assert.equal(
            backoffMs(1, p, () => 1),
            100,
        );
        assert.equal(
            backoffMs(3, p, () => 1),
            400,
        );
        assert.equal(
            backoffMs(3, p, () => 0),
            200,
        );
        assert.equal(
            backoffMs(10, p, () => 1),
            1000,
        );
        assert.equal(
            backoffMs(5000, p, () => 1),
            1000,
            "no overflow after many attempts",
        );
    });

    it("retries RequestLimitExceeded for any action, telling the limiter each time, then succeeds", async () => {
        const clock = fakeClock();
        let calls = 0;
        let slowDowns = 0;
        const result = await withRetries(
            "RetryRuns",
            false,
            async () => {
                calls++;
                if (calls <= 3) throw limited();
                return "ok";
            },
            policy(clock),
            { onRateLimited: () => slowDowns++ },
        );
        assert.equal(result, "ok");
        assert.equal(calls, 4);
        assert.equal(slowDowns, 3);
        assert.equal(clock.slept.length, 3);
        assert.ok(clock.slept[2]! >= clock.slept[0]!, "backoff grows");
    });

    it("keeps retrying a read for as long as the time budget lasts, not a fixed count", async () => {
        const clock = fakeClock();
        let calls = 0;
        const t0 = clock.now();
        const err = await withRetries(
            "DescribeRuns",
            true,
            async () => {
                calls++;
                throw internal();
            },
            policy(clock, 20_000),
        ).catch((e: unknown) => e as OmicsApiError);
        assert.equal(err.code, "InternalError");
        assert.ok(calls > 15, `${calls} attempts in a 20 s budget with backoff capped at 1 s`);
        assert.ok(clock.now() - t0 <= 20_000, "never past the budget");
        let flaky = 0;
        const ok = await withRetries(
            "DescribeRuns",
            true,
            async () => {
                flaky++;
                if (flaky < 12) throw flaky % 2 ? internal() : lost();
                return "read";
            },
            policy(clock),
        );
        assert.equal(ok, "read", "eleven failures in a row are ridden out");
    });

    it("never resends a non-idempotent call after a lost answer; reads are retried", async () => {
        const clock = fakeClock();
        let calls = 0;
        const err = await withRetries(
            "RetryRuns",
            false,
            async () => {
                calls++;
                throw lost();
            },
            policy(clock),
        ).catch((e: unknown) => e as OmicsApiError);
        assert.equal(calls, 1);
        assert.equal(err.kind, "network");
        calls = 0;
        const ok = await withRetries(
            "DescribeRunGroups",
            true,
            async () => {
                calls++;
                if (calls === 1) throw lost();
                return 1;
            },
            policy(clock),
        );
        assert.equal(ok, 1);
        assert.equal(calls, 2);
    });

    it("resends any call that certainly never left (connection refused)", async () => {
        let calls = 0;
        const ok = await withRetries(
            "RetryRuns",
            false,
            async () => {
                calls++;
                if (calls === 1) throw new Error("connect ECONNREFUSED 127.0.0.1:1");
                return "sent";
            },
            policy(fakeClock()),
        );
        assert.equal(ok, "sent");
        assert.equal(calls, 2);
    });

    it("gives up on an unreachable endpoint after the short budget", async () => {
        const clock = fakeClock();
        const t0 = clock.now();
        const err = await withRetries(
            "DescribeRuns",
            true,
            async () => {
                throw new Error("connect ECONNREFUSED 127.0.0.1:1");
            },
            policy(clock),
        ).catch((e: unknown) => e as OmicsApiError);
        assert.equal(err.kind, "network");
        assert.ok(clock.now() - t0 <= 5000, "within unreachableBudgetMs, not the 60 s budget");
    });

    it("does not retry definitive Tencent errors", async () => {
        let calls = 0;
        await withRetries(
            "DescribeRuns",
            true,
            async () => {
                calls++;
                throw Object.assign(new Error("no"), { code: "ResourceNotFound.ProjectNotExist" });
            },
            policy(fakeClock()),
        ).catch(() => undefined);
        assert.equal(calls, 1);
    });
});
