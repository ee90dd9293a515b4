/**
 * Helpers shared by create and the other lifecycle operations.
 */
import { settings } from "../config/settings";
import type { Bag } from "../shared/values";
import type { RunRetryInputs } from "./inputs";
import { normalize } from "./inputs";
import { validate } from "./validate";

export { clean, type Bag } from "../shared/values";

export const label = (name: string | undefined): string => (name ? `RunRetry "${name}"` : "RunRetry");

/** Inputs of create/update: normalized and validated again (state may come from any version). */
export function parseInputs(raw: Bag): RunRetryInputs {
    const inputs = normalize(raw);
    if (inputs.region === undefined && settings().region) inputs.region = settings().region;
    const failures = validate(inputs);
    if (failures.length > 0) {
        throw new Error(`${label(raw.__resourceName as string | undefined)}: invalid inputs: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    return inputs as unknown as RunRetryInputs;
}

export function throwIfMisconfigured(name: string | undefined): void {
    const err = settings().error;
    if (err) throw new Error(`${label(name)}: ${err}`);
}
