// `refresh` never forgets a recorded retry, even when Omics no longer knows its group: forgetting
// it would make the next `up` call RetryRuns again.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

describe("e2e: refresh after the group is gone upstream", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "immediate" });

    it("keeps the resource (status NOT_FOUND), and the next up makes no RetryRuns call", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await fx.newStack("retries", "gone", retriesConfig({ main: { runGroupId: seeded.RunGroupId } }));
        const up = await stack.up();
        const id = (up.outputs.newRunGroupIds.value as Record<string, string>).main;

        await fx.control.reset(); // every project, group and run is gone
        const refresh = await stack.refresh();
        assert.equal(refresh.summary.result, "succeeded");
        const kept = ((await stack.exportStack()).deployment.resources as { type: string; id: string; outputs: Record<string, unknown> }[]).find((r) =>
            r.type.endsWith("omics:RunRetry"),
        );
        assert.ok(kept, "refresh kept the retry");
        assert.equal(kept.id, id);
        assert.equal(kept.outputs.status, "NOT_FOUND");

        const again = await countingCalls(fx.control, () => stack.up());
        assert.equal(again.result.summary.result, "succeeded");
        assert.equal(only(again.calls, "RetryRuns").length, 0);
        assert.deepEqual(again.result.summary.resourceChanges, { same: 3 });
    });
});
