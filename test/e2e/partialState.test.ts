// When RetryRuns succeeded but a later step failed (here: the wait timed out), the engine must
// record the retry (partial state), and the next `up` must finish the job without retrying twice.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

describe("e2e: partial state after a failed wait", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "manual" });

    it("up fails but records the retry; the next up resumes the wait and never calls RetryRuns again", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await fx.newStack("retries", "partial",
            retriesConfig({ main: { runGroupId: seeded.RunGroupId, waitForCompletion: true, waitTimeoutSeconds: 2 } }),
            { TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" });

        // The manual clock never moves by itself: the wait must time out.
        const first = await countingCalls(fx.control, () => stack.up().then(() => undefined, (e: Error) => e));
        assert.ok(first.result instanceof Error, "the first up fails");
        assert.match(first.result.message, /run-[a-z]+-[a-z]+-[a-z]+-\d{6}/, "the failure names the new group");
        assert.equal(only(first.calls, "RetryRuns").length, 1);

        const recorded = ((await stack.exportStack()).deployment.resources as { type: string; id: string; outputs: Record<string, unknown> }[])
            .find((r) => r.type.endsWith("omics:RunRetry"));
        assert.ok(recorded, "the engine recorded the retry despite the error");
        assert.match(recorded.id, /^run-/);
        assert.equal(recorded.outputs.newRunGroupId, recorded.id);

        await fx.control.advanceClock(3600);
        const second = await countingCalls(fx.control, () => stack.up());
        assert.equal(second.result.summary.result, "succeeded");
        assert.equal(only(second.calls, "RetryRuns").length, 0, "never retried twice");
        assert.equal((second.result.outputs.newRunGroupIds.value as Record<string, string>).main, recorded.id);
        assert.match((second.result.outputs.statuses.value as Record<string, string>).main, /^COMPLETE/);
    });
});
