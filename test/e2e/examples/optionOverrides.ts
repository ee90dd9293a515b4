// examples/option-overrides: chosen runs of a WDL group and of a Nextflow group, each retried with
// an option override; RetryRuns must receive exactly those runs and options, in Tencent's shape.
import * as assert from "node:assert/strict";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import type { RunRetryPlan } from "../../../sdk";
import { countingCalls, only } from "../support/requests";
import type { ExamplesHarness } from "./harness";
import { installExample, type UserProject } from "./userProject";

/** The plan each RunRetry's check made in a preview, by resource name. */
export async function previewPlans(stack: Stack): Promise<{ plans: Record<string, RunRetryPlan | undefined>; creates: number }> {
    const plans: Record<string, RunRetryPlan | undefined> = {};
    const result = await stack.preview({
        onEvent: (e: EngineEvent) => {
            const step = e.resourcePreEvent?.metadata;
            if (step?.type !== "pulumi-nodejs:dynamic/omics:RunRetry") return;
            // A plan not known yet (its group is another resource's output) is the engine's unknown-value marker.
            const plan: unknown = step.new?.inputs?.plan;
            plans[step.urn.split("::").pop()!] = plan !== null && typeof plan === "object" ? (plan as RunRetryPlan) : undefined;
        },
    });
    return { plans, creates: result.changeSummary.create ?? 0 };
}

export function optionOverridesSuite(harness: () => ExamplesHarness): void {
    describe("examples/option-overrides", () => {
        let project: UserProject;
        before(async () => {
            project = await installExample("option-overrides");
        });
        after(() => project?.remove());

        it("retries exactly the chosen runs, with WDLOption and NFOption in Tencent's shape; a second up makes no call", async () => {
            const h = harness();
            const wdl = await h.control.seedFailedRunGroup({ runs: 4, failedRuns: 3 });
            const nf = await h.control.seedFailedRunGroup({ type: "NEXTFLOW", runs: 3, failedRuns: 2 });
            const wdlChosen = [wdl.FailedRunUuids[2], wdl.FailedRunUuids[0]];
            const nfChosen = [nf.FailedRunUuids[1]];
            const stack = await h.stackIn(project.dir, "overrides", {
                wdlRunGroupId: { value: wdl.RunGroupId },
                wdlRunUuids: { value: JSON.stringify(wdlChosen) },
                nfRunGroupId: { value: nf.RunGroupId },
                nfRunUuids: { value: JSON.stringify(nfChosen) },
            });

            const preview = await countingCalls(h.control, () => previewPlans(stack));
            assert.deepEqual(only(preview.calls, "RetryRuns"), []);
            const wdlPlan = preview.result.plans["wdl-retry-with-call-cache"];
            const nfPlan = preview.result.plans["nextflow-retry-resumed"];
            assert.deepEqual(
                wdlPlan?.runs.map((r) => r.runUuid),
                [...wdlChosen].sort(),
                "the WDL plan lists the chosen runs only",
            );
            assert.deepEqual(
                nfPlan?.runs.map((r) => r.runUuid),
                nfChosen,
            );
            assert.equal(wdlPlan?.type, "WDL");
            assert.equal(nfPlan?.type, "NEXTFLOW");

            const { result, calls } = await countingCalls(h.control, () => stack.up());
            assert.equal(result.summary.result, "succeeded");
            const retries = only(calls, "RetryRuns");
            assert.equal(retries.length, 2);
            const wdlCall = retries.find((c) => c.params.RunGroupId === wdl.RunGroupId);
            const nfCall = retries.find((c) => c.params.RunGroupId === nf.RunGroupId);
            assert.ok(wdlCall && nfCall, JSON.stringify(retries.map((c) => c.params)));
            assert.deepEqual([...(wdlCall.params.RunUuids as string[])].sort(), [...wdlChosen].sort());
            assert.deepEqual(wdlCall.params.WDLOption, { FailureMode: "ContinueWhilePossible", UseCallCache: true, UseErrorOnHold: false });
            assert.equal(wdlCall.params.NFOption, undefined);
            assert.deepEqual(nfCall.params.RunUuids, nfChosen);
            assert.deepEqual(nfCall.params.NFOption, { Resume: true, NFVersion: "23.10.1", Profile: "docker", Config: "process.memory = '32 GB'" });
            assert.equal(nfCall.params.WDLOption, undefined);

            // The new groups hold exactly the chosen runs.
            const state = await h.control.state();
            const wdlNew = result.outputs.wdlNewRunGroupId.value as string;
            const nfNew = result.outputs.nextflowNewRunGroupId.value as string;
            assert.equal(state.runGroups[wdlNew]?.TotalRun, wdlChosen.length);
            assert.equal(state.runGroups[nfNew]?.TotalRun, nfChosen.length);
            assert.deepEqual(result.outputs.wdlRetriedRuns.value, [...wdlChosen].sort());
            assert.deepEqual(result.outputs.nextflowOptionSent.value, {
                resume: true,
                nfVersion: "23.10.1",
                profile: "docker",
                config: "process.memory = '32 GB'",
            });

            const again = await countingCalls(h.control, () => stack.up());
            assert.equal(again.result.summary.result, "succeeded");
            assert.deepEqual(again.calls, [], "a no-op up makes no API call");
        });
    });
}
