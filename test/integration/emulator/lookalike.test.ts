/** `POST /_emulator/seed/lookalike`: a new run group that resembles another but is no retry, seen through the official SDK. */
import * as assert from "node:assert/strict";
import { EmulatorControlError } from "../../../emulator";
import { sdkError, startTestEmulator, type TestEmulator } from "./helpers";

describe("emulator look-alike submissions", () => {
    let t: TestEmulator;
    afterEach(async () => {
        await t.emu.stop();
    });

    it("defaults: a RUNNING group with the same name, application, environment, options and failed samples; inputs stamped", async () => {
        t = await startTestEmulator();
        const seed = await t.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        await t.ctl.advanceClock(3600);
        const look = await t.ctl.seedLookalike({ of: seed.RunGroupId });
        assert.notEqual(look.RunGroupId, seed.RunGroupId);
        assert.equal(look.RunUuids.length, 2);

        const c = t.client();
        const groups = (await c.DescribeRunGroups({ ProjectId: seed.ProjectId })).RunGroups ?? [];
        const orig = groups.find((g) => g.RunGroupId === seed.RunGroupId);
        const twin = groups.find((g) => g.RunGroupId === look.RunGroupId);
        assert.ok(orig && twin);
        for (const k of [
            "ProjectId",
            "Name",
            "Description",
            "ApplicationId",
            "ApplicationName",
            "EnvironmentId",
            "Type",
            "TableId",
            "WorkDir",
            "InputType",
        ] as const) {
            assert.equal(twin[k], orig[k], k);
        }
        assert.deepEqual(twin.Option, orig.Option);
        assert.equal(twin.Status, "RUNNING");
        assert.equal(twin.TotalRun, 2);
        assert.ok(Date.parse(twin.CreateTime as string) - Date.parse(orig.CreateTime as string) >= 3600_000, "created now, not when the original was");
        const stamped = JSON.parse(twin.Input as string) as Record<string, unknown>;
        const { submittedAt, ...rest } = stamped;
        assert.deepEqual(rest, JSON.parse(orig.Input as string));
        assert.equal(Date.parse(submittedAt as string), Date.parse(twin.CreateTime as string), "submittedAt is the submission time");

        const runsOf = async (id: string) => (await c.DescribeRuns({ ProjectId: seed.ProjectId, Filters: [{ Name: "RunGroupId", Values: [id] }] })).Runs ?? [];
        const failed = (await runsOf(seed.RunGroupId)).filter((r) => seed.FailedRunUuids.includes(r.RunUuid as string));
        const twins = await runsOf(look.RunGroupId);
        assert.deepEqual(twins.map((r) => r.UserDefinedId).sort(), failed.map((r) => r.UserDefinedId).sort());
        for (const r of twins) {
            const src = failed.find((f) => f.UserDefinedId === r.UserDefinedId);
            assert.equal(r.TableRowUuid, src?.TableRowUuid);
            assert.equal(r.Status, "WAITING");
            const { submittedAt: at, ...input } = JSON.parse(r.Input as string) as Record<string, unknown>;
            assert.deepEqual(input, JSON.parse(src?.Input as string));
            assert.equal(at, submittedAt);
        }
        // Not a retry: nothing links it to the original.
        const state = await t.ctl.state();
        assert.equal(state.runGroups[look.RunGroupId]?.emu.retriedFrom, undefined);
        for (const id of look.RunUuids) {
            assert.equal(state.runs[id]?.emu.retriedFrom, undefined);
            assert.equal(state.runs[id]?.emu.lineage, id, "a lineage of its own");
        }
    });

    it("does not count against the original's retry limit, and can be retried on its own", async () => {
        t = await startTestEmulator({ retryLimit: 1 });
        const seed = await t.ctl.seedFailedRunGroup({});
        const look = await t.ctl.seedLookalike({ of: seed.RunGroupId, status: "COMPLETE_ERROR" });
        const c = t.client();
        assert.ok((await c.RetryRuns({ RunGroupId: look.RunGroupId })).RunGroupId, "the look-alike's own lineage");
        assert.ok((await c.RetryRuns({ RunGroupId: seed.RunGroupId })).RunGroupId, "the original still has its one retry");
        assert.equal((await sdkError(c.RetryRuns({ RunGroupId: seed.RunGroupId }))).code, "FailedOperation.RetryLimitExceeded");
    });

    it("runs: all, sameInputs, a finished status; a NEXTFLOW group keeps its NFOption", async () => {
        t = await startTestEmulator();
        const seed = await t.ctl.seedFailedRunGroup({ type: "NEXTFLOW", runs: 3, failedRuns: 1 });
        const look = await t.ctl.seedLookalike({ of: seed.RunGroupId, runs: "all", sameInputs: true, status: "COMPLETE" });
        const c = t.client();
        const [twin] = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [look.RunGroupId] }] })).RunGroups ?? [];
        const [orig] = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [seed.RunGroupId] }] })).RunGroups ?? [];
        assert.equal(twin?.Status, "COMPLETE");
        assert.equal(twin?.Input, orig?.Input, "identical inputs");
        assert.deepEqual(twin?.NFOption, orig?.NFOption);
        assert.deepEqual(twin?.RunStatusCounts, [{ Status: "SUCCESS", Count: 3 }]);
        const runs = (await c.DescribeRuns({ Filters: [{ Name: "RunGroupId", Values: [look.RunGroupId] }], Limit: 100 })).Runs ?? [];
        const origRuns = (await c.DescribeRuns({ Filters: [{ Name: "RunGroupId", Values: [seed.RunGroupId] }], Limit: 100 })).Runs ?? [];
        assert.deepEqual(runs.map((r) => `${r.UserDefinedId}:${r.Input}`).sort(), origRuns.map((r) => `${r.UserDefinedId}:${r.Input}`).sort());
        const failedLook = await t.ctl.seedLookalike({ of: seed.RunGroupId, status: "COMPLETE_ERROR" });
        const [failedTwin] = (await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [failedLook.RunGroupId] }] })).RunGroups ?? [];
        assert.equal(failedTwin?.Status, "COMPLETE_ERROR");
        assert.deepEqual(failedTwin?.RunStatusCounts, [{ Status: "EXECUTOR_ERROR", Count: 1 }]);
    });

    it("a RunApplication group with an array input gets each object stamped", async () => {
        t = await startTestEmulator();
        const c = t.client();
        const env = (await c.DescribeEnvironments({})).Environments?.[0]?.EnvironmentId as string;
        const state = await t.ctl.state();
        const app = Object.values(state.applications).find((a) => a.Type === "WDL" && state.projects[a.ProjectId]?.Region === "ap-guangzhou");
        const inputs = [{ s: "a", __emulator_outcome: "EXECUTOR_ERROR" }, { s: "b" }];
        const { RunGroupId } = await c.RunApplication({
            ApplicationId: app?.ApplicationId as string,
            Name: "nightly",
            EnvironmentId: env,
            InputBase64: Buffer.from(JSON.stringify(inputs)).toString("base64"),
        });
        await t.ctl.advanceClock(60);
        const look = await t.ctl.seedLookalike({ of: RunGroupId as string, runs: "all" });
        const group = (await t.ctl.state()).runGroups[look.RunGroupId];
        const stamped = JSON.parse(group?.Input as string) as Record<string, unknown>[];
        assert.equal(stamped.length, 2);
        assert.ok(stamped.every((o) => typeof o.submittedAt === "string"));
        assert.deepEqual(
            stamped.map(({ submittedAt: _s, ...o }) => o),
            inputs,
        );
    });

    it("refuses what it cannot do, naming the field (400/404)", async () => {
        t = await startTestEmulator();
        const done = await t.ctl.seedFailedRunGroup({ failedRuns: 0 });
        const codeOf = async (p: Promise<unknown>) => {
            const e = await p.then(
                () => undefined,
                (x: unknown) => x,
            );
            assert.ok(e instanceof EmulatorControlError, String(e));
            return `${e.status} ${e.code}`;
        };
        assert.equal(await codeOf(t.ctl.seedLookalike({ of: "run-happy-blue-otter-000001" })), "404 ResourceNotFound.RunGroupNotExist");
        assert.equal(await codeOf(t.ctl.seedLookalike({ of: done.RunGroupId, region: "ap-beijing" })), "404 ResourceNotFound.RunGroupNotExist");
        assert.equal(await codeOf(t.ctl.seedLookalike({ of: done.RunGroupId })), "400 InvalidParameterValue", "no failed runs to copy");
        assert.equal(await codeOf(t.ctl.seedLookalike({ of: done.RunGroupId, status: "TERMINATED" as "RUNNING" })), "400 InvalidParameterValue");
        assert.equal(await codeOf(t.ctl.seedLookalike({} as { of: string })), "400 MissingParameter");
        assert.equal(await codeOf(t.ctl.seedLookalike({ of: done.RunGroupId, extra: 1 } as unknown as { of: string })), "400 UnknownParameter");
        assert.ok((await t.ctl.seedLookalike({ of: done.RunGroupId, runs: "all" })).RunGroupId);
    });
});
