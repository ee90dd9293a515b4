/**
 * The intent record: what the source lineage looked like before the first attempt of a retry.
 *
 * A RunRetryIntent is created (and checkpointed by the engine) before its RunRetry is created, so
 * the record is durable before RetryRuns can ever be sent. After a crash, the RunRetry's next
 * create compares the groups that exist now with this record: only a group that appeared after it
 * can be an earlier attempt (runRetry/recovery.ts weighs the rest of the evidence).
 *
 * "Appeared after" is judged on Tencent's side, not on this machine's clock: the record keeps the
 * newest `CreateTime` among the source's look-alike groups (same application, name and type) and
 * the IDs of every look-alike created within {@link SEEN_MARGIN_MS} before it. A later group is one
 * that is not among those IDs and was created no earlier than that margin before the newest. The
 * margin absorbs clock steps on Tencent's side and groups created in the same second; it keeps the
 * record small however long a nightly pipeline's history grows.
 */
import { filters, type RunGroup } from "../omics/client";
import { freshList } from "../omics/batcher";
import { isBag } from "../shared/values";

/** How far before the newest look-alike the record still lists IDs. */
export const SEEN_MARGIN_MS = 10 * 60 * 1000;

/** The traits a retry's group shares with its source (the filters of a look-alike listing). */
export interface Lookalike {
    applicationId?: string;
    name?: string;
    type?: string;
}

export interface IntentRecord {
    /** intentId identifies this record (also the RunRetryIntent's id). */
    intentId: string;
    /** recordedAt is this machine's time of recording (shown to users; not used for decisions). */
    recordedAt: string;
    region: string;
    /** projectId is the source group's project. */
    projectId?: string;
    /** sourceRunGroupId is the group being retried; absent when it could not be found. */
    sourceRunGroupId?: string;
    /** lookalike are the source's traits. */
    lookalike?: Lookalike;
    /** seenUntil is the newest CreateTime among look-alikes at recording time (Tencent's clock). */
    seenUntil?: string;
    /** seenRecent are the look-alikes created within SEEN_MARGIN_MS before seenUntil. */
    seenRecent: string[];
}

/** isIntentRecord tells a usable record from anything else (unknown during preview, older state). */
export function isIntentRecord(v: unknown): v is IntentRecord {
    return isBag(v) && typeof v.intentId === "string" && typeof v.region === "string" && Array.isArray(v.seenRecent);
}

/** lookalikeOf returns the traits of a group. */
export function lookalikeOf(g: RunGroup): Lookalike {
    return {
        ...(g.ApplicationId ? { applicationId: g.ApplicationId } : {}),
        ...(g.Name ? { name: g.Name } : {}),
        ...(g.Type ? { type: g.Type } : {}),
    };
}

/** sharesTraits is true when `g` has every trait of `l` (what a look-alike listing would return). */
export function sharesTraits(g: RunGroup, l: Lookalike): boolean {
    return (!l.applicationId || g.ApplicationId === l.applicationId) && (!l.name || g.Name === l.name) && (!l.type || g.Type === l.type);
}

/** lookalikeFilters turns traits into DescribeRunGroups filters. */
export function lookalikeFilters(l: Lookalike) {
    return filters({
        ...(l.applicationId ? { ApplicationId: [l.applicationId] } : {}),
        ...(l.name ? { Name: [l.name] } : {}),
        ...(l.type ? { Type: [l.type] } : {}),
    });
}

/** Milliseconds of an API time (ISO 8601 with offset), or undefined when unreadable. */
export function timeOf(t: string | undefined): number | undefined {
    if (!t) return undefined;
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : ms;
}

/** seenState computes seenUntil / seenRecent from the look-alikes listed now. */
export function seenState(groups: readonly RunGroup[]): Pick<IntentRecord, "seenUntil" | "seenRecent"> {
    let newest: string | undefined;
    let newestMs = -Infinity;
    for (const g of groups) {
        const ms = timeOf(g.CreateTime);
        if (ms !== undefined && ms > newestMs) {
            newestMs = ms;
            newest = g.CreateTime;
        }
    }
    const recent = groups
        .filter((g) => {
            const ms = timeOf(g.CreateTime);
            // A group without a readable time is listed: it must never look "new" later.
            return ms === undefined || ms >= newestMs - SEEN_MARGIN_MS;
        })
        .map((g) => g.RunGroupId ?? "")
        .filter((id) => id !== "")
        .sort();
    return { ...(newest ? { seenUntil: newest } : {}), seenRecent: recent };
}

/**
 * appearedAfter is true when `g` did not exist when the record was made: not among the recorded
 * IDs, and created no earlier than the margin before the newest look-alike seen then.
 */
export function appearedAfter(record: IntentRecord, g: RunGroup): boolean {
    const id = g.RunGroupId ?? "";
    if (id === "" || record.seenRecent.includes(id) || id === record.sourceRunGroupId) return false;
    const until = timeOf(record.seenUntil);
    const created = timeOf(g.CreateTime);
    if (until === undefined || created === undefined) return true;
    return created >= until - SEEN_MARGIN_MS;
}

/** listLookalikes lists the groups sharing the source's traits, fresh (coalesced with concurrent callers, never from a cache). */
export function listLookalikes(region: string, projectId: string | undefined, l: Lookalike): Promise<RunGroup[]> {
    return freshList("DescribeRunGroups", region, projectId, lookalikeFilters(l));
}

/** Intents recorded by this process: no attempt can have been made against them before. */
const recordedHere = new Set<string>();

/** rememberRecorded notes a record this provider process made. */
export function rememberRecorded(intentId: string): void {
    recordedHere.add(intentId);
}

/** recordedInThisProcess is true for a record this very provider process made. */
export function recordedInThisProcess(intentId: string): boolean {
    return recordedHere.has(intentId);
}

/** Forgets the intents this process recorded, as a new process would (tests). @internal */
export function forgetRecordedIntents(): void {
    recordedHere.clear();
}
