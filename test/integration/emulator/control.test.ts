/** The `/_emulator/` control plane, through EmulatorControl and raw HTTP. */
import * as assert from "node:assert/strict";
import { EmulatorControlError } from "../../../emulator";
import { sdkError, startTestEmulator, type TestEmulator } from "./helpers";

describe("emulator control plane", () => {
    let t: TestEmulator;
    beforeEach(async () => {
        t = await startTestEmulator();
    });
    afterEach(async () => {
        await t.emu.stop();
    });

    it("seed/failed-run-group defaults: ap-guangzhou, WDL, 3 runs, 1 failed, COMPLETE_ERROR", async () => {
        const s = await t.ctl.seedFailedRunGroup();
        assert.equal(s.RunUuids.length, 3);
        assert.equal(s.FailedRunUuids.length, 1);
        assert.ok(s.RunUuids.includes(s.FailedRunUuids[0] as string));
        assert.match(s.EnvironmentId, /^env-[0-9a-z]{8}$/);
        const state = await t.ctl.state();
        const g = state.runGroups[s.RunGroupId];
        assert.equal(g?.Status, "COMPLETE_ERROR");
        assert.equal(g?.Type, "WDL");
        assert.equal(state.projects[s.ProjectId]?.Region, "ap-guangzhou");
    });

    it("seed validates its body (400 naming the field)", async () => {
        await assert.rejects(t.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 3 }), /failedRuns/);
        await assert.rejects(t.ctl.seedFailedRunGroup({ region: "mars-1" }), /region/);
        const res = await fetch(`${t.emu.url}/_emulator/seed/failed-run-group`, { method: "POST", body: "{nope" });
        assert.equal(res.status, 400);
        const e = await t.ctl.seedFailedRunGroup({ type: "CWL" as "WDL" }).catch((x: unknown) => x);
        assert.ok(e instanceof EmulatorControlError);
        assert.equal(e.status, 400);
    });

    it("requests: action, region, params, outcome, errorCode, requestId; filter by action; never secrets; clear", async () => {
        const s = await t.ctl.seedFailedRunGroup();
        const c = t.client();
        const ok = await c.RetryRuns({ RunGroupId: s.RunGroupId });
        await sdkError(c.RetryRuns({ RunGroupId: "run-happy-blue-otter-000001" }));
        await c.DescribeProjects({});
        const log = await t.ctl.requests("RetryRuns");
        assert.equal(log.length, 2);
        assert.deepEqual(log[0]?.params, { RunGroupId: s.RunGroupId });
        assert.equal(log[0]?.region, "ap-guangzhou");
        assert.equal(log[0]?.outcome, "success");
        assert.equal(log[0]?.requestId, ok.RequestId);
        assert.equal(log[1]?.outcome, "error");
        assert.equal(log[1]?.errorCode, "ResourceNotFound.RunGroupNotExist");
        assert.equal((await t.ctl.requests()).length, 3);
        const raw = await (await fetch(`${t.emu.url}/_emulator/requests`)).text();
        assert.ok(!raw.includes("omics-emulator-demo-secret-key"), "the secret key never appears");
        assert.ok(!raw.includes("Signature="), "no Authorization header content");
        await t.ctl.clearRequests();
        assert.equal((await t.ctl.requests()).length, 0);
    });

    it("secret-looking parameters (GitTokenOrPassword) are masked in the log", async () => {
        const env = (await t.client().DescribeEnvironments({})).Environments?.[0]?.EnvironmentId as string;
        await t.client().RunWorkflow({
            Name: "wf",
            EnvironmentId: env,
            Type: "NEXTFLOW",
            NFOption: {},
            InputCosUri: "cos://b/k",
            GitSource: { GitHttpPath: "https://git.example/x.git", GitUserName: "me", GitTokenOrPassword: "hunter2" },
        });
        const raw = await (await fetch(`${t.emu.url}/_emulator/requests`)).text();
        assert.ok(!raw.includes("hunter2"));
        const [entry] = await t.ctl.requests("RunWorkflow");
        assert.deepEqual((entry?.params as { GitSource: unknown } | undefined)?.GitSource, {
            GitHttpPath: "https://git.example/x.git",
            GitUserName: "me",
            GitTokenOrPassword: "***",
        });
    });

    it("clock/advance returns the new time and moves statuses (manual clock)", async () => {
        const s = await t.ctl.seedFailedRunGroup({ status: "RUNNING" });
        const t0 = Date.parse(await t.ctl.advanceClock(0));
        const t1 = Date.parse(await t.ctl.advanceClock(3600));
        assert.equal(t1 - t0, 3600_000);
        assert.equal((await t.ctl.state()).runGroups[s.RunGroupId]?.Status, "COMPLETE_ERROR");
    });

    it("reset: empty state with a default project per region; log and faults cleared", async () => {
        await t.ctl.seedFailedRunGroup();
        await t.ctl.addFault({ action: "RetryRuns", error: { code: "InternalError" } });
        await t.client().DescribeProjects({});
        await t.ctl.reset();
        const state = await t.ctl.state();
        assert.equal(Object.keys(state.runGroups).length, 0);
        const regions = Object.values(state.projects)
            .filter((p) => p.IsDefault)
            .map((p) => p.Region)
            .sort();
        assert.deepEqual(regions, ["ap-beijing", "ap-guangzhou", "ap-hongkong", "ap-shanghai", "ap-singapore", "eu-frankfurt"]);
        assert.deepEqual(await t.ctl.faults(), []);
        assert.deepEqual(await t.ctl.requests(), []);
    });

    it("faults list and clear", async () => {
        const id = await t.ctl.addFault({ action: "DescribeRuns", latencyMs: 10 });
        const list = await t.ctl.faults();
        assert.equal(list.length, 1);
        assert.equal(list[0]?.id, id);
        await t.ctl.clearFaults();
        assert.equal((await t.ctl.faults()).length, 0);
    });

    it("unknown routes and resources answer 404; the control plane needs no signature", async () => {
        assert.equal((await fetch(`${t.emu.url}/_emulator/nope`)).status, 404);
        await assert.rejects(t.ctl.deleteEnvironment("env-00000000"), /not found/);
        await assert.rejects(t.ctl.setRunOutcome("7b501b32-4e42-456a-9d54-aa3c9791beb0", { outcome: "SUCCESS" }), /not found/);
        assert.equal((await fetch(`${t.emu.url}/_emulator/health`)).status, 200);
    });
});
