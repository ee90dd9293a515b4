// Waiting is its own step: when the wait of `waitForCompletion` times out, `up` fails, the retry
// stays recorded (its create already returned), and the next `up` waits again, never retrying twice.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

interface StateResource {
    type: string;
    id: string;
    outputs: Record<string, unknown>;
}

describe("e2e: a wait that times out", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "manual" });

    it("fails up but keeps the retry; the next up waits again and never calls RetryRuns again", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await fx.newStack(
            "retries",
            "wait-timeout",
            retriesConfig({ main: { runGroupId: seeded.RunGroupId, waitForCompletion: true, waitTimeoutSeconds: 2 } }),
            { TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" },
        );

        // The manual clock never moves by itself: the wait must time out.
        const first = await countingCalls(fx.control, () =>
            stack.up().then(
                () => undefined,
                (e: Error) => e,
            ),
        );
        assert.ok(first.result instanceof Error, "the first up fails");
        assert.match(first.result.message, /RunGroupWait "main": waiting for run group run-\S+ \(nothing recorded; the next up waits again\)/);
        assert.equal(only(first.calls, "RetryRuns").length, 1);

        const resources = (await stack.exportStack()).deployment.resources as StateResource[];
        const recorded = resources.find((r) => r.type.endsWith("omics:RunRetry"));
        assert.ok(recorded, "the retry is recorded: its create returned before the wait began");
        assert.match(recorded.id, /^run-/);
        assert.equal(recorded.outputs.newRunGroupId, recorded.id);
        assert.equal(
            resources.find((r) => r.type.endsWith("omics:RunGroupWait")),
            undefined,
            "the failed wait recorded nothing",
        );

        await fx.control.advanceClock(3600);
        const second = await countingCalls(fx.control, () => stack.up());
        assert.equal(second.result.summary.result, "succeeded");
        assert.equal(only(second.calls, "RetryRuns").length, 0, "never retried twice");
        assert.equal((second.result.outputs.newRunGroupIds.value as Record<string, string>).main, recorded.id);
        assert.match((second.result.outputs.statuses.value as Record<string, string>).main, /^COMPLETE/, "status comes from the wait");
    });
});
