// RunRetry composes like any Pulumi resource: its output feeds another RunRetry in the same stack,
// and another stack consumes it through a StackReference.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

describe("e2e: composition", function () {
    this.timeout(300_000);
    const fx = useEngineFixture({ clock: "immediate" });

    it("a retry of a retry in one stack: the second retries the group the first created", async () => {
        // Retried runs fail again, so the first retry's group is itself retryable.
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const stack = await fx.newStack("chain", "chain", { runGroupId: { value: seeded.RunGroupId } });

        const preview = await countingCalls(fx.control, () => stack.preview());
        assert.equal(preview.result.changeSummary.create, 7, "the stack; each retry with its intent and its wait");
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
    });

    it("a second stack retries the group the first stack exported, through a StackReference", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const producer = await fx.newStack("retries", "producer", retriesConfig({ main: { runGroupId: seeded.RunGroupId, waitForCompletion: true } }));
        const produced = await producer.up();
        const producedId = (produced.outputs.newRunGroupIds.value as Record<string, string>).main;

        const consumer = await fx.newStack("consumer", "consumer", {
            producerStack: { value: `organization/omics-e2e-retries/producer` },
            producerRetry: { value: "main" },
        });
        const { result, calls } = await countingCalls(fx.control, () => consumer.up());
        assert.equal(result.summary.result, "succeeded");
        assert.equal(result.outputs.upstreamRunGroupId.value, producedId);
        const retries = only(calls, "RetryRuns");
        assert.equal(retries.length, 1);
        assert.equal(retries[0].params.RunGroupId, producedId);
        assert.match(result.outputs.newRunGroupId.value as string, /^run-/);
    });
});
