/** RetryRuns through the official Node SDK: call shapes, copies, options, every seed error code. */
import * as assert from "node:assert/strict";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { sdkError, startTestEmulator, type TestEmulator, UUID_V4 } from "./helpers";

const RUN_GROUP_ID = /^run-[a-z]+-[a-z]+-[a-z]+-\d{6}$/;

describe("emulator RetryRuns (official Node SDK)", () => {
    let t: TestEmulator;
    afterEach(async () => {
        await t.emu.stop();
    });

    describe("call shapes of the seed page", () => {
        beforeEach(async () => {
            t = await startTestEmulator();
        });

        it("Example 1: {ProjectId, RunGroupId} retries the failed runs into a new group", async () => {
            const seed = await t.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
            const c = t.client();
            const out = await c.RetryRuns({ ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId });
            assert.match(out.RunGroupId ?? "", RUN_GROUP_ID);
            assert.notEqual(out.RunGroupId, seed.RunGroupId);
            assert.match(out.RequestId ?? "", UUID_V4);
            const runs = await c.DescribeRuns({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] });
            assert.equal(runs.TotalCount, 2);
            const oldRuns = await c.DescribeRuns({ Filters: [{ Name: "RunUuid", Values: seed.FailedRunUuids }] });
            const wanted = (oldRuns.Runs ?? []).map((r) => `${r.UserDefinedId}|${r.Input}|${r.TableRowUuid}`).sort();
            const got = (runs.Runs ?? []).map((r) => `${r.UserDefinedId}|${r.Input}|${r.TableRowUuid}`).sort();
            assert.deepEqual(got, wanted);
            for (const r of runs.Runs ?? []) {
                assert.match(r.RunUuid ?? "", UUID_V4);
                assert.ok(!seed.RunUuids.includes(r.RunUuid as string), "new runs get new UUIDs");
            }
        });

        it("Example 2: {ProjectId, RunUuids} retries one run (group taken from the run)", async () => {
            const seed = await t.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
            const c = t.client();
            const out = await c.RetryRuns({ ProjectId: seed.ProjectId, RunUuids: [seed.FailedRunUuids[0] as string] });
            const runs = await c.DescribeRuns({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] });
            assert.equal(runs.TotalCount, 1);
        });

        it("Example 3: {ProjectId, RunGroupId, RunUuids} retries the named runs of that group", async () => {
            const seed = await t.ctl.seedFailedRunGroup({ runs: 4, failedRuns: 3 });
            const c = t.client();
            const out = await c.RetryRuns({
                ProjectId: seed.ProjectId,
                RunGroupId: seed.RunGroupId,
                RunUuids: seed.FailedRunUuids.slice(0, 2),
            });
            const group = await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] });
            assert.equal(group.RunGroups?.[0]?.TotalRun, 2);
        });

        it("ProjectId omitted uses the region's default project", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            const out = await t.client().RetryRuns({ RunGroupId: seed.RunGroupId });
            assert.match(out.RunGroupId ?? "", RUN_GROUP_ID);
        });
    });

    describe("the new run group", () => {
        beforeEach(async () => {
            t = await startTestEmulator();
        });

        it("copies ApplicationId, EnvironmentId, Name, Type, Input and Option; has a CreateTime; moves to COMPLETE", async () => {
            const seed = await t.ctl.seedFailedRunGroup({ name: "my-batch" });
            const c = t.client();
            const before = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [seed.RunGroupId] }] })).RunGroups?.[0];
            const out = await c.RetryRuns({ RunGroupId: seed.RunGroupId });
            const g = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] })).RunGroups?.[0];
            assert.ok(before && g);
            for (const k of ["ApplicationId", "EnvironmentId", "Name", "Type", "Input", "ProjectId"] as const) {
                assert.equal(g[k], before[k], k);
            }
            assert.equal(g.Name, "my-batch");
            assert.deepEqual(g.Option, before.Option);
            assert.match(g.CreateTime ?? "", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
            assert.equal(g.Status, "RUNNING");
            await t.ctl.advanceClock(60);
            const done = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] })).RunGroups?.[0];
            assert.equal(done?.Status, "COMPLETE");
            assert.deepEqual(done?.RunStatusCounts, [{ Status: "SUCCESS", Count: 1 }]);
        });

        it("WDLOption overrides the group's option", async () => {
            const seed = await t.ctl.seedFailedRunGroup({ type: "WDL" });
            const c = t.client();
            const opt = { FailureMode: "NoNewCalls", UseCallCache: false, UseErrorOnHold: true };
            const out = await c.RetryRuns({ RunGroupId: seed.RunGroupId, WDLOption: opt });
            const g = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] })).RunGroups?.[0];
            // Unset optional fields are answered with their zero values (every declared field is present).
            assert.deepEqual(g?.Option, { ...opt, FinalWorkflowOutputsDir: "", UseRelativeOutputPaths: false, AddRunInfoToOutputDir: false });
        });

        it("NFOption overrides a NEXTFLOW group's option; without it the original's is kept", async () => {
            const seed = await t.ctl.seedFailedRunGroup({ type: "NEXTFLOW", failedRuns: 2 });
            const c = t.client();
            const kept = await c.RetryRuns({ RunUuids: [seed.FailedRunUuids[0] as string] });
            const keptGroup = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [kept.RunGroupId as string] }] })).RunGroups?.[0];
            assert.equal(keptGroup?.NFOption?.NFVersion, "22.10.7");
            const out = await c.RetryRuns({ RunUuids: [seed.FailedRunUuids[1] as string], NFOption: { NFVersion: "23.10.1", Resume: true } });
            const g = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] })).RunGroups?.[0];
            assert.equal(g?.Type, "NEXTFLOW");
            assert.deepEqual(g?.NFOption, { Config: "", Profile: "", Report: false, LaunchDir: "", NFVersion: "23.10.1", Resume: true });
        });

        it("a retry can be made to fail again (seed retryOutcome), and then be retried once more", async () => {
            const seed = await t.ctl.seedFailedRunGroup({ retryOutcome: "EXECUTOR_ERROR" });
            const c = t.client();
            const first = await c.RetryRuns({ RunGroupId: seed.RunGroupId });
            await t.ctl.advanceClock(60);
            const g = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [first.RunGroupId as string] }] })).RunGroups?.[0];
            assert.equal(g?.Status, "COMPLETE_ERROR");
            const second = await c.RetryRuns({ RunGroupId: first.RunGroupId as string });
            assert.notEqual(second.RunGroupId, first.RunGroupId);
        });

        it("control PATCH /_emulator/runs/:uuid sets the outcome of retries of one run", async () => {
            const seed = await t.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 2 });
            await t.ctl.setRunOutcome(seed.FailedRunUuids[0] as string, { retryOutcome: "EXECUTOR_ERROR" });
            const c = t.client();
            const out = await c.RetryRuns({ RunGroupId: seed.RunGroupId });
            await t.ctl.advanceClock(60);
            const runs = await c.DescribeRuns({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] });
            assert.deepEqual((runs.Runs ?? []).map((r) => r.Status).sort(), ["EXECUTOR_ERROR", "SUCCESS"]);
        });
    });

    describe("error codes listed on the seed page", () => {
        it("FailedOperation.RetryLimitExceeded after retryLimit retries of a lineage", async () => {
            t = await startTestEmulator({ retryLimit: 2 });
            const seed = await t.ctl.seedFailedRunGroup({ retryOutcome: "EXECUTOR_ERROR" });
            const c = t.client();
            let group = seed.RunGroupId;
            for (let i = 0; i < 2; i++) {
                group = (await c.RetryRuns({ RunGroupId: group })).RunGroupId as string;
                await t.ctl.advanceClock(60);
            }
            const e = await sdkError(c.RetryRuns({ RunGroupId: group }));
            assert.equal(e.code, "FailedOperation.RetryLimitExceeded");
            // The original group is the same lineage: also exhausted.
            assert.equal((await sdkError(c.RetryRuns({ RunGroupId: seed.RunGroupId }))).code, "FailedOperation.RetryLimitExceeded");
        });

        it("FailedOperation.StatusNotSupported for a RUNNING group, a COMPLETE group, and a successful run", async () => {
            t = await startTestEmulator();
            const c = t.client();
            const running = await t.ctl.seedFailedRunGroup({ status: "RUNNING" });
            assert.equal((await sdkError(c.RetryRuns({ RunGroupId: running.RunGroupId }))).code, "FailedOperation.StatusNotSupported");
            const complete = await t.ctl.seedFailedRunGroup({ failedRuns: 0 });
            assert.equal((await sdkError(c.RetryRuns({ RunGroupId: complete.RunGroupId }))).code, "FailedOperation.StatusNotSupported");
            const mixed = await t.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
            const ok = mixed.RunUuids.find((u) => !mixed.FailedRunUuids.includes(u)) as string;
            const e = await sdkError(c.RetryRuns({ RunUuids: [ok] }));
            assert.equal(e.code, "FailedOperation.StatusNotSupported");
            assert.match(e.message, /SUCCESS/);
        });

        it("a TERMINATED group is retryable (its TERMINATED runs)", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.seedFailedRunGroup({ status: "TERMINATED" });
            const out = await t.client().RetryRuns({ RunGroupId: seed.RunGroupId });
            assert.match(out.RunGroupId ?? "", RUN_GROUP_ID);
        });

        it("InvalidParameterValue.EnvironmentNotAvailable when the environment is marked unavailable", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.setEnvironment(seed.EnvironmentId, { available: false });
            assert.equal((await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }))).code, "InvalidParameterValue.EnvironmentNotAvailable");
            const seed2 = await t.ctl.seedFailedRunGroup({ environmentAvailable: false });
            assert.equal((await sdkError(t.client().RetryRuns({ RunGroupId: seed2.RunGroupId }))).code, "InvalidParameterValue.EnvironmentNotAvailable");
        });

        it("ResourceNotFound.EnvironmentNotExist when the environment was deleted", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.deleteEnvironment(seed.EnvironmentId);
            assert.equal((await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }))).code, "ResourceNotFound.EnvironmentNotExist");
        });

        it("ResourceNotFound.ProjectNotExist for an unknown project, and a project of another region", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.seedFailedRunGroup({ region: "ap-beijing" });
            const c = t.client();
            assert.equal(
                (await sdkError(c.RetryRuns({ ProjectId: "prj-no-such-project-000000", RunGroupId: seed.RunGroupId }))).code,
                "ResourceNotFound.ProjectNotExist",
            );
            assert.equal((await sdkError(c.RetryRuns({ ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId }))).code, "ResourceNotFound.ProjectNotExist");
            await t.ctl.deleteProject(seed.ProjectId);
            const bj = t.client({ region: "ap-beijing" });
            assert.equal((await sdkError(bj.RetryRuns({ ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId }))).code, "ResourceNotFound.ProjectNotExist");
        });

        it("ResourceNotFound.RunGroupNotExist and ResourceNotFound.RunNotExist", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.seedFailedRunGroup({});
            const other = await t.ctl.seedFailedRunGroup({});
            const c = t.client();
            assert.equal((await sdkError(c.RetryRuns({ RunGroupId: "run-happy-blue-otter-000001" }))).code, "ResourceNotFound.RunGroupNotExist");
            assert.equal((await sdkError(c.RetryRuns({ RunUuids: ["7b501b32-4e42-456a-9d54-aa3c9791beb0"] }))).code, "ResourceNotFound.RunNotExist");
            // A run of another group named together with a group.
            const e = await sdkError(c.RetryRuns({ RunGroupId: seed.RunGroupId, RunUuids: [other.FailedRunUuids[0] as string] }));
            assert.equal(e.code, "ResourceNotFound.RunNotExist");
        });

        it("ResourceNotFound when the group's application was deleted", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.deleteApplication(seed.ApplicationId);
            assert.equal((await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }))).code, "ResourceNotFound");
        });

        it("OperationDenied for a read-only credential", async () => {
            t = await startTestEmulator({
                credentials: [{ ...DEMO_CREDENTIALS }, { secretId: "AKIDREADONLY", secretKey: "ro-key", readOnly: true }],
            });
            const seed = await t.ctl.seedFailedRunGroup({});
            const ro = t.client({ secretId: "AKIDREADONLY", secretKey: "ro-key" });
            assert.equal((await sdkError(ro.RetryRuns({ RunGroupId: seed.RunGroupId }))).code, "OperationDenied");
            // reads still work for it
            assert.equal((await ro.DescribeRunGroups({})).TotalCount, 1);
        });

        it("InvalidParameter (wrong type) and InvalidParameterValue (enums, option kind, mixed groups)", async () => {
            t = await startTestEmulator();
            const wdl = await t.ctl.seedFailedRunGroup({ type: "WDL" });
            const nf = await t.ctl.seedFailedRunGroup({ type: "NEXTFLOW" });
            const c = t.client();
            const bad = (p: unknown) => sdkError(c.request("RetryRuns", p));
            const e1 = await bad({ RunGroupId: wdl.RunGroupId, RunUuids: "not-a-list" });
            assert.equal(e1.code, "InvalidParameter");
            assert.match(e1.message, /RunUuids/);
            const e2 = await bad({ RunGroupId: wdl.RunGroupId, WDLOption: { FailureMode: "Sometimes", UseCallCache: true, UseErrorOnHold: false } });
            assert.equal(e2.code, "InvalidParameterValue");
            assert.match(e2.message, /WDLOption\.FailureMode/);
            const e3 = await bad({ RunGroupId: nf.RunGroupId, NFOption: { NFVersion: "21.04.0" } });
            assert.equal(e3.code, "InvalidParameterValue");
            assert.match(e3.message, /NFOption\.NFVersion/);
            const e4 = await bad({ RunGroupId: nf.RunGroupId, WDLOption: { FailureMode: "NoNewCalls", UseCallCache: true, UseErrorOnHold: false } });
            assert.equal(e4.code, "InvalidParameterValue");
            const e5 = await bad({ RunUuids: [wdl.FailedRunUuids[0], nf.FailedRunUuids[0]] });
            assert.equal(e5.code, "InvalidParameterValue");
            const e6 = await bad({ RunGroupId: wdl.RunGroupId, WDLOption: { FailureMode: "NoNewCalls" } });
            assert.equal(e6.code, "MissingParameter");
            assert.match(e6.message, /WDLOption\.UseCallCache/);
        });

        it("MissingParameter without RunGroupId and RunUuids; UnknownParameter names the field", async () => {
            t = await startTestEmulator();
            const c = t.client();
            const e1 = await sdkError(c.request("RetryRuns", {}));
            assert.equal(e1.code, "MissingParameter");
            assert.match(e1.message, /RunGroupId/);
            const e2 = await sdkError(c.request("RetryRuns", { RunGroupId: "run-a-b-c-000000", Retries: 2 }));
            assert.equal(e2.code, "UnknownParameter");
            assert.match(e2.message, /Retries/);
        });

        it("InternalError and AuthFailure are reachable (fault; wrong key)", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", error: { code: "InternalError" }, count: 1 });
            assert.equal((await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }))).code, "InternalError");
            const e = await sdkError(t.client({ secretKey: "wrong" }).RetryRuns({ RunGroupId: seed.RunGroupId }));
            assert.equal(e.code, "AuthFailure.SignatureFailure");
            // neither call created a group
            assert.equal(Object.keys((await t.ctl.state()).runGroups).length, 1);
        });

        it("a rejected retry changes nothing (no group, no retry counted)", async () => {
            t = await startTestEmulator({ retryLimit: 1 });
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.setEnvironment(seed.EnvironmentId, { available: false });
            await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }));
            await t.ctl.setEnvironment(seed.EnvironmentId, { available: true });
            const out = await t.client().RetryRuns({ RunGroupId: seed.RunGroupId });
            assert.match(out.RunGroupId ?? "", RUN_GROUP_ID);
        });
    });
});
