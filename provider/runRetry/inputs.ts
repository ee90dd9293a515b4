/**
 * RunRetry's property shapes as the provider sees them, and their normalization.
 *
 * The provider does not import sdk/ (the face depends on the engine room, not the reverse); these
 * types mirror sdk/types.ts for the resolved (non-Input) values.
 */

/** The engine's marker for a value not known during preview (`pulumi.runtime.unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when v is, or contains, a value unknown during preview. */
export function containsUnknown(v: unknown): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (typeof v === "object" && v !== null) return Object.values(v).some(containsUnknown);
    return false;
}

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
}

export interface Plan {
    runGroupId: string;
    projectId?: string;
    groupStatus: string;
    groupName?: string;
    applicationId?: string;
    type?: string;
    runs: PlanRun[];
}

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
    __resourceName?: string;
}

/** Everything recorded in state. */
export interface RunRetryOutputs extends RunRetryInputs {
    newRunGroupId: string;
    requestId: string;
    retriedAt: string;
    status: string;
    runStatusCounts: Record<string, number>;
}

/** Fields that define what is retried: a change replaces the resource. */
export const REPLACE_KEYS = ["runGroupId", "runUuids", "projectId", "wdlOption", "nfOption", "region", "triggers"] as const;
/** Fields that only change how the provider behaves: a change updates in place. */
export const UPDATE_KEYS = ["waitForCompletion", "waitTimeoutSeconds", "terminateOnDelete"] as const;
/** Output-only fields. */
export const OUTPUT_KEYS = ["newRunGroupId", "requestId", "retriedAt", "status", "runStatusCounts"] as const;

export const DEFAULTS = { waitForCompletion: false, waitTimeoutSeconds: 3600, terminateOnDelete: false } as const;

const WDL_KEYS = ["failureMode", "useCallCache", "useErrorOnHold", "finalWorkflowOutputsDir", "useRelativeOutputPaths", "addRunInfoToOutputDir"];
const NF_KEYS = ["config", "profile", "report", "resume", "nfVersion", "launchDir"];

type Bag = Record<string, unknown>;

const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);
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
    for (const k of ["runGroupId", "projectId", "region"]) {
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
    for (const [k, known] of [["wdlOption", WDL_KEYS], ["nfOption", NF_KEYS]] as const) {
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
    for (const [k, d] of Object.entries(DEFAULTS)) if (!isSet(out[k])) out[k] = d;
    return out;
}

/** canonical renders a value as JSON with sorted object keys (for comparisons). */
export function canonical(v: unknown): string {
    if (v === undefined) return "undefined";
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (isBag(v)) {
        return `{${Object.keys(v)
            .filter((k) => v[k] !== undefined && v[k] !== null)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
            .join(",")}}`;
    }
    return JSON.stringify(v);
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

/** The replace-defining keys whose values differ between olds and news. */
export function changedReplaceKeys(olds: Bag, news: Bag): string[] {
    return REPLACE_KEYS.filter((k) => !sameValue(k, olds[k], news[k]));
}

/** The update-only keys whose values differ (unset means the default). */
export function changedUpdateKeys(olds: Bag, news: Bag): string[] {
    return UPDATE_KEYS.filter((k) => !sameValue(k, olds[k] ?? DEFAULTS[k], news[k] ?? DEFAULTS[k]));
}

/** True when the bag holds anything but the serialized provider (i.e. a previous check ran). */
export function hasOlds(olds: Bag | undefined): boolean {
    return !!olds && Object.keys(olds).some((k) => k !== "__provider");
}
