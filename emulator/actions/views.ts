/**
 * Public views of the catalogue records and the fields of RunGroup, Run and Environment that their
 * state records do not hold. Every field the SDK's models declare is present with a value of its
 * declared type: where Tencent has nothing to say it answers empty values (e.g. an empty
 * `GitSource` for an application from COS, as in Tencent's own examples), and so does the emulator.
 */
import { plainTime } from "../state/clock";
import {
    type ApplicationDetails,
    type ApplicationVersionRecord,
    environmentDetails,
    type HpcClusterRecord,
    type HpcNodeRecord,
    type InputTemplateRecord,
    runGroupDetails,
    type TableRecord,
    type VolumeRecord,
} from "../state/catalog";
import { seedBytes, shortIdFrom } from "../state/ids";
import type { Application, Environment, ExecutionTime, NFOption, Run, RunGroup, RunOption } from "../state/model";

const emptyGit = () => ({ GitHttpPath: "", GitUserName: "", GitTokenOrPassword: "", Branch: "", Tag: "" });
const emptyCos = () => ({ Bucket: "", Uri: "", Region: "" });

export function versionView(v: ApplicationVersionRecord): Record<string, unknown> {
    return {
        Type: v.Type,
        ApplicationVersionId: v.ApplicationVersionId,
        Name: v.Name,
        Description: v.Description,
        Entrypoint: v.Entrypoint,
        CreateTime: v.CreateTime,
        CreatorName: v.CreatorName,
        CreatorId: v.CreatorId,
        GitInfo: v.GitHttpPath,
        GitSource: { ...emptyGit(), GitHttpPath: v.GitHttpPath },
        CosSource: emptyCos(),
    };
}

export function applicationView(app: Application, d: ApplicationDetails, sortOrder: number): Record<string, unknown> {
    const latest = d.Versions[d.Versions.length - 1];
    return {
        ApplicationId: app.ApplicationId,
        ProjectId: app.ProjectId,
        Name: app.Name,
        Description: d.Description,
        Type: app.Type,
        Entrypoint: d.Entrypoint,
        CreateTime: d.CreateTime,
        UpdateTime: latest?.CreateTime ?? d.CreateTime,
        Creator: d.Creator,
        CreatorId: d.CreatorId,
        VersionCount: d.Versions.length,
        Versions: d.Versions.map(versionView),
        GitSource: { ...emptyGit(), GitHttpPath: latest?.GitHttpPath ?? "" },
        RunConstraints: { NextflowVersion: [...d.NextflowVersion] },
        CosSource: emptyCos(),
        SortOrder: sortOrder,
    };
}

export const inputTemplateView = (t: InputTemplateRecord): Record<string, unknown> => {
    const { Content: _content, ...view } = t;
    return view;
};

export function tableView(t: TableRecord): Record<string, unknown> {
    const { Rows: _rows, ...view } = t;
    return { ...view, Columns: t.Columns.map((c) => ({ ...c })) };
}

export function volumeView(v: VolumeRecord): Record<string, unknown> {
    return {
        VolumeId: v.VolumeId,
        Name: v.Name,
        Description: v.Description,
        EnvironmentId: v.EnvironmentId,
        Type: v.Type,
        Spec: v.Spec,
        Capacity: v.Capacity,
        Usage: v.Usage,
        BandwidthLimit: v.BandwidthLimit,
        DefaultMountPath: v.DefaultMountPath,
        IsDefault: v.IsDefault,
        Status: v.Status,
        AutoScaleUpRule: { Status: v.AutoScaleUp ? "ENABLED" : "DISABLED", ScaleThreshold: 85, TargetThreshold: 70 },
        MetaType: v.MetaType,
        Zone: v.Zone,
    };
}

export function hpcClusterView(c: HpcClusterRecord): Record<string, unknown> {
    return {
        ClusterId: c.ClusterId,
        Name: c.Name,
        Description: c.Description,
        Status: "RUNNING",
        Scheduler: "SLURM",
        VPCId: c.VPCId,
        NodeCount: c.NodeIds.length,
        Tags: [{ Key: "owner", Value: "omics-emulator" }],
        CreateTime: c.CreateTime,
        Type: "SLURM",
        OsName: "TencentOS Server 3.1",
        SchedulerVersion: "23.02",
        VPCCIDRBlock: "10.1.0.0/16",
        ConfirmDeadline: c.CreateTime,
    };
}

/** Node status: `DOWN` while it reboots, else `IDLE` (emulator assumption: no jobs are scheduled on nodes). */
export const hpcNodeStatus = (n: HpcNodeRecord): string => (n.rebootUntilMs !== undefined ? "DOWN" : "IDLE");

export function hpcNodeView(n: HpcNodeRecord): Record<string, unknown> {
    const cpu = n.InstanceType.endsWith("LARGE16") ? 4 : 2;
    return {
        NodeId: n.NodeId,
        QueueId: shortIdFrom("queue", n.ClusterId),
        ClusterId: n.ClusterId,
        Role: n.Role,
        Type: "STATIC",
        Zone: n.Zone,
        ImageId: shortIdFrom("img", n.ClusterId),
        Instance: {
            InstanceId: n.NodeId,
            Name: n.Name,
            CPU: cpu,
            Memory: cpu === 4 ? 16 : 4,
            State: n.rebootUntilMs !== undefined ? "REBOOTING" : "RUNNING",
            Type: n.InstanceType,
            ChargeType: "POSTPAID_BY_HOUR",
            OSName: "TencentOS Server 3.1",
            SystemDisk: { DiskId: shortIdFrom("disk", n.NodeId), Size: 50, Type: "CLOUD_PREMIUM" },
            GPUInfo: { GPUType: "", GPUCount: 0 },
            PrivateIPAddresses: [n.PrivateIp],
            PublicIPAddresses: [],
            CreateTime: n.CreateTime,
            ExpireTime: "",
            Uuid: shortIdFrom("uuid", n.NodeId),
            InternetInfo: { InternetMaxBandwidthOut: 0, InternetChargeType: "TRAFFIC_POSTPAID_BY_HOUR" },
        },
        Tags: [{ Key: "role", Value: n.Role }],
        Name: n.Name,
        QueueName: "compute",
        Status: hpcNodeStatus(n),
    };
}

/** The Environment fields its state record lacks: `ResourceIds`, `LastWorkflowUuid`, `RuntimeConfig`. */
export function environmentExtraFields(e: Environment): Record<string, unknown> {
    const d = environmentDetails(e);
    const id = (prefix: string) => shortIdFrom(prefix, `${prefix}:${e.EnvironmentId}`);
    return {
        ResourceIds: {
            VPCId: id("vpc"),
            SubnetId: id("subnet"),
            SecurityGroupId: id("sg"),
            TDSQLCId: id("cynosdbmysql"),
            CFSId: id("cfs"),
            CFSStorageType: d.CfsStorageType,
            CVMId: e.Type === "HPC" ? id("ins") : "",
            EKSId: "",
            TKEId: e.Type === "KUBERNETES" ? id("cls") : "",
            TKESystemNodePoolId: e.Type === "KUBERNETES" ? id("np") : "",
        },
        LastWorkflowUuid: d.LastWorkflowUuid,
        RuntimeConfig: { CromwellConfig: { MaxConcurrentWorkflows: 100, ConcurrentJobLimit: 500 }, NextflowConfig: { ExecutorQueueSize: 100 } },
    };
}

const DEFAULT_RUN_OPTION = { FailureMode: "ContinueWhilePossible", UseCallCache: true, UseErrorOnHold: false };

/**
 * Options and times with every declared field: what was not given is answered with its zero value
 * (`""`, `false`), as Tencent's services (Go structs) serialize unset fields.
 */
export const runOptionView = (o: RunOption | undefined): RunOption => ({
    ...DEFAULT_RUN_OPTION,
    FinalWorkflowOutputsDir: "",
    UseRelativeOutputPaths: false,
    AddRunInfoToOutputDir: false,
    ...(o ?? {}),
});
export const nfOptionView = (o: NFOption | undefined): NFOption => ({
    Config: "",
    Profile: "",
    Report: false,
    Resume: false,
    NFVersion: "",
    LaunchDir: "",
    ...(o ?? {}),
});
export const executionTimeView = (t: ExecutionTime): ExecutionTime => ({ SubmitTime: "", StartTime: "", EndTime: "", ...t });

/** The version a group without recorded details shows (its application's first version). */
function defaultGroupVersion(g: RunGroup): ApplicationVersionRecord {
    const entry = g.Type === "WDL" ? "main.wdl" : "main.nf";
    return {
        ApplicationVersionId: g.ApplicationId ? "1" : "",
        Type: g.ApplicationId ? "RELEASE" : "",
        Name: g.ApplicationId ? "v1" : "",
        Description: g.ApplicationId ? "first release" : "",
        Entrypoint: entry,
        CreateTime: plainTime(g.emu.createdAtMs),
        CreatorName: g.ApplicationId ? "omics-emulator" : "",
        CreatorId: g.ApplicationId ? "100000000001" : "",
        GitHttpPath: "",
    };
}

/**
 * The RunGroup fields its state record lacks, and its options and times with every field. `Option`
 * of a NEXTFLOW group and `NFOption` of a WDL group do not apply: they are answered with the
 * defaults and zero values (emulator assumption).
 */
export function runGroupExtraFields(g: RunGroup): Record<string, unknown> {
    const d = runGroupDetails(g);
    const notification = (on: boolean) => ({ StationMessage: on, Email: on ? [...(d?.Emails ?? [])] : [], CurrentUserEmail: false });
    const defaultVolume = shortIdFrom("vol", `volume:${g.EnvironmentId}`);
    const volumes = d?.Volumes ?? [{ VolumeId: defaultVolume, Name: `default-volume(${g.EnvironmentId})`, MountPath: `/${defaultVolume}` }];
    return {
        ApplicationVersion: versionView(d?.ApplicationVersion ?? defaultGroupVersion(g)),
        AccessMode: d?.AccessMode ?? "PRIVATE",
        InputTemplateId: d?.InputTemplateId ?? "",
        // A group's own kind of option is absent only when it has none (RetryRuns under the
        // `retryOption: "omit"` behaviour); the other kind is answered with its zero values.
        Option: g.Option ? runOptionView(g.Option) : g.Type === "WDL" ? undefined : runOptionView(undefined),
        NFOption: g.NFOption ? nfOptionView(g.NFOption) : g.Type === "NEXTFLOW" ? undefined : nfOptionView(undefined),
        ExecutionTime: executionTimeView(g.ExecutionTime),
        Volumes: volumes.map((v) => ({ ...v })),
        Notification: {
            ResultNotification: { NotificationType: notification(d?.ResultNotification ?? false) },
            TimeoutNotification: { TimeoutMinutes: d?.TimeoutNotificationMinutes ?? 0, NotificationType: notification(d?.TimeoutNotification ?? false) },
        },
        ResultNotify: d?.ResultNotification ? "STATION_MESSAGE" : "NONE",
    };
}

/** The Run fields its state record lacks or holds as null: `Option` (defaults for NEXTFLOW runs), `Cache`. */
export function runExtraFields(r: Run): Record<string, unknown> {
    return {
        Option: runOptionView(r.Option),
        ExecutionTime: executionTimeView(r.ExecutionTime),
        Cache: { CacheClearDelay: 0, CacheClearTime: "", CacheCleared: false },
    };
}

/** Public applications (DescribePublicApplications, ImportCommonApplication): a fixed catalogue. */
export interface PublicApplication {
    ApplicationId: string;
    AppId: string;
    Name: string;
    Type: "WDL" | "NEXTFLOW";
    AppGroupType: "SUB_APP" | "APP_COLLECTION" | "STANDALONE_APP";
    ParentAppId: string;
    NextflowVersion: string[];
    Tag: string;
}

const pub = (ApplicationId: string, Name: string, Type: "WDL" | "NEXTFLOW", AppGroupType: PublicApplication["AppGroupType"], ParentAppId = "") => {
    const b = seedBytes(`public:${ApplicationId}`).toString("hex");
    return {
        ApplicationId,
        AppId: `${b.slice(0, 8)}-${b.slice(8, 12)}-4${b.slice(13, 16)}-a${b.slice(17, 20)}-${b.slice(20, 32)}`,
        Name,
        Type,
        AppGroupType,
        ParentAppId,
        NextflowVersion: Type === "NEXTFLOW" ? ["22.10.7", "23.10.1"] : [],
        Tag: Type === "WDL" ? "germline" : "rna-seq",
    };
};

export const PUBLIC_APPLICATIONS: readonly PublicApplication[] = [
    pub("publicapp-wdl-gatk-germline", "GATK germline SNPs and indels (WDL)", "WDL", "STANDALONE_APP"),
    pub("publicapp-nf-core-collection", "nf-core collection (Nextflow)", "NEXTFLOW", "APP_COLLECTION"),
    pub("publicapp-nf-core-rnaseq", "nf-core/rnaseq", "NEXTFLOW", "SUB_APP", "publicapp-nf-core-collection"),
    pub("publicapp-nf-core-sarek", "nf-core/sarek", "NEXTFLOW", "SUB_APP", "publicapp-nf-core-collection"),
];

export function publicApplicationView(a: PublicApplication): Record<string, unknown> {
    return {
        ApplicationId: a.ApplicationId,
        Name: a.Name,
        Type: a.Type,
        AppGroupType: a.AppGroupType,
        NextflowVersion: [...a.NextflowVersion],
        AppTags: [{ TagId: shortIdFrom("tag", a.Tag), TagName: a.Tag }],
        AppId: a.AppId,
    };
}
