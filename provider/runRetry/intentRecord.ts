/**
 * The intent record: what the project looked like before the first attempt of a retry.
 *
 * A RunRetryIntent is created (and checkpointed by the engine) before its RunRetry is created, so
 * the record is durable before RetryRuns can ever be sent. After a crash, the RunRetry's next
 * create compares the groups that exist now with this record: only a group that appeared after it
 * can be an earlier attempt (runRetry/recovery.ts weighs the rest of the evidence).
 *
 * "Appeared after" is judged on Tencent's side, not on this machine's clock, and for every group
 * of the project, whatever its name (Tencent does not document how a retried group is named):
 * - the source's look-alikes (same application, name and type): the record keeps their newest
 *   `CreateTime` and the IDs of every look-alike created within {@link SEEN_MARGIN_MS} before it; a
 *   later look-alike is one not among those IDs, created no earlier than that margin before the
 *   newest (the margin absorbs clock steps on Tencent's side and coarse `CreateTime`s);
 * - any other group: the record keeps the project's newest `CreateTime` and how many groups had
 *   exactly that time; a later group is one created after it, or at that very time when more
 *   groups have it now than then (a tie cannot be told apart, so all of them are weighed).
 * Both keep the record small however long the project's history grows.
 */
import { filters, listRunGroupsSince, type RunGroup } from "../omics/client";
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
    /** projectSeenUntil is the newest CreateTime among all the project's groups at recording time (absent in records before 0.3.0). */
    projectSeenUntil?: string;
    /** projectSeenAtUntil is how many of the project's groups had exactly projectSeenUntil as CreateTime. */
    projectSeenAtUntil?: number;
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

/** seenState computes the record's view of the project from its groups listed now (all of them). */
export function seenState(
    groups: readonly RunGroup[],
    lookalike: Lookalike,
): Pick<IntentRecord, "seenUntil" | "seenRecent" | "projectSeenUntil" | "projectSeenAtUntil"> {
    const newestOf = (gs: readonly RunGroup[]): { time?: string; ms: number } => {
        let time: string | undefined;
        let ms = Number.NEGATIVE_INFINITY;
        for (const g of gs) {
            const t = timeOf(g.CreateTime);
            if (t !== undefined && t > ms) {
                ms = t;
                time = g.CreateTime;
            }
        }
        return { ...(time ? { time } : {}), ms };
    };
    const alike = groups.filter((g) => sharesTraits(g, lookalike));
    const newest = newestOf(alike);
    const recent = alike
        .filter((g) => {
            const ms = timeOf(g.CreateTime);
            // A group without a readable time is listed: it must never look "new" later.
            return ms === undefined || ms >= newest.ms - SEEN_MARGIN_MS;
        })
        .map((g) => g.RunGroupId ?? "")
        .filter((id) => id !== "")
        .sort();
    const project = newestOf(groups);
    return {
        ...(newest.time ? { seenUntil: newest.time } : {}),
        seenRecent: recent,
        ...(project.time ? { projectSeenUntil: project.time, projectSeenAtUntil: groups.filter((g) => timeOf(g.CreateTime) === project.ms).length } : {}),
    };
}

/** How many of `groups` have exactly the record's projectSeenUntil as CreateTime (the ties of appearedAfter). */
export function tiesAtProjectSeenUntil(record: IntentRecord, groups: readonly RunGroup[]): number {
    const until = timeOf(record.projectSeenUntil);
    return until === undefined ? 0 : groups.filter((g) => timeOf(g.CreateTime) === until).length;
}

/**
 * appearedAfter is true when `g` may not have existed when the record was made (see the module
 * comment); `ties` is {@link tiesAtProjectSeenUntil} of the groups listed now.
 */
export function appearedAfter(record: IntentRecord, g: RunGroup, ties = 0): boolean {
    const id = g.RunGroupId ?? "";
    if (id === "" || record.seenRecent.includes(id) || id === record.sourceRunGroupId) return false;
    const created = timeOf(g.CreateTime);
    if (created === undefined) return true;
    const until = timeOf(record.seenUntil);
    if (record.lookalike && sharesTraits(g, record.lookalike)) return until === undefined || created >= until - SEEN_MARGIN_MS;
    const projectUntil = timeOf(record.projectSeenUntil);
    if (projectUntil === undefined) return until === undefined || created >= until - SEEN_MARGIN_MS;
    if (created > projectUntil) return true;
    return created === projectUntil && ties > (record.projectSeenAtUntil ?? 0);
}

/** The earliest CreateTime (ms) a group that appeared after the record can have: where a newest-first listing may stop. */
export function listingBound(record: IntentRecord): number {
    const until = timeOf(record.seenUntil);
    const lookalikes = until === undefined ? Number.NEGATIVE_INFINITY : until - SEEN_MARGIN_MS;
    return Math.min(lookalikes, timeOf(record.projectSeenUntil) ?? lookalikes);
}

/** groupsSince lists, fresh, the project's groups that may have appeared after the record (newest first, bounded). */
export function groupsSince(record: IntentRecord, projectId: string | undefined): Promise<RunGroup[]> {
    return listRunGroupsSince(record.region, projectId ?? record.projectId, listingBound(record));
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
