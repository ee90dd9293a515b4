/**
 * `POST /_emulator/seed/project`: a new (non-default) project with applications, imported tables
 * and, unless `failedGroup: false`, a finished run group whose failed run has a failed call: all a
 * user's pipeline needs to be exercised offline, in one call.
 */
import { errors } from "../errors";
import { callsOf } from "./calls";
import { catalogOf } from "./catalog";
import { plainTime } from "./clock";
import { uuid, wordId } from "./ids";
import { OMICS_REGIONS, type Project, type WorkflowType } from "./model";
import { applySeedFile, type SeedFailedRunGroupOptions, type SeedFailedRunGroupResult, seedFailedRunGroup, validateSeedOptions } from "./seed";
import type { Store } from "./store";

export interface SeedTable {
    name: string;
    columns: { header: string; dataType: string }[];
    rows: string[][];
}

export interface SeedProjectOptions {
    /** @default "ap-guangzhou" */
    region?: string;
    /** @default "seeded-project" */
    name?: string;
    /** @default a WDL "variant-calling" and a NEXTFLOW "rnaseq" application */
    applications?: { name: string; type: WorkflowType }[];
    /** @default one "samples" table (sample_id String, reads File) with 3 rows */
    tables?: SeedTable[];
    /** Options of the failed group (as `seed/failed-run-group`, without region and project), or false for none. @default {} */
    failedGroup?: Omit<SeedFailedRunGroupOptions, "region" | "projectId"> | false;
}

export interface SeedProjectResult {
    ProjectId: string;
    Region: string;
    ApplicationIds: string[];
    Tables: { TableId: string; Name: string; TableRowUuids: string[] }[];
    FailedGroup?: SeedFailedRunGroupResult & { FailedCalls: { RunUuid: string; CallName: string; JobId: string; ErrorMessage: string }[] };
}

const DEFAULT_TABLE: SeedTable = {
    name: "samples",
    columns: [
        { header: "sample_id", dataType: "String" },
        { header: "reads", dataType: "File" },
    ],
    rows: [1, 2, 3].map((i) => [`sample-${i}`, `cos://omics-emulator-1250000000/reads/sample-${i}.fastq.gz`]),
};

export function validateSeedProjectOptions(o: unknown): SeedProjectOptions {
    if (o === null || typeof o !== "object" || Array.isArray(o)) throw errors.invalidParameter("seed body must be a JSON object");
    const b = o as Record<string, unknown>;
    for (const k of Object.keys(b)) {
        if (!["region", "name", "applications", "tables", "failedGroup"].includes(k)) throw errors.unknownParameter(`unknown seed field ${k}`);
    }
    if (b.region !== undefined && !OMICS_REGIONS.includes(b.region as string))
        throw errors.invalidParameterValue(`region ${String(b.region)} is not an Omics region`);
    if (b.name !== undefined && (typeof b.name !== "string" || b.name === "")) throw errors.invalidParameter("name must be a non-empty string");
    if (b.applications !== undefined) {
        if (!Array.isArray(b.applications)) throw errors.invalidParameter("applications must be an array");
        for (const a of b.applications as { name?: unknown; type?: unknown }[]) {
            if (typeof a?.name !== "string" || (a.type !== "WDL" && a.type !== "NEXTFLOW")) {
                throw errors.invalidParameterValue("each application needs a name and a type (WDL or NEXTFLOW)");
            }
        }
    }
    if (b.tables !== undefined) {
        if (!Array.isArray(b.tables)) throw errors.invalidParameter("tables must be an array");
        for (const t of b.tables as Partial<SeedTable>[]) {
            if (typeof t?.name !== "string" || !Array.isArray(t.columns) || !Array.isArray(t.rows)) {
                throw errors.invalidParameterValue("each table needs name, columns [{header, dataType}] and rows [[cell, ...]]");
            }
            for (const r of t.rows) {
                if (!Array.isArray(r) || r.length !== t.columns.length || r.some((c) => typeof c !== "string")) {
                    throw errors.invalidParameterValue(`table ${t.name}: every row needs ${t.columns.length} string cells`);
                }
            }
        }
    }
    if (b.failedGroup !== undefined && b.failedGroup !== false) {
        const g = validateSeedOptions(b.failedGroup);
        if ((g as Record<string, unknown>).region !== undefined || g.projectId !== undefined) {
            throw errors.invalidParameterValue("failedGroup takes neither region nor projectId (the seeded project's are used)");
        }
    }
    return b as SeedProjectOptions;
}

/** Create the project and its contents. Does not persist. */
export function seedProject(store: Store, o: SeedProjectOptions): SeedProjectResult {
    const region = o.region ?? "ap-guangzhou";
    const now = store.now();
    const project: Project = {
        ProjectId: wordId("prj"),
        Name: o.name ?? "seeded-project",
        Description: "seeded by the omics emulator",
        Region: region,
        CreateTime: plainTime(now),
        UpdateTime: plainTime(now),
        Creator: "omics-emulator",
        IsDefault: false,
    };
    store.state.projects[project.ProjectId] = project;
    const apps = (
        o.applications ?? [
            { name: "variant-calling", type: "WDL" as const },
            { name: "rnaseq", type: "NEXTFLOW" as const },
        ]
    ).map((a) => store.addApplication(project.ProjectId, a.type, a.name));
    const c = catalogOf(store.state);
    const tables = (o.tables ?? [DEFAULT_TABLE]).map((t) => {
        const id = wordId("tab");
        const rows = t.rows.map((cells) => ({ TableRowUuid: uuid(), Content: [...cells] }));
        c.tables[id] = {
            TableId: id,
            ProjectId: project.ProjectId,
            Name: t.name,
            Description: "seeded by the omics emulator",
            Columns: t.columns.map((col) => ({ Header: col.header, DataType: col.dataType })),
            CreateTime: plainTime(now),
            Creator: "omics-emulator",
            CreatorId: "omics-emulator",
            Rows: rows,
        };
        return { TableId: id, Name: t.name, TableRowUuids: rows.map((r) => r.TableRowUuid) };
    });
    const result: SeedProjectResult = { ProjectId: project.ProjectId, Region: region, ApplicationIds: apps.map((a) => a.ApplicationId), Tables: tables };
    if (o.failedGroup !== false) {
        const seeded = seedFailedRunGroup(store, { ...(o.failedGroup ?? {}), region, projectId: project.ProjectId });
        const group = store.state.runGroups[seeded.RunGroupId];
        const failedCalls = seeded.FailedRunUuids.flatMap((id) => {
            const run = store.state.runs[id];
            if (!run || !group) return [];
            return callsOf(run, group)
                .filter((call) => call.status === "FAILED")
                .map((call) => ({ RunUuid: id, CallName: call.callName, JobId: call.jobId, ErrorMessage: call.errorMessage }));
        });
        result.FailedGroup = { ...seeded, FailedCalls: failedCalls };
    }
    return result;
}

/**
 * A `--seed` file may also hold `projects`: a list of `seed/project` bodies, applied after its
 * environments and failed run groups.
 */
export function applySeedFileWithProjects(store: Store, seed: unknown): void {
    if (seed === null || typeof seed !== "object" || Array.isArray(seed) || !("projects" in seed)) {
        applySeedFile(store, seed);
        return;
    }
    const { projects, ...rest } = seed as { projects: unknown };
    applySeedFile(store, rest);
    if (!Array.isArray(projects)) throw new Error("seed file: projects must be an array of seed/project bodies");
    projects.forEach((p, i) => {
        try {
            seedProject(store, validateSeedProjectOptions(p));
        } catch (e) {
            throw new Error(`seed file: projects.${i}: ${(e as Error).message}`);
        }
    });
}
