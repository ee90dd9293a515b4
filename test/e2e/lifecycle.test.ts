// The resource's whole life through the real engine: preview, up, no-op up, replace by trigger,
// refresh, destroy — each checked against what the emulator actually received.
import * as assert from "node:assert/strict";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { startFixture, retriesConfig, type EngineFixture, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

const RUN_RETRY = "pulumi-nodejs:dynamic/omics:RunRetry";

describe("e2e: RunRetry lifecycle through the Pulumi engine", function () {
    this.timeout(240_000);
    let fx: EngineFixture;
    let stack: Stack;
    let seeded: Awaited<ReturnType<EngineFixture["control"]["seedFailedRunGroup"]>>;
    let firstId: string;

    before(async () => {
        fx = await startFixture({ clock: "manual" });
        seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        stack = await fx.newStack("retries", "lifecycle", retriesConfig({ main: { runGroupId: seeded.RunGroupId, triggers: { attempt: 1 } } }));
    });
    after(async () => fx?.close());

    it("preview shows one create with its inputs and makes no RetryRuns call", async () => {
        const events: EngineEvent[] = [];
        const { result, calls } = await countingCalls(fx.control, () => stack.preview({ diff: true, onEvent: (e) => events.push(e) }));
        assert.equal(result.changeSummary.create, 3, "the stack, the RunRetryIntent and the RunRetry");
        assert.equal(only(calls, "RetryRuns").length, 0);
        const pre = events.map((e) => e.resourcePreEvent?.metadata).find((m) => m?.type === RUN_RETRY);
        assert.ok(pre, "a step for the RunRetry");
        assert.equal(pre.op, "create");
        assert.equal(pre.new?.inputs?.runGroupId, seeded.RunGroupId);
        assert.match(result.stdout, new RegExp(seeded.RunGroupId));
    });

    it("up calls RetryRuns once and records the group the emulator made", async () => {
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        const retries = only(calls, "RetryRuns");
        assert.equal(retries.length, 1);
        assert.equal(retries[0].outcome, "success");
        firstId = (result.outputs.newRunGroupIds.value as Record<string, string>).main;
        assert.match(firstId, /^run-[a-z]+-[a-z]+-[a-z]+-\d{6}$/);
        assert.ok(JSON.stringify(await fx.control.state()).includes(firstId), "the emulator knows the new group");
        assert.notEqual(firstId, seeded.RunGroupId);
    });

    it("a second up changes nothing, makes no API call at all and leaves the recorded inputs as they were", async () => {
        const inputsOf = async (): Promise<unknown> =>
            (await stack.exportStack()).deployment.resources
                .filter((r: { type: string }) => r.type.startsWith("pulumi-nodejs:dynamic/omics:"))
                .map((r: { inputs: unknown }) => r.inputs);
        const before = await inputsOf();
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        assert.deepEqual(result.summary.resourceChanges, { same: 3 });
        assert.deepEqual(calls, [], "a no-op up is free");
        // Identical inputs let the engine skip the checkpoint write of every unchanged resource.
        assert.deepEqual(await inputsOf(), before);
    });

    it("changing triggers previews as a replacement caused by `triggers`, and up retries exactly once more", async () => {
        await stack.setConfig("retries", { value: JSON.stringify({ main: { runGroupId: seeded.RunGroupId, triggers: { attempt: 2 } } }) });
        const events: EngineEvent[] = [];
        const preview = await stack.preview({ onEvent: (e) => events.push(e) });
        assert.equal(preview.changeSummary.replace, 2, "the retry and its intent (a fresh record for the new retry)");
        const steps = events.map((e) => e.resourcePreEvent?.metadata).filter((m) => m?.type === RUN_RETRY);
        assert.deepEqual(steps.map((m) => m?.op).sort(), ["create-replacement", "delete-replaced", "replace"]);
        const replace = steps.find((m) => m?.op === "replace");
        assert.deepEqual(replace?.keys, ["triggers"], "the field that causes the replacement");

        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        assert.equal(result.summary.resourceChanges?.replace, 2);
        assert.equal(only(calls, "RetryRuns").length, 1);
        const secondId = (result.outputs.newRunGroupIds.value as Record<string, string>).main;
        assert.notEqual(secondId, firstId);
        firstId = secondId;
    });

    it("a targeted replacement (`up --replace <urn>`) records the existing group again (no RetryRuns) and says how to retry again", async () => {
        // The engine gives a targeted replacement's check no old state and skips its diff: the
        // create cannot tell it from the recovery of an interrupted attempt, so it takes the safe
        // side (no new spend) and says so. `triggers` is the way to retry again.
        const exported = await stack.exportStack();
        const urn = (exported.deployment.resources as { urn: string; type: string }[]).find((r) => r.type === RUN_RETRY)!.urn;
        const { result, calls } = await countingCalls(fx.control, () => stack.up({ replace: [urn] }));
        assert.equal(result.summary.result, "succeeded");
        assert.equal(only(calls, "RetryRuns").length, 0);
        assert.equal((result.outputs.newRunGroupIds.value as Record<string, string>).main, firstId);
        assert.match(result.stdout, /this retry was already made: .* to retry again instead, change `triggers`/);
    });

    it("changing only terminateOnDelete updates in place with no API call", async () => {
        await stack.setConfig("retries", {
            value: JSON.stringify({ main: { runGroupId: seeded.RunGroupId, triggers: { attempt: 2 }, terminateOnDelete: true } }),
        });
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        assert.equal(result.summary.resourceChanges?.update, 1);
        assert.equal(result.summary.resourceChanges?.replace, undefined);
        assert.deepEqual(
            calls.filter((c) => c.action !== "DescribeRunGroups" && c.action !== "DescribeRuns"),
            [],
            "no mutating call",
        );
        assert.equal((result.outputs.newRunGroupIds.value as Record<string, string>).main, firstId);
    });

    it("refresh brings the new group's status", async () => {
        const before = await stack.outputs();
        assert.ok(["SUBMITTED", "RUNNING"].includes((before.statuses.value as Record<string, string>).main), "SUBMITTED, or the status the adoption saw");
        await fx.control.advanceClock(3600);
        const { calls } = await countingCalls(fx.control, () => stack.refresh());
        assert.equal(only(calls, "RetryRuns").length, 0);
        const exported = await stack.exportStack();
        const res = exported.deployment.resources.find((r: { type: string }) => r.type === RUN_RETRY);
        assert.ok(res);
        assert.match(res.outputs.status, /^COMPLETE/);
        assert.equal(res.id, firstId, "refresh keeps the recorded retry");
    });

    it("destroy forgets the retry: no RetryRuns, no TerminateRunGroup", async () => {
        await stack.setConfig("retries", { value: JSON.stringify({ main: { runGroupId: seeded.RunGroupId, triggers: { attempt: 2 } } }) });
        assert.equal((await stack.up()).summary.resourceChanges?.update, 1);
        const { result, calls } = await countingCalls(fx.control, () => stack.destroy());
        assert.equal(result.summary.result, "succeeded");
        assert.equal(only(calls, "RetryRuns").length, 0);
        assert.equal(only(calls, "TerminateRunGroup").length, 0);
    });
});

describe("e2e: resource options that force replacements", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "manual" });

    it("a replacement `replacementTrigger` forces is a new retry: the intent records afresh and RetryRuns is called once", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const config = (trigger: string) => ({
            ...retriesConfig({ main: { runGroupId: seeded.RunGroupId } }),
            options: { value: JSON.stringify({ main: { replacementTrigger: trigger } }) },
        });
        const stack = await fx.newStack("retries", "replacement-trigger", config("v1"));
        const first = (await stack.up()).outputs.newRunGroupIds.value as Record<string, string>;
        assert.deepEqual((await stack.up()).summary.resourceChanges, { same: 3 }, "an unchanged trigger changes nothing");
        await stack.setAllConfig(config("v2"));
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.deepEqual(result.summary.resourceChanges, { same: 1, replace: 2 }, "the RunRetry and its intent");
        assert.equal(only(calls, "RetryRuns").length, 1);
        const second = (result.outputs.newRunGroupIds.value as Record<string, string>).main;
        assert.notEqual(second, first.main);
        const recorded = (await stack.exportStack()).deployment.resources.find((r: { type: string }) => r.type === RUN_RETRY);
        assert.equal(recorded?.outputs?.plan?.recovery?.decision, "retry");
    });

    it("`replaceOnChanges` has no effect: the Node dynamic-provider host reports no changed keys to the engine", async () => {
        // Documented in sdk/RunRetry.md; this test notices when a newer @pulumi/pulumi changes that.
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const config = (terminateOnDelete: boolean) => ({
            ...retriesConfig({ main: { runGroupId: seeded.RunGroupId, terminateOnDelete } }),
            options: { value: JSON.stringify({ main: { replaceOnChanges: ["terminateOnDelete"] } }) },
        });
        const stack = await fx.newStack("retries", "replace-on-changes", config(false));
        await stack.up();
        await stack.setAllConfig(config(true));
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.deepEqual(result.summary.resourceChanges, { same: 2, update: 1 });
        assert.equal(only(calls, "RetryRuns").length, 0);
    });
});

describe("e2e: terminateOnDelete", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "manual" });

    it("destroying a resource whose group still runs terminates it, exactly once", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await fx.newStack("retries", "terminate", retriesConfig({ main: { runGroupId: seeded.RunGroupId, terminateOnDelete: true } }));
        const up = await stack.up();
        const id = (up.outputs.newRunGroupIds.value as Record<string, string>).main;
        assert.equal((up.outputs.statuses.value as Record<string, string>).main, "SUBMITTED");

        const { calls } = await countingCalls(fx.control, () => stack.destroy());
        const terminations = only(calls, "TerminateRunGroup");
        assert.equal(terminations.length, 1);
        assert.equal(terminations[0].params.RunGroupId, id);
        assert.equal(only(calls, "RetryRuns").length, 0);
    });
});
