/**
 * Online, read-only planning: which runs a RetryRuns with these inputs would retry, and whether
 * Tencent would accept it. Used by check (before create/replace) so preview catches missing or
 * unretryable groups/runs; applies the same rule as RetryRuns (docs/contracts.md status model).
 */
import { describeRuns, filters, findEnvironment, findRunGroup, type Run, type RunGroup } from "../omics/client";
import { isOmicsApiError, isNotFound } from "../omics/errors";
import type { Plan, RunRetryInputs } from "./inputs";

/** Run group statuses RetryRuns accepts. */
export const RETRYABLE_GROUP_STATUSES = ["COMPLETE_ERROR", "TERMINATED"];
/** Run statuses RetryRuns retries. */
export const FAILED_RUN_STATUSES = ["EXECUTOR_ERROR", "TERMINATED"];

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

const where = (inp: PlanInputs): string =>
    `${inp.projectId ? `project ${inp.projectId}` : "the default project"} of region ${inp.region}`;

/** makePlan reads the group and runs and returns the plan, or throws PlanProblem / OmicsApiError. */
export async function makePlan(inp: PlanInputs): Promise<Plan> {
    const { region, projectId } = inp;
    let group: RunGroup | undefined;
    let runs: Run[];
    try {
        if (inp.runGroupId) {
            group = await findRunGroup(region, projectId, inp.runGroupId);
            if (!group) {
                throw new PlanProblem(
                    "runGroupId",
                    `run group ${inp.runGroupId} does not exist in ${where(inp)} (RetryRuns would fail with ResourceNotFound.RunGroupNotExist). Check runGroupId, projectId and region.`,
                    "ResourceNotFound.RunGroupNotExist",
                );
            }
            runs = await describeRuns(region, projectId ?? group.ProjectId, filters({ RunGroupId: [inp.runGroupId] }));
        } else {
            runs = await describeRuns(region, projectId, filters({ RunUuid: inp.runUuids }));
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
            group = await findRunGroup(region, projectId, groupIds[0] as string);
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
        const why = status === "COMPLETE" ? "every run succeeded, so there is nothing to retry" : "it has not finished; wait until it is COMPLETE_ERROR or TERMINATED";
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
        throw new PlanProblem("runGroupId", `run group ${gid} has no failed runs to retry (FailedOperation.StatusNotSupported).`, "FailedOperation.StatusNotSupported");
    }
    const type = group.Type;
    if (inp.wdlOption && type && type !== "WDL") {
        throw new PlanProblem("wdlOption", `run group ${gid} is a ${type} group; wdlOption applies only to WDL groups (use nfOption).`, "InvalidParameterValue");
    }
    if (inp.nfOption && type && type !== "NEXTFLOW") {
        throw new PlanProblem("nfOption", `run group ${gid} is a ${type} group; nfOption applies only to NEXTFLOW groups (use wdlOption).`, "InvalidParameterValue");
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
    return plan;
}

/**
 * The retried group's compute environment must still exist and be available (RetryRuns answers
 * ResourceNotFound.EnvironmentNotExist / InvalidParameterValue.EnvironmentNotAvailable otherwise).
 * Best effort: credentials allowed to retry but not to list environments skip this check.
 */
async function checkEnvironment(region: string, group: RunGroup, gid: string): Promise<void> {
    if (!group.EnvironmentId) return;
    let env;
    try {
        env = await findEnvironment(region, group.EnvironmentId);
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

