// What several end-to-end tests check of an `up` that retries, whatever the language or path.
import * as assert from "node:assert/strict";
import type { Stack, UpResult } from "@pulumi/pulumi/automation";
import type { EmulatorControl } from "../../../emulator";
import { countingCalls, only } from "./requests";

/**
 * Runs `up` and checks it succeeded with exactly one successful RetryRuns and exported a new group
 * (`newRunGroupId`, other than `source`) whose status is SUBMITTED; returns that group.
 */
export async function upRetriesOnce(control: EmulatorControl, stack: Stack, source: string): Promise<{ newId: string; result: UpResult }> {
    const { result, calls } = await countingCalls(control, () => stack.up());
    assert.equal(result.summary.result, "succeeded");
    const retries = only(calls, "RetryRuns");
    assert.equal(retries.length, 1);
    assert.equal(retries[0]?.outcome, "success");
    const newId = result.outputs.newRunGroupId?.value as string;
    assert.match(newId, /^run-[a-z]+-[a-z]+-[a-z]+-\d{6}$/);
    assert.notEqual(newId, source);
    assert.equal(result.outputs.status?.value, "SUBMITTED");
    return { newId, result };
}

/**
 * Checks a chain of two retries (programs exporting `firstRunGroupId` and `secondRunGroupId`):
 * preview creates `creates` resources without a RetryRuns; up makes two RetryRuns, the second of
 * the first's new group; a second up makes no call.
 */
export async function assertChain(control: EmulatorControl, stack: Stack, source: string, creates: number, what: string): Promise<void> {
    const preview = await countingCalls(control, () => stack.preview());
    assert.equal(preview.result.changeSummary.create, creates, what);
    assert.equal(only(preview.calls, "RetryRuns").length, 0);

    const { result, calls } = await countingCalls(control, () => stack.up());
    assert.equal(result.summary.result, "succeeded");
    const retries = only(calls, "RetryRuns");
    assert.equal(retries.length, 2);
    const first = result.outputs.firstRunGroupId?.value as string;
    const second = result.outputs.secondRunGroupId?.value as string;
    assert.equal(retries[0]?.params.RunGroupId, source);
    assert.equal(retries[1]?.params.RunGroupId, first, "the second retry targets the first's new group");
    assert.notEqual(second, first);

    const again = await countingCalls(control, () => stack.up());
    assert.deepEqual(again.calls, []);
}
