/**
 * Run group statuses as the wait and refresh read them.
 */
import type { RunGroup } from "../omics/models";

/** Run group statuses that no longer change on their own. */
export const FINAL_GROUP_STATUSES = ["COMPLETE", "COMPLETE_ERROR", "TERMINATED"];

export const isFinalStatus = (s: string | undefined): boolean => FINAL_GROUP_STATUSES.includes(s ?? "");

/** countsOf turns RunStatusCounts into `{status: count}`. */
export function countsOf(group: RunGroup): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of group.RunStatusCounts ?? []) if (c.Status) out[c.Status] = (out[c.Status] ?? 0) + (c.Count ?? 0);
    return out;
}

/** showCounts renders counts for a progress line, e.g. `RUNNING 2, SUCCESS 1`. */
export const showCounts = (c: Record<string, number>): string =>
    Object.entries(c)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([s, n]) => `${s} ${n}`)
        .join(", ") || "no runs reported";
