/**
 * check: normalize, validate offline, and only when the resource will be created or replaced,
 * plan online with read-only calls. A no-op check carries the old plan forward and makes no call.
 */
import { settings } from "../config/settings";
import { describeError, isOmicsApiError } from "../omics/errors";
import type { Failure } from "./validate";
import { validate } from "./validate";
import { REPLACE_KEYS, UNKNOWN, changedReplaceKeys, containsUnknown, hasOlds, normalize, type RunRetryInputs } from "./inputs";
import { PlanProblem, makePlan } from "./plan";

type Bag = Record<string, unknown>;

/** The input a Tencent error code during planning is about. */
export function propertyForCode(code: string | undefined): string {
    if (!code) return "runGroupId";
    if (code.startsWith("AuthFailure") || code === "MissingCredentials" || code.startsWith("UnauthorizedOperation") || code === "InvalidProviderConfig") return "credentials";
    if (code === "ResourceNotFound.ProjectNotExist") return "projectId";
    if (code === "ResourceNotFound.RunNotExist") return "runUuids";
    if (code === "UnsupportedRegion") return "region";
    return "runGroupId";
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
    if (!willCreateOrReplace) {
        if (olds.plan !== undefined) inputs.plan = olds.plan;
        return { inputs, failures };
    }
    if (REPLACE_KEYS.some((k) => containsUnknown(inputs[k]))) {
        // Not knowable during preview; `up` plans again with the real values.
        inputs.plan = UNKNOWN;
        return { inputs, failures };
    }
    const name = typeof inputs.__resourceName === "string" ? inputs.__resourceName : undefined;
    try {
        inputs.plan = await makePlan(inputs as unknown as RunRetryInputs);
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
