// What a pipeline user sees when Tencent refuses or the connection breaks during `pulumi up`.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/;

describe("e2e: API failures during up", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "immediate" });

    it("a refused RetryRuns fails up with the resource, Tencent code, RequestId and a next step; nothing is recorded; the next up retries once", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await fx.newStack("retries", "refused", retriesConfig({ refused: { runGroupId: seeded.RunGroupId } }));
        await fx.control.addFault({
            action: "RetryRuns",
            error: { code: "FailedOperation.RetryLimitExceeded", message: "Retry count exceeds the upper limit." },
            count: 1,
        });

        const failed = await countingCalls(fx.control, () =>
            stack.up().then(
                () => undefined,
                (e: Error) => e,
            ),
        );
        assert.ok(failed.result instanceof Error);
        const message = failed.result.message;
        assert.match(message, /refused/, "names the resource");
        assert.match(message, /FailedOperation\.RetryLimitExceeded/, "names the Tencent code");
        const logged = only(failed.calls, "RetryRuns");
        assert.equal(logged.length, 1);
        assert.match(message, UUID, "carries a RequestId");
        assert.match(message, /submit a new run group/, "says what to do next");
        const state = await stack.exportStack();
        assert.ok(!(state.deployment.resources ?? []).some((r: { type: string }) => r.type.endsWith("omics:RunRetry")), "no half-done resource");

        const again = await countingCalls(fx.control, () => stack.up());
        assert.equal(again.result.summary.result, "succeeded");
        assert.equal(only(again.calls, "RetryRuns").length, 1);
    });

    it("an answer lost after RetryRuns was applied is reconciled: exactly one new group, no double retry", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await fx.newStack("retries", "lost-answer", retriesConfig({ lost: { runGroupId: seeded.RunGroupId } }));
        await fx.control.addFault({ action: "RetryRuns", drop: "after", count: 1 });

        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        const retries = only(calls, "RetryRuns");
        assert.equal(retries.length, 1, "not resent: the group it made was found instead");
        assert.equal(retries[0].outcome, "dropped-after");
        const adopted = (result.outputs.newRunGroupIds.value as Record<string, string>).lost;
        assert.equal(adopted, (retries[0] as unknown as { response?: { RunGroupId?: string } }).response?.RunGroupId);
    });
});
