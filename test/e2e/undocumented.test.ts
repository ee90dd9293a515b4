// Exactly once whatever Tencent leaves undocumented: the emulator is switched to each other plausible
// behaviour of RetryRuns and its listings (emulator/README.md, "Assumptions you can switch"), then
// `pulumi up` (the real CLI, its own process group) is SIGKILLed while RetryRuns is on the wire
// (applied, the answer not yet arrived) or right after create returned, and the user's next
// commands run (`pulumi cancel` where the stack stays locked, then `pulumi up`). Each case ends with
// exactly one RetryRuns: adopted, or `up` stops naming the earlier attempt's group, and after the
// documented choice (adoptRunGroupId) one more `up` records that group without calling RetryRuns.
// Also: an engine setting that defers checkpoints (PULUMI_SKIP_CHECKPOINTS) is refused by name.
import * as assert from "node:assert/strict";
import type { Behaviour } from "../../emulator";
import type { RequestLogEntry } from "../../emulator/control/requestLog";
import { PulumiProject, waitUntil } from "./support/cliProcess";
import { killGroup, useKillFixture } from "./support/killFixture";
import { dynamicStackConfig } from "./support/stackConfig";

const RUN_RETRY = "pulumi-nodejs:dynamic/omics:RunRetry";
const APPLIED = new Set(["success", "answer-lost", "dropped-after"]);

interface Variant {
    name: string;
    behaviour: Partial<Behaviour>;
    /** adopt: the evidence is strong, the next up adopts; ask: the next up stops naming the group (partial evidence). */
    outcome: "adopt" | "ask";
}

const VARIANTS: Variant[] = [
    { name: "the retried group is renamed", behaviour: { retriedGroupName: "suffix" }, outcome: "ask" },
    { name: "retried runs lose their sample ID", behaviour: { retryCopiesRunFields: ["TableRowUuid", "Input"] }, outcome: "ask" },
    { name: "retried runs lose their table row", behaviour: { retryCopiesRunFields: ["UserDefinedId", "Input"] }, outcome: "ask" },
    { name: "retried runs lose their input", behaviour: { retryCopiesRunFields: ["UserDefinedId", "TableRowUuid"] }, outcome: "ask" },
    { name: "the new group lacks the running option", behaviour: { retryOption: "omit" }, outcome: "ask" },
    { name: "new groups are listed 3 s late", behaviour: { listingDelaySeconds: 3 }, outcome: "adopt" },
    { name: "CreateTime is to the minute", behaviour: { createTimeGranularity: "minute" }, outcome: "adopt" },
];

describe("e2e: exactly once under each undocumented Tencent behaviour (killed `pulumi up`, then cancel + up)", function () {
    this.timeout(300_000);
    const fx = useKillFixture();

    /** A stack retrying a fresh failed group, seeded under `behaviour` (a listing delay only after the seed). */
    async function scenario(stack: string, behaviour: Partial<Behaviour>) {
        const { listingDelaySeconds, ...rest } = behaviour;
        await fx.control.setBehaviour(rest);
        const seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        if (listingDelaySeconds !== undefined) await fx.control.setBehaviour({ listingDelaySeconds });
        const project = await PulumiProject.create(
            fx.backend,
            "retries",
            stack,
            {
                ...dynamicStackConfig(fx.emulator.url),
                retries: JSON.stringify({ main: { runGroupId: seeded.RunGroupId } }),
            },
            { TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" },
        );
        const retries = async (): Promise<RequestLogEntry[]> =>
            (await fx.control.requests("RetryRuns")).filter((r) => (r.params as { RunGroupId?: string }).RunGroupId === seeded.RunGroupId);
        return { project, seeded, retries };
    }

    async function stateId(project: PulumiProject): Promise<string | undefined> {
        const state = await project.exportState();
        return (state.deployment.resources ?? []).find((r) => r.type === RUN_RETRY)?.id;
    }

    for (const v of VARIANTS) {
        for (const kill of ["wire", "returned"] as const) {
            const when = kill === "wire" ? "while RetryRuns is on the wire (applied, answer not arrived)" : "right after create returned";
            const expect = v.outcome === "adopt" ? "the next up adopts its group" : "the next up stops naming its group; adoptRunGroupId records it";
            it(`${v.name}: SIGKILL ${when}: ${expect}; 1 RetryRuns`, async () => {
                const s = await scenario(`${kill}-${v.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`, v.behaviour);
                if (kill === "wire") await fx.control.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
                const up = s.project.startUp();
                if (kill === "wire") await fx.control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 60_000 });
                else await waitUntil(async () => (await s.retries()).some((r) => r.outcome === "success"), 60_000, "RetryRuns to answer");
                // The old host ends with the engine; until then a delayed answer is not yet logged.
                await killGroup(up);
                await waitUntil(async () => (await s.retries()).some((r) => APPLIED.has(r.outcome)), 10_000, "the applied RetryRuns in the log");
                const group = (await s.retries()).find((r) => APPLIED.has(r.outcome))!.response?.RunGroupId as string;
                assert.match(group, /^run-/);

                const next = await s.project.runAfterCrash(["up", "--yes", "--skip-preview"]);
                let path: string;
                if (next.result.code === 0) {
                    // Adopted, or (kill after create returned) already recorded before the kill.
                    path = /this retry was already made/.test(next.result.output) ? "adopted" : "recorded before the kill";
                    assert.ok(v.outcome === "adopt" || kill === "returned", `expected the up to stop and ask:\n${next.result.output}`);
                } else {
                    path = "stopped and asked";
                    assert.equal(v.outcome, "ask", `the up failed:\n${next.result.output}`);
                    assert.match(next.result.output, /could be an earlier attempt of this retry/);
                    assert.ok(next.result.output.includes(group), `the refusal names ${group}:\n${next.result.output}`);
                    assert.match(next.result.output, /partial evidence/);
                    assert.match(next.result.output, /set adoptRunGroupId to its ID/);
                    // The user's documented choice.
                    await s.project.runOk(["config", "set", "retries", JSON.stringify({ main: { runGroupId: s.seeded.RunGroupId, adoptRunGroupId: group } })]);
                    const chosen = await s.project.runOk(["up", "--yes", "--skip-preview"]);
                    assert.match(chosen.output, /adoptRunGroupId names/);
                }
                console.log(`      ${path}`);
                assert.equal(await stateId(s.project), group, "the state records the group RetryRuns made");
                const applied = (await s.retries()).filter((r) => APPLIED.has(r.outcome));
                assert.equal(applied.length, 1, `RetryRuns applied: ${JSON.stringify(applied.map((r) => [r.outcome, r.response]))}`);
            });
        }
    }

    it("PULUMI_SKIP_CHECKPOINTS=true: preview and up refuse to create the retry, naming the setting; without it, one up retries once", async () => {
        const s = await scenario("skip-checkpoints", {});
        const preview = s.project.start(["preview"], { PULUMI_SKIP_CHECKPOINTS: "true" });
        const p = await preview.waitExit(120_000);
        assert.notEqual(p.code, 0);
        assert.match(preview.output, /PULUMI_SKIP_CHECKPOINTS=true is set: the engine then saves the state only at the end of the update/);
        const up = s.project.start(["up", "--yes", "--skip-preview"], { PULUMI_SKIP_CHECKPOINTS: "true" });
        const u = await up.waitExit(120_000);
        assert.notEqual(u.code, 0);
        assert.match(up.output, /Run this update without it/);
        assert.equal((await s.retries()).length, 0, "no RetryRuns under the setting");
        await s.project.runOk(["up", "--yes", "--skip-preview"]);
        assert.equal((await s.retries()).length, 1);
        // Updates that create no retry may keep the setting.
        const quiet = s.project.start(["up", "--yes", "--skip-preview"], { PULUMI_SKIP_CHECKPOINTS: "true" });
        assert.equal((await quiet.waitExit(120_000)).code, 0, quiet.output);
        assert.equal((await s.retries()).length, 1);
    });
});
