// RunRetry composes like any Pulumi resource: its output feeds another RunRetry in the same stack,
// and another stack consumes it through a StackReference.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";
import { assertChain } from "./support/retryAssertions";

describe("e2e: composition", function () {
    this.timeout(300_000);
    const fx = useEngineFixture({ clock: "immediate" });

    it("a retry of a retry in one stack: the second retries the group the first created", async () => {
        // Retried runs fail again, so the first retry's group is itself retryable.
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const stack = await fx.newStack("chain", "chain", { runGroupId: { value: seeded.RunGroupId } });

        await assertChain(fx.control, stack, seeded.RunGroupId, 7, "the stack; each retry with its intent and its wait");
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
