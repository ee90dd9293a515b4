// examples/retry-chain: retry, wait for the new group, retry what failed in it again; one `up`.
// The seeded runs fail again when retried, so the first retry's group is retryable in turn.
import * as assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { countingCalls, only } from "../support/requests";
import { RUN_SECONDS, type ExamplesHarness } from "./harness";
import { previewPlans } from "./optionOverrides";
import { installExample, type UserProject } from "./userProject";

/** `2026-11-29T21:15:02+08:00` (the API's format) as epoch ms. */
function apiTimeMs(text: string): number {
    const ms = Date.parse(text);
    assert.ok(Number.isFinite(ms), `a time: ${text}`);
    return ms;
}

export function retryChainSuite(harness: () => ExamplesHarness): void {
    describe("examples/retry-chain", () => {
        let project: UserProject;
        before(async () => {
            project = await installExample("retry-chain");
        });
        after(() => project?.remove());

        it("retries, waits for the new group to finish, then retries the first's group; a second up makes no call", async () => {
            const h = harness();
            const seeded = await h.control.seedFailedRunGroup({ runs: 3, failedRuns: 2, retryOutcome: "EXECUTOR_ERROR" });
            const stack = await h.stackIn(project.dir, "chain", { runGroupId: { value: seeded.RunGroupId } });

            const preview = await countingCalls(h.control, () => previewPlans(stack));
            assert.equal(preview.result.creates, 7, "the stack; each retry with its intent and its wait");
            assert.equal(preview.result.plans.retry?.runGroupId, seeded.RunGroupId);
            assert.equal(preview.result.plans["retry-again"], undefined, "the second retry's group is known only during up");
            assert.deepEqual(only(preview.calls, "RetryRuns"), []);

            const events: EngineEvent[] = [];
            const { result, calls } = await countingCalls(h.control, () => stack.up({ onEvent: (e) => events.push(e) }));
            assert.equal(result.summary.result, "succeeded");
            const retries = only(calls, "RetryRuns");
            assert.equal(retries.length, 2);
            const arrivals = (await h.control.requests("RetryRuns")).map((r) => r.time);
            const firstGroup = result.outputs.firstRunGroupId.value as string;
            assert.equal(retries[0].params.RunGroupId, seeded.RunGroupId);
            assert.equal(retries[1].params.RunGroupId, firstGroup, "the second retry targets the first's new group");
            assert.notEqual(result.outputs.secondRunGroupId.value, firstGroup);
            assert.equal(result.outputs.firstStatus.value, "COMPLETE_ERROR", "the first wait saw the group finish");
            assert.deepEqual(result.outputs.firstRunStatusCounts.value, { EXECUTOR_ERROR: 2 });
            assert.equal(result.outputs.secondStatus.value, "COMPLETE_ERROR");

            // Order, as the engine saw it: the first wait's outputs, then the second retry's step.
            const index = (match: (e: EngineEvent) => boolean, what: string): number => {
                const i = events.findIndex(match);
                assert.ok(i >= 0, `no event for ${what}`);
                return i;
            };
            const waitDone = index((e) => !!e.resOutputsEvent?.metadata.urn.endsWith("omics:RunGroupWait::retry"), "the first wait's outputs");
            const secondStarts = index((e) => e.resourcePreEvent?.metadata.urn.endsWith("omics:RunRetry::retry-again") === true, "the second retry's step");
            assert.ok(waitDone < secondStarts, `the wait finished (event ${waitDone}) before the second retry started (event ${secondStarts})`);

            // And as Tencent saw it: the second RetryRuns arrived after the first group had ended.
            const ended = (await h.control.state()).runGroups[firstGroup]?.ExecutionTime.EndTime;
            assert.ok(ended, "the first new group has an end time");
            const secondAtMs = apiTimeMs(arrivals[1]);
            assert.ok(secondAtMs >= apiTimeMs(ended), `second RetryRuns at ${arrivals[1]}, first group ended ${ended}`);
            const gapMs = secondAtMs - apiTimeMs(arrivals[0]);
            assert.ok(
                gapMs >= (RUN_SECONDS.waiting + RUN_SECONDS.running) * 1000 - 1000,
                `the retries are ${gapMs} ms apart: the run took ${RUN_SECONDS.waiting + RUN_SECONDS.running} s`,
            );

            const again = await countingCalls(h.control, () => stack.up());
            assert.equal(again.result.summary.result, "succeeded");
            assert.deepEqual(again.calls, [], "a no-op up makes no API call");
        });

        it("when the first retry succeeds completely, up stops at retry-again (nothing to retry) and keeps the first retry", async () => {
            const h = harness();
            const seeded = await h.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 }); // retried runs succeed
            const stack = await h.stackIn(project.dir, "chain-succeeds", { runGroupId: { value: seeded.RunGroupId } });
            const { result, calls } = await countingCalls(h.control, () =>
                stack.up().then(
                    () => undefined,
                    (e: Error) => e,
                ),
            );
            assert.ok(result instanceof Error, "up fails");
            assert.match(
                result.message,
                /RunRetry "retry-again": run group run-\S+ has status COMPLETE: every run succeeded, so there is nothing to retry \(RetryRuns would fail with FailedOperation\.StatusNotSupported\)/,
            );
            assert.deepEqual(
                only(calls, "RetryRuns").map((c) => c.params.RunGroupId),
                [seeded.RunGroupId],
                "only the first retry was made",
            );
            const recorded = (await stack.exportStack()).deployment.resources as { type: string; urn: string; id?: string }[];
            const first = recorded.find((r) => r.type === "pulumi-nodejs:dynamic/omics:RunRetry" && r.urn.endsWith("::retry"));
            assert.match(first?.id ?? "", /^run-/, "the first retry is recorded");
            assert.ok(!recorded.some((r) => r.urn.endsWith("omics:RunRetry::retry-again")));
        });
    });
}
