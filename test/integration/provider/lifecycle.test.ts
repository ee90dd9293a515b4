import * as assert from "node:assert/strict";
import { PROVIDER_TEXT, checkAndCreate, runRetryProvider, startEnv, type Bag, type Env, retriesOf } from "./helpers";
import { forgetSnapshots } from "../../../provider/omics/snapshot";

describe("RunRetry provider ↔ emulator: lifecycle", function () {
    this.timeout(30_000);
    let env: Env;
    afterEach(async () => env?.stop());

    it("check plans read-only (0 RetryRuns), create calls RetryRuns exactly once and records the new group", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        await env.ctl.clearRequests();

        const checked = await runRetryProvider.check({}, { runGroupId: seed.RunGroupId, __resourceName: "r1", __provider: PROVIDER_TEXT });
        assert.deepEqual(checked.failures, []);
        const plan = checked.inputs.plan as { runs: { runUuid: string; status: string; userDefinedId?: string }[]; groupStatus: string; projectId: string };
        assert.equal(plan.groupStatus, "COMPLETE_ERROR");
        assert.deepEqual(
            plan.runs.map((r) => r.runUuid),
            [...seed.FailedRunUuids].sort(),
        );
        assert.ok(plan.runs.every((r) => r.status === "EXECUTOR_ERROR"));
        assert.equal(plan.projectId, seed.ProjectId);
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0, "check made a RetryRuns call");
        const readOnly = await env.ctl.requests();
        assert.ok(readOnly.length > 0 && readOnly.every((r) => r.action.startsWith("Describe")), JSON.stringify(readOnly.map((r) => r.action)));

        const created = await runRetryProvider.create({ ...checked.inputs, __provider: PROVIDER_TEXT });
        const retries = await env.ctl.requests("RetryRuns");
        assert.equal(retries.length, 1);
        assert.deepEqual(retries[0]!.params, { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId });
        assert.equal(created.id, created.outs.newRunGroupId);
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [created.id]);
        assert.equal(created.outs.requestId, retries[0]!.requestId);
        assert.ok(!Number.isNaN(Date.parse(created.outs.retriedAt as string)));
        assert.equal(created.outs.runGroupId, seed.RunGroupId);
        assert.equal(created.outs.region, "ap-guangzhou");
        assert.equal(created.outs.waitForCompletion, false);
        assert.equal(created.outs.status, "SUBMITTED", "create returns as soon as RetryRuns answered: no status read");
        const all = await env.ctl.requests();
        assert.equal(all[all.length - 1]!.action, "RetryRuns", `nothing after RetryRuns: ${all.map((r) => r.action).join(", ")}`);
        assert.equal(created.outs.adopted, false);
        assert.ok(!JSON.stringify(created.outs).includes("omics-emulator-demo-secret-key"), "secret in outputs");
    });

    it("runUuids alone: the plan finds their group; RetryRuns gets exactly the runs (sorted) and the project", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 4, failedRuns: 3 });
        const other = await env.ctl.seedFailedRunGroup({});
        const mixed = await runRetryProvider.check({}, { runUuids: [seed.FailedRunUuids[0]!, other.FailedRunUuids[0]!], __provider: PROVIDER_TEXT });
        assert.equal(mixed.failures[0]?.property, "runUuids");
        assert.match(mixed.failures[0]!.reason, /several run groups/);

        const two = seed.FailedRunUuids.slice(0, 2);
        const { outs } = await checkAndCreate({ runUuids: [...two].reverse() });
        const plan = outs.plan as { runGroupId: string; runs: { runUuid: string }[] };
        assert.equal(plan.runGroupId, seed.RunGroupId);
        assert.deepEqual(
            plan.runs.map((r) => r.runUuid),
            [...two].sort(),
        );
        const params = (await env.ctl.requests("RetryRuns"))[0]!.params;
        assert.deepEqual(params, { ProjectId: seed.ProjectId, RunUuids: [...two].sort() });
    });

    it("options reach RetryRuns in Tencent's shape: wdlOption for WDL groups, nfOption for Nextflow groups", async () => {
        env = await startEnv();
        const wdl = await env.ctl.seedFailedRunGroup({ type: "WDL" });
        const nf = await env.ctl.seedFailedRunGroup({ type: "NEXTFLOW" });
        await checkAndCreate({
            runGroupId: wdl.RunGroupId,
            wdlOption: { failureMode: "ContinueWhilePossible", useCallCache: true, useErrorOnHold: false, finalWorkflowOutputsDir: "cos://bucket/out" },
        });
        await checkAndCreate({ runGroupId: nf.RunGroupId, nfOption: { resume: true, nfVersion: "23.10.1", profile: "docker" } });
        const [a, b] = (await env.ctl.requests("RetryRuns")).map((e) => e.params as Bag);
        assert.deepEqual(a!.WDLOption, {
            FailureMode: "ContinueWhilePossible",
            UseCallCache: true,
            UseErrorOnHold: false,
            FinalWorkflowOutputsDir: "cos://bucket/out",
        });
        assert.deepEqual(b!.NFOption, { Profile: "docker", Resume: true, NFVersion: "23.10.1" });
        const wrong = await runRetryProvider.check(
            {},
            { runGroupId: nf.RunGroupId, wdlOption: { failureMode: "NoNewCalls", useCallCache: false, useErrorOnHold: false }, __provider: PROVIDER_TEXT },
        );
        assert.equal(wrong.failures[0]?.property, "wdlOption");
    });

    it("a no-op check (same inputs as recorded, runUuids reordered) makes zero API calls and carries the plan forward", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 4, failedRuns: 2 });
        const { inputs, outs, id } = await checkAndCreate({ runGroupId: seed.RunGroupId, runUuids: seed.FailedRunUuids });
        await env.ctl.clearRequests();
        const again = await runRetryProvider.check(inputs, {
            runGroupId: seed.RunGroupId,
            runUuids: [...seed.FailedRunUuids].reverse(),
            __provider: PROVIDER_TEXT,
        });
        assert.deepEqual(again.failures, []);
        assert.deepEqual(again.inputs.plan, inputs.plan);
        const diff = await runRetryProvider.diff(id, outs, again.inputs);
        assert.equal(diff.changes, false);
        assert.deepEqual(await env.ctl.requests(), []);
    });

    it("changing triggers re-plans online and diff replaces naming triggers; RetryRuns only in create", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const first = await checkAndCreate({ runGroupId: seed.RunGroupId, triggers: ["v1"] });
        await env.ctl.clearRequests();
        forgetSnapshots(); // the next up is a new provider process
        const next = await runRetryProvider.check(first.inputs, { runGroupId: seed.RunGroupId, triggers: ["v2"], __provider: PROVIDER_TEXT });
        assert.deepEqual(next.failures, []);
        assert.ok((await env.ctl.requests()).length > 0, "replacement should be planned online");
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0);
        const diff = await runRetryProvider.diff(first.id, first.outs, next.inputs);
        assert.deepEqual(diff.replaces, ["triggers"]);
        assert.equal(diff.deleteBeforeReplace, false);
        const second = await runRetryProvider.create({ ...next.inputs, __provider: PROVIDER_TEXT });
        await runRetryProvider.delete(first.id, first.outs);
        assert.notEqual(second.id, first.id);
        assert.equal((await env.ctl.requests("RetryRuns")).length, 1);
        assert.equal((await env.ctl.requests("TerminateRunGroup")).length, 0, "delete without terminateOnDelete only forgets");
    });

    it("check reports missing groups, unknown runs, unretryable statuses and unavailable environments before any RetryRuns, naming the field", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 1 });
        const running = await env.ctl.seedFailedRunGroup({ status: "RUNNING" });
        const complete = await env.ctl.seedFailedRunGroup({ failedRuns: 0 });
        const noEnv = await env.ctl.seedFailedRunGroup({ environmentAvailable: false });
        const goneEnv = await env.ctl.seedFailedRunGroup({});
        await env.ctl.deleteEnvironment(goneEnv.EnvironmentId);
        const succeeded = seed.RunUuids.find((u) => !seed.FailedRunUuids.includes(u))!;

        const cases: Array<[Bag, string, RegExp]> = [
            [{ runGroupId: "run-missing-blue-otter-123456" }, "runGroupId", /ResourceNotFound\.RunGroupNotExist/],
            [{ runGroupId: seed.RunGroupId, runUuids: ["7b501b32-4e42-456a-9d54-aa3c9791beb0"] }, "runUuids", /ResourceNotFound\.RunNotExist/],
            [{ runGroupId: running.RunGroupId }, "runGroupId", /RUNNING.*StatusNotSupported/],
            [{ runGroupId: complete.RunGroupId }, "runGroupId", /COMPLETE.*nothing to retry/],
            [{ runGroupId: seed.RunGroupId, runUuids: [succeeded] }, "runUuids", /only failed runs.*SUCCESS/],
            [{ runGroupId: seed.RunGroupId, nfOption: { resume: true } }, "nfOption", /WDL group/],
            [{ runGroupId: seed.RunGroupId, projectId: "prj-absent-lime-porcupine-752427" }, "projectId", /ProjectNotExist/],
            [{ runGroupId: noEnv.RunGroupId }, "runGroupId", /not available.*InvalidParameterValue\.EnvironmentNotAvailable/],
            [{ runGroupId: goneEnv.RunGroupId }, "runGroupId", /no longer exists.*ResourceNotFound\.EnvironmentNotExist/],
        ];
        for (const [news, property, reason] of cases) {
            const r = await runRetryProvider.check({}, { ...news, __resourceName: "bad", __provider: PROVIDER_TEXT });
            assert.equal(r.failures.length, 1, JSON.stringify({ news, failures: r.failures }));
            assert.equal(r.failures[0]!.property, property, JSON.stringify(r.failures));
            assert.match(r.failures[0]!.reason, reason);
            assert.match(r.failures[0]!.reason, /RunRetry "bad"/);
        }
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0);
    });

    it("IDs of other plausible shapes pass offline validation; the plan reports them when they do not exist", async () => {
        env = await startEnv();
        for (const [news, property, code] of [
            [{ runGroupId: "run-0a1b2c3d" }, "runGroupId", "ResourceNotFound.RunGroupNotExist"],
            [{ runGroupId: "run-Upper_Case-1" }, "runGroupId", "ResourceNotFound.RunGroupNotExist"],
            [{ runUuids: ["7b501b32-4e42-156a-9d54-aa3c9791beb0"] }, "runUuids", "ResourceNotFound.RunNotExist"],
            [{ runGroupId: "run-abc123", projectId: "prj-7f3a9c" }, "projectId", "ResourceNotFound.ProjectNotExist"],
        ] as const) {
            await env.ctl.clearRequests();
            const r = await runRetryProvider.check({}, { ...news, __resourceName: "shape", __provider: PROVIDER_TEXT });
            assert.equal(r.failures.length, 1, JSON.stringify(r.failures));
            assert.equal(r.failures[0]!.property, property);
            assert.ok(r.failures[0]!.reason.includes(code), r.failures[0]!.reason);
            assert.ok((await env.ctl.requests()).length > 0, "reported by the online plan, not by offline validation");
        }
    });

    it("offline validation failures make no API call at all", async () => {
        env = await startEnv();
        const r = await runRetryProvider.check(
            {},
            { runGroupId: "group-1", runUuids: ["nope"], region: "mars-1", waitTimeoutSeconds: -5, __provider: PROVIDER_TEXT },
        );
        assert.deepEqual(r.failures.map((f) => f.property).sort(), ["region", "runGroupId", "runUuids", "waitTimeoutSeconds"]);
        assert.deepEqual(await env.ctl.requests(), []);
    });

    it("refresh updates status and counts; a group deleted upstream keeps its id and state (status NOT_FOUND)", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 2 });
        const { id, outs } = await checkAndCreate({ runGroupId: seed.RunGroupId });
        assert.notEqual(outs.status, "COMPLETE");
        await env.ctl.advanceClock(3600);
        const refreshed = await runRetryProvider.read(id, outs);
        assert.equal(refreshed.id, id);
        assert.equal(refreshed.props!.status, "COMPLETE");
        assert.deepEqual(refreshed.props!.runStatusCounts, { SUCCESS: 2 });
        assert.equal(refreshed.props!.requestId, outs.requestId);

        await env.ctl.reset();
        forgetSnapshots(); // the next refresh is a new provider process
        const gone = await runRetryProvider.read(id, refreshed.props!);
        assert.equal(gone.id, id, "refresh must never drop a recorded retry");
        assert.equal(gone.props!.status, "NOT_FOUND");
        assert.equal(gone.props!.newRunGroupId, id);
        assert.equal(gone.props!.requestId, outs.requestId);
        assert.ok(env.logs.some((l) => l.includes("no longer exists upstream")));
    });

    it("update changes only settings and makes no API call", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const { id, inputs, outs } = await checkAndCreate({ runGroupId: seed.RunGroupId });
        await env.ctl.clearRequests();
        const next = await runRetryProvider.check(inputs, { runGroupId: seed.RunGroupId, terminateOnDelete: true, __provider: PROVIDER_TEXT });
        const diff = await runRetryProvider.diff(id, outs, next.inputs);
        assert.deepEqual(diff.replaces, []);
        assert.equal(diff.changes, true);
        const updated = await runRetryProvider.update(id, outs, next.inputs);
        assert.equal(updated.outs!.terminateOnDelete, true);
        assert.equal(updated.outs!.newRunGroupId, id);
        assert.equal(updated.outs!.requestId, outs.requestId);
        assert.deepEqual(updated.outs!.plan, outs.plan);
        assert.deepEqual(await env.ctl.requests(), []);
    });

    it("terminateOnDelete terminates a still-running new group once; finished groups and the default only forget", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 2 });
        const a = await checkAndCreate({ runGroupId: seed.RunGroupId, runUuids: [seed.FailedRunUuids[0]!], terminateOnDelete: true });
        assert.equal(a.outs.status, "SUBMITTED");
        await runRetryProvider.delete(a.id, a.outs);
        const terms = await env.ctl.requests("TerminateRunGroup");
        assert.equal(terms.length, 1);
        assert.deepEqual((terms[0]!.params as Bag).RunGroupId, a.id);

        const b = await checkAndCreate({ runGroupId: seed.RunGroupId, runUuids: [seed.FailedRunUuids[1]!] });
        await runRetryProvider.delete(b.id, b.outs);
        assert.equal((await env.ctl.requests("TerminateRunGroup")).length, 1, "default delete must not terminate");

        const c = await checkAndCreate({ runGroupId: seed.RunGroupId, runUuids: [seed.FailedRunUuids[1]!], terminateOnDelete: true, triggers: 2 });
        await env.ctl.advanceClock(3600);
        await runRetryProvider.delete(c.id, c.outs);
        assert.equal((await env.ctl.requests("TerminateRunGroup")).length, 1, "finished group must not be terminated");
    });
});

describe("RunRetry provider ↔ emulator: state written by 0.1.0", function () {
    this.timeout(30_000);
    let env: Env;
    afterEach(async () => env?.stop());

    it("the update the engine sends to a 0.1.0 retry recorded with partial state (wait unfinished) makes no call and keeps the retry", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const { id, inputs, outs } = await checkAndCreate({
            runGroupId: seed.RunGroupId,
            waitForCompletion: true,
            waitTimeoutSeconds: 1,
            __resourceName: "old",
        });
        const partial = { ...outs, status: "RUNNING", requestId: "46520c37-4d28-49e1-a738-01f64ae1b06b" };
        delete (partial as Bag).intent;
        await env.ctl.clearRequests();
        const updated = await runRetryProvider.update(id, partial, inputs);
        assert.deepEqual(await env.ctl.requests(), [], "no call: the program's RunGroupWait does the waiting now");
        assert.equal(updated.outs!.newRunGroupId, id);
        assert.equal(updated.outs!.requestId, partial.requestId);
        assert.equal(updated.outs!.status, "RUNNING");
    });
});
