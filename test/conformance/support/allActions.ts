// One success call and one documented error call for every Omics action, with static parameters,
// on a state prepared through the control plane and the official Node SDK. The Node, Python, Go
// and tccli suites each run it against their own fresh emulator. The order matters: reads first,
// then mutations, each error call before the success of its action (an error changes nothing).
import type { EmulatorControl, SeedProjectResult } from "../../../emulator";
import { REGION } from "./fixture";
import type { nodeClient } from "./peers";

export interface ActionCall {
    action: string;
    params: Record<string, unknown>;
    /** The Tencent error code the call must answer; absent for the success call. */
    error?: string;
}

export interface PreparedScenario {
    seed: SeedProjectResult;
    calls: ActionCall[];
}

/** A `${Header}` input placeholder (RunApplication with a table). */
const cell = (header: string) => `$\{${header}}`;
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64");
const ZERO_UUID = "00000000-0000-4000-8000-000000000000";
export const CSV_URI = "cos://omics-conformance-1250000000/tables/samples.csv";

const envConfig = (zone: string) => ({
    VPCOption: { VPCId: "vpc-conform1", SubnetId: "subnet-conform1" },
    ClusterOption: { Zone: zone, Type: "KUBERNETES" },
    DatabaseOption: { Zone: zone },
    StorageOption: { StorageType: "SD", Zone: zone },
    CVMOption: { Zone: zone, InstanceType: "SA3.MEDIUM8" },
});

/** Prepare the state (seeded project, an environment and a volume to delete, a running group) and list the calls. */
export async function prepareAllActions(ctl: EmulatorControl, node: ReturnType<typeof nodeClient>): Promise<PreparedScenario> {
    const seed = await ctl.seedProject({ region: REGION });
    const P = seed.ProjectId;
    const fg = seed.FailedGroup;
    if (!fg || fg.FailedCalls.length === 0) throw new Error("seed/project gave no failed call");
    const E = fg.EnvironmentId;
    const R = fg.FailedRunUuids[0] as string;
    const J = fg.FailedCalls[0]?.JobId as string;
    const [wdlApp] = seed.ApplicationIds;
    const table = seed.Tables[0];
    if (!wdlApp || !table) throw new Error("seed/project gave no application or table");
    await ctl.putCosObject(CSV_URI, "sample_id,reads\nsample-9,cos://omics-conformance-1250000000/reads/9.fq.gz\n");
    const toDelete = await node.CreateEnvironment({ Name: "to-delete", Config: envConfig("ap-guangzhou-3") });
    await ctl.advanceClock(60); // INITIALIZING -> RUNNING
    const running = await ctl.seedFailedRunGroup({ region: REGION, projectId: P, status: "RUNNING", environmentId: E });
    const scratch = await node.CreateVolume({ EnvironmentId: E, Name: "to-delete", Type: "SHARED", Spec: "SD" });
    const volumes = await node.DescribeVolumes({ EnvironmentId: E, Filters: [{ Name: "IsDefault", Values: ["true"] }] });
    const DV = volumes.Volumes?.[0]?.VolumeId as string;
    const clusters = await node.DescribeHPCClusters({});
    const C = clusters.Clusters?.[0]?.ClusterId as string;
    const nodes = await node.DescribeHPCNodes({ ClusterId: C });
    const N = nodes.Nodes?.[0]?.NodeId as string;
    const templates = await node.DescribeInputTemplates({ ProjectId: P, ApplicationId: wdlApp });
    const IT = templates.InputTemplates?.[0]?.InputTemplateId as string;
    const pub = await node.DescribePublicApplications({ ParentAppId: "publicapp-nf-core-collection" });
    const PUB = pub.Applications?.[0]?.AppId as string;
    const noProject = "prj-nice-blue-koala-000000";
    const calls: ActionCall[] = [
        { action: "DescribeProjects", params: { Filters: [{ Name: "Colour", Values: ["x"] }] }, error: "InvalidParameterValue" },
        { action: "DescribeProjects", params: {} },
        { action: "DescribeEnvironments", params: { Limit: 101 }, error: "InvalidParameterValue" },
        { action: "DescribeEnvironments", params: {} },
        { action: "DescribeApplications", params: { ProjectId: noProject }, error: "ResourceNotFound.ProjectNotExist" },
        { action: "DescribeApplications", params: { ProjectId: P } },
        {
            action: "DescribeApplicationVersions",
            params: { ProjectId: P, ApplicationId: "app-nice-blue-koala-000000" },
            error: "ResourceNotFound.ApplicationNotExist",
        },
        { action: "DescribeApplicationVersions", params: { ProjectId: P, ApplicationId: wdlApp } },
        { action: "DescribePublicApplications", params: { AppType: "CWL" }, error: "InvalidParameterValue" },
        { action: "DescribePublicApplications", params: {} },
        { action: "DescribeTables", params: { ProjectId: P, Filters: [{ Name: "Colour", Values: ["x"] }] }, error: "InvalidParameterValue" },
        { action: "DescribeTables", params: { ProjectId: P } },
        { action: "DescribeTablesRows", params: { ProjectId: P, TableId: "tab-nice-blue-koala-000000" }, error: "ResourceNotFound.TableNotExist" },
        { action: "DescribeTablesRows", params: { ProjectId: P, TableId: table.TableId } },
        { action: "DescribeInputTemplates", params: { ProjectId: P, ApplicationId: "not-an-application" }, error: "InvalidParameterValue" },
        { action: "DescribeInputTemplates", params: { ProjectId: P } },
        { action: "GetInputTemplateFile", params: { ProjectId: P, InputTemplateId: "in-nice-blue-koala-000000" }, error: "ResourceNotFound" },
        { action: "GetInputTemplateFile", params: { ProjectId: P, InputTemplateId: IT } },
        { action: "DescribeVolumes", params: { EnvironmentId: "env-00000000" }, error: "ResourceNotFound.EnvironmentNotExist" },
        { action: "DescribeVolumes", params: { EnvironmentId: E } },
        { action: "DescribeHPCClusters", params: { Limit: 0 }, error: "InvalidParameterValue" },
        { action: "DescribeHPCClusters", params: {} },
        { action: "DescribeHPCNodes", params: { ClusterId: "hpc-00000000" }, error: "ResourceNotFound" },
        { action: "DescribeHPCNodes", params: { ClusterId: C } },
        { action: "DescribeRunGroups", params: { ProjectId: noProject }, error: "ResourceNotFound.ProjectNotExist" },
        { action: "DescribeRunGroups", params: { ProjectId: P } },
        { action: "DescribeRuns", params: { ProjectId: noProject }, error: "ResourceNotFound.ProjectNotExist" },
        { action: "DescribeRuns", params: { ProjectId: P } },
        { action: "GetRunStatus", params: { ProjectId: P, RunUuid: ZERO_UUID }, error: "ResourceNotFound.RunNotExist" },
        { action: "GetRunStatus", params: { ProjectId: P, RunUuid: R } },
        { action: "GetRunCalls", params: { ProjectId: P, RunUuid: ZERO_UUID, Path: "/" }, error: "ResourceNotFound.RunNotExist" },
        { action: "GetRunCalls", params: { ProjectId: P, RunUuid: R, Path: "/" } },
        { action: "GetRunJobLog", params: { ProjectId: P, RunUuid: R, JobId: "job-nice-blue-koala-000000", LogType: "stderr" }, error: "ResourceNotFound" },
        { action: "GetRunJobLog", params: { ProjectId: P, RunUuid: R, JobId: J, LogType: "stderr" } },
        { action: "GetRunMetadataFile", params: { ProjectId: P, RunUuid: R, Key: "nextflow.log" }, error: "ResourceNotFound.CosObjectNotExist" },
        { action: "GetRunMetadataFile", params: { ProjectId: P, RunUuid: R, Keys: ["workflow.log", "metadata.json"] } },
        // mutations
        {
            action: "ImportTableFile",
            params: { ProjectId: P, Name: "imported-bad", CosUri: CSV_URI, DataType: ["String"] },
            error: "InvalidParameterValue.TableDataTypeLengthMismatch",
        },
        { action: "ImportTableFile", params: { ProjectId: P, Name: "imported", CosUri: CSV_URI, DataType: ["String", "File"] } },
        {
            action: "ImportCommonApplication",
            params: { CommonAppUuid: PUB, CommonAppNewName: "rnaseq", ProjectId: P, Type: "NEXTFLOW", NextflowVersion: "23.10.1" },
            error: "InvalidParameterValue.DuplicateName",
        },
        {
            action: "ImportCommonApplication",
            params: { CommonAppUuid: PUB, CommonAppNewName: "imported-app", ProjectId: P, Type: "NEXTFLOW", NextflowVersion: "23.10.1" },
        },
        { action: "CreateEnvironment", params: { Name: "created", Config: envConfig("ap-beijing-3") }, error: "InvalidParameterValue" },
        { action: "CreateEnvironment", params: { Name: "created", Config: envConfig("ap-guangzhou-6"), Description: "made by a conformance test" } },
        { action: "DeleteEnvironmentCache", params: { EnvironmentId: E, CacheType: "PATH" }, error: "MissingParameter" },
        { action: "DeleteEnvironmentCache", params: { EnvironmentId: E, CacheType: "ALL" } },
        { action: "CreateVolume", params: { EnvironmentId: E, Name: "turbo", Type: "SHARED", Spec: "TB", Capacity: 100 }, error: "InvalidParameterValue" },
        { action: "CreateVolume", params: { EnvironmentId: E, Name: "scratch", Type: "SHARED", Spec: "SD", Description: "scratch space" } },
        { action: "ModifyVolume", params: { VolumeId: "vol-00000000", Description: "x" }, error: "ResourceNotFound" },
        { action: "ModifyVolume", params: { VolumeId: DV, Description: "the default volume" } },
        { action: "DeleteVolumeData", params: { VolumeId: DV, Path: "relative/path" }, error: "InvalidParameterValue" },
        { action: "DeleteVolumeData", params: { VolumeId: DV, Path: "/runtime/cache" } },
        { action: "DeleteVolume", params: { VolumeId: DV }, error: "UnsupportedOperation" },
        { action: "DeleteVolume", params: { VolumeId: scratch.VolumeId } },
        { action: "DeleteEnvironment", params: { EnvironmentId: "env-00000000" }, error: "ResourceNotFound.EnvironmentNotExist" },
        { action: "DeleteEnvironment", params: { EnvironmentId: toDelete.EnvironmentId } },
        { action: "RebootHPCNodes", params: { ClusterId: C, NodeIds: ["ins-00000000"] }, error: "ResourceNotFound" },
        { action: "RebootHPCNodes", params: { ClusterId: C, NodeIds: [N] } },
        {
            action: "RunApplication",
            params: {
                ProjectId: P,
                ApplicationId: wdlApp,
                Name: "from-table",
                EnvironmentId: E,
                InputBase64: b64({ "main.sample": cell("sample_id") }),
                TableId: table.TableId,
                TableRowUuids: [ZERO_UUID],
            },
            error: "ResourceNotFound.TableRowNotExist",
        },
        {
            action: "RunApplication",
            params: {
                ProjectId: P,
                ApplicationId: wdlApp,
                Name: "from-table",
                EnvironmentId: E,
                InputBase64: b64({ "main.sample": cell("sample_id"), "main.reads": cell("reads") }),
                TableId: table.TableId,
                TableRowUuids: table.TableRowUuids.slice(0, 2),
            },
        },
        {
            action: "RunWorkflow",
            params: {
                ProjectId: P,
                Name: "wf",
                EnvironmentId: E,
                GitSource: { GitHttpPath: "https://git.example.com/nf.git" },
                Type: "WDL",
                NFOption: {},
                InputBase64: b64({}),
            },
            error: "InvalidParameterValue",
        },
        {
            action: "RunWorkflow",
            params: {
                ProjectId: P,
                Name: "wf",
                EnvironmentId: E,
                GitSource: { GitHttpPath: "https://git.example.com/nf.git" },
                Type: "NEXTFLOW",
                NFOption: { NFVersion: "23.10.1" },
                InputBase64: b64({}),
            },
        },
        { action: "RetryRuns", params: { ProjectId: P, RunGroupId: "run-nice-blue-koala-000000" }, error: "ResourceNotFound.RunGroupNotExist" },
        { action: "RetryRuns", params: { ProjectId: P, RunGroupId: fg.RunGroupId } },
        { action: "TerminateRunGroup", params: { ProjectId: P, RunGroupId: fg.RunGroupId }, error: "FailedOperation.StatusNotSupported" },
        { action: "TerminateRunGroup", params: { ProjectId: P, RunGroupId: running.RunGroupId } },
    ];
    return { seed, calls };
}
