/**
 * Fixtures: a finished run group with failed runs in one call (`POST /_emulator/seed/failed-run-group`),
 * and the `--seed <file.json>` format that lists such groups and environments.
 */
import { errors } from "../errors";
import { finishRunGroup } from "./finish";
import { uuid } from "./ids";
import { OMICS_REGIONS, type RunOutcome, type WorkflowType } from "./model";
import type { Store } from "./store";

/** Body of `POST /_emulator/seed/failed-run-group` (all optional). */
export interface SeedFailedRunGroupOptions {
    /** @default "ap-guangzhou" */
    region?: string;
    /** @default "WDL" */
    type?: WorkflowType;
    /** Number of runs. @default 3 */
    runs?: number;
    /** How many of them ended in EXECUTOR_ERROR (the last ones). 0 gives a COMPLETE group. @default 1 */
    failedRuns?: number;
    /** Run group name. @default "seeded-run-group" */
    name?: string;
    /** Project to put it in (must exist in the region). @default the region's default project */
    projectId?: string;
    /** Use this existing environment instead of creating a new one. */
    environmentId?: string;
    /** Create the new environment as unavailable (`Available: false`). @default true */
    environmentAvailable?: boolean;
    /** Outcome of runs created by retrying this group's runs. @default "SUCCESS" */
    retryOutcome?: RunOutcome;
    /** Give runs a UserDefinedId (`sample-<i>`); false leaves it empty, as for runs submitted without a batch table. @default true */
    userDefinedIds?: boolean;
    /** Status the group ends in: COMPLETE_ERROR (default when failedRuns > 0), or TERMINATED. */
    status?: "COMPLETE_ERROR" | "TERMINATED" | "COMPLETE" | "RUNNING";
}

/** Answer of the seed call. */
export interface SeedFailedRunGroupResult {
    ProjectId: string;
    RunGroupId: string;
    EnvironmentId: string;
    ApplicationId: string;
    RunUuids: string[];
    FailedRunUuids: string[];
}

/** Format of a `--seed` file. */
export interface SeedFile {
    failedRunGroups?: SeedFailedRunGroupOptions[];
    environments?: { region?: string; name?: string; available?: boolean; status?: string }[];
}

const OUTCOMES: readonly string[] = ["SUCCESS", "EXECUTOR_ERROR"];

/** Check a seed request; throws InvalidParameterValue naming the bad field. */
export function validateSeedOptions(o: unknown): SeedFailedRunGroupOptions {
    if (o === undefined || o === null) return {};
    if (typeof o !== "object" || Array.isArray(o)) throw errors.invalidParameter("seed body must be a JSON object");
    const b = o as Record<string, unknown>;
    const known = [
        "region",
        "type",
        "runs",
        "failedRuns",
        "name",
        "projectId",
        "environmentId",
        "environmentAvailable",
        "retryOutcome",
        "status",
        "userDefinedIds",
    ];
    for (const k of Object.keys(b)) if (!known.includes(k)) throw errors.unknownParameter(`unknown seed field ${k}`);
    const str = (k: string) => {
        if (b[k] !== undefined && typeof b[k] !== "string") throw errors.invalidParameter(`${k} must be a string`);
    };
    ["region", "type", "name", "projectId", "environmentId", "retryOutcome", "status"].forEach(str);
    for (const k of ["runs", "failedRuns"]) {
        if (b[k] !== undefined && (typeof b[k] !== "number" || !Number.isInteger(b[k]))) {
            throw errors.invalidParameter(`${k} must be an integer`);
        }
    }
    for (const k of ["environmentAvailable", "userDefinedIds"]) {
        if (b[k] !== undefined && typeof b[k] !== "boolean") throw errors.invalidParameter(`${k} must be a boolean`);
    }
    if (b.region !== undefined && !OMICS_REGIONS.includes(b.region as string)) {
        throw errors.invalidParameterValue(`region ${String(b.region)} is not an Omics region`);
    }
    if (b.type !== undefined && b.type !== "WDL" && b.type !== "NEXTFLOW") {
        throw errors.invalidParameterValue("type must be WDL or NEXTFLOW");
    }
    if (b.retryOutcome !== undefined && !OUTCOMES.includes(b.retryOutcome as string)) {
        throw errors.invalidParameterValue("retryOutcome must be SUCCESS or EXECUTOR_ERROR");
    }
    if (b.status !== undefined && !["COMPLETE_ERROR", "TERMINATED", "COMPLETE", "RUNNING"].includes(b.status as string)) {
        throw errors.invalidParameterValue("status must be COMPLETE_ERROR, TERMINATED, COMPLETE or RUNNING");
    }
    const runs = (b.runs as number | undefined) ?? 3;
    const failed = (b.failedRuns as number | undefined) ?? 1;
    if (runs < 1 || runs > 100) throw errors.invalidParameterValue("runs must be between 1 and 100");
    if (failed < 0 || failed > runs) throw errors.invalidParameterValue("failedRuns must be between 0 and runs");
    return b as SeedFailedRunGroupOptions;
}

/** Create a finished run group whose last `failedRuns` runs failed. Does not persist. */
export function seedFailedRunGroup(store: Store, o: SeedFailedRunGroupOptions): SeedFailedRunGroupResult {
    const region = o.region ?? "ap-guangzhou";
    const type = o.type ?? "WDL";
    const runsN = o.runs ?? 3;
    const failedN = o.failedRuns ?? 1;
    const project = store.project(region, o.projectId);
    let environment: ReturnType<typeof store.addEnvironment> | undefined;
    if (o.environmentId) {
        environment = store.environment(region, o.environmentId);
        if (!environment) throw errors.environmentNotExist(`environment ${o.environmentId} does not exist in ${region}`);
    } else {
        environment = store.addEnvironment(region, { name: "seeded-env", available: o.environmentAvailable ?? true });
    }
    const application = store.addApplication(project.ProjectId, type, `seeded-${type.toLowerCase()}-app`);
    const input = JSON.stringify({ "main.sample": "sample-0" });
    const group = store.createRunGroup(
        {
            project,
            application,
            environment,
            name: o.name ?? "seeded-run-group",
            description: "seeded by the omics emulator",
            type,
            input,
            inputType: "JSON",
            inputCosUri: "",
            tableId: "",
            workDir: "",
            ...(type === "WDL"
                ? { option: { FailureMode: "ContinueWhilePossible", UseCallCache: true, UseErrorOnHold: false } }
                : { nfOption: { NFVersion: "22.10.7", Report: true, Resume: false } }),
            creator: "omics-emulator",
        },
        Array.from({ length: runsN }, (_, i) => ({
            userDefinedId: o.userDefinedIds === false ? "" : `sample-${i}`,
            tableRowUuid: uuid(),
            input: JSON.stringify({ "main.sample": `sample-${i}` }),
            outcome: (i >= runsN - failedN ? "EXECUTOR_ERROR" : "SUCCESS") as RunOutcome,
            retryOutcome: o.retryOutcome ?? "SUCCESS",
        })),
    );
    const runs = store.runsOf(group.RunGroupId);
    const wanted = o.status ?? (failedN > 0 ? "COMPLETE_ERROR" : "COMPLETE");
    if (wanted !== "RUNNING") {
        // Finish it in the past: submitted ten minutes ago, ended a minute ago.
        const now = store.now();
        finishRunGroup(group, runs, {
            status: wanted,
            runStatus: (r) => (wanted === "TERMINATED" && r.emu.outcome === "EXECUTOR_ERROR" ? "TERMINATED" : r.emu.outcome),
            startMs: now - 600_000,
            endMs: now - 60_000,
            granularity: store.behaviour().createTimeGranularity,
        });
    }
    // A RUNNING group stays so until advanced: its runs wait for the clock as usual.
    return {
        ProjectId: project.ProjectId,
        RunGroupId: group.RunGroupId,
        EnvironmentId: environment.EnvironmentId,
        ApplicationId: application.ApplicationId,
        RunUuids: runs.map((r) => r.RunUuid),
        FailedRunUuids: runs.filter((r) => r.Status !== "SUCCESS" && r.Status !== "WAITING").map((r) => r.RunUuid),
    };
}

/** Apply a `--seed` file's fixtures (validated) to the store. Does not persist. */
export function applySeedFile(store: Store, seed: unknown): SeedFailedRunGroupResult[] {
    if (seed === null || typeof seed !== "object" || Array.isArray(seed)) throw new Error("seed file must hold a JSON object");
    const s = seed as SeedFile;
    for (const k of Object.keys(s)) {
        if (k !== "failedRunGroups" && k !== "environments") throw new Error(`seed file: unknown field ${k}`);
    }
    for (const e of s.environments ?? []) {
        const region = e.region ?? "ap-guangzhou";
        if (!OMICS_REGIONS.includes(region)) throw new Error(`seed file: region ${region} is not an Omics region`);
        store.addEnvironment(region, {
            ...(e.name !== undefined ? { name: e.name } : {}),
            ...(e.available !== undefined ? { available: e.available } : {}),
            ...(e.status !== undefined ? { status: e.status } : {}),
        });
    }
    return (s.failedRunGroups ?? []).map((g) => seedFailedRunGroup(store, validateSeedOptions(g)));
}
