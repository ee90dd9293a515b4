/**
 * Fresh reads, coalesced.
 *
 * The engine runs creates, refreshes and waits of many resources at once, and each wants a fresh
 * look at a few run groups or runs. Each caller's request joins a batch per (action, region,
 * project); the batch is sent once requests stop arriving for a moment (or a short time after the
 * first, at most) and the previous call for that key has returned, as ONE filtered, paged listing
 * whose filters are the union of the callers' (only the
 * filter names every caller uses, each with all their values), and every caller gets back the
 * items that match its own filters. A caller's answer always comes from a call that started after
 * it asked: coalescing never serves old data, so it is safe for the exactly-once reasoning.
 */
import { listAll, PAGE, type Filter, type Run, type RunGroup } from "./client";

/** The list actions that can be coalesced, and how to read a filter's field from an item. */
const FIELDS = {
    DescribeRunGroups: {
        Name: (g: RunGroup) => g.Name,
        RunGroupId: (g: RunGroup) => g.RunGroupId,
        Status: (g: RunGroup) => g.Status,
        ApplicationId: (g: RunGroup) => g.ApplicationId,
        Type: (g: RunGroup) => g.Type,
    },
    DescribeRuns: {
        RunGroupId: (r: Run) => r.RunGroupId,
        Status: (r: Run) => r.Status,
        RunUuid: (r: Run) => r.RunUuid,
        ApplicationId: (r: Run) => r.ApplicationId,
        UserDefinedId: (r: Run) => r.UserDefinedId,
    },
} as const;

type ListAction = keyof typeof FIELDS;
type ItemOf<A extends ListAction> = A extends "DescribeRunGroups" ? RunGroup : Run;

/** True when `item` matches every filter (several filters AND, several values of one filter OR). */
export function matches<A extends ListAction>(action: A, item: ItemOf<A>, f: readonly Filter[]): boolean {
    const fields = FIELDS[action] as Record<string, (x: ItemOf<A>) => string | undefined>;
    return f.every((one) => {
        const get = fields[one.Name];
        return get !== undefined && one.Values.includes(get(item) ?? "");
    });
}

/** The union filter of several requests: names all of them use, with every value. */
export function mergeFilters(requests: readonly (readonly Filter[])[]): Filter[] {
    if (requests.length === 0) return [];
    let common = new Set((requests[0] ?? []).map((x) => x.Name));
    for (const f of requests.slice(1)) {
        const names = new Set(f.map((x) => x.Name));
        common = new Set([...common].filter((n) => names.has(n)));
    }
    return [...common].sort().map((name) => ({
        Name: name,
        Values: [...new Set(requests.flatMap((f) => f.filter((x) => x.Name === name).flatMap((x) => x.Values)))].sort(),
    }));
}

/** Values per filter in one call (longer lists are split into several calls). */
export const MAX_FILTER_VALUES = PAGE;

/** Splits a merged filter so that no filter carries more than MAX_FILTER_VALUES values. */
export function chunkFilters(f: readonly Filter[]): Filter[][] {
    const longest = [...f].sort((a, b) => b.Values.length - a.Values.length)[0];
    if (!longest || longest.Values.length <= MAX_FILTER_VALUES) return [[...f]];
    const out: Filter[][] = [];
    for (let i = 0; i < longest.Values.length; i += MAX_FILTER_VALUES) {
        const part = { Name: longest.Name, Values: longest.Values.slice(i, i + MAX_FILTER_VALUES) };
        for (const rest of chunkFilters(f.filter((x) => x !== longest))) out.push([part, ...rest]);
    }
    return out;
}

interface Waiter<T> {
    filters: Filter[];
    resolve: (items: T[]) => void;
    reject: (e: unknown) => void;
}

interface Lane<T> {
    waiting: Waiter<T>[];
    timer?: NodeJS.Timeout;
    /** When the open batch's first request arrived. */
    openedAt?: number;
    inFlight?: Promise<void>;
}

/**
 * A batch is sent when no request joined it for this long, or this long after its first request.
 * Short on purpose: the engine runs at most `--parallel` operations at once (4 per CPU by
 * default), which arrive together; waiting longer would only slow each round of them.
 */
export const BATCH_QUIET_MS = 5;
export const BATCH_MAX_WAIT_MS = 50;

const lanes = new Map<string, Lane<unknown>>();

/** Counts of coalesced listings sent and callers served (benchmarks read them). */
export const batchStats = { listings: 0, callers: 0 };

async function send<A extends ListAction>(action: A, region: string, projectId: string | undefined, waiting: Waiter<ItemOf<A>>[]): Promise<void> {
    batchStats.listings += 1;
    batchStats.callers += waiting.length;
    try {
        const merged = mergeFilters(waiting.map((w) => w.filters));
        const items = new Map<string, ItemOf<A>>();
        // The parts of a long filter are independent listings: requested together.
        const parts = await Promise.all(
            chunkFilters(merged).map(
                (part): Promise<Array<RunGroup | Run>> =>
                    action === "DescribeRuns"
                        ? listAll(region, "DescribeRuns", (r) => r.Runs, projectId, part)
                        : listAll(region, "DescribeRunGroups", (r) => r.RunGroups, projectId, part),
            ),
        );
        for (const got of parts) {
            for (const it of got) items.set("RunUuid" in it && it.RunUuid ? it.RunUuid : ((it as RunGroup).RunGroupId ?? JSON.stringify(it)), it as ItemOf<A>);
        }
        const all = [...items.values()];
        for (const w of waiting) w.resolve(all.filter((it) => matches(action, it, w.filters)));
    } catch (e) {
        for (const w of waiting) w.reject(e);
    }
}

/**
 * freshList lists the items of `action` matching `f` in (region, project), through a call that
 * starts after this request, shared with concurrent callers.
 */
export function freshList<A extends ListAction>(action: A, region: string, projectId: string | undefined, f: Filter[]): Promise<ItemOf<A>[]> {
    const key = `${action}\u0000${region}\u0000${projectId ?? ""}`;
    let lane = lanes.get(key) as Lane<ItemOf<A>> | undefined;
    if (!lane) {
        lane = { waiting: [] };
        lanes.set(key, lane as Lane<unknown>);
    }
    const l = lane;
    return new Promise<ItemOf<A>[]>((resolve, reject) => {
        l.waiting.push({ filters: f, resolve, reject });
        const flush = (): void => {
            l.timer = undefined;
            if (l.inFlight) {
                // One call per key at a time: the next batch goes when this one returns.
                void l.inFlight.then(() => flush());
                return;
            }
            const batch = l.waiting.splice(0);
            l.openedAt = undefined;
            if (batch.length === 0) return;
            l.inFlight = send(action, region, projectId, batch).finally(() => {
                l.inFlight = undefined;
            });
        };
        // Each request restarts the quiet period, within the batch's longest wait.
        const now = Date.now();
        l.openedAt ??= now;
        if (l.timer) clearTimeout(l.timer);
        l.timer = setTimeout(flush, Math.max(0, Math.min(BATCH_QUIET_MS, l.openedAt + BATCH_MAX_WAIT_MS - now)));
    });
}

/**
 * findRunGroup returns the run group with this id, or undefined when it does not exist: a fresh
 * read, shared with every concurrent caller (a refresh of 200 retries makes two listings).
 */
export async function findRunGroup(region: string, projectId: string | undefined, runGroupId: string): Promise<RunGroup | undefined> {
    const groups = await freshList("DescribeRunGroups", region, projectId, [{ Name: "RunGroupId", Values: [runGroupId] }]);
    return groups.find((g) => g.RunGroupId === runGroupId);
}
