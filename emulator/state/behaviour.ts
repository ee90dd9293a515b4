/**
 * Switches for what Tencent leaves undocumented about RetryRuns and listings. The defaults are the
 * emulator's assumptions (emulator/README.md, "Assumptions you can switch"); each switch turns one
 * of them into another plausible behaviour, so the provider's recovery can be tested against it.
 * Set with CLI flags at start or `PATCH /_emulator/behaviour` at run time; persisted with the state.
 */
import { isoTime } from "./clock";

/** Run fields RetryRuns may copy from a retried run to its new run. */
export const COPYABLE_RUN_FIELDS = ["UserDefinedId", "TableRowUuid", "Input"] as const;
export type CopyableRunField = (typeof COPYABLE_RUN_FIELDS)[number];

/** Units a `CreateTime` may be truncated to. */
export const TIME_GRANULARITIES = ["second", "minute", "hour"] as const;
export type TimeGranularity = (typeof TIME_GRANULARITIES)[number];

/** How the retried group is named. */
export const RETRIED_GROUP_NAMES = ["same", "suffix"] as const;
export type RetriedGroupName = (typeof RETRIED_GROUP_NAMES)[number];

/** The order of DescribeRunGroups / DescribeRuns listings. */
export const LISTING_ORDERS = ["newest-first", "oldest-first"] as const;
export type ListingOrder = (typeof LISTING_ORDERS)[number];

/** What RetryRuns puts in the new group's running option when the request carries none. */
export const RETRY_OPTIONS = ["copy", "omit"] as const;
export type RetryOption = (typeof RETRY_OPTIONS)[number];

export interface Behaviour {
    /** `same`: the new group keeps the retried group's Name; `suffix`: `<Name>-retry-<n>` (n-th retry of that group). */
    retriedGroupName: RetriedGroupName;
    /** Run fields the new runs copy from the retried ones (the others are empty). */
    retryCopiesRunFields: CopyableRunField[];
    /** `copy`: the new group carries the retried group's Option/NFOption (or the request's); `omit`: only the request's. */
    retryOption: RetryOption;
    /** Wall-clock seconds a new group (and its runs) stays out of DescribeRunGroups / DescribeRuns listings. */
    listingDelaySeconds: number;
    /** `CreateTime` of new groups and runs is truncated to this unit. */
    createTimeGranularity: TimeGranularity;
    /** Order of DescribeRunGroups / DescribeRuns (by CreateTime, then ID). */
    listingOrder: ListingOrder;
}

export const DEFAULT_BEHAVIOUR: Readonly<Behaviour> = Object.freeze({
    retriedGroupName: "same",
    retryCopiesRunFields: [...COPYABLE_RUN_FIELDS],
    retryOption: "copy",
    listingDelaySeconds: 0,
    createTimeGranularity: "second",
    listingOrder: "newest-first",
});

const oneOf = <T extends string>(key: string, allowed: readonly T[], v: unknown): T => {
    if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) throw new Error(`${key} must be one of ${allowed.join(", ")}`);
    return v as T;
};

/**
 * behaviourPatch validates a partial behaviour (control plane body or CLI flags) and returns it;
 * it throws an Error naming the field otherwise.
 */
export function behaviourPatch(body: Record<string, unknown>): Partial<Behaviour> {
    const out: Partial<Behaviour> = {};
    for (const [k, v] of Object.entries(body)) {
        switch (k) {
            case "retriedGroupName":
                out.retriedGroupName = oneOf(k, RETRIED_GROUP_NAMES, v);
                break;
            case "retryOption":
                out.retryOption = oneOf(k, RETRY_OPTIONS, v);
                break;
            case "createTimeGranularity":
                out.createTimeGranularity = oneOf(k, TIME_GRANULARITIES, v);
                break;
            case "listingOrder":
                out.listingOrder = oneOf(k, LISTING_ORDERS, v);
                break;
            case "retryCopiesRunFields":
                if (!Array.isArray(v)) throw new Error(`${k} must be a list of ${COPYABLE_RUN_FIELDS.join(", ")} (may be empty)`);
                out.retryCopiesRunFields = [...new Set(v.map((f) => oneOf(`${k}[]`, COPYABLE_RUN_FIELDS, f)))];
                break;
            case "listingDelaySeconds":
                if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 3600) throw new Error(`${k} must be a number of seconds from 0 to 3600`);
                out.listingDelaySeconds = v;
                break;
            default:
                throw new Error(`unknown behaviour ${k} (known: ${Object.keys(DEFAULT_BEHAVIOUR).join(", ")})`);
        }
    }
    return out;
}

/** The behaviour in force: the state's, with defaults for anything an older state file lacks. */
export function behaviourOf(state: { behaviour?: Partial<Behaviour> }): Behaviour {
    return { ...DEFAULT_BEHAVIOUR, retryCopiesRunFields: [...DEFAULT_BEHAVIOUR.retryCopiesRunFields], ...(state.behaviour ?? {}) };
}

const UNIT_MS: Record<TimeGranularity, number> = { second: 1000, minute: 60_000, hour: 3_600_000 };

/** A `CreateTime` at the configured granularity (China Standard Time, whole hours from UTC, so truncation in UTC is the same). */
export function createTimeAt(ms: number, granularity: TimeGranularity): string {
    return isoTime(Math.floor(ms / UNIT_MS[granularity]) * UNIT_MS[granularity]);
}
