// The catalogue actions (tables, applications, templates, environments, volumes, HPC, a run's calls,
// logs and metadata files) through the official Node SDK, over HTTP, against the emulator.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { b64, sdkError, startTestEmulator, type TestEmulator } from "./helpers";

const CSV = "cos://lab-1250000000/batch/samples.csv";

describe("emulator catalogue: tables, applications, environments, volumes, HPC, calls and logs (Node SDK)", () => {
    let t: TestEmulator;
    beforeEach(async () => {
        t = await startTestEmulator();
    });
    afterEach(async () => {
        await t.emu.stop();
    });

    async function projectWithTable() {
        const seed = await t.ctl.seedProject({ failedGroup: false });
        return { c: t.client(), seed, projectId: seed.ProjectId, wdlApp: seed.ApplicationIds[0] as string };
    }

    it("ImportTableFile reads a CSV from the emulator's COS; its rows feed RunApplication through placeholders naming its headers", async () => {
        const { c, projectId, wdlApp } = await projectWithTable();
        await t.ctl.putCosObject(CSV, 'sample,reads,depth\nS1,cos://lab-1250000000/r/s1.fq,30\n"S,2",cos://lab-1250000000/r/s2.fq,45\n');
        const { TableId } = await c.ImportTableFile({ ProjectId: projectId, Name: "batch", CosUri: CSV, DataType: ["String", "File", "Int"] });
        assert.match(TableId as string, /^tab-[a-z]+-[a-z]+-[a-z]+-\d{6}$/);
        const tables = await c.DescribeTables({ ProjectId: projectId, Filters: [{ Name: "TableId", Values: [TableId as string] }] });
        assert.deepEqual(tables.Tables?.[0]?.Columns, [
            { Header: "sample", DataType: "String" },
            { Header: "reads", DataType: "File" },
            { Header: "depth", DataType: "Int" },
        ]);
        const rows = await c.DescribeTablesRows({ ProjectId: projectId, TableId: TableId as string });
        assert.equal(rows.TotalCount, 2);
        assert.deepEqual(rows.Rows?.[1]?.Content, ["S,2", "cos://lab-1250000000/r/s2.fq", "45"]);
        const fuzzy = await c.DescribeTablesRows({ ProjectId: projectId, TableId: TableId as string, Filters: [{ Name: "Tr", Values: ["s1.fq"] }] });
        assert.deepEqual(
            fuzzy.Rows?.map((r) => r.Content?.[0]),
            ["S1"],
        );

        const env = (await c.DescribeEnvironments({})).Environments?.find((e) => e.IsDefault)?.EnvironmentId as string;
        const out = await c.RunApplication({
            ProjectId: projectId,
            ApplicationId: wdlApp,
            Name: "from-table",
            EnvironmentId: env,
            TableId: TableId as string,
            InputBase64: b64({ "main.sample": "$" + "{sample}", "main.depth": "$" + "{depth}" }),
        });
        const runs = (await c.DescribeRuns({ ProjectId: projectId, Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] })).Runs ?? [];
        assert.deepEqual(runs.map((r) => JSON.parse(r.Input as string)["main.sample"]).sort(), ["S,2", "S1"]);
        assert.deepEqual(runs.map((r) => r.TableRowUuid).sort(), (rows.Rows ?? []).map((r) => r.TableRowUuid).sort());

        const bad = (p: Record<string, unknown>) => sdkError(c.request("ImportTableFile", { ProjectId: projectId, Name: "other", CosUri: CSV, ...p }));
        assert.equal((await bad({ DataType: ["String", "File"] })).code, "InvalidParameterValue.TableDataTypeLengthMismatch");
        assert.equal((await bad({ DataType: ["String", "File", "Decimal"] })).code, "InvalidParameterValue.UnsupportedTableDataType");
        assert.equal((await bad({ DataType: ["String", "Int", "Int"] })).code, "FailedOperation.TableDataTypeMismatch");
        assert.equal((await bad({ CosUri: "cos://lab-1250000000/missing.csv", DataType: ["String"] })).code, "ResourceNotFound.CosObjectNotExist");
        assert.equal((await bad({ Name: "batch", DataType: ["String", "File", "Int"] })).code, "InvalidParameterValue.DuplicateName");
        await t.ctl.putCosObject("cos://lab-1250000000/dup.csv", "a,a\n1,2\n");
        assert.equal((await bad({ CosUri: "cos://lab-1250000000/dup.csv", DataType: ["Int", "Int"] })).code, "FailedOperation.DuplicateTableHeader");
        const placeholder = await sdkError(
            c.RunApplication({
                ProjectId: projectId,
                ApplicationId: wdlApp,
                Name: "x",
                EnvironmentId: env,
                TableId: TableId as string,
                InputBase64: b64({ a: "$" + "{nope}" }),
            }),
        );
        assert.equal(placeholder.code, "InvalidParameterValue.InvalidInputPlaceholder");
        const otherTable = await sdkError(
            c.RunApplication({
                ProjectId: projectId,
                ApplicationId: wdlApp,
                Name: "x",
                EnvironmentId: env,
                TableId: "tab-nice-blue-koala-000000",
                InputBase64: b64({}),
            }),
        );
        assert.equal(otherTable.code, "ResourceNotFound.TableNotExist");
    });

    it("applications: versions, input templates, public applications and ImportCommonApplication", async () => {
        const { c, projectId, wdlApp } = await projectWithTable();
        const apps = await c.DescribeApplications({ ProjectId: projectId });
        assert.equal(apps.TotalCount, 2);
        assert.deepEqual(
            await c
                .DescribeApplications({ ProjectId: projectId, Filters: [{ Name: "Type", Values: ["NEXTFLOW"] }] })
                .then((a) => a.Applications?.map((x) => x.Name)),
            ["rnaseq"],
        );
        const versions = await c.DescribeApplicationVersions({ ProjectId: projectId, ApplicationId: wdlApp });
        assert.equal(versions.TotalCount, 1);
        assert.equal(versions.ApplicationVersions?.[0]?.Entrypoint, "main.wdl");
        const templates = await c.DescribeInputTemplates({ ProjectId: projectId, ApplicationId: wdlApp });
        const tpl = templates.InputTemplates?.[0];
        assert.equal(tpl?.ApplicationId, wdlApp);
        const file = await c.GetInputTemplateFile({ ProjectId: projectId, InputTemplateId: tpl?.InputTemplateId as string });
        assert.equal(JSON.parse(file.Content as string)["main.sample_id"], "sample-1");
        assert.equal(await (await fetch(file.CosSignedUrl as string)).text(), file.Content, "the signed URL serves the template");

        const top = await c.DescribePublicApplications({});
        assert.ok(top.Applications?.some((a) => a.AppGroupType === "APP_COLLECTION"));
        const sub = await c.DescribePublicApplications({ ParentAppId: "publicapp-nf-core-collection", AppType: "NEXTFLOW" });
        const rnaseq = sub.Applications?.find((a) => a.Name === "nf-core/rnaseq");
        assert.ok(rnaseq?.AppId);
        const imported = await c.ImportCommonApplication({
            CommonAppUuid: rnaseq.AppId,
            CommonAppNewName: "my-rnaseq",
            ProjectId: projectId,
            Type: "NEXTFLOW",
            NextflowVersion: "23.10.1",
        });
        const mine = await c.DescribeApplications({ ProjectId: projectId, Filters: [{ Name: "ApplicationId", Values: [imported.ApplicationId as string] }] });
        assert.deepEqual(mine.Applications?.[0]?.RunConstraints?.NextflowVersion, ["23.10.1"]);
        const importErr = (p: Record<string, unknown>) =>
            sdkError(
                c.request("ImportCommonApplication", {
                    CommonAppUuid: rnaseq.AppId,
                    CommonAppNewName: "x",
                    ProjectId: projectId,
                    Type: "NEXTFLOW",
                    NextflowVersion: "23.10.1",
                    ...p,
                }),
            );
        assert.equal((await importErr({ NextflowVersion: "21.04.0" })).code, "InvalidParameterValue");
        assert.equal((await importErr({ Type: "WDL" })).code, "InvalidParameterValue");
        assert.equal((await importErr({ CommonAppUuid: "publicapp-nf-core-collection" })).code, "ResourceNotFound.ApplicationNotExist");
        assert.equal((await importErr({ ProjectId: "not-a-project" })).code, "InvalidParameterValue");
        const version = await sdkError(
            c.RunApplication({
                ProjectId: projectId,
                ApplicationId: wdlApp,
                ApplicationVersionId: "9",
                Name: "x",
                EnvironmentId: "env-00000000",
                InputBase64: b64({}),
            }),
        );
        assert.equal(version.code, "ResourceNotFound.EnvironmentNotExist", "the environment is checked before the version");
    });

    it("environments: CreateEnvironment INITIALIZING -> RUNNING; DeleteEnvironment DELETING -> gone; refused while a group runs", async () => {
        const c = t.client();
        const zone = "ap-guangzhou-3";
        const config = {
            VPCOption: {},
            ClusterOption: { Zone: zone, Type: "KUBERNETES" },
            DatabaseOption: { Zone: zone },
            StorageOption: { StorageType: "HP", Zone: zone },
            CVMOption: { Zone: zone, InstanceType: "SA3.MEDIUM8" },
        };
        const created = await c.CreateEnvironment({ Name: "lab", Config: config });
        const look = async () =>
            (await c.DescribeEnvironments({ Filters: [{ Name: "EnvironmentId", Values: [created.EnvironmentId as string] }] })).Environments?.[0];
        const before = await look();
        assert.equal(before?.Status, "INITIALIZING");
        assert.equal(before?.Available, false);
        assert.equal(before?.LastWorkflowUuid, created.WorkflowUuid);
        assert.equal(before?.ResourceIds?.CFSStorageType, "HP");
        assert.equal((await sdkError(c.DeleteEnvironment({ EnvironmentId: created.EnvironmentId as string }))).code, "FailedOperation.StatusNotSupported");
        assert.equal((await sdkError(c.CreateEnvironment({ Name: "lab", Config: config }))).code, "InvalidParameterValue.DuplicateName");
        assert.equal(
            (await sdkError(c.request("CreateEnvironment", { Name: "x", Config: { ...config, StorageOption: { StorageType: "XX", Zone: zone } } }))).code,
            "InvalidParameterValue",
        );
        assert.equal(
            (await sdkError(c.request("CreateEnvironment", { Name: "x", Config: { ...config, CVMOption: { Zone: zone } } }))).code,
            "MissingParameter",
        );
        await t.ctl.advanceClock(5);
        assert.equal((await look())?.Status, "RUNNING");
        assert.equal((await look())?.Available, true);
        const volumes = await c.DescribeVolumes({ EnvironmentId: created.EnvironmentId as string });
        assert.equal(volumes.Volumes?.[0]?.IsDefault, true, "a new environment has its default volume");

        const seeded = await t.ctl.seedFailedRunGroup({ environmentId: created.EnvironmentId as string, status: "RUNNING" });
        assert.equal((await sdkError(c.DeleteEnvironment({ EnvironmentId: created.EnvironmentId as string }))).code, "ResourceInUse");
        await c.TerminateRunGroup({ RunGroupId: seeded.RunGroupId });
        await t.ctl.advanceClock(5);
        const deleted = await c.DeleteEnvironment({ EnvironmentId: created.EnvironmentId as string });
        assert.notEqual(deleted.WorkflowUuid, created.WorkflowUuid);
        assert.equal((await look())?.Status, "DELETING");
        await t.ctl.advanceClock(5);
        assert.equal(await look(), undefined, "gone after DELETING");
        assert.equal((await sdkError(c.DescribeVolumes({ EnvironmentId: created.EnvironmentId as string }))).code, "ResourceNotFound.EnvironmentNotExist");
    });

    it("volumes: create (turbo capacity rules), modify, delete data, delete (never the default)", async () => {
        const c = t.client();
        const env = (await c.DescribeEnvironments({})).Environments?.find((e) => e.IsDefault)?.EnvironmentId as string;
        const base = { EnvironmentId: env, Type: "SHARED" };
        assert.equal((await sdkError(c.CreateVolume({ ...base, Name: "t", Spec: "TB" }))).code, "MissingParameter");
        assert.equal((await sdkError(c.CreateVolume({ ...base, Name: "t", Spec: "TB", Capacity: 50000 }))).code, "InvalidParameterValue");
        assert.equal((await sdkError(c.CreateVolume({ ...base, Name: "t", Spec: "SD", MetaType: "enhanced" }))).code, "InvalidParameterValue");
        const turbo = await c.CreateVolume({ ...base, Name: "turbo", Spec: "TB", Capacity: 40960 + 20480, EnableAutoScaleUp: true });
        assert.match(turbo.VolumeId as string, /^vol-[0-9a-z]{8}$/);
        await c.ModifyVolume({ VolumeId: turbo.VolumeId as string, Name: "turbo-2", Description: "fast" });
        const listed = await c.DescribeVolumes({ EnvironmentId: env, Filters: [{ Name: "Name", Values: ["turbo-2"] }] });
        assert.equal(listed.Volumes?.[0]?.Description, "fast");
        assert.equal(listed.Volumes?.[0]?.Capacity, 61440);
        assert.equal(listed.Volumes?.[0]?.AutoScaleUpRule?.Status, "ENABLED");
        await c.DeleteVolumeData({ VolumeId: turbo.VolumeId as string, Path: "/" });
        assert.equal((await sdkError(c.DeleteVolumeData({ VolumeId: turbo.VolumeId as string, Path: "/a/../b" }))).code, "InvalidParameterValue");
        const dflt = (await c.DescribeVolumes({ EnvironmentId: env, Filters: [{ Name: "IsDefault", Values: ["true"] }] })).Volumes?.[0]?.VolumeId as string;
        assert.equal((await sdkError(c.DeleteVolume({ VolumeId: dflt }))).code, "UnsupportedOperation");
        await c.DeleteVolume({ VolumeId: turbo.VolumeId as string });
        assert.equal((await sdkError(c.DeleteVolume({ VolumeId: turbo.VolumeId as string }))).code, "ResourceNotFound");
        assert.equal((await sdkError(c.request("DeleteVolume", { VolumeId: "volume-1" }))).code, "InvalidParameterValue");
    });

    it("HPC: one cluster per region with nodes; RebootHPCNodes takes nodes DOWN until the clock moves", async () => {
        const c = t.client();
        const cluster = (await c.DescribeHPCClusters({})).Clusters?.[0];
        assert.equal(cluster?.NodeCount, 3);
        const nodes = await c.DescribeHPCNodes({ ClusterId: cluster?.ClusterId as string, Filters: [{ Name: "Role", Values: ["Compute"] }] });
        assert.equal(nodes.TotalCount, 2);
        const id = nodes.Nodes?.[0]?.NodeId as string;
        await c.RebootHPCNodes({ ClusterId: cluster?.ClusterId as string, NodeIds: [id], StopType: "HARD" });
        const status = async () => (await c.DescribeHPCNodes({ Filters: [{ Name: "NodeId", Values: [id] }] })).Nodes?.[0]?.Status;
        assert.equal(await status(), "DOWN");
        assert.equal((await sdkError(c.RebootHPCNodes({ ClusterId: cluster?.ClusterId as string, NodeIds: [id] }))).code, "FailedOperation.StatusNotSupported");
        await t.ctl.advanceClock(5);
        assert.equal(await status(), "IDLE");
        const other = await t.client({ region: "ap-beijing" }).DescribeHPCClusters({});
        assert.notEqual(other.Clusters?.[0]?.ClusterId, cluster?.ClusterId);
    });

    it("a failed run's calls show the failed task; its stderr and the metadata files hold the error", async () => {
        const c = t.client();
        const seed = await t.ctl.seedProject({ failedGroup: { runs: 2, failedRuns: 1 } });
        const failed = seed.FailedGroup?.FailedRunUuids[0] as string;
        const ok = seed.FailedGroup?.RunUuids.find((r) => r !== failed) as string;
        const calls = (await c.GetRunCalls({ ProjectId: seed.ProjectId, RunUuid: failed, Path: "/" })).Calls ?? [];
        const bad = calls.filter((x) => x.Status === "FAILED");
        assert.equal(bad.length, 1, "exactly one failed call");
        assert.equal(calls[calls.length - 1], bad[0], "nothing ran after the failed call");
        assert.deepEqual(
            seed.FailedGroup?.FailedCalls.map((f) => f.JobId),
            [bad[0]?.JobId],
            "seed/project names the failed call",
        );
        const stderr = await c.GetRunJobLog({ ProjectId: seed.ProjectId, RunUuid: failed, JobId: bad[0]?.JobId as string, LogType: "stderr" });
        assert.ok(stderr.Content?.includes(bad[0]?.ErrorMessage as string), stderr.Content);
        const okCalls = (await c.GetRunCalls({ ProjectId: seed.ProjectId, RunUuid: ok, Path: "/" })).Calls ?? [];
        assert.ok(okCalls.length === 4 && okCalls.every((x) => x.Status === "COMPLETE"));
        const again = (await c.GetRunCalls({ ProjectId: seed.ProjectId, RunUuid: failed, Path: "/" })).Calls;
        assert.deepEqual(again, calls, "deterministic");
        assert.deepEqual((await c.GetRunCalls({ ProjectId: seed.ProjectId, RunUuid: failed, Path: `/${calls[0]?.RunId}` })).Calls, []);
        assert.equal((await sdkError(c.GetRunCalls({ ProjectId: seed.ProjectId, RunUuid: failed, Path: "/nowhere" }))).code, "ResourceNotFound");
        assert.equal((await sdkError(c.GetRunCalls({ ProjectId: seed.ProjectId, RunUuid: failed, Path: "relative" }))).code, "InvalidParameterValue");

        const files = await c.GetRunMetadataFile({ ProjectId: seed.ProjectId, RunUuid: failed, Key: "workflow.log" });
        const log = await (await fetch(files.CosSignedUrl as string)).text();
        assert.match(log, /FAILED - Task .* failed: /);
        assert.equal((await sdkError(c.request("GetRunMetadataFile", { ProjectId: seed.ProjectId, RunUuid: failed }))).code, "MissingParameter");

        const nf = await t.ctl.seedProject({ failedGroup: { type: "NEXTFLOW" } });
        const nfRun = nf.FailedGroup?.FailedRunUuids[0] as string;
        const reports = await c.GetRunMetadataFile({ ProjectId: nf.ProjectId, RunUuid: nfRun, Keys: ["nextflow.log", "execution_trace.txt"] });
        const trace = await (await fetch(reports.CosSignedUrls?.[1] as string)).text();
        assert.match(trace, /\tFAILED\t1/);
    });

    it("a running run's calls grow with the clock; faults and latency apply to the new actions like the others", async () => {
        const c = t.client();
        const seed = await t.ctl.seedFailedRunGroup({ status: "RUNNING", failedRuns: 0, runs: 1 });
        const run = seed.RunUuids[0] as string;
        assert.deepEqual((await c.GetRunCalls({ RunUuid: run, Path: "/" })).Calls, [], "a WAITING run has no calls yet");
        await t.ctl.advanceClock(3);
        const running = (await c.GetRunCalls({ RunUuid: run, Path: "/" })).Calls ?? [];
        assert.equal(running[running.length - 1]?.Status, "RUNNING");
        await t.ctl.advanceClock(10);
        const done = (await c.GetRunCalls({ RunUuid: run, Path: "/" })).Calls ?? [];
        assert.ok(done.length === 4 && done.every((x) => x.Status === "COMPLETE"));

        await t.ctl.addFault({ action: "DescribeVolumes", error: { code: "InternalError" }, count: 1 });
        const env = (await c.DescribeEnvironments({})).Environments?.[0]?.EnvironmentId as string;
        assert.equal((await sdkError(c.DescribeVolumes({ EnvironmentId: env }))).code, "InternalError");
        await c.DescribeVolumes({ EnvironmentId: env });
        await t.ctl.addFault({ action: "GetRunJobLog", latencyMs: 300, count: 1 });
        const started = Date.now();
        await sdkError(c.GetRunJobLog({ RunUuid: run, JobId: "job-nice-blue-koala-000000", LogType: "stdout" }));
        assert.ok(Date.now() - started >= 280, "latency applied");
        const logged = await t.ctl.requests("GetRunJobLog");
        assert.equal(logged.length, 1);
    });

    it("the catalogue persists: derived IDs are the same after a restart, created records come back", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-catalog-"));
        const statePath = path.join(dir, "state.json");
        try {
            await t.emu.stop();
            t = await startTestEmulator({ statePath });
            const c = t.client();
            const env = (await c.DescribeEnvironments({})).Environments?.[0]?.EnvironmentId as string;
            const made = await c.CreateVolume({ EnvironmentId: env, Name: "kept", Type: "SHARED", Spec: "SD" });
            const cluster = (await c.DescribeHPCClusters({})).Clusters?.[0]?.ClusterId;
            const volumes = (await c.DescribeVolumes({ EnvironmentId: env })).Volumes?.map((v) => v.VolumeId);
            await t.emu.stop();
            t = await startTestEmulator({ statePath });
            const c2 = t.client();
            assert.equal((await c2.DescribeHPCClusters({})).Clusters?.[0]?.ClusterId, cluster);
            assert.deepEqual(
                (await c2.DescribeVolumes({ EnvironmentId: env })).Volumes?.map((v) => v.VolumeId),
                volumes,
            );
            assert.ok(volumes?.includes(made.VolumeId as string));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a --seed file's projects are seeded at start (applications, tables, a failed group)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-seedfile-"));
        try {
            const seedPath = path.join(dir, "seed.json");
            fs.writeFileSync(
                seedPath,
                JSON.stringify({
                    environments: [{ name: "extra" }],
                    projects: [{ name: "lab", tables: [{ name: "t", columns: [{ header: "id", dataType: "Int" }], rows: [["1"], ["2"]] }] }],
                }),
            );
            await t.emu.stop();
            t = await startTestEmulator({ seedPath });
            const c = t.client();
            const project = (await c.DescribeProjects({ Filters: [{ Name: "Name", Values: ["lab"] }] })).Projects?.[0]?.ProjectId as string;
            const tables = await c.DescribeTables({ ProjectId: project });
            assert.equal(tables.Tables?.[0]?.Name, "t");
            assert.equal((await c.DescribeTablesRows({ ProjectId: project, TableId: tables.Tables?.[0]?.TableId as string })).TotalCount, 2);
            const failed = await c.DescribeRuns({ ProjectId: project, Filters: [{ Name: "Status", Values: ["EXECUTOR_ERROR"] }] });
            assert.equal(failed.TotalCount, 1);
            fs.writeFileSync(seedPath, JSON.stringify({ projects: [{ region: "mars-1" }] }));
            await assert.rejects(startTestEmulator({ seedPath }), /projects\.0: region mars-1/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("seed/project validates its body", async () => {
        await assert.rejects(t.ctl.seedProject({ region: "mars-1" }), /region/);
        await assert.rejects(t.ctl.seedProject({ tables: [{ name: "t", columns: [{ header: "a", dataType: "String" }], rows: [["1", "2"]] }] }), /cells/);
        await assert.rejects(t.ctl.seedProject({ failedGroup: { runs: 0 } }), /runs/);
    });
});
