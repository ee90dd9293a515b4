// customTimeouts bound the plugin's wait: a RunRetry with waitForCompletion and a `create` custom
// timeout of 3 s (waitTimeoutSeconds left at its default of an hour) fails `up` after about 3 s
// while its new group still runs, with the retry recorded; the next `up` waits again and never
// calls RetryRuns again.
import * as assert from "node:assert/strict";
import { startFixture, type EngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";
import { createPluginStack, pluginConfig, pluginResources } from "./support/plugin";

describe("e2e: customTimeouts bound the plugin's wait", function () {
    this.timeout(240_000);
    let fx: EngineFixture;

    before(async () => {
        fx = await startFixture({ clock: "manual" });
    });
    after(async () => fx?.close());

    it("the create timeout ends the wait; the retry stays recorded and the next up only waits", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await createPluginStack(
            fx.backend,
            "yaml-wait",
            "timeouts",
            { ...pluginConfig(fx.url), runGroupId: { value: seeded.RunGroupId } },
            { TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" },
        );
        const started = Date.now();
        const first = await countingCalls(fx.control, () =>
            stack.up().then(
                () => undefined,
                (e: Error) => e,
            ),
        );
        const seconds = (Date.now() - started) / 1000;
        assert.ok(first.result instanceof Error, "the first up fails: the manual clock never finishes the group");
        assert.match(first.result.message, /RunGroupWait "retry": waiting for run group run-\S+ \(nothing recorded; the next up waits again\)/);
        assert.ok(seconds < 60, `bounded by the 3 s custom timeout, not the hour of waitTimeoutSeconds (took ${seconds} s)`);
        assert.equal(only(first.calls, "RetryRuns").length, 1);
        const recorded = (await pluginResources(stack)).find((r) => r.type === "tencentcloud-omics:index:RunRetryRecord");
        assert.match(recorded?.id ?? "", /^run-/, "the retry is recorded");
        const wait = (await pluginResources(stack)).find((r) => r.type === "tencentcloud-omics:index:RunGroupWait");
        assert.equal(wait, undefined, "the failed wait recorded nothing");

        await fx.control.advanceClock(3600);
        const second = await countingCalls(fx.control, () => stack.up());
        assert.equal(second.result.summary.result, "succeeded");
        assert.equal(only(second.calls, "RetryRuns").length, 0, "never retried twice");
        assert.equal(second.result.outputs.newRunGroupId.value, recorded?.id);
        assert.match(second.result.outputs.status.value as string, /^COMPLETE/);
        const waited = (await pluginResources(stack)).find((r) => r.type === "tencentcloud-omics:index:RunGroupWait");
        assert.equal((waited?.outputs as Record<string, unknown> | undefined)?.timeoutSeconds, 3600, "the recorded input stays the program's");
        await stack.destroy();
    });
});
