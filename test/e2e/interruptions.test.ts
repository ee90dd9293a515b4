// Exactly once when the pipeline dies: `pulumi up` (the real CLI, as its own process group, the way
// a CI job runs it) is killed or cancelled at each moment that matters, then the user's next
// commands run (`pulumi cancel` where the stack stays locked, then `pulumi up`). Every case must end
// with exactly one RetryRuns applied by the emulator and the state's id equal to that group. The
// emulator's holdMs / answerDelayMs faults and its in-flight list place each kill precisely.
import * as assert from "node:assert/strict";
import type { EmulatorControl } from "../../emulator";
import type { RequestLogEntry } from "../../emulator/control/requestLog";
import { type CliProcess, PulumiProject, waitUntil } from "./support/cliProcess";
import { assertProvidersEnd, useKillFixture, waitForWaitPolls } from "./support/killFixture";
import { dynamicStackConfig } from "./support/stackConfig";

const RUN_RETRY = "pulumi-nodejs:dynamic/omics:RunRetry";
/** Outcomes of a RetryRuns the emulator applied (answered or not). */
const APPLIED = new Set(["success", "answer-lost", "dropped-after"]);

describe("e2e: a killed or cancelled `pulumi up` never repeats or loses a retry", function () {
    this.timeout(240_000);
    const fx = useKillFixture();

    interface Scenario {
        project: PulumiProject;
        seeded: Awaited<ReturnType<EmulatorControl["seedFailedRunGroup"]>>;
        retries(): Promise<RequestLogEntry[]>;
    }

    /** A stack retrying a fresh failed group; `retries()` lists the RetryRuns of that group only. */
    async function scenario(stack: string, spec: Record<string, unknown> = {}): Promise<Scenario> {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const project = await PulumiProject.create(
            fx.backend,
            "retries",
            stack,
            {
                ...dynamicStackConfig(fx.emulator.url),
                retries: JSON.stringify({ main: { runGroupId: seeded.RunGroupId, ...spec } }),
            },
            { TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" },
        );
        const retries = async () =>
            (await fx.control.requests("RetryRuns")).filter((r) => (r.params as { RunGroupId?: string }).RunGroupId === seeded.RunGroupId);
        return { project, seeded, retries };
    }

    async function setRetries(project: PulumiProject, value: Record<string, unknown>): Promise<void> {
        await project.runOk(["config", "set", "retries", JSON.stringify({ main: value })]);
    }

    /** Our provider processes (the host and its sh) end with the engine: none may outlive it. */
    async function assertNothingOfOursSurvives(up: CliProcess): Promise<void> {
        const ms = await assertProvidersEnd(up, 10_000);
        console.log(`      provider host gone ${ms} ms after the CLI's exit was seen`);
    }

    /** The user's next commands; returns the state's RunRetry id. */
    async function recover(s: Scenario): Promise<{ id: string; output: string }> {
        const next = await s.project.runAfterCrash(["up", "--yes", "--skip-preview"]);
        assert.equal(next.result.code, 0, next.result.output);
        const state = await s.project.exportState();
        const retry = (state.deployment.resources ?? []).find((r) => r.type === RUN_RETRY);
        assert.ok(retry?.id, "the retry is in state");
        return { id: retry.id, output: next.result.output };
    }

    /** Exactly one RetryRuns of this group was applied, and the state records that group. */
    async function assertExactlyOnce(s: Scenario, id: string, alsoApplied = 0): Promise<void> {
        const applied = (await s.retries()).filter((r) => APPLIED.has(r.outcome));
        assert.equal(applied.length, 1 + alsoApplied, `RetryRuns applied: ${JSON.stringify(applied.map((r) => [r.outcome, r.response]))}`);
        assert.equal(id, applied[applied.length - 1]!.response?.RunGroupId, "the state's id is the group RetryRuns made");
    }

    it("SIGKILL before RetryRuns reaches Tencent: nothing was applied; the next up retries once", async () => {
        const s = await scenario("kill-before");
        await fx.control.addFault({ action: "RetryRuns", holdMs: 60_000, count: 1 });
        const up = s.project.startUp();
        await fx.control.waitForInflight({ action: "RetryRuns", phase: "holding" }, { timeoutMs: 60_000 });
        up.signalGroup("SIGKILL");
        await up.waitExit(10_000);
        await assertNothingOfOursSurvives(up);
        await waitUntil(async () => (await s.retries()).some((r) => r.outcome === "client-gone"), 10_000, "the held RetryRuns to be dropped unprocessed");
        const { id } = await recover(s);
        await assertExactlyOnce(s, id);
    });

    it("SIGKILL after Tencent applied RetryRuns, before its answer arrived: the next up adopts that group (no second RetryRuns)", async () => {
        const s = await scenario("kill-applied");
        await fx.control.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
        const up = s.project.startUp();
        await fx.control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 60_000 });
        up.signalGroup("SIGKILL");
        await up.waitExit(10_000);
        await assertNothingOfOursSurvives(up);
        const { id, output } = await recover(s);
        await assertExactlyOnce(s, id);
        assert.match(output, /pending operations/, "the engine warns about the interrupted create");
        assert.match(
            output,
            /this retry was already made: run-\S+ \(created .*\), after its intent was recorded \(an earlier attempt interrupted after RetryRuns took effect/,
            "the provider says why it adopts",
        );

        // Once recovered, the leftover pending create is cleared non-interactively.
        await s.project.runOk(["refresh", "--clear-pending-creates", "--yes"]);
        const state = await s.project.exportState();
        assert.deepEqual(state.deployment.pending_operations ?? [], []);
        const quiet = await s.project.runOk(["up", "--yes", "--skip-preview"]);
        assert.doesNotMatch(quiet.output, /pending operations/);
        await assertExactlyOnce(s, id);
    });

    it("a look-alike submitted between a crash and the recovery is never adopted (crash before and after RetryRuns)", async () => {
        const before = await scenario("lookalike-before");
        await fx.control.addFault({ action: "RetryRuns", holdMs: 60_000, count: 1 });
        const up1 = before.project.startUp();
        await fx.control.waitForInflight({ action: "RetryRuns", phase: "holding" }, { timeoutMs: 60_000 });
        up1.signalGroup("SIGKILL");
        await up1.waitExit(10_000);
        await assertNothingOfOursSurvives(up1);
        const nightly1 = await fx.control.seedLookalike({ of: before.seeded.RunGroupId, runs: "failed" });
        const r1 = await recover(before);
        assert.notEqual(r1.id, nightly1.RunGroupId);
        await assertExactlyOnce(before, r1.id);

        const after = await scenario("lookalike-after");
        await fx.control.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
        const up2 = after.project.startUp();
        await fx.control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 60_000 });
        up2.signalGroup("SIGKILL");
        await up2.waitExit(10_000);
        // Until the old host has ended, its delayed answer is still pending and the emulator has not
        // logged that RetryRuns yet (it logs it `answer-lost` when the connection closes).
        await assertNothingOfOursSurvives(up2);
        const nightly2 = await fx.control.seedLookalike({ of: after.seeded.RunGroupId, runs: "failed" });
        const r2 = await recover(after);
        assert.notEqual(r2.id, nightly2.RunGroupId);
        await assertExactlyOnce(after, r2.id);
    });

    it("SIGKILL during the wait: the host stops polling with the engine; the next up waits again, never retries again", async () => {
        const s = await scenario("kill-wait", { waitForCompletion: true });
        const up = s.project.startUp();
        await waitUntil(async () => (await s.retries()).some((r) => r.outcome === "success"), 60_000, "RetryRuns");
        const group = (await s.retries())[0]!.response?.RunGroupId as string;
        await waitForWaitPolls(fx.control, group);
        up.signalGroup("SIGKILL");
        await up.waitExit(10_000);
        await assertNothingOfOursSurvives(up);
        const seen = (await fx.control.requests()).length;
        await new Promise((r) => setTimeout(r, 3000));
        assert.equal((await fx.control.requests()).length, seen, "no call after the engine died");

        await fx.control.advanceClock(3600);
        const { id } = await recover(s);
        await assertExactlyOnce(s, id);
        const outputs = JSON.parse((await s.project.runOk(["stack", "output", "--json"])).stdout) as { statuses: Record<string, string> };
        assert.match(outputs.statuses.main, /^COMPLETE/);
    });

    it("SIGKILL right after RetryRuns answered (create returned, perhaps not yet recorded): the next up converges on that group", async () => {
        const s = await scenario("kill-returned");
        const up = s.project.startUp();
        await waitUntil(async () => (await s.retries()).some((r) => r.outcome === "success"), 60_000, "RetryRuns");
        up.signalGroup("SIGKILL");
        await up.waitExit(10_000);
        const { id } = await recover(s);
        await assertExactlyOnce(s, id);
    });

    it("an interrupted replacement (triggers bump) adopts the replacement's group on the next up", async () => {
        const s = await scenario("kill-replace", { triggers: { attempt: 1 } });
        await s.project.runOk(["up", "--yes", "--skip-preview"]);
        const first = (await s.retries())[0]!.response?.RunGroupId as string;
        await setRetries(s.project, { runGroupId: s.seeded.RunGroupId, triggers: { attempt: 2 } });
        await fx.control.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
        const up = s.project.startUp();
        await fx.control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 60_000 });
        up.signalGroup("SIGKILL");
        await up.waitExit(10_000);
        const { id } = await recover(s);
        assert.notEqual(id, first);
        await assertExactlyOnce(s, id, 1);
    });

    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        it(`${signal} once while RetryRuns is on the wire: the answer is awaited and recorded; the next up changes nothing`, async () => {
            const s = await scenario(`${signal.toLowerCase()}-wire`);
            await fx.control.addFault({ action: "RetryRuns", answerDelayMs: 3000, count: 1 });
            const up = s.project.startUp();
            await fx.control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 60_000 });
            up.signalGroup(signal);
            const exit = await up.waitExit(60_000);
            console.log(`      CLI exited ${exit.msAfterFirstSignal} ms after ${signal} (code ${exit.code}); the answer was delayed 3000 ms`);
            assert.notEqual(exit.code, 0, "a cancelled update reports failure");
            const { id, output } = await recover(s);
            await assertExactlyOnce(s, id);
            assert.doesNotMatch(output, /pending operations/, "the create finished and was recorded before the CLI exited");
        });

        it(`${signal} once during the wait: the wait stops promptly; the next up waits again`, async () => {
            const s = await scenario(`${signal.toLowerCase()}-wait`, { waitForCompletion: true });
            const up = s.project.startUp();
            await waitUntil(async () => (await s.retries()).some((r) => r.outcome === "success"), 60_000, "RetryRuns");
            await up.waitForOutput(/RunGroupWait "main": run group run-\S+ is RUNNING/, 30_000);
            up.signalGroup(signal);
            const exit = await up.waitExit(20_000);
            console.log(`      CLI exited ${exit.msAfterFirstSignal} ms after ${signal} (code ${exit.code})`);
            assert.ok(
                exit.msAfterFirstSignal !== undefined && exit.msAfterFirstSignal < 10_000,
                `the CLI took ${exit.msAfterFirstSignal} ms to stop (the wait would have lasted an hour)`,
            );
            assert.match(up.output, /stopped because the update was cancelled/);
            await fx.control.advanceClock(3600);
            const { id } = await recover(s);
            await assertExactlyOnce(s, id);
        });

        it(`${signal} twice while RetryRuns is on the wire: the CLI ends at once; the next up adopts the applied group`, async () => {
            const s = await scenario(`${signal.toLowerCase()}-twice`);
            await fx.control.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
            const up = s.project.startUp();
            await fx.control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 60_000 });
            up.signalGroup(signal);
            await new Promise((r) => setTimeout(r, 500));
            up.signalGroup(signal);
            const exit = await up.waitExit(15_000);
            console.log(`      CLI exited ${exit.msAfterFirstSignal} ms after the first ${signal} (code ${exit.code})`);
            assert.notEqual(exit.code, 0);
            await assertNothingOfOursSurvives(up);
            const { id } = await recover(s);
            await assertExactlyOnce(s, id);
        });
    }
});
