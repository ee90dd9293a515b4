/**
 * Waiting for the new run group to finish (waitForCompletion), with progress lines.
 */
import { findRunGroup, type RunGroup } from "../omics/client";
import { timing } from "./timing";

/** Run group statuses that no longer change on their own. */
export const FINAL_GROUP_STATUSES = ["COMPLETE", "COMPLETE_ERROR", "TERMINATED"];

export const isFinalStatus = (s: string | undefined): boolean => FINAL_GROUP_STATUSES.includes(s ?? "");

/** counts turns RunStatusCounts into `{status: count}`. */
export function countsOf(group: RunGroup): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of group.RunStatusCounts ?? []) if (c.Status) out[c.Status] = (out[c.Status] ?? 0) + (c.Count ?? 0);
    return out;
}

const showCounts = (c: Record<string, number>): string =>
    Object.entries(c)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([s, n]) => `${s} ${n}`)
        .join(", ") || "no runs reported";

/** WaitTimeout is thrown when the group is still running when the wait ends. */
export class WaitTimeout extends Error {
    override readonly name = "WaitTimeout";
    constructor(
        message: string,
        readonly lastStatus: string,
        readonly lastCounts: Record<string, number>,
    ) {
        super(message);
    }
}

/** GroupGone is thrown when the group disappears while waiting. */
export class GroupGone extends Error {
    override readonly name = "GroupGone";
}

export interface WaitTarget {
    label: string;
    region: string;
    projectId?: string;
    runGroupId: string;
    timeoutSeconds: number;
    /** onProgress receives every status read (so a failure can still record the latest one). */
    onProgress?: (status: string, counts: Record<string, number>) => void;
}

/** waitForGroup polls until the group's status is final, or throws WaitTimeout / GroupGone / OmicsApiError. */
export async function waitForGroup(t: WaitTarget): Promise<{ status: string; runStatusCounts: Record<string, number> }> {
    const { clock } = timing;
    const start = clock.now();
    const deadline = start + t.timeoutSeconds * 1000;
    let lastLine = "";
    let status = "UNKNOWN";
    let counts: Record<string, number> = {};
    for (;;) {
        const group = await findRunGroup(t.region, t.projectId, t.runGroupId);
        if (!group) throw new GroupGone(`run group ${t.runGroupId} no longer exists (deleted upstream?)`);
        status = group.Status ?? "UNKNOWN";
        counts = countsOf(group);
        t.onProgress?.(status, counts);
        const elapsed = Math.round((clock.now() - start) / 1000);
        const line = `${t.label}: run group ${t.runGroupId} is ${status} (${showCounts(counts)})`;
        if (line !== lastLine || isFinalStatus(status)) timing.log(`${line} after ${elapsed}s`);
        lastLine = line;
        if (isFinalStatus(status)) return { status, runStatusCounts: counts };
        const remaining = deadline - clock.now();
        if (remaining <= 0) {
            throw new WaitTimeout(
                `run group ${t.runGroupId} is still ${status} (${showCounts(counts)}) after waiting ${t.timeoutSeconds}s (waitTimeoutSeconds)`,
                status,
                counts,
            );
        }
        await clock.sleep(Math.min(timing.pollIntervalMs, remaining));
    }
}

/**
 * waitInto waits like waitForGroup and keeps `outs.status` / `outs.runStatusCounts` at the latest
 * read, so that a caller recording partial state after a failure records what was last seen.
 */
export async function waitInto(outs: { status?: unknown; runStatusCounts?: unknown }, t: Omit<WaitTarget, "onProgress">): Promise<void> {
    const final = await waitForGroup({
        ...t,
        onProgress: (status, counts) => {
            outs.status = status;
            outs.runStatusCounts = counts;
        },
    });
    outs.status = final.status;
    outs.runStatusCounts = final.runStatusCounts;
}
