/**
 * RunRetry's property shapes as the provider sees them, and their normalization.
 *
 * The provider does not import sdk/ (the face depends on the engine room, not the reverse); these
 * types mirror sdk/types.ts for the resolved (non-Input) values.
 */

import { UNKNOWN, canonical, containsUnknown, hasOlds, isBag, type Bag } from "../shared/values";
import type { IntentRecord } from "./intentRecord";

export { UNKNOWN, canonical, containsUnknown, hasOlds };

export interface WdlOption {
    failureMode: string;
    useCallCache: boolean;
    useErrorOnHold: boolean;
    finalWorkflowOutputsDir?: string;
    useRelativeOutputPaths?: boolean;
    addRunInfoToOutputDir?: boolean;
}

export interface NfOption {
    config?: string;
    profile?: string;
    report?: boolean;
    resume?: boolean;
    nfVersion?: string;
    launchDir?: string;
}

export interface PlanRun {
    runUuid: string;
    status: string;
    userDefinedId?: string;
    /** errorMessage is why the run failed (Tencent's ErrorMessage, clipped). */
    errorMessage?: string;
    /** retriesUsed estimates how many retries the run's lineage has used (runRetry/review.ts). */
    retriesUsed?: number;
}

/** What the planning decided about an earlier, interrupted attempt of this retry (runRetry/recovery.ts). */
export interface RecoveryPlan {
    /** decision: `retry` calls RetryRuns; `adopt` records an earlier attempt's group instead. */
    decision: "retry" | "adopt";
    /** runGroupId is the adopted group (decision `adopt`). */
    runGroupId?: string;
    /** createTime is when the adopted group was created (Tencent's clock). */
    createTime?: string;
    /** why explains the decision in one sentence. */
    why: string;
}

export interface Plan {
    runGroupId: string;
    projectId?: string;
    groupStatus: string;
    groupName?: string;
    applicationId?: string;
    type?: string;
    runs: PlanRun[];
    /** recovery is set when check could tell whether an earlier attempt exists. */
    recovery?: RecoveryPlan;
    /** summary is one line about the group, e.g. "2 of 4 runs failed: executor error ...". */
    summary?: string;
    /** retryLimit is the limit per lineage the estimate is compared with (tencentcloud-omics:retryLimit). */
    retryLimit?: number;
    /** warnings say why the retry may be futile (shown in preview and by the SDK as diagnostics). */
    warnings?: string[];
    /** limitReached says which runs already used the limit (the plan fails unless an earlier attempt is adopted). */
    limitReached?: string;
}

/** How create treats a group that looks like an earlier, interrupted attempt of this retry. */
export type RecoveryPolicy = "adopt" | "retry" | "fail";
export const RECOVERY_POLICIES: readonly RecoveryPolicy[] = ["adopt", "retry", "fail"];

/** Inputs after check (normalized, defaults applied). */
export interface RunRetryInputs {
    runGroupId?: string;
    runUuids?: string[];
    projectId?: string;
    wdlOption?: WdlOption;
    nfOption?: NfOption;
    region: string;
    triggers?: unknown;
    waitForCompletion: boolean;
    waitTimeoutSeconds: number;
    terminateOnDelete: boolean;
    plan?: Plan;
    /** intent is the record of the companion RunRetryIntent (absent in state written by 0.1.0). */
    intent?: IntentRecord;
    recovery: RecoveryPolicy;
    adoptRunGroupId?: string;
    __resourceName?: string;
}

/** Everything recorded in state. */
export interface RunRetryOutputs extends RunRetryInputs {
    newRunGroupId: string;
    requestId: string;
    retriedAt: string;
    status: string;
    runStatusCounts: Record<string, number>;
    /** adopted is true when create recorded an earlier attempt's group instead of calling RetryRuns. */
    adopted: boolean;
}

/** Fields that define what is retried: a change replaces the resource. */
export const REPLACE_KEYS = ["runGroupId", "runUuids", "projectId", "wdlOption", "nfOption", "region", "triggers"] as const;
/** Fields that only change how the provider behaves: a change updates in place. */
export const UPDATE_KEYS = ["waitForCompletion", "waitTimeoutSeconds", "terminateOnDelete"] as const;
/** Inputs that only matter while a retry is created: a change never causes a diff. */
export const CREATE_ONLY_KEYS = ["intent", "recovery", "adoptRunGroupId"] as const;
/** Output-only fields. */
export const OUTPUT_KEYS = ["newRunGroupId", "requestId", "retriedAt", "status", "runStatusCounts", "adopted"] as const;

export const DEFAULTS = { waitForCompletion: false, waitTimeoutSeconds: 3600, terminateOnDelete: false } as const;
/** Defaults of the create-only inputs (not compared by diff). */
export const CREATE_DEFAULTS = { recovery: "adopt" } as const;

const WDL_KEYS = ["failureMode", "useCallCache", "useErrorOnHold", "finalWorkflowOutputsDir", "useRelativeOutputPaths", "addRunInfoToOutputDir"];
const NF_KEYS = ["config", "profile", "report", "resume", "nfVersion", "launchDir"];

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** Drops null/undefined members; keeps unknown keys so validation can name them. */
function compact(bag: Bag): Bag {
    const out: Bag = {};
    for (const [k, v] of Object.entries(bag)) if (isSet(v)) out[k] = v;
    return out;
}

/**
 * normalize turns the raw inputs into their canonical form without judging them: trimmed
 * strings, run UUIDs lower-cased, sorted and deduplicated (an empty list means unset), unset
 * members of options dropped (an empty option means unset), defaults applied. Values unknown
 * during preview are kept as they are. Output properties that the SDK registers as undefined
 * never reach here (the engine drops them).
 */
export function normalize(raw: Bag): Bag {
    const out: Bag = {};
    for (const [k, v] of Object.entries(raw)) {
        if (!isSet(v) || k === "__provider") continue;
        if ((OUTPUT_KEYS as readonly string[]).includes(k) || k === "plan") continue;
        out[k] = v;
    }
    for (const k of ["runGroupId", "projectId", "region", "adoptRunGroupId", "recovery"]) {
        const v = out[k];
        if (typeof v === "string" && v !== UNKNOWN) {
            const t = v.trim();
            if (t === "") delete out[k];
            else out[k] = t;
        }
    }
    const uuids = out.runUuids;
    if (Array.isArray(uuids) && !uuids.includes(UNKNOWN)) {
        if (uuids.every((u) => typeof u === "string")) {
            const set = [...new Set((uuids as string[]).map((u) => u.trim().toLowerCase()))].sort();
            if (set.length === 0) delete out.runUuids;
            else out.runUuids = set;
        }
    }
    for (const [k, known] of [
        ["wdlOption", WDL_KEYS],
        ["nfOption", NF_KEYS],
    ] as const) {
        const v = out[k];
        if (isBag(v)) {
            const c = compact(v);
            for (const s of ["finalWorkflowOutputsDir", "config", "profile", "launchDir"]) {
                if (typeof c[s] === "string" && c[s] !== UNKNOWN && (c[s] as string).trim() === "") delete c[s];
            }
            if (Object.keys(c).length === 0) delete out[k];
            else out[k] = Object.fromEntries(Object.entries(c).sort(([a], [b]) => known.indexOf(a) - known.indexOf(b)));
        }
    }
    for (const [k, d] of Object.entries({ ...DEFAULTS, ...CREATE_DEFAULTS })) if (!isSet(out[k])) out[k] = d;
    return out;
}

/** Compares one property of old state/inputs and new inputs, with runUuids as a set. */
export function sameValue(key: string, a: unknown, b: unknown): boolean {
    if (containsUnknown(b)) return false;
    const norm = (v: unknown): unknown => {
        if (v === null) return undefined;
        if (key === "runUuids" && Array.isArray(v)) {
            const set = [...new Set(v.map((u) => (typeof u === "string" ? u.trim().toLowerCase() : u)))].sort();
            return set.length === 0 ? undefined : set;
        }
        if ((key === "wdlOption" || key === "nfOption") && isBag(v)) {
            const c = compact(v);
            return Object.keys(c).length === 0 ? undefined : c;
        }
        return v;
    };
    return canonical(norm(a)) === canonical(norm(b));
}

/**
 * recordedInputs are the inputs an output bag repeats: all but the create-only ones (the intent's
 * record lives in the inputs and in the intent's own state; repeating it in the outputs would
 * only grow the state).
 */
export function recordedInputs<T extends object>(inputs: T): T {
    const out = { ...inputs } as Record<string, unknown>;
    delete out.intent;
    return out as T;
}

/** The replace-defining keys whose values differ between olds and news. */
export function changedReplaceKeys(olds: Bag, news: Bag): string[] {
    return REPLACE_KEYS.filter((k) => !sameValue(k, olds[k], news[k]));
}

/** The update-only keys whose values differ (unset means the default). */
export function changedUpdateKeys(olds: Bag, news: Bag): string[] {
    return UPDATE_KEYS.filter((k) => !sameValue(k, olds[k] ?? DEFAULTS[k], news[k] ?? DEFAULTS[k]));
}
