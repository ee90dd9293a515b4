// The three call shapes of Tencent's RetryRuns examples, with option overrides, through the engine:
// what the program declares is exactly what RetryRuns receives.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

describe("e2e: RetryRuns call shapes", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "immediate" });

    it("retries a group, single runs, and runs within a group, each with its options", async () => {
        const wdlGroup = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const loneRuns = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const nfGroup = await fx.control.seedFailedRunGroup({ type: "NEXTFLOW", runs: 3, failedRuns: 2 });
        const stack = await fx.newStack(
            "retries",
            "shapes",
            retriesConfig({
                group: {
                    runGroupId: wdlGroup.RunGroupId,
                    wdlOption: { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: false },
                },
                runs: { runUuids: [loneRuns.FailedRunUuids[0]] },
                runsInGroup: {
                    runGroupId: nfGroup.RunGroupId,
                    // Order and duplicates never matter.
                    runUuids: [nfGroup.FailedRunUuids[1], nfGroup.FailedRunUuids[0], nfGroup.FailedRunUuids[1]],
                    nfOption: { resume: true, nfVersion: "23.10.1", profile: "docker" },
                },
            }),
        );

        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        const retries = only(calls, "RetryRuns");
        assert.equal(retries.length, 3);
        const byGroup = (id: string | undefined) => retries.find((c) => c.params.RunGroupId === id);

        const group = byGroup(wdlGroup.RunGroupId);
        assert.ok(group);
        assert.equal(group.params.RunUuids, undefined);
        assert.deepEqual(group.params.WDLOption, { FailureMode: "NoNewCalls", UseCallCache: true, UseErrorOnHold: false });

        const runs = byGroup(undefined);
        assert.ok(runs);
        assert.deepEqual(runs.params.RunUuids, [loneRuns.FailedRunUuids[0]]);

        const within = byGroup(nfGroup.RunGroupId);
        assert.ok(within);
        assert.deepEqual([...(within.params.RunUuids as string[])].sort(), [...nfGroup.FailedRunUuids].sort());
        assert.deepEqual(within.params.NFOption, { Resume: true, NFVersion: "23.10.1", Profile: "docker" });

        const ids = result.outputs.newRunGroupIds.value as Record<string, string>;
        assert.equal(new Set(Object.values(ids)).size, 3, "three distinct new groups");

        // Reordering runUuids is not a change.
        await stack.setConfig("retries", {
            value: JSON.stringify({
                group: { runGroupId: wdlGroup.RunGroupId, wdlOption: { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: false } },
                runs: { runUuids: [loneRuns.FailedRunUuids[0]] },
                runsInGroup: {
                    runGroupId: nfGroup.RunGroupId,
                    runUuids: [...nfGroup.FailedRunUuids],
                    nfOption: { resume: true, nfVersion: "23.10.1", profile: "docker" },
                },
            }),
        });
        const again = await countingCalls(fx.control, () => stack.preview());
        assert.equal(again.result.changeSummary.same, 7, "the stack, and three retries with their intents");
        assert.equal(only(again.calls, "RetryRuns").length, 0);
    });
});
