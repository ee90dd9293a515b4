/**
 * The emulator's state model: plain JSON-serialisable records, so the whole state can be
 * persisted and served by `GET /_emulator/state`. Public field names follow the Omics API; the
 * `emu` sub-objects hold emulator-only bookkeeping and are never returned by API actions.
 */

import type { Behaviour } from "./behaviour";

/** Run group status values (emulator assumption, see emulator/README.md). */
export type RunGroupStatus = "RUNNING" | "COMPLETE" | "COMPLETE_ERROR" | "TERMINATING" | "TERMINATED";
/** Run status values (emulator assumption, see emulator/README.md). */
export type RunStatus = "WAITING" | "RUNNING" | "SUCCESS" | "EXECUTOR_ERROR" | "TERMINATED";
/** Final outcome a run reaches when it finishes on its own. */
export type RunOutcome = "SUCCESS" | "EXECUTOR_ERROR";
/** Workflow language of a run group. */
export type WorkflowType = "WDL" | "NEXTFLOW";

/** WDL run option (Omics `RunOption`). */
export interface RunOption {
    FailureMode: string;
    UseCallCache: boolean;
    UseErrorOnHold: boolean;
    FinalWorkflowOutputsDir?: string;
    UseRelativeOutputPaths?: boolean;
    AddRunInfoToOutputDir?: boolean;
}

/** Nextflow run option (Omics `NFOption`). */
export interface NFOption {
    Config?: string;
    Profile?: string;
    Report?: boolean;
    Resume?: boolean;
    NFVersion?: string;
    LaunchDir?: string;
}

export interface ExecutionTime {
    SubmitTime?: string;
    StartTime?: string;
    EndTime?: string;
}

export interface Project {
    ProjectId: string;
    Name: string;
    Description: string;
    Region: string;
    CreateTime: string;
    UpdateTime: string;
    Creator: string;
    IsDefault: boolean;
}

export interface Environment {
    EnvironmentId: string;
    Name: string;
    Description: string;
    Region: string;
    Type: "KUBERNETES" | "HPC";
    Status: string;
    Available: boolean;
    IsDefault: boolean;
    IsManaged: boolean;
    Message: string;
    CreationTime: string;
    /** Emulator-only: a deleted environment is kept for the record but no longer exists. */
    emu: { deleted: boolean };
}

export interface Application {
    ApplicationId: string;
    Name: string;
    Type: WorkflowType;
    ProjectId: string;
    emu: { deleted: boolean };
}

export interface RunGroup {
    RunGroupId: string;
    ProjectId: string;
    ProjectName: string;
    ApplicationId: string;
    ApplicationName: string;
    ApplicationType: string;
    EnvironmentId: string;
    EnvironmentName: string;
    TableId: string;
    Name: string;
    Description: string;
    Status: RunGroupStatus;
    Type: WorkflowType;
    WorkDir: string;
    Input: string;
    InputType: string;
    InputCosUri: string;
    Option?: RunOption;
    NFOption?: NFOption;
    TotalRun: number;
    ExecutionTime: ExecutionTime;
    ErrorMessage: string;
    CreateTime: string;
    UpdateTime: string;
    Creator: string;
    CreatorId: string;
    emu: {
        region: string;
        /** Emulator clock (ms) when the group was created. */
        createdAtMs: number;
        /** The group this one retries, if it was created by RetryRuns. */
        retriedFrom?: string;
        /** Emulator clock (ms) at which TERMINATING runs become TERMINATED. */
        terminateAtMs?: number;
        /** Wall-clock ms before which listings leave the group and its runs out (behaviour `listingDelaySeconds`). */
        listedFromMs?: number;
    };
}

export interface Run {
    RunUuid: string;
    ProjectId: string;
    ApplicationId: string;
    RunGroupId: string;
    EnvironmentId: string;
    UserDefinedId: string;
    TableId: string;
    TableRowUuid: string;
    Status: RunStatus;
    Input: string;
    Option?: RunOption;
    ExecutionTime: ExecutionTime;
    ErrorMessage: string;
    CreateTime: string;
    UpdateTime: string;
    emu: {
        /** Outcome this run reaches when it finishes. */
        outcome: RunOutcome;
        /** Outcome given to runs that retry this one (default SUCCESS). */
        retryOutcome: RunOutcome;
        /** RunUuid of the first run of this lineage (itself if it is no retry). */
        lineage: string;
        /** The run this one retries. */
        retriedFrom?: string;
        /** Emulator clock (ms) of the next due transition, absent when final. */
        nextAtMs?: number;
    };
}

/** Settings that shape how the emulator behaves; persisted with the state. */
export interface Settings {
    /** Seconds a run spends WAITING, then RUNNING, in realtime/manual clock modes. */
    waitingSeconds: number;
    runningSeconds: number;
    /** Seconds a TERMINATING group takes to become TERMINATED. */
    terminatingSeconds: number;
}

/** The whole persisted state. */
export interface EmulatorState {
    version: 1;
    /** Manual clock: emulator time in ms since the epoch. */
    manualNowMs: number;
    settings: Settings;
    /** Switches for undocumented Tencent behaviour (state/behaviour.ts); absent in older state files: defaults. */
    behaviour?: Partial<Behaviour>;
    projects: Record<string, Project>;
    environments: Record<string, Environment>;
    applications: Record<string, Application>;
    runGroups: Record<string, RunGroup>;
    runs: Record<string, Run>;
    /** Retries used so far per run lineage (keyed by the lineage's first RunUuid). */
    lineageRetries: Record<string, number>;
}

/** Omics regions accepted in `X-TC-Region`. */
export const OMICS_REGIONS: readonly string[] = ["ap-beijing", "ap-guangzhou", "ap-shanghai", "ap-hongkong", "ap-singapore", "eu-frankfurt"];

export const DEFAULT_SETTINGS: Settings = { waitingSeconds: 2, runningSeconds: 5, terminatingSeconds: 2 };
