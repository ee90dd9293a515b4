/**
 * A look-alike submission (`POST /_emulator/seed/lookalike`): a NEW run group that resembles an
 * existing one (same project, name, application, environment, options and sample IDs) but is no
 * retry of it. It models a nightly pipeline re-submitting the same samples on another day, the
 * decoy that recovery logic ("did my RetryRuns happen?") must not mistake for its own retry.
 */
import { errors } from "../errors";
import { isoTime } from "./clock";
import { finishRunGroup } from "./finish";
import { OMICS_REGIONS, type RunOutcome } from "./model";
import type { Store } from "./store";
import { FAILED_RUN_STATUSES } from "./transitions";

/** Body of `POST /_emulator/seed/lookalike`. */
export interface SeedLookalikeOptions {
    /** The run group to resemble. */
    of: string;
    /** Region of `of`. @default "ap-guangzhou" */
    region?: string;
    /** Which runs of `of` get a counterpart: its failed runs, or all of them. @default "failed" */
    runs?: "failed" | "all";
    /** Copy inputs verbatim; otherwise each input JSON gets an extra `"submittedAt": <ISO time>`. @default false */
    sameInputs?: boolean;
    /** Status of the new group: RUNNING (runs WAITING, moving with the clock), or finished now. @default "RUNNING" */
    status?: "RUNNING" | "COMPLETE" | "COMPLETE_ERROR";
}

/** Answer of the look-alike seed. */
export interface SeedLookalikeResult {
    RunGroupId: string;
    RunUuids: string[];
}

const STATUSES: readonly string[] = ["RUNNING", "COMPLETE", "COMPLETE_ERROR"];

/** Check a look-alike request; throws InvalidParameter/InvalidParameterValue/MissingParameter naming the field. */
export function validateLookalikeOptions(o: unknown): SeedLookalikeOptions {
    if (o === null || typeof o !== "object" || Array.isArray(o)) throw errors.invalidParameter("lookalike body must be a JSON object");
    const b = o as Record<string, unknown>;
    for (const k of Object.keys(b)) {
        if (!["of", "region", "runs", "sameInputs", "status"].includes(k)) throw errors.unknownParameter(`unknown lookalike field ${k}`);
    }
    if (b.of === undefined) throw errors.missingParameter("of (the RunGroupId to resemble) is required");
    if (typeof b.of !== "string" || b.of === "") throw errors.invalidParameter("of must be a RunGroupId");
    if (b.region !== undefined && (typeof b.region !== "string" || !OMICS_REGIONS.includes(b.region))) {
        throw errors.invalidParameterValue(`region ${String(b.region)} is not an Omics region`);
    }
    if (b.runs !== undefined && b.runs !== "failed" && b.runs !== "all") throw errors.invalidParameterValue("runs must be failed or all");
    if (b.sameInputs !== undefined && typeof b.sameInputs !== "boolean") throw errors.invalidParameter("sameInputs must be a boolean");
    if (b.status !== undefined && !STATUSES.includes(b.status as string)) {
        throw errors.invalidParameterValue(`status must be one of ${STATUSES.join(", ")}`);
    }
    return b as unknown as SeedLookalikeOptions;
}

/** The same JSON with `"submittedAt"` added (to each object of an array); other text unchanged. */
export function stampSubmittedAt(input: string, at: string): string {
    let v: unknown;
    try {
        v = JSON.parse(input);
    } catch {
        return input; // e.g. "" for a COS input: nothing to stamp
    }
    const stamp = (x: unknown) => (x !== null && typeof x === "object" && !Array.isArray(x) ? { ...x, submittedAt: at } : x);
    return JSON.stringify(Array.isArray(v) ? v.map(stamp) : stamp(v));
}

/** Create the look-alike group (not a retry: no lineage shared, no retry counted). Does not persist. */
export function seedLookalike(store: Store, o: SeedLookalikeOptions): SeedLookalikeResult {
    const region = o.region ?? "ap-guangzhou";
    const of = store.state.runGroups[o.of];
    if (!of || of.emu.region !== region) throw errors.runGroupNotExist(`run group ${o.of} does not exist in ${region}`);
    const project = store.state.projects[of.ProjectId];
    if (!project) throw errors.projectNotExist(`project ${of.ProjectId} of run group ${of.RunGroupId} no longer exists`);
    // Records are kept when deleted through the control plane, so these resolve even then.
    const environment = store.state.environments[of.EnvironmentId];
    if (!environment) throw errors.environmentNotExist(`environment ${of.EnvironmentId} does not exist`);
    const application = of.ApplicationId === "" ? undefined : store.state.applications[of.ApplicationId];
    if (of.ApplicationId !== "" && !application) throw errors.applicationNotExist(`application ${of.ApplicationId} does not exist`);

    const which = o.runs ?? "failed";
    const source = store.runsOf(of.RunGroupId).filter((r) => which === "all" || FAILED_RUN_STATUSES.includes(r.Status));
    if (source.length === 0) {
        throw errors.invalidParameterValue(`run group ${of.RunGroupId} has no failed runs; use runs: "all"`);
    }
    const status = o.status ?? "RUNNING";
    const now = store.now();
    const input = (text: string) => (o.sameInputs ? text : stampSubmittedAt(text, isoTime(now)));
    const outcome: RunOutcome = status === "COMPLETE_ERROR" ? "EXECUTOR_ERROR" : "SUCCESS";
    const group = store.createRunGroup(
        {
            project,
            application,
            environment,
            name: of.Name,
            description: of.Description,
            type: of.Type,
            input: input(of.Input),
            inputType: of.InputType,
            inputCosUri: of.InputCosUri,
            tableId: of.TableId,
            workDir: of.WorkDir,
            ...(of.Option ? { option: of.Option } : {}),
            ...(of.NFOption ? { nfOption: of.NFOption } : {}),
            creator: of.Creator,
        },
        source.map((r) => ({
            userDefinedId: r.UserDefinedId,
            tableRowUuid: r.TableRowUuid,
            input: input(r.Input),
            outcome,
            retryOutcome: "SUCCESS" as RunOutcome,
        })),
    );
    const runs = store.runsOf(group.RunGroupId);
    if (status !== "RUNNING")
        finishRunGroup(group, runs, {
            status,
            runStatus: (r) => r.emu.outcome,
            startMs: now,
            endMs: now,
            granularity: store.behaviour().createTimeGranularity,
        });
    return { RunGroupId: group.RunGroupId, RunUuids: runs.map((r) => r.RunUuid) };
}
