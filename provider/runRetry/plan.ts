/**
 * Online, read-only planning: which runs a RetryRuns with these inputs would retry, and whether
 * Tencent would accept it. Used by check (before create/replace) so preview catches missing or
 * unretryable groups/runs; applies the same rule as RetryRuns (docs/contracts.md status model).
 *
 * Reads come from the process-wide project snapshot (omics/snapshot.ts), so a preview of hundreds
 * of retries pays for one look at the project, not three round trips per resource. Whatever would
 * make the plan fail (a group or run the snapshot lacks, a status that is not retryable, an
 * environment missing or unavailable) is read again fresh before the plan says so.
 */
import { describeRuns, filters, findEnvironment, type Environment, type Run, type RunGroup } from "../omics/client";
import { findRunGroup } from "../omics/batcher";
import { isOmicsApiError, isNotFound } from "../omics/errors";
import { FAILED_RUN_STATUSES, projectSnapshot, regionEnvironments } from "../omics/snapshot";
import type { Plan, RunRetryInputs } from "./inputs";
import { review } from "./review";
import { settings } from "../config/settings";

/** Run group statuses RetryRuns accepts. */
export const RETRYABLE_GROUP_STATUSES = ["COMPLETE_ERROR", "TERMINATED"];
export { FAILED_RUN_STATUSES };

/** PlanProblem is a reason the retry would fail, tied to the input that causes it. */
export class PlanProblem extends Error {
    override readonly name = "PlanProblem";
    constructor(
        readonly property: string,
        message: string,
        readonly code: string,
    ) {
        super(message);
    }
}

export type PlanInputs = Pick<RunRetryInputs, "runGroupId" | "runUuids" | "projectId" | "region" | "wdlOption" | "nfOption">;

const where = (inp: PlanInputs): string => `${inp.projectId ? `project ${inp.projectId}` : "the default project"} of region ${inp.region}`;

/** The group, from the snapshot when it proves the group retryable, else read fresh. */
async function readGroup(region: string, projectId: string | undefined, id: string): Promise<RunGroup | undefined> {
    const snap = await projectSnapshot(region, projectId);
    const g = snap.groups.get(id);
    if (g && RETRYABLE_GROUP_STATUSES.includes(g.Status ?? "")) return g;
    return findRunGroup(region, projectId, id);
}

/** The given runs: failed ones from the snapshot, any other read fresh. */
async function readRuns(region: string, projectId: string | undefined, uuids: readonly string[]): Promise<Run[]> {
    const snap = await projectSnapshot(region, projectId);
    const known = uuids.map((u) => snap.failedRuns.get(u)).filter((r): r is Run => r !== undefined);
    const missing = uuids.filter((u) => !snap.failedRuns.has(u));
    return missing.length === 0 ? known : [...known, ...(await describeRuns(region, projectId, filters({ RunUuid: missing })))];
}

/** The failed runs of a group: from the snapshot when it held the group, else read fresh. */
async function readFailedRunsOf(region: string, projectId: string | undefined, group: RunGroup): Promise<Run[]> {
    const snap = await projectSnapshot(region, projectId);
    const id = group.RunGroupId ?? "";
    if (snap.groups.get(id)?.Status === group.Status) return [...snap.failedRuns.values()].filter((r) => r.RunGroupId === id);
    return describeRuns(region, projectId ?? group.ProjectId, filters({ RunGroupId: [id], Status: FAILED_RUN_STATUSES }));
}

/** makePlan reads the group and runs and returns the plan, or throws PlanProblem / OmicsApiError. */
export async function makePlan(inp: PlanInputs): Promise<Plan> {
    const { region, projectId } = inp;
    let group: RunGroup | undefined;
    let runs: Run[];
    try {
        if (inp.runGroupId) {
            group = await readGroup(region, projectId, inp.runGroupId);
            if (!group) {
                throw new PlanProblem(
                    "runGroupId",
                    `run group ${inp.runGroupId} does not exist in ${where(inp)} (RetryRuns would fail with ResourceNotFound.RunGroupNotExist). Check runGroupId, projectId and region.`,
                    "ResourceNotFound.RunGroupNotExist",
                );
            }
            const gid = group.RunGroupId;
            // Runs of other groups do not exist "in this group" (RetryRuns: ResourceNotFound.RunNotExist).
            runs = inp.runUuids
                ? (await readRuns(region, projectId, inp.runUuids)).filter((r) => r.RunGroupId === gid)
                : await readFailedRunsOf(region, projectId, group);
        } else {
            runs = await readRuns(region, projectId, inp.runUuids ?? []);
        }
    } catch (e) {
        if (isNotFound(e, "ResourceNotFound.ProjectNotExist") && isOmicsApiError(e)) {
            throw new PlanProblem("projectId", `${e.message}. Check projectId and region.`, e.code ?? "ResourceNotFound.ProjectNotExist");
        }
        throw e;
    }

    let toRetry: Run[];
    if (inp.runUuids) {
        const byId = new Map(runs.map((r) => [r.RunUuid ?? "", r]));
        const missing = inp.runUuids.filter((u) => !byId.has(u));
        if (missing.length > 0) {
            const scope = inp.runGroupId ? `run group ${inp.runGroupId}` : where(inp);
            throw new PlanProblem(
                "runUuids",
                `run(s) ${missing.join(", ")} do not exist in ${scope} (RetryRuns would fail with ResourceNotFound.RunNotExist). Check runUuids${inp.runGroupId ? " and that they belong to runGroupId" : ", projectId and region"}.`,
                "ResourceNotFound.RunNotExist",
            );
        }
        toRetry = inp.runUuids.map((u) => byId.get(u) as Run);
        if (!group) {
            const groupIds = [...new Set(toRetry.map((r) => r.RunGroupId ?? ""))].sort();
            if (groupIds.length > 1) {
                throw new PlanProblem(
                    "runUuids",
                    `the runs belong to several run groups (${groupIds.join(", ")}); one RetryRuns retries runs of one group: split them into one RunRetry per group.`,
                    "InvalidParameterValue",
                );
            }
            group = await readGroup(region, projectId, groupIds[0] as string);
            if (!group) {
                throw new PlanProblem("runUuids", `the run group ${groupIds[0]} of these runs no longer exists.`, "ResourceNotFound.RunGroupNotExist");
            }
        }
    } else {
        toRetry = runs.filter((r) => FAILED_RUN_STATUSES.includes(r.Status ?? ""));
    }

    if (!group) throw new PlanProblem("runGroupId", "set runGroupId, runUuids, or both", "MissingParameter");
    const gid = group.RunGroupId ?? inp.runGroupId ?? "";
    const status = group.Status ?? "UNKNOWN";
    if (!RETRYABLE_GROUP_STATUSES.includes(status)) {
        const why =
            status === "COMPLETE" ? "every run succeeded, so there is nothing to retry" : "it has not finished; wait until it is COMPLETE_ERROR or TERMINATED";
        throw new PlanProblem(
            inp.runGroupId ? "runGroupId" : "runUuids",
            `run group ${gid} has status ${status}: ${why} (RetryRuns would fail with FailedOperation.StatusNotSupported).`,
            "FailedOperation.StatusNotSupported",
        );
    }
    const notFailed = toRetry.filter((r) => !FAILED_RUN_STATUSES.includes(r.Status ?? ""));
    if (notFailed.length > 0) {
        throw new PlanProblem(
            "runUuids",
            `only failed runs (${FAILED_RUN_STATUSES.join(", ")}) can be retried; ${notFailed.map((r) => `${r.RunUuid} is ${r.Status}`).join(", ")} (RetryRuns would fail with FailedOperation.StatusNotSupported).`,
            "FailedOperation.StatusNotSupported",
        );
    }
    if (toRetry.length === 0) {
        throw new PlanProblem(
            "runGroupId",
            `run group ${gid} has no failed runs to retry (FailedOperation.StatusNotSupported).`,
            "FailedOperation.StatusNotSupported",
        );
    }
    const type = group.Type;
    if (inp.wdlOption && type && type !== "WDL") {
        throw new PlanProblem(
            "wdlOption",
            `run group ${gid} is a ${type} group; wdlOption applies only to WDL groups (use nfOption).`,
            "InvalidParameterValue",
        );
    }
    if (inp.nfOption && type && type !== "NEXTFLOW") {
        throw new PlanProblem(
            "nfOption",
            `run group ${gid} is a ${type} group; nfOption applies only to NEXTFLOW groups (use wdlOption).`,
            "InvalidParameterValue",
        );
    }

    await checkEnvironment(region, group, gid);

    const plan: Plan = {
        runGroupId: gid,
        groupStatus: status,
        runs: toRetry
            .map((r) => ({ runUuid: r.RunUuid ?? "", status: r.Status ?? "UNKNOWN", ...(r.UserDefinedId ? { userDefinedId: r.UserDefinedId } : {}) }))
            .sort((a, b) => a.runUuid.localeCompare(b.runUuid)),
    };
    if (group.ProjectId) plan.projectId = group.ProjectId;
    if (group.Name) plan.groupName = group.Name;
    if (group.ApplicationId) plan.applicationId = group.ApplicationId;
    if (type) plan.type = type;

    // What a reviewer needs: why each run failed, the lineage's retries, warnings (no extra call).
    const snap = await projectSnapshot(region, projectId);
    const groupFailed = [...snap.failedRuns.values()].filter((r) => r.RunGroupId === gid);
    const limit = review(plan, {
        snap,
        source: group,
        runs: toRetry,
        groupFailed,
        retryLimit: settings().retryLimit,
        ...(inp.wdlOption ? { wdlOption: inp.wdlOption } : {}),
        ...(inp.nfOption ? { nfOption: inp.nfOption } : {}),
    });
    if (limit) plan.limitReached = limit.message;
    return plan;
}

/**
 * The retried group's compute environment must still exist and be available (RetryRuns answers
 * ResourceNotFound.EnvironmentNotExist / InvalidParameterValue.EnvironmentNotAvailable otherwise).
 * Best effort: credentials allowed to retry but not to list environments skip this check.
 */
async function checkEnvironment(region: string, group: RunGroup, gid: string): Promise<void> {
    if (!group.EnvironmentId) return;
    let env: Environment | undefined;
    try {
        const cached = (await regionEnvironments(region)).get(group.EnvironmentId);
        env = cached?.Available === true ? cached : await findEnvironment(region, group.EnvironmentId);
    } catch (e) {
        if (isOmicsApiError(e) && /^(UnauthorizedOperation|OperationDenied)/.test(e.code ?? "")) return;
        throw e;
    }
    if (!env) {
        throw new PlanProblem(
            "runGroupId",
            `the compute environment ${group.EnvironmentId} of run group ${gid} no longer exists (RetryRuns would fail with ResourceNotFound.EnvironmentNotExist): the group cannot be retried; submit a new run group.`,
            "ResourceNotFound.EnvironmentNotExist",
        );
    }
    if (env.Available === false) {
        throw new PlanProblem(
            "runGroupId",
            `the compute environment ${group.EnvironmentId} of run group ${gid} is not available (status ${env.Status ?? "unknown"}; RetryRuns would fail with InvalidParameterValue.EnvironmentNotAvailable): check it in the Omics console and run again once it is available.`,
            "InvalidParameterValue.EnvironmentNotAvailable",
        );
    }
}

/** isPlan tells a stored plan from anything else (older state, unknown during preview). */
export function isPlan(v: unknown): v is Plan {
    return typeof v === "object" && v !== null && typeof (v as Plan).runGroupId === "string" && Array.isArray((v as Plan).runs);
}
