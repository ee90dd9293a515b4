/**
 * The catalogue: the state behind the Omics actions beyond run groups (tables and rows, input
 * templates, application versions, volumes, HPC clusters and nodes, environment details, COS
 * objects for imports). Kept under `state.catalog` so older state files load unchanged: it is
 * created on first use. Records that every project, application or environment has from the start
 * (a default volume, an HPC cluster per region, a version and an input template per application)
 * are derived from their parent's ID with {@link wordIdFrom} / {@link shortIdFrom}, so deriving them
 * again after a restart gives the same records.
 */
import { isoTime, plainTime } from "./clock";
import { seedBytes, shortIdFrom, uuidFrom, wordIdFrom } from "./ids";
import type { EmulatorState, Environment, RunGroup } from "./model";

export interface TableColumn {
    Header: string;
    DataType: string;
}

export interface TableRecord {
    TableId: string;
    ProjectId: string;
    Name: string;
    Description: string;
    Columns: TableColumn[];
    CreateTime: string;
    Creator: string;
    CreatorId: string;
    Rows: { TableRowUuid: string; Content: string[] }[];
}

export interface ApplicationVersionRecord {
    ApplicationVersionId: string;
    Type: string;
    Name: string;
    Description: string;
    Entrypoint: string;
    CreateTime: string;
    CreatorName: string;
    CreatorId: string;
    GitHttpPath: string;
}

/** Emulator-side details of an application that its state record does not hold. */
export interface ApplicationDetails {
    Description: string;
    Entrypoint: string;
    CreateTime: string;
    Creator: string;
    CreatorId: string;
    Versions: ApplicationVersionRecord[];
    /** NEXTFLOW versions the application runs with. */
    NextflowVersion: string[];
    /** The public application it was imported from (ImportCommonApplication). */
    ImportedFrom?: string;
}

export interface InputTemplateRecord {
    Uuid: string;
    InputTemplateId: string;
    ProjectId: string;
    ApplicationId: string;
    ApplicationVersionId: string;
    Name: string;
    Description: string;
    Creator: string;
    CreatorId: string;
    Content: string;
}

export interface VolumeRecord {
    VolumeId: string;
    Name: string;
    Description: string;
    EnvironmentId: string;
    Type: string;
    Spec: string;
    Capacity: number;
    Usage: number;
    BandwidthLimit: number;
    DefaultMountPath: string;
    IsDefault: boolean;
    Status: string;
    AutoScaleUp: boolean;
    MetaType: string;
    Zone: string;
    /** Deleted volumes are kept so that derived default volumes are not derived again. */
    deleted: boolean;
}

export interface HpcNodeRecord {
    NodeId: string;
    ClusterId: string;
    Name: string;
    Role: string;
    Zone: string;
    InstanceType: string;
    PrivateIp: string;
    CreateTime: string;
    /** Emulator clock (ms) until which the node is rebooting (status DOWN). */
    rebootUntilMs?: number;
}

export interface HpcClusterRecord {
    ClusterId: string;
    Region: string;
    Name: string;
    Description: string;
    VPCId: string;
    CreateTime: string;
    NodeIds: string[];
}

/** What CreateEnvironment / DeleteEnvironment / DeleteEnvironmentCache leave behind. */
export interface EnvironmentDetails {
    LastWorkflowUuid: string;
    /** Emulator clock (ms) when INITIALIZING becomes RUNNING (CreateEnvironment). */
    readyAtMs?: number;
    /** Emulator clock (ms) when DELETING ends with the environment gone (DeleteEnvironment). */
    goneAtMs?: number;
    CfsStorageType: string;
}

/** What RunApplication accepted that the run group record does not hold. */
export interface RunGroupDetails {
    /** The application version as it was when the group was submitted. */
    ApplicationVersion: ApplicationVersionRecord;
    AccessMode: string;
    InputTemplateId: string;
    VolumeIds: string[];
    /** The mounted volumes as they were at submission. */
    Volumes: { VolumeId: string; Name: string; MountPath: string }[];
    ResultNotification: boolean;
    TimeoutNotification: boolean;
    TimeoutNotificationMinutes: number;
    Emails: string[];
}

export interface Catalog {
    tables: Record<string, TableRecord>;
    applications: Record<string, ApplicationDetails>;
    inputTemplates: Record<string, InputTemplateRecord>;
    volumes: Record<string, VolumeRecord>;
    hpcClusters: Record<string, HpcClusterRecord>;
    hpcNodes: Record<string, HpcNodeRecord>;
    /** `cos://bucket/key` → content, put with `PUT /_emulator/cos/<bucket>/<key>` (read by ImportTableFile). */
    cosObjects: Record<string, string>;
}

type WithCatalog = EmulatorState & { catalog?: Catalog };

const EPOCH_CREATED_MS = Date.UTC(2024, 0, 15, 2, 0, 0);

/** The catalogue of `state`, created (and its derived records filled in) on first use. */
export function catalogOf(state: EmulatorState): Catalog {
    const s = state as WithCatalog;
    if (!s.catalog) {
        s.catalog = {
            tables: {},
            applications: {},
            inputTemplates: {},
            volumes: {},
            hpcClusters: {},
            hpcNodes: {},
            cosObjects: {},
        };
    }
    deriveDefaults(state, s.catalog);
    return s.catalog;
}

/** Fill in the records every application, environment and region has (idempotent, deterministic). */
function deriveDefaults(state: EmulatorState, c: Catalog): void {
    for (const app of Object.values(state.applications)) {
        if (c.applications[app.ApplicationId]) continue;
        const project = state.projects[app.ProjectId];
        const created = project ? project.CreateTime : plainTime(EPOCH_CREATED_MS);
        const entry = app.Type === "WDL" ? "main.wdl" : "main.nf";
        c.applications[app.ApplicationId] = {
            Description: `${app.Name}: a ${app.Type} application of the emulator`,
            Entrypoint: entry,
            CreateTime: created,
            Creator: "omics-emulator",
            CreatorId: "100000000001",
            NextflowVersion: app.Type === "NEXTFLOW" ? ["22.10.7", "23.10.1"] : [],
            Versions: [
                {
                    ApplicationVersionId: "1",
                    Type: "RELEASE",
                    Name: "v1",
                    Description: "first release",
                    Entrypoint: entry,
                    CreateTime: created,
                    CreatorName: "omics-emulator",
                    CreatorId: "100000000001",
                    GitHttpPath: `https://git.example.com/omics/${app.Name}.git`,
                },
            ],
        };
        const templateId = wordIdFrom("in", `template:${app.ApplicationId}`);
        if (!c.inputTemplates[templateId]) {
            const wf = app.Type === "WDL" ? "main" : "params";
            c.inputTemplates[templateId] = {
                Uuid: uuidFrom(`template-uuid:${app.ApplicationId}`),
                InputTemplateId: templateId,
                ProjectId: app.ProjectId,
                ApplicationId: app.ApplicationId,
                ApplicationVersionId: "1",
                Name: "default-inputs",
                Description: `Inputs of ${app.Name} for one sample`,
                Creator: "omics-emulator",
                CreatorId: "100000000001",
                Content: JSON.stringify({ [`${wf}.sample_id`]: "sample-1", [`${wf}.reads`]: "cos://omics-emulator-1250000000/inputs/sample-1.fastq.gz" }),
            };
        }
    }
    for (const env of Object.values(state.environments)) {
        const volumeId = shortIdFrom("vol", `volume:${env.EnvironmentId}`);
        if (!c.volumes[volumeId]) c.volumes[volumeId] = defaultVolume(env, volumeId);
    }
    for (const region of new Set(Object.values(state.projects).map((p) => p.Region))) {
        const clusterId = shortIdFrom("hpc", `hpc:${region}`);
        if (c.hpcClusters[clusterId]) continue;
        const created = isoTime(EPOCH_CREATED_MS);
        const nodes: HpcNodeRecord[] = ["manager", "compute-1", "compute-2"].map((name, i) => ({
            NodeId: shortIdFrom("ins", `hpc-node:${region}:${name}`),
            ClusterId: clusterId,
            Name: name,
            Role: i === 0 ? "Manager" : "Compute",
            Zone: `${region}-3`,
            InstanceType: i === 0 ? "SA3.MEDIUM4" : "SA3.LARGE16",
            PrivateIp: `10.1.0.${10 + i}`,
            CreateTime: created,
        }));
        for (const n of nodes) c.hpcNodes[n.NodeId] = n;
        c.hpcClusters[clusterId] = {
            ClusterId: clusterId,
            Region: region,
            Name: `emulator-hpc-${region}`,
            Description: `HPC cluster of the emulator in ${region}`,
            VPCId: shortIdFrom("vpc", `vpc:${region}`),
            CreateTime: created,
            NodeIds: nodes.map((n) => n.NodeId),
        };
    }
}

function defaultVolume(env: Environment, volumeId: string): VolumeRecord {
    return {
        VolumeId: volumeId,
        Name: `default-volume(${env.EnvironmentId})`,
        Description: "",
        EnvironmentId: env.EnvironmentId,
        Type: "SHARED",
        Spec: "HP",
        Capacity: 32768,
        Usage: seedBytes(volumeId).readUInt32BE(0),
        BandwidthLimit: 380,
        DefaultMountPath: `/${volumeId}`,
        IsDefault: true,
        Status: "AVAILABLE",
        AutoScaleUp: false,
        MetaType: "basic",
        Zone: `${env.Region}-3`,
        deleted: false,
    };
}

/** The default volume of an environment. */
export function defaultVolumeOf(c: Catalog, environmentId: string): VolumeRecord | undefined {
    return Object.values(c.volumes).find((v) => v.EnvironmentId === environmentId && v.IsDefault && !v.deleted);
}

/**
 * Move environment and HPC node statuses with the emulator clock: an INITIALIZING environment
 * (CreateEnvironment) becomes RUNNING and available, a DELETING one (DeleteEnvironment) is gone.
 */
export function advanceCatalog(state: EmulatorState, nowMs: number, immediate: boolean): void {
    const c = (state as WithCatalog).catalog;
    if (!c) return;
    const due = (at: number | undefined) => at !== undefined && (immediate || nowMs >= at);
    for (const env of Object.values(state.environments)) {
        const d = (env as EnvironmentWithDetails).emu.details;
        if (!d) continue;
        const id = env.EnvironmentId;
        if (due(d.readyAtMs)) {
            env.Status = "RUNNING";
            env.Available = true;
            env.Message = "";
            delete d.readyAtMs;
        }
        if (due(d.goneAtMs)) {
            env.emu.deleted = true;
            delete d.goneAtMs;
            for (const v of Object.values(c.volumes)) if (v.EnvironmentId === id) v.deleted = true;
        }
    }
    for (const n of Object.values(c.hpcNodes)) if (due(n.rebootUntilMs)) delete n.rebootUntilMs;
}

type EnvironmentWithDetails = Environment & { emu: Environment["emu"] & { details?: EnvironmentDetails } };
type RunGroupWithDetails = RunGroup & { emu: RunGroup["emu"] & { details?: RunGroupDetails } };

/** The details of an environment (kept in its emulator-only `emu` part; derived when absent). */
export function environmentDetails(env: Environment): EnvironmentDetails {
    const e = env as EnvironmentWithDetails;
    if (!e.emu.details) e.emu.details = { LastWorkflowUuid: uuidFrom(`env-workflow:${env.EnvironmentId}`), CfsStorageType: "SD" };
    return e.emu.details;
}

/** What RunApplication recorded about a group; `undefined` for groups made otherwise (seeded, retried, RunWorkflow). */
export function runGroupDetails(group: RunGroup): RunGroupDetails | undefined {
    return (group as RunGroupWithDetails).emu.details;
}

export function setRunGroupDetails(group: RunGroup, details: RunGroupDetails): void {
    (group as RunGroupWithDetails).emu.details = details;
}
