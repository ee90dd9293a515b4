/**
 * check: normalize, validate offline, and only when the resource will be created or replaced,
 * plan online with read-only calls: what would be retried, and whether an earlier, interrupted
 * attempt already did it (the plan's `recovery`, shown in preview). A no-op check carries the old
 * plan forward and makes no call.
 */
import { settings } from "../config/settings";
import { describeError, isOmicsApiError } from "../omics/errors";
import { isIntentRecord, recordedInThisProcess } from "./intentRecord";
import { hasOlds, resourceName, type Bag } from "../shared/values";
import type { Failure } from "./validate";
import { validate } from "./validate";
import { REPLACE_KEYS, UNKNOWN, changedReplaceKeys, containsUnknown, normalize, type Plan, type RecoveryPlan, type RunRetryInputs } from "./inputs";
import { PlanProblem, makePlan } from "./plan";
import { checkpointProblem } from "../host/checkpoints";

const labelOf = (name: string | undefined): string => (name ? `RunRetry "${name}": ` : "");
import { decide, scan } from "./recovery";

function withoutWarnings(plan: unknown): unknown {
    if (typeof plan !== "object" || plan === null || Array.isArray(plan)) return plan;
    const copy = { ...(plan as Record<string, unknown>) };
    delete copy.warnings;
    return copy;
}

/** The input a Tencent error code during planning is about. */
export function propertyForCode(code: string | undefined): string {
    if (!code) return "runGroupId";
    if (
        code.startsWith("AuthFailure") ||
        code === "MissingCredentials" ||
        code === "AssumeRoleFailed" ||
        code.startsWith("UnauthorizedOperation") ||
        code === "InvalidProviderConfig"
    )
        return "credentials";
    if (code === "ResourceNotFound.ProjectNotExist") return "projectId";
    if (code === "ResourceNotFound.RunNotExist") return "runUuids";
    if (code === "UnsupportedRegion") return "region";
    return "runGroupId";
}

/** The recovery part of the plan: decided only when the intent record can be read. */
async function planRecovery(inputs: RunRetryInputs, plan: Plan, name: string | undefined): Promise<RecoveryPlan | Failure> {
    const intent = inputs.intent as unknown;
    if (intent === undefined || containsUnknown(intent)) {
        return { decision: "retry", why: "first attempt: the intent is recorded by this update, so no earlier attempt can exist" };
    }
    if (!isIntentRecord(intent)) {
        return { decision: "retry", why: "no intent record: create compares against a snapshot taken just before RetryRuns" };
    }
    if (recordedInThisProcess(intent.intentId)) {
        return { decision: "retry", why: "first attempt: the intent was recorded by this update, so no earlier attempt can exist" };
    }
    const projectId = inputs.projectId ?? plan.projectId;
    const found = await scan({
        groups: "snapshot",
        region: inputs.region,
        intent,
        plan,
        owner: name,
        ...(projectId ? { projectId } : {}),
        ...(inputs.wdlOption ? { wdlOption: inputs.wdlOption } : {}),
        ...(inputs.nfOption ? { nfOption: inputs.nfOption } : {}),
    });
    const d = decide(found, inputs.recovery, plan.runGroupId, inputs.adoptRunGroupId);
    if (d.kind === "refuse")
        return { property: inputs.adoptRunGroupId ? "adoptRunGroupId" : "recovery", reason: `${name ? `RunRetry "${name}": ` : ""}${d.message}` };
    if (d.kind === "adopt") {
        return { decision: "adopt", runGroupId: d.candidate.runGroupId, why: d.why, ...(d.candidate.createTime ? { createTime: d.candidate.createTime } : {}) };
    }
    return { decision: "retry", why: d.why };
}

export async function check(olds: Bag, news: Bag): Promise<{ inputs: Bag; failures: Failure[] }> {
    const s = settings();
    const inputs = normalize(news ?? {});
    const existed = hasOlds(olds);
    if (inputs.region === undefined) {
        // A recorded retry keeps its region when the input is unset; a new one takes the default.
        const oldRegion = existed && typeof olds.region === "string" ? olds.region : undefined;
        const region = oldRegion ?? s.region;
        if (region) inputs.region = region;
    }
    const failures = validate(inputs);
    if (failures.length > 0) return { inputs, failures };

    const willCreateOrReplace = !existed || changedReplaceKeys(olds, inputs).length > 0;
    const unsafe = willCreateOrReplace ? checkpointProblem() : undefined;
    if (unsafe) {
        failures.push({ property: "PULUMI_SKIP_CHECKPOINTS", reason: `${labelOf(resourceName(inputs))}${unsafe}` });
        return { inputs, failures };
    }
    if (!willCreateOrReplace) {
        // The recorded plan, without its warnings: they were for the decision to retry, made then.
        if (olds.plan !== undefined) inputs.plan = withoutWarnings(olds.plan);
        return { inputs, failures };
    }
    if (REPLACE_KEYS.some((k) => containsUnknown(inputs[k]))) {
        // Not knowable during preview; `up` plans again with the real values.
        inputs.plan = UNKNOWN;
        return { inputs, failures };
    }
    const name = resourceName(inputs);
    try {
        const plan = await makePlan(inputs as unknown as RunRetryInputs);
        const recovery = await planRecovery(inputs as unknown as RunRetryInputs, plan, name);
        if ("property" in recovery) failures.push(recovery);
        else plan.recovery = recovery;
        // A retry refused for its lineage's limit, unless an earlier attempt is simply recorded.
        if (plan.limitReached && !("property" in recovery) && recovery.decision === "retry") {
            failures.push({
                property: inputs.runUuids !== undefined ? "runUuids" : "runGroupId",
                reason: `${name ? `RunRetry "${name}": ` : ""}${plan.limitReached}`,
            });
        }
        inputs.plan = plan;
    } catch (e) {
        if (e instanceof PlanProblem) {
            failures.push({ property: e.property, reason: `${name ? `RunRetry "${name}": ` : ""}${e.message}` });
        } else {
            const property = isOmicsApiError(e) ? propertyForCode(e.code) : "runGroupId";
            failures.push({ property, reason: describeError(e, name, "planning the retry (read-only)") });
        }
    }
    return { inputs, failures };
}
