/**
 * Offline validation of normalized inputs: shapes, enums, required pairs. Each failure names the
 * field. Values unknown during preview are skipped (they are validated again during `up`).
 */
import { RECOVERY_POLICIES, UNKNOWN, containsUnknown } from "./inputs";

import { FAILURE_MODES, type Failure, MAX_ID_LENGTH, MAX_WAIT_SECONDS, NF_VERSIONS, PROJECT_ID, REGIONS, RUN_GROUP_ID, RUN_UUID } from "../shared/shapes";

export { FAILURE_MODES, type Failure, MAX_ID_LENGTH, MAX_WAIT_SECONDS, NF_VERSIONS, PROJECT_ID, REGIONS, RUN_GROUP_ID, RUN_UUID };
/** @deprecated kept for importers of 0.1.0; use {@link RUN_UUID}. */
export const UUID_V4 = RUN_UUID;

const KNOWN_KEYS = new Set([
    "runGroupId",
    "runUuids",
    "projectId",
    "wdlOption",
    "nfOption",
    "region",
    "triggers",
    "waitForCompletion",
    "waitTimeoutSeconds",
    "terminateOnDelete",
    "recovery",
    "adoptRunGroupId",
    "intent",
    "__resourceName",
]);
const WDL_KEYS = new Set(["failureMode", "useCallCache", "useErrorOnHold", "finalWorkflowOutputsDir", "useRelativeOutputPaths", "addRunInfoToOutputDir"]);
const NF_KEYS = new Set(["config", "profile", "report", "resume", "nfVersion", "launchDir"]);

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** validate returns every problem it finds in normalized inputs (empty when valid). */
export function validate(inputs: Bag): Failure[] {
    const failures: Failure[] = [];
    const fail = (property: string, reason: string): void => {
        failures.push({ property, reason });
    };
    const known = (v: unknown): boolean => v !== undefined && !containsUnknown(v);

    for (const k of Object.keys(inputs)) {
        if (!KNOWN_KEYS.has(k)) fail(k, `unknown property "${k}"; RunRetry accepts ${[...KNOWN_KEYS].filter((x) => !x.startsWith("__")).join(", ")}`);
    }

    const { runGroupId, runUuids, projectId, region, wdlOption, nfOption } = inputs;
    if (runGroupId === undefined && runUuids === undefined) {
        fail("runGroupId", "set runGroupId, runUuids, or both: RetryRuns needs a run group or runs to retry");
    }
    if (known(runGroupId)) {
        if (typeof runGroupId !== "string") fail("runGroupId", `must be a string, got ${show(runGroupId)}`);
        else if (!RUN_GROUP_ID.test(runGroupId)) {
            fail(
                "runGroupId",
                `"${runGroupId}" is not a run group ID: expected "run-" followed by letters, digits, "-" or "_" (${MAX_ID_LENGTH} characters at most), e.g. run-ashamed-bleak-doggy-247963`,
            );
        }
    }
    if (runUuids !== undefined && runUuids !== UNKNOWN) {
        if (!Array.isArray(runUuids)) fail("runUuids", `must be a list of run UUIDs, got ${show(runUuids)}`);
        else {
            const bad = runUuids.filter((u) => u !== UNKNOWN && (typeof u !== "string" || !RUN_UUID.test(u)));
            if (bad.length > 0) {
                fail(
                    "runUuids",
                    `not run UUIDs: ${bad.map(show).join(", ")} (expected 8-4-4-4-12 hexadecimal digits, e.g. 7b501b32-4e42-456a-9d54-aa3c9791beb0)`,
                );
            }
            if (runUuids.length > 100) fail("runUuids", `at most 100 runs per retry, got ${runUuids.length}`);
        }
    }
    if (known(projectId)) {
        if (typeof projectId !== "string" || !PROJECT_ID.test(projectId)) {
            fail(
                "projectId",
                `${show(projectId)} is not a project ID: expected "prj-" followed by letters, digits, "-" or "_" (${MAX_ID_LENGTH} characters at most), e.g. prj-aggressive-lime-porcupine-752427`,
            );
        }
    }
    if (region === undefined) {
        fail("region", "no region: set the region input, stack config tencentcloud:region, or TENCENTCLOUD_REGION");
    } else if (known(region) && (typeof region !== "string" || !(REGIONS as readonly string[]).includes(region))) {
        fail("region", `${show(region)} is not a region where Omics is offered; use one of ${REGIONS.join(", ")}`);
    }

    if (wdlOption !== undefined && nfOption !== undefined) {
        fail("nfOption", "set wdlOption (WDL run groups) or nfOption (Nextflow run groups), not both");
    }
    if (wdlOption !== undefined && wdlOption !== UNKNOWN) {
        if (!isBag(wdlOption)) fail("wdlOption", `must be an object, got ${show(wdlOption)}`);
        else {
            for (const k of Object.keys(wdlOption))
                if (!WDL_KEYS.has(k)) fail(`wdlOption.${k}`, `unknown field; wdlOption accepts ${[...WDL_KEYS].join(", ")}`);
            const fm = wdlOption.failureMode;
            if (fm === undefined) fail("wdlOption.failureMode", `required: one of ${FAILURE_MODES.join(", ")}`);
            else if (known(fm) && !(FAILURE_MODES as readonly unknown[]).includes(fm)) {
                fail("wdlOption.failureMode", `${show(fm)} is not one of ${FAILURE_MODES.join(", ")}`);
            }
            for (const b of ["useCallCache", "useErrorOnHold"]) {
                if (wdlOption[b] === undefined) fail(`wdlOption.${b}`, "required (true or false): Tencent's RunOption requires it");
            }
            for (const b of ["useCallCache", "useErrorOnHold", "useRelativeOutputPaths", "addRunInfoToOutputDir"]) {
                const v = wdlOption[b];
                if (known(v) && typeof v !== "boolean") fail(`wdlOption.${b}`, `must be true or false, got ${show(v)}`);
            }
            const dir = wdlOption.finalWorkflowOutputsDir;
            if (known(dir) && typeof dir !== "string") fail("wdlOption.finalWorkflowOutputsDir", `must be a string, got ${show(dir)}`);
        }
    }
    if (nfOption !== undefined && nfOption !== UNKNOWN) {
        if (!isBag(nfOption)) fail("nfOption", `must be an object, got ${show(nfOption)}`);
        else {
            for (const k of Object.keys(nfOption)) if (!NF_KEYS.has(k)) fail(`nfOption.${k}`, `unknown field; nfOption accepts ${[...NF_KEYS].join(", ")}`);
            const v = nfOption.nfVersion;
            if (known(v) && !(NF_VERSIONS as readonly unknown[]).includes(v)) fail("nfOption.nfVersion", `${show(v)} is not one of ${NF_VERSIONS.join(", ")}`);
            for (const b of ["report", "resume"]) {
                const x = nfOption[b];
                if (known(x) && typeof x !== "boolean") fail(`nfOption.${b}`, `must be true or false, got ${show(x)}`);
            }
            for (const s of ["config", "profile", "launchDir"]) {
                const x = nfOption[s];
                if (known(x) && typeof x !== "string") fail(`nfOption.${s}`, `must be a string, got ${show(x)}`);
            }
        }
    }

    for (const b of ["waitForCompletion", "terminateOnDelete"]) {
        const v = inputs[b];
        if (known(v) && typeof v !== "boolean") fail(b, `must be true or false, got ${show(v)}`);
    }
    const policy = inputs.recovery;
    if (known(policy) && !(RECOVERY_POLICIES as readonly unknown[]).includes(policy)) {
        fail(
            "recovery",
            `${show(policy)} is not one of ${RECOVERY_POLICIES.join(", ")} (adopt: record an earlier attempt's group; retry: always call RetryRuns; fail: stop when one may exist)`,
        );
    }
    const adopt = inputs.adoptRunGroupId;
    if (known(adopt) && (typeof adopt !== "string" || !RUN_GROUP_ID.test(adopt))) {
        fail("adoptRunGroupId", `${show(adopt)} is not a run group ID: expected "run-" followed by letters, digits, "-" or "_"`);
    }
    const intent = inputs.intent;
    if (intent !== undefined && intent !== UNKNOWN && (typeof intent !== "object" || intent === null || Array.isArray(intent))) {
        fail("intent", "must be the record of a RunRetryIntent (set by the RunRetry class; do not set it by hand)");
    }
    const t = inputs.waitTimeoutSeconds;
    if (known(t) && (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > MAX_WAIT_SECONDS)) {
        fail("waitTimeoutSeconds", `must be a whole number of seconds from 1 to ${MAX_WAIT_SECONDS} (7 days), got ${show(t)}`);
    }
    return failures;
}
