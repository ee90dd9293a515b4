/**
 * RunGroupWait's inputs: normalization and offline validation (field-named failures).
 */
import { REGIONS, RUN_GROUP_ID, PROJECT_ID, MAX_WAIT_SECONDS, type Failure } from "../shared/shapes";
import { UNKNOWN, containsUnknown, type Bag } from "../shared/values";

export interface WaitInputs {
    runGroupId: string;
    projectId?: string;
    region: string;
    timeoutSeconds: number;
    enabled: boolean;
    __resourceName?: string;
}

export const WAIT_DEFAULTS = { timeoutSeconds: 3600, enabled: true } as const;
/** Inputs that name the group: a change means another wait (replace). */
export const WAIT_REPLACE_KEYS = ["runGroupId", "projectId", "region"] as const;
/** Inputs that only change how to wait: update in place. */
export const WAIT_UPDATE_KEYS = ["timeoutSeconds", "enabled"] as const;
const KNOWN = new Set([...WAIT_REPLACE_KEYS, ...WAIT_UPDATE_KEYS, "__resourceName"]);
/** Outputs recorded by create/read (never inputs). */
export const WAIT_OUTPUT_KEYS = ["status", "runStatusCounts", "endTime"];

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** normalizeWait trims strings, applies defaults and drops outputs; it does not judge. */
export function normalizeWait(raw: Bag, defaultRegion: string | undefined): Bag {
    const out: Bag = {};
    for (const [k, v] of Object.entries(raw)) {
        if (v === undefined || v === null || k === "__provider" || WAIT_OUTPUT_KEYS.includes(k)) continue;
        out[k] = typeof v === "string" && v !== UNKNOWN ? v.trim() : v;
        if (out[k] === "") delete out[k];
    }
    if (out.region === undefined && defaultRegion) out.region = defaultRegion;
    for (const [k, d] of Object.entries(WAIT_DEFAULTS)) if (out[k] === undefined) out[k] = d;
    return out;
}

/** validateWait returns every problem in normalized inputs (values unknown in preview are skipped). */
export function validateWait(inputs: Bag): Failure[] {
    const failures: Failure[] = [];
    const known = (v: unknown): boolean => v !== undefined && !containsUnknown(v);
    for (const k of Object.keys(inputs)) {
        if (!KNOWN.has(k))
            failures.push({ property: k, reason: `unknown property "${k}"; RunGroupWait accepts runGroupId, projectId, region, timeoutSeconds, enabled` });
    }
    const { runGroupId, projectId, region, timeoutSeconds, enabled } = inputs;
    if (runGroupId === undefined) failures.push({ property: "runGroupId", reason: "required: the run group to wait for, e.g. a RunRetry's newRunGroupId" });
    else if (known(runGroupId) && (typeof runGroupId !== "string" || !RUN_GROUP_ID.test(runGroupId))) {
        failures.push({ property: "runGroupId", reason: `${show(runGroupId)} is not a run group ID: expected "run-" followed by letters, digits, "-" or "_"` });
    }
    if (known(projectId) && (typeof projectId !== "string" || !PROJECT_ID.test(projectId))) {
        failures.push({ property: "projectId", reason: `${show(projectId)} is not a project ID: expected "prj-" followed by letters, digits, "-" or "_"` });
    }
    if (region === undefined)
        failures.push({ property: "region", reason: "no region: set the region input, stack config tencentcloud:region, or TENCENTCLOUD_REGION" });
    else if (known(region) && !(REGIONS as readonly unknown[]).includes(region)) {
        failures.push({ property: "region", reason: `${show(region)} is not a region where Omics is offered; use one of ${REGIONS.join(", ")}` });
    }
    if (
        known(timeoutSeconds) &&
        (typeof timeoutSeconds !== "number" || !Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > MAX_WAIT_SECONDS)
    ) {
        failures.push({
            property: "timeoutSeconds",
            reason: `must be a whole number of seconds from 1 to ${MAX_WAIT_SECONDS} (7 days), got ${show(timeoutSeconds)}`,
        });
    }
    if (known(enabled) && typeof enabled !== "boolean") failures.push({ property: "enabled", reason: `must be true or false, got ${show(enabled)}` });
    return failures;
}
