// Many resources in one stack: the engine runs their steps in parallel in one provider process,
// whose single limiter must keep every action at or under Tencent's 20 requests per second.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

/** The most requests that arrived within any one-second window. */
function peakPerSecond(times: number[]): number {
    const sorted = [...times].sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; i < sorted.length; i++) {
        while (sorted[i] - sorted[j] >= 1000) j++;
        peak = Math.max(peak, i - j + 1);
    }
    return peak;
}

describe("e2e: rate limit across many resources", function () {
    this.timeout(300_000);
    const COUNT = 30;
    // The emulator enforces Tencent's limit: any burst over it would be refused and logged.
    const fx = useEngineFixture({ clock: "immediate", ownProcess: true });

    it(`${COUNT} RunRetry resources: every call stays under 20/s per action, none is refused`, async () => {
        const retries: Record<string, Record<string, unknown>> = {};
        for (let i = 0; i < COUNT; i++) {
            const seeded = await fx.control.seedFailedRunGroup({ runs: 1, failedRuns: 1 });
            retries[`r${i}`] = { runGroupId: seeded.RunGroupId };
        }
        const stack = await fx.newStack("retries", "many", retriesConfig(retries));

        const { result, calls } = await countingCalls(fx.control, () => stack.up({ parallel: 64 }));
        assert.equal(result.summary.result, "succeeded");
        assert.equal(result.summary.resourceChanges?.create, 2 * COUNT + 1, "each retry and its intent, and the stack");
        assert.equal(only(calls, "RetryRuns").filter((c) => c.outcome === "success").length, COUNT);
        assert.deepEqual(
            calls.filter((c) => c.errorCode === "RequestLimitExceeded"),
            [],
            "the limiter kept every action under the limit",
        );
        for (const action of new Set(calls.map((c) => c.action))) {
            const times = calls.filter((c) => c.action === action).map((c) => Date.parse((c as unknown as { time: string }).time));
            console.log(`      ${action}: ${times.length} calls, peak ${peakPerSecond(times)}/s`);
            assert.ok(peakPerSecond(times) <= 20, `${action}: ${peakPerSecond(times)} requests within one second`);
        }
    });
});
