// RunGroupWait, provider ↔ emulator over HTTP: waits as a step of its own, records nothing when it
// fails or is cancelled (the next up waits again), and stops promptly on cancellation.
import * as assert from "node:assert/strict";
import { runGroupWaitProvider } from "../../../provider";
import { cancelProcess, resetCancellation } from "../../../provider/host/cancellation";
import { PROVIDER_TEXT, checkAndCreate, rejection, startEnv, type Bag, type Env } from "./helpers";

async function checkedWait(news: Bag): Promise<Bag> {
    const c = await runGroupWaitProvider.check({}, { ...news, __provider: PROVIDER_TEXT });
    assert.deepEqual(c.failures, []);
    return { ...c.inputs, __provider: PROVIDER_TEXT };
}

describe("RunGroupWait provider ↔ emulator", function () {
    this.timeout(30_000);
    let env: Env;
    afterEach(async () => {
        resetCancellation();
        await env?.stop();
    });

    it("waits until the group is final, printing a line when its status changes", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const retry = await checkAndCreate({ runGroupId: seed.RunGroupId });
        const inputs = await checkedWait({ runGroupId: retry.id, __resourceName: "waiter" });
        const waiting = runGroupWaitProvider.create(inputs);
        await new Promise((r) => setTimeout(r, 200));
        await env.ctl.advanceClock(3600);
        const { id, outs } = await waiting;
        assert.equal(id, retry.id);
        assert.equal(outs.status, "COMPLETE");
        assert.deepEqual(outs.runStatusCounts, { SUCCESS: 1 });
        assert.match(String(outs.endTime), /^\d{4}-/);
        assert.ok(
            env.logs.some((l) => /RunGroupWait "waiter": run group run-.* is RUNNING \(WAITING 1\)/.test(l)),
            env.logs.join("\n"),
        );
        assert.ok(
            env.logs.some((l) => /RunGroupWait "waiter": run group run-.* is COMPLETE \(SUCCESS 1\) after \d+s/.test(l)),
            env.logs.join("\n"),
        );
        assert.equal((await env.ctl.requests("RetryRuns")).length, 1, "a wait never retries");
    });

    it("returns at once, with one read, when the group already finished", async () => {
        env = await startEnv({ clock: "immediate" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        await env.ctl.clearRequests();
        const { outs } = await runGroupWaitProvider.create(await checkedWait({ runGroupId: seed.RunGroupId }));
        assert.equal(outs.status, "COMPLETE_ERROR");
        assert.equal((await env.ctl.requests()).length, 1);
    });

    it("a timeout fails and records nothing (no partial state); the next attempt waits again", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const retry = await checkAndCreate({ runGroupId: seed.RunGroupId });
        const inputs = await checkedWait({ runGroupId: retry.id, timeoutSeconds: 1, __resourceName: "slow" });
        const err = await rejection(runGroupWaitProvider.create(inputs));
        assert.match(
            err.message,
            /RunGroupWait "slow": waiting for run group run-.* \(nothing recorded; the next up waits again\): run group .* is still (WAITING|RUNNING)/,
        );
        assert.equal(err.id, undefined, "nothing to record: the retry itself is already in state");
        await env.ctl.advanceClock(3600);
        const { outs } = await runGroupWaitProvider.create(inputs);
        assert.equal(outs.status, "COMPLETE");
    });

    it("cancellation stops a wait promptly", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const retry = await checkAndCreate({ runGroupId: seed.RunGroupId });
        const waiting = rejection(runGroupWaitProvider.create(await checkedWait({ runGroupId: retry.id, timeoutSeconds: 3600, __resourceName: "c" })));
        await new Promise((r) => setTimeout(r, 150));
        const t0 = Date.now();
        cancelProcess("test: pulumi up was cancelled");
        const err = await waiting;
        assert.ok(Date.now() - t0 < 1000, `stopped after ${Date.now() - t0} ms`);
        assert.match(err.message, /stopped because the update was cancelled \(test: pulumi up was cancelled\)/);
    });

    it("disabled: reads the status once instead of waiting", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const retry = await checkAndCreate({ runGroupId: seed.RunGroupId });
        await env.ctl.clearRequests();
        const { outs } = await runGroupWaitProvider.create(await checkedWait({ runGroupId: retry.id, enabled: false }));
        assert.equal(outs.status, "RUNNING");
        assert.equal((await env.ctl.requests()).length, 1);
    });

    it("turning waiting on for a group still running waits in the update; other updates make no call", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const retry = await checkAndCreate({ runGroupId: seed.RunGroupId });
        const off = await checkedWait({ runGroupId: retry.id, enabled: false });
        const created = await runGroupWaitProvider.create(off);
        await env.ctl.clearRequests();
        const same = await runGroupWaitProvider.update(
            created.id,
            created.outs,
            await checkedWait({ runGroupId: retry.id, enabled: false, timeoutSeconds: 60 }),
        );
        assert.deepEqual(await env.ctl.requests(), []);
        assert.equal(same.outs!.timeoutSeconds, 60);
        const on = runGroupWaitProvider.update(created.id, created.outs, await checkedWait({ runGroupId: retry.id }));
        await new Promise((r) => setTimeout(r, 150));
        await env.ctl.advanceClock(3600);
        assert.equal((await on).outs!.status, "COMPLETE");
    });

    it("refresh reads the status; a group gone upstream is kept as NOT_FOUND", async () => {
        env = await startEnv({ clock: "immediate" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const { id, outs } = await runGroupWaitProvider.create(await checkedWait({ runGroupId: seed.RunGroupId }));
        const fresh = await runGroupWaitProvider.read!(id, outs);
        assert.equal(fresh.props!.status, "COMPLETE_ERROR");
        const gone = await runGroupWaitProvider.read!("run-deleted-upstream-000001", { ...outs, runGroupId: "run-deleted-upstream-000001" });
        assert.equal(gone.id, "run-deleted-upstream-000001");
        assert.equal(gone.props!.status, "NOT_FOUND");
    });

    it("check names bad inputs offline; diff replaces for another group and updates settings in place", async () => {
        env = await startEnv();
        const bad = await runGroupWaitProvider.check({}, { timeoutSeconds: 0, enabled: "yes", extra: 1, __provider: PROVIDER_TEXT });
        assert.deepEqual(bad.failures.map((f) => f.property).sort(), ["enabled", "extra", "runGroupId", "timeoutSeconds"]);
        assert.deepEqual(await env.ctl.requests(), []);
        const olds = { runGroupId: "run-a-1", region: "ap-guangzhou", timeoutSeconds: 3600, enabled: true, status: "COMPLETE" };
        assert.deepEqual((await runGroupWaitProvider.diff!("run-a-1", olds, { ...olds, runGroupId: "run-b-2" })).replaces, ["runGroupId"]);
        const upd = await runGroupWaitProvider.diff!("run-a-1", olds, { ...olds, timeoutSeconds: 60 });
        assert.equal(upd.changes, true);
        assert.deepEqual(upd.replaces, []);
        assert.equal(
            (await runGroupWaitProvider.diff!("run-a-1", olds, { runGroupId: "run-a-1", region: "ap-guangzhou" })).changes,
            false,
            "defaults equal unset",
        );
    });
});
