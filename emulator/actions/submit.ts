/** Shared by RunApplication and RunWorkflow: environment checks, input decoding, run planning. */
import { errors } from "../errors";
import type { Environment, RunOutcome } from "../state/model";
import type { NewRun, Store } from "../state/store";
import { uuid } from "../state/ids";
import type { Params } from "./validate";

/** Input key that makes a run end in EXECUTOR_ERROR (emulator-only, see README). */
export const OUTCOME_KEY = "__emulator_outcome";

/** The environment a submission runs in: must exist (not deleted) and be available. */
export function usableEnvironment(store: Store, region: string, id: string): Environment {
    const env = store.environment(region, id);
    if (!env) throw errors.environmentNotExist(`environment ${id} does not exist in ${region}`);
    if (!env.Available) throw errors.environmentNotAvailable(`environment ${id} is not available (status ${env.Status})`);
    return env;
}

/**
 * Decode `InputBase64` (JSON object, or array of objects = one run each) or take `InputCosUri`.
 * Exactly one of them is required.
 */
export function decodeInput(params: Params): { inputs: Record<string, unknown>[]; raw: string; type: string; cosUri: string } {
    const b64 = params.InputBase64 as string | undefined;
    const cos = params.InputCosUri as string | undefined;
    if (b64 === undefined && cos === undefined) {
        throw errors.missingParameter("The request is missing a required parameter `InputBase64` or `InputCosUri`.");
    }
    if (b64 !== undefined && cos !== undefined) {
        throw errors.invalidParameter("Only one of `InputBase64` and `InputCosUri` may be given.");
    }
    if (cos !== undefined) {
        if (!/^cos:\/\/[^/]+\/.+/.test(cos)) {
            throw errors.invalidParameterValue("The parameter `InputCosUri` must look like cos://<bucket>/<key>.");
        }
        return { inputs: [{}], raw: "", type: "COS", cosUri: cos };
    }
    const text = Buffer.from(b64 as string, "base64").toString("utf8");
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw errors.invalidParameterValue("The parameter `InputBase64` must be base64 of a JSON object.");
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    if (list.length === 0 || list.some((x) => x === null || typeof x !== "object" || Array.isArray(x))) {
        throw errors.invalidParameterValue("The parameter `InputBase64` must be base64 of a JSON object or of an array of objects.");
    }
    return { inputs: list as Record<string, unknown>[], raw: text, type: "JSON", cosUri: "" };
}

/** One NewRun per input (or per table row when `TableRowUuids` is given). */
export function planRuns(inputs: Record<string, unknown>[], tableRowUuids: string[] | undefined): NewRun[] {
    const rows = tableRowUuids ?? inputs.map(() => uuid());
    return rows.map((row, i) => {
        const input = { ...(inputs[i] ?? inputs[0] ?? {}) };
        const wanted = input[OUTCOME_KEY];
        delete input[OUTCOME_KEY];
        if (wanted !== undefined && wanted !== "SUCCESS" && wanted !== "EXECUTOR_ERROR") {
            throw errors.invalidParameterValue(`Input key ${OUTCOME_KEY} must be SUCCESS or EXECUTOR_ERROR.`);
        }
        const outcome = (wanted as RunOutcome | undefined) ?? "SUCCESS";
        return {
            userDefinedId: tableRowUuids ? `row-${i + 1}` : `sample-${i + 1}`,
            tableRowUuid: tableRowUuids ? row : "",
            input: JSON.stringify(input),
            outcome,
            retryOutcome: "SUCCESS",
        };
    });
}
