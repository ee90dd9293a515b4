/** Every other action through the official Node SDK: shapes, filters, paging, errors. */
import * as assert from "node:assert/strict";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { b64, sdkError, startTestEmulator, type TestEmulator, UUID_V4 } from "./helpers";

const RUN_GROUP_ID = /^run-[a-z]+-[a-z]+-[a-z]+-\d{6}$/;

describe("emulator actions (official Node SDK)", () => {
    let t: TestEmulator;
    beforeEach(async () => {
        t = await startTestEmulator();
    });
    afterEach(async () => {
        await t.emu.stop();
    });

    async function defaults() {
        const c = t.client();
        const env = (await c.DescribeEnvironments({})).Environments?.find((e) => e.IsDefault);
        const state = await t.ctl.state();
        const project = Object.values(state.projects).find((p) => p.Region === "ap-guangzhou" && p.IsDefault);
        const apps = Object.values(state.applications).filter((a) => a.ProjectId === project?.ProjectId);
        const wdl = apps.find((a) => a.Type === "WDL");
        const nf = apps.find((a) => a.Type === "NEXTFLOW");
        assert.ok(env?.EnvironmentId && project && wdl && nf);
        return { c, envId: env.EnvironmentId, projectId: project.ProjectId, wdlApp: wdl.ApplicationId, nfApp: nf.ApplicationId };
    }

    it("DescribeProjects: one default project per region, filters and ID format", async () => {
        const c = t.client();
        const out = await c.DescribeProjects({});
        assert.equal(out.TotalCount, 1);
        const p = out.Projects?.[0];
        assert.equal(p?.IsDefault, true);
        assert.equal(p?.Region, "ap-guangzhou");
        assert.match(p?.ProjectId ?? "", /^prj-[a-z]+-[a-z]+-[a-z]+-\d{6}$/);
        assert.match(p?.CreateTime ?? "", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        assert.equal((await c.DescribeProjects({ Filters: [{ Name: "Name", Values: ["nope"] }] })).TotalCount, 0);
        const bj = await t.client({ region: "ap-beijing" }).DescribeProjects({});
        assert.notEqual(bj.Projects?.[0]?.ProjectId, p?.ProjectId);
        assert.equal((await sdkError(c.DescribeProjects({ Filters: [{ Name: "Colour", Values: ["x"] }] }))).code, "InvalidParameterValue");
    });

    it("DescribeEnvironments: default environment, Available, filters, Limit", async () => {
        await t.ctl.seedFailedRunGroup({ environmentAvailable: false });
        const c = t.client();
        const out = await c.DescribeEnvironments({});
        assert.equal(out.TotalCount, 2);
        for (const e of out.Environments ?? []) assert.match(e.EnvironmentId ?? "", /^env-[0-9a-z]{8}$/);
        assert.deepEqual((out.Environments ?? []).map((e) => e.Available).sort(), [false, true]);
        const named = await c.DescribeEnvironments({ Filters: [{ Name: "Name", Values: ["seeded-env"] }] });
        assert.equal(named.TotalCount, 1);
        assert.equal(named.Environments?.[0]?.Available, false);
        const paged = await c.DescribeEnvironments({ Limit: 1, Offset: 1 });
        assert.equal(paged.TotalCount, 2);
        assert.equal(paged.Environments?.length, 1);
    });

    it("RunApplication creates a RUNNING WDL group with one run per input, which completes with the clock", async () => {
        const { c, envId, wdlApp } = await defaults();
        const out = await c.RunApplication({
            ApplicationId: wdlApp,
            Name: "batch-1",
            EnvironmentId: envId,
            InputBase64: b64([{ "main.sample": "a" }, { "main.sample": "b", __emulator_outcome: "EXECUTOR_ERROR" }]),
            Option: { FailureMode: "NoNewCalls", UseCallCache: false, UseErrorOnHold: false },
        });
        assert.match(out.RunGroupId ?? "", RUN_GROUP_ID);
        const filter = { Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] };
        let g = (await c.DescribeRunGroups(filter)).RunGroups?.[0];
        assert.equal(g?.Status, "RUNNING");
        assert.equal(g?.TotalRun, 2);
        assert.equal(g?.Option?.FailureMode, "NoNewCalls");
        assert.deepEqual(
            (await c.DescribeRuns(filter)).Runs?.map((r) => r.Status),
            ["WAITING", "WAITING"],
        );
        await t.ctl.advanceClock(3);
        assert.deepEqual(
            (await c.DescribeRuns(filter)).Runs?.map((r) => r.Status),
            ["RUNNING", "RUNNING"],
        );
        await t.ctl.advanceClock(10);
        g = (await c.DescribeRunGroups(filter)).RunGroups?.[0];
        assert.equal(g?.Status, "COMPLETE_ERROR");
        assert.ok(g?.ExecutionTime?.EndTime);
        const runs = (await c.DescribeRuns(filter)).Runs ?? [];
        assert.deepEqual(runs.map((r) => r.Status).sort(), ["EXECUTOR_ERROR", "SUCCESS"]);
        for (const r of runs) assert.ok(!(r.Input ?? "").includes("__emulator_outcome"), "the outcome key is not part of the input");
        // and the failed one can be retried
        const retried = await c.RetryRuns({ RunGroupId: out.RunGroupId as string });
        assert.match(retried.RunGroupId ?? "", RUN_GROUP_ID);
    });

    it("RunApplication errors: unknown application, environment missing/unavailable, input rules, option kind", async () => {
        const { c, envId, wdlApp, nfApp } = await defaults();
        const base = { ApplicationId: wdlApp, Name: "x", EnvironmentId: envId, InputBase64: b64({}) };
        assert.equal((await sdkError(c.RunApplication({ ...base, ApplicationId: "app-no-such-app-000000" }))).code, "ResourceNotFound.ApplicationNotExist");
        assert.equal((await sdkError(c.RunApplication({ ...base, EnvironmentId: "env-00000000" }))).code, "ResourceNotFound.EnvironmentNotExist");
        await t.ctl.setEnvironment(envId, { available: false });
        assert.equal((await sdkError(c.RunApplication(base))).code, "InvalidParameterValue.EnvironmentNotAvailable");
        await t.ctl.setEnvironment(envId, { available: true });
        const { InputBase64: _omit, ...noInput } = base;
        assert.equal((await sdkError(c.RunApplication(noInput))).code, "MissingParameter");
        assert.equal((await sdkError(c.RunApplication({ ...base, InputBase64: "bm90IGpzb24=" }))).code, "InvalidParameterValue");
        assert.equal((await sdkError(c.RunApplication({ ...base, InputCosUri: "cos://b/k" }))).code, "InvalidParameter");
        assert.equal(
            (
                await sdkError(
                    c.RunApplication({ ...base, ApplicationId: nfApp, Option: { FailureMode: "NoNewCalls", UseCallCache: true, UseErrorOnHold: true } }),
                )
            ).code,
            "InvalidParameterValue",
        );
        const missing = await sdkError(c.request("RunApplication", { ApplicationId: wdlApp, EnvironmentId: envId, InputBase64: b64({}) }));
        assert.equal(missing.code, "MissingParameter");
        assert.match(missing.message, /`Name`/);
    });

    it("RunApplication with a table: one run per TableRowUuid, which retries copy", async () => {
        const { c, envId } = await defaults();
        const seeded = await t.ctl.seedProject({ failedGroup: false, applications: [] });
        const table = seeded.Tables[0]!;
        const projectId = seeded.ProjectId;
        const app = (await c.DescribeApplications({ ProjectId: projectId })).Applications ?? [];
        assert.equal(app.length, 0);
        const imported = await c.ImportCommonApplication({
            CommonAppUuid: "publicapp-wdl-gatk-germline",
            CommonAppNewName: "gatk",
            ProjectId: projectId,
            Type: "WDL",
            NextflowVersion: "",
        });
        const rows = table.TableRowUuids.slice(0, 2);
        const out = await c.RunApplication({
            ProjectId: projectId,
            ApplicationId: imported.ApplicationId as string,
            Name: "table",
            EnvironmentId: envId,
            InputCosUri: "cos://bucket/in.json",
            TableId: table.TableId,
            TableRowUuids: rows,
        });
        const runs = (await c.DescribeRuns({ ProjectId: projectId, Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] })).Runs ?? [];
        assert.deepEqual(runs.map((r) => r.TableRowUuid).sort(), [...rows].sort());
        assert.ok(runs.every((r) => r.TableId === table.TableId));
    });

    it("RunWorkflow creates a NEXTFLOW group from git; validates Type and NFOption", async () => {
        const { c, envId } = await defaults();
        const req = {
            Name: "nf",
            EnvironmentId: envId,
            GitSource: { GitHttpPath: "https://github.com/nf-core/demo.git", Branch: "main" },
            Type: "NEXTFLOW",
            NFOption: { NFVersion: "23.10.1" },
            InputBase64: b64({ input: "s3://x" }),
        };
        const out = await c.RunWorkflow(req);
        const g = (await c.DescribeRunGroups({ Filters: [{ Name: "Type", Values: ["NEXTFLOW"] }] })).RunGroups?.[0];
        assert.equal(g?.RunGroupId, out.RunGroupId);
        assert.equal(g?.NFOption?.NFVersion, "23.10.1");
        assert.equal((await sdkError(c.RunWorkflow({ ...req, Type: "WDL" }))).code, "InvalidParameterValue");
        assert.equal((await sdkError(c.RunWorkflow({ ...req, NFOption: { NFVersion: "20.01.0" } }))).code, "InvalidParameterValue");
        const { NFOption: _n, ...noNf } = req;
        assert.equal((await sdkError(c.request("RunWorkflow", noNf))).code, "MissingParameter");
        assert.equal((await sdkError(c.RunWorkflow({ ...req, GitSource: { GitHttpPath: "not a url" } }))).code, "InvalidParameterValue");
    });

    it("DescribeRunGroups: filters AND across names, OR across values; Limit/Offset; TotalCount", async () => {
        const c = t.client();
        const a = await t.ctl.seedFailedRunGroup({ name: "alpha" });
        const b = await t.ctl.seedFailedRunGroup({ name: "beta", type: "NEXTFLOW" });
        await t.ctl.seedFailedRunGroup({ name: "gamma", failedRuns: 0 });
        assert.equal((await c.DescribeRunGroups({})).TotalCount, 3);
        const or = await c.DescribeRunGroups({ Filters: [{ Name: "Name", Values: ["alpha", "beta"] }] });
        assert.deepEqual(or.RunGroups?.map((g) => g.Name).sort(), ["alpha", "beta"]);
        const and = await c.DescribeRunGroups({
            Filters: [
                { Name: "Name", Values: ["alpha", "beta"] },
                { Name: "Type", Values: ["WDL"] },
            ],
        });
        assert.deepEqual(
            and.RunGroups?.map((g) => g.RunGroupId),
            [a.RunGroupId],
        );
        const st = await c.DescribeRunGroups({ Filters: [{ Name: "Status", Values: ["COMPLETE"] }] });
        assert.deepEqual(
            st.RunGroups?.map((g) => g.Name),
            ["gamma"],
        );
        const app = await c.DescribeRunGroups({ Filters: [{ Name: "ApplicationId", Values: [b.ApplicationId] }] });
        assert.equal(app.TotalCount, 1);
        const page = await c.DescribeRunGroups({ Limit: 2, Offset: 2 });
        assert.equal(page.TotalCount, 3);
        assert.equal(page.RunGroups?.length, 1);
        const g = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [a.RunGroupId] }] })).RunGroups?.[0];
        assert.equal(g?.Status, "COMPLETE_ERROR");
        assert.deepEqual(g?.RunStatusCounts, [
            { Status: "EXECUTOR_ERROR", Count: 1 },
            { Status: "SUCCESS", Count: 2 },
        ]);
        assert.equal((await sdkError(c.DescribeRunGroups({ ProjectId: "prj-no-such-thing-000000" }))).code, "ResourceNotFound.ProjectNotExist");
    });

    it("DescribeRuns: filters by RunGroupId, Status, RunUuid, ApplicationId, UserDefinedId", async () => {
        const c = t.client();
        const s = await t.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 1 });
        await t.ctl.seedFailedRunGroup({});
        assert.equal((await c.DescribeRuns({})).TotalCount, 6);
        assert.equal((await c.DescribeRuns({ Filters: [{ Name: "RunGroupId", Values: [s.RunGroupId] }] })).TotalCount, 3);
        const failed = await c.DescribeRuns({
            Filters: [
                { Name: "RunGroupId", Values: [s.RunGroupId] },
                { Name: "Status", Values: ["EXECUTOR_ERROR"] },
            ],
        });
        assert.deepEqual(
            failed.Runs?.map((r) => r.RunUuid),
            s.FailedRunUuids,
        );
        assert.equal((await c.DescribeRuns({ Filters: [{ Name: "RunUuid", Values: s.RunUuids.slice(0, 2) }] })).TotalCount, 2);
        assert.equal((await c.DescribeRuns({ Filters: [{ Name: "ApplicationId", Values: [s.ApplicationId] }] })).TotalCount, 3);
        assert.equal((await c.DescribeRuns({ Filters: [{ Name: "UserDefinedId", Values: ["sample-0"] }] })).TotalCount, 2);
        assert.equal((await c.DescribeRuns({ Limit: 4 })).Runs?.length, 4);
        assert.equal((await sdkError(c.DescribeRuns({ ProjectId: "prj-no-such-thing-000000" }))).code, "ResourceNotFound.ProjectNotExist");
    });

    it("GetRunStatus: metadata of a run; RunNotExist; EnvironmentNotExist", async () => {
        const c = t.client();
        const s = await t.ctl.seedFailedRunGroup({});
        const out = await c.GetRunStatus({ RunUuid: s.FailedRunUuids[0] as string });
        assert.equal(out.Metadata?.RunId, s.FailedRunUuids[0]);
        assert.equal(out.Metadata?.Status, "EXECUTOR_ERROR");
        assert.ok(out.Metadata?.ErrorMessage);
        assert.match(out.RequestId ?? "", UUID_V4);
        assert.equal((await sdkError(c.GetRunStatus({ RunUuid: "7b501b32-4e42-456a-9d54-aa3c9791beb0" }))).code, "ResourceNotFound.RunNotExist");
        await t.ctl.deleteEnvironment(s.EnvironmentId);
        assert.equal((await sdkError(c.GetRunStatus({ RunUuid: s.RunUuids[0] as string }))).code, "ResourceNotFound.EnvironmentNotExist");
    });

    it("TerminateRunGroup: RUNNING -> TERMINATING -> TERMINATED, then retryable; errors", async () => {
        const c = t.client();
        const s = await t.ctl.seedFailedRunGroup({ status: "RUNNING" });
        const filter = { Filters: [{ Name: "RunGroupId", Values: [s.RunGroupId] }] };
        const out = await c.TerminateRunGroup({ RunGroupId: s.RunGroupId });
        assert.match(out.RequestId ?? "", UUID_V4);
        assert.equal((await c.DescribeRunGroups(filter)).RunGroups?.[0]?.Status, "TERMINATING");
        assert.equal((await sdkError(c.RetryRuns({ RunGroupId: s.RunGroupId }))).code, "FailedOperation.StatusNotSupported");
        await t.ctl.advanceClock(5);
        assert.equal((await c.DescribeRunGroups(filter)).RunGroups?.[0]?.Status, "TERMINATED");
        assert.deepEqual([...new Set((await c.DescribeRuns(filter)).Runs?.map((r) => r.Status))], ["TERMINATED"]);
        assert.equal((await sdkError(c.TerminateRunGroup({ RunGroupId: s.RunGroupId }))).code, "FailedOperation.StatusNotSupported");
        const retried = await c.RetryRuns({ RunGroupId: s.RunGroupId });
        assert.equal((await c.DescribeRuns({ Filters: [{ Name: "RunGroupId", Values: [retried.RunGroupId as string] }] })).TotalCount, 3);
        assert.equal((await sdkError(c.TerminateRunGroup({ RunGroupId: "run-happy-blue-otter-000001" }))).code, "ResourceNotFound.RunGroupNotExist");
        const s2 = await t.ctl.seedFailedRunGroup({ status: "RUNNING" });
        await t.ctl.deleteEnvironment(s2.EnvironmentId);
        assert.equal((await sdkError(c.TerminateRunGroup({ RunGroupId: s2.RunGroupId }))).code, "ResourceNotFound.EnvironmentNotExist");
    });

    it("mutating actions answer OperationDenied for a read-only credential", async () => {
        await t.emu.stop();
        t = await startTestEmulator({ credentials: [{ ...DEMO_CREDENTIALS }, { secretId: "AKIDRO", secretKey: "k", readOnly: true }] });
        const { envId, wdlApp } = await defaults();
        const ro = t.client({ secretId: "AKIDRO", secretKey: "k" });
        const s = await t.ctl.seedFailedRunGroup({ status: "RUNNING" });
        assert.equal((await sdkError(ro.TerminateRunGroup({ RunGroupId: s.RunGroupId }))).code, "OperationDenied");
        assert.equal(
            (await sdkError(ro.RunApplication({ ApplicationId: wdlApp, Name: "x", EnvironmentId: envId, InputBase64: b64({}) }))).code,
            "OperationDenied",
        );
        assert.equal(
            (
                await sdkError(
                    ro.RunWorkflow({
                        Name: "x",
                        EnvironmentId: envId,
                        GitSource: { GitHttpPath: "https://g/x.git" },
                        Type: "NEXTFLOW",
                        NFOption: {},
                        InputBase64: b64({}),
                    }),
                )
            ).code,
            "OperationDenied",
        );
    });

    it("clock modes: immediate finishes runs at the next look; realtime moves with wall time", async () => {
        await t.emu.stop();
        t = await startTestEmulator({ clock: "immediate" });
        const { c, envId, wdlApp } = await defaults();
        const out = await c.RunApplication({ ApplicationId: wdlApp, Name: "now", EnvironmentId: envId, InputBase64: b64({}) });
        const g = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] })).RunGroups?.[0];
        assert.equal(g?.Status, "COMPLETE");
        await assert.rejects(t.ctl.advanceClock(1), /manual/);
        await t.emu.stop();
        t = await startTestEmulator({ clock: "realtime" });
        await t.ctl.setSettings({ waitingSeconds: 0, runningSeconds: 0.2 });
        const d = await defaults();
        const rt = await d.c.RunApplication({ ApplicationId: d.wdlApp, Name: "rt", EnvironmentId: d.envId, InputBase64: b64({}) });
        const f = { Filters: [{ Name: "RunGroupId", Values: [rt.RunGroupId as string] }] };
        assert.equal((await d.c.DescribeRunGroups(f)).RunGroups?.[0]?.Status, "RUNNING");
        await new Promise((r) => setTimeout(r, 400));
        assert.equal((await d.c.DescribeRunGroups(f)).RunGroups?.[0]?.Status, "COMPLETE");
    });
});
