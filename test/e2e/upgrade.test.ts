// `delete` and `refresh` run the provider text recorded in state, not the program's (pulumi#6238):
// a resource recorded by an older release (its different `__provider` shim) must still be
// refreshed and destroyed by the engine with the package installed now.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";
import { repoRoot } from "./support/engine";

interface StateResource {
    type: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

describe("e2e: state recorded by an older release", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "manual" });

    it("is refreshed through its recorded 0.1.0 shim, gains its intent and wait without a replacement or a call to RetryRuns, and is destroyed", async () => {
        const recorded = JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "unit", "provider", "fixtures", "state-0.1.0.json"), "utf8")) as StateResource;
        const oldShim = recorded.inputs.__provider as string;

        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await fx.newStack("retries", "upgrade", retriesConfig({ main: { runGroupId: seeded.RunGroupId } }));
        const up = await stack.up();
        const id = (up.outputs.newRunGroupIds.value as Record<string, string>).main;

        // Rewrite the state as 0.1.0 recorded it: its shim, no intent, no wait, no create-only inputs.
        const state = await stack.exportStack();
        const resources = state.deployment.resources as StateResource[];
        const resource = resources.find((r) => r.type.endsWith("omics:RunRetry"));
        assert.ok(resource);
        assert.notEqual(resource.inputs.__provider, oldShim, "the fixture really is another shim");
        resource.inputs.__provider = oldShim;
        resource.outputs.__provider = oldShim;
        for (const k of ["intent", "recovery", "adopted", "__previousRetries"]) {
            delete resource.inputs[k];
            delete resource.outputs[k];
        }
        resource.outputs.status = "RUNNING";
        resource.dependencies = (resource.dependencies ?? []).filter((u) => !u.includes("omics:RunRetryIntent"));
        delete resource.propertyDependencies?.intent;
        state.deployment.resources = resources.filter((r) => !r.type.endsWith("omics:RunRetryIntent") && !r.type.endsWith("omics:RunGroupWait"));
        await stack.importStack(state);

        await fx.control.advanceClock(3600);
        const refresh = await countingCalls(fx.control, () => stack.refresh());
        assert.equal(refresh.result.summary.result, "succeeded");
        assert.ok(only(refresh.calls, "DescribeRunGroups").length >= 1, "read really ran");
        const refreshed = ((await stack.exportStack()).deployment.resources as (StateResource & { id: string })[]).find((r) =>
            r.type.endsWith("omics:RunRetry"),
        );
        assert.equal(refreshed?.id, id, "the recorded retry is kept");
        assert.equal(refreshed?.outputs.__provider, oldShim, "refresh ran the recorded shim and kept it");
        assert.match(String(refreshed?.outputs.status), /^COMPLETE/);

        // The program now also asks to wait (0.1.0 waited inside create; this version adds a RunGroupWait).
        await stack.setAllConfig(retriesConfig({ main: { runGroupId: seeded.RunGroupId, waitForCompletion: true } }));
        const upgraded = await countingCalls(fx.control, () => stack.up());
        assert.equal(upgraded.result.summary.result, "succeeded");
        assert.equal(only(upgraded.calls, "RetryRuns").length, 0, "the existing retry is never repeated");
        assert.equal(upgraded.result.summary.resourceChanges?.replace, undefined, "no replacement");
        assert.equal(upgraded.result.summary.resourceChanges?.create, 2, "its intent and its wait are added");
        assert.equal(upgraded.result.summary.resourceChanges?.update, 1, "waitForCompletion changes in place");
        assert.equal((upgraded.result.outputs.newRunGroupIds.value as Record<string, string>).main, id);

        const destroy = await countingCalls(fx.control, () => stack.destroy());
        assert.equal(destroy.result.summary.result, "succeeded");
        assert.equal(only(destroy.calls, "RetryRuns").length, 0);
        assert.equal(destroy.result.summary.resourceChanges?.delete, 4, "the stack, the retry, its intent and its wait");
    });
});
