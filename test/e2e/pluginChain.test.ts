// A retry of a retry's group composes through the plugin, in a Python program: the second RunRetry
// retries the group the first made, once that group finished (the first's RunGroupWait).
import * as assert from "node:assert/strict";
import { startFixture, type EngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";
import { createPluginStack, pluginConfig } from "./support/plugin";

describe("e2e: a chain of retries through the plugin (Python)", function () {
    this.timeout(240_000);
    let fx: EngineFixture;

    before(async () => {
        fx = await startFixture({ clock: "immediate" });
    });
    after(async () => fx?.close());

    it("the second retry targets the first's new group; a second up makes no call", async () => {
        // Retried runs fail again, so the first retry's group is itself retryable.
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const stack = await createPluginStack(fx.backend, "python-chain", "chain", { ...pluginConfig(fx.url), runGroupId: { value: seeded.RunGroupId } });

        const preview = await countingCalls(fx.control, () => stack.preview());
        assert.equal(preview.result.changeSummary.create, 8, "the stack; each RunRetry with its intent and record; the first's wait");
        assert.equal(only(preview.calls, "RetryRuns").length, 0);

        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        const retries = only(calls, "RetryRuns");
        assert.equal(retries.length, 2);
        const first = result.outputs.firstRunGroupId.value as string;
        const second = result.outputs.secondRunGroupId.value as string;
        assert.equal(retries[0].params.RunGroupId, seeded.RunGroupId);
        assert.equal(retries[1].params.RunGroupId, first, "the second retry targets the first's new group");
        assert.notEqual(second, first);

        const again = await countingCalls(fx.control, () => stack.up());
        assert.deepEqual(again.calls, []);
        await stack.destroy();
    });
});
