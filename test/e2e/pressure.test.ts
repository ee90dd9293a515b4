// Under pressure, through the real engine: many retries while about 30% of calls fail (every fault
// kind the emulator has, seeded, the seed printed), and several stacks sharing one account's
// 20 requests/second. Reads ride out transient faults (bounded by time), the limiter adapts to
// "slow down", RetryRuns is resent only after proof it was not applied: no duplicate, no loss.
import * as assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import type { FaultSpec } from "../../emulator/control/faults";
import { retriesConfig, useEngineFixture, type EngineFixture } from "./support/fixture";
import { calls } from "./support/requests";

interface StateResource {
    type: string;
    id?: string;
    outputs?: Record<string, unknown>;
}

/** Groups the emulator made by retrying, by source group. */
async function retriesBySource(fx: EngineFixture): Promise<Map<string, string[]>> {
    const state = await fx.control.state();
    const out = new Map<string, string[]>();
    for (const g of Object.values(state.runGroups)) {
        const from = (g as unknown as { emu: { retriedFrom?: string } }).emu.retriedFrom;
        if (from) out.set(from, [...(out.get(from) ?? []), g.RunGroupId]);
    }
    return out;
}

/** The RunRetry ids recorded in a stack's state. */
async function recordedIds(stack: Stack): Promise<string[]> {
    const resources = (await stack.exportStack()).deployment.resources as StateResource[];
    return resources.filter((r) => r.type.endsWith("omics:RunRetry")).map((r) => r.id ?? "");
}

async function seedGroups(fx: EngineFixture, n: number, prefix: string): Promise<Record<string, Record<string, unknown>>> {
    const retries: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < n; i++) {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, name: `${prefix}-${i}` });
        retries[`${prefix}${i}`] = { runGroupId: seeded.RunGroupId };
    }
    return retries;
}

/** The engine's own result, or the error it ended with (a failed up is allowed once). */
async function upOrError(stack: Stack): Promise<string> {
    try {
        const r = await stack.up({ parallel: 64 });
        return r.summary.result;
    } catch (e) {
        return `failed: ${(e as Error).message
            .split("\n")
            .filter((l) => /error:/.test(l))
            .slice(0, 3)
            .join(" | ")}`;
    }
}

describe("e2e: pressure", function () {
    this.timeout(900_000);

    describe("100 retries while ~30% of calls fail", () => {
        const fx = useEngineFixture({ clock: "immediate", ownProcess: true });

        it("ends with exactly 100 retries and 100 matching ids in state after at most one follow-up up", async () => {
            const COUNT = 100;
            const retries = await seedGroups(fx, COUNT, "soak");
            const seed = Number(process.env.OMICS_SOAK_SEED ?? Math.floor(Math.random() * 2 ** 32));
            console.log(`      fault seed ${seed} (rerun with OMICS_SOAK_SEED=${seed})`);
            await fx.control.setFaultSeed(seed);
            // First matching rule wins: about 30% of all calls meet one of these.
            const faults: FaultSpec[] = [
                { error: { code: "InternalError" }, probability: 0.06 },
                { error: { code: "RequestLimitExceeded" }, probability: 0.06 },
                { httpStatus: 503, probability: 0.05 },
                { drop: "before", probability: 0.05 },
                { drop: "after", probability: 0.05 },
                { latencyMs: 300, probability: 0.03 },
                { holdMs: 200, probability: 0.02 },
                { answerDelayMs: 200, probability: 0.02 },
            ];
            for (const f of faults) await fx.control.addFault(f);
            const stack = await fx.newStack("retries", "soak", retriesConfig(retries));

            const outcomes = [await upOrError(stack)];
            if (outcomes[0] !== "succeeded") {
                console.log(`      after the first up: ${(await recordedIds(stack)).length} retries recorded`);
                outcomes.push(await upOrError(stack));
            }
            console.log(`      ups: ${outcomes.join(" ; ")}`);
            assert.equal(outcomes[outcomes.length - 1], "succeeded", "at most one follow-up up");

            const log = await calls(fx.control);
            const faulted = log.filter((c) => c.outcome !== "success").length;
            console.log(`      ${log.length} calls, ${faulted} faulted (${Math.round((100 * faulted) / log.length)}%)`);
            assert.ok(faulted / log.length > 0.15, "the faults really were frequent");

            const made = await retriesBySource(fx);
            const sources = Object.values(retries).map((r) => r.runGroupId as string);
            for (const s of sources) assert.equal(made.get(s)?.length, 1, `source ${s}: ${JSON.stringify(made.get(s))}`);
            const ids = await recordedIds(stack);
            assert.equal(ids.length, COUNT);
            assert.deepEqual([...ids].sort(), sources.map((s) => made.get(s)![0]!).sort(), "every recorded id is the one group its retry made");
        });
    });

    describe("4 stacks of 25 retries at once on one account (20 requests/second per action)", () => {
        const fx = useEngineFixture({ clock: "immediate", ownProcess: true });

        it("all 4 succeed: 100 RetryRuns, 100 ids", async () => {
            const stacks: Array<{ stack: Stack; retries: Record<string, Record<string, unknown>> }> = [];
            for (let s = 0; s < 4; s++) {
                const retries = await seedGroups(fx, 25, `s${s}x`);
                stacks.push({ stack: await fx.newStack("retries", `shared-${s}`, retriesConfig(retries)), retries });
            }
            await fx.control.clearRequests();
            const results = await Promise.all(stacks.map(({ stack }) => upOrError(stack)));
            const log = await calls(fx.control);
            console.log(`      ${log.length} calls, ${log.filter((c) => c.errorCode === "RequestLimitExceeded").length} answered RequestLimitExceeded`);
            assert.deepEqual(results, ["succeeded", "succeeded", "succeeded", "succeeded"]);
            assert.equal(log.filter((c) => c.action === "RetryRuns" && c.outcome === "success").length, 100);
            const made = await retriesBySource(fx);
            for (const { stack, retries } of stacks) {
                const ids = await recordedIds(stack);
                const sources = Object.values(retries).map((r) => r.runGroupId as string);
                assert.deepEqual([...ids].sort(), sources.map((s) => made.get(s)?.[0] ?? "none").sort());
                for (const s of sources) assert.equal(made.get(s)?.length, 1);
            }
        });
    });
});
