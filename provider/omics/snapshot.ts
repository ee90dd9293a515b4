/**
 * One look at a project, shared by every resource this process plans.
 *
 * The engine calls Check for one resource at a time, so anything Check waits for is paid once per
 * resource, in series. Planning therefore reads from a process-wide snapshot of the project: all
 * its run groups, its failed runs and the region's environments, listed in parallel by the first
 * Check that needs them (pages of 100), and listed again when older than SNAPSHOT_MAX_AGE_MS.
 * Concurrent first uses share one load.
 *
 * Only what the snapshot proves is served from it: a group or run it does not hold, or holds in a
 * state that would make the plan fail, is read again fresh before the plan says so (planning stays
 * truthful), and create never trusts it: RetryRuns and the recovery look read fresh data.
 */
import { filters, listAll, type Environment, type Run, type RunGroup } from "./client";
import { findRunGroup } from "./batcher";
import { timing } from "../shared/timing";

/** Run statuses a retry retries (and the only runs the snapshot holds). */
export const FAILED_RUN_STATUSES = ["EXECUTOR_ERROR", "TERMINATED"];

/** A snapshot older than this is listed again at its next use. */
export const SNAPSHOT_MAX_AGE_MS = 60_000;

export interface ProjectSnapshot {
    region: string;
    projectId?: string;
    /** loadedAt is when the listing started (this process's clock). */
    loadedAt: number;
    groups: Map<string, RunGroup>;
    /** failedRuns of every group, by RunUuid. */
    failedRuns: Map<string, Run>;
}

interface Entry<T> {
    promise: Promise<T>;
    startedAt: number;
}

const projects = new Map<string, Entry<ProjectSnapshot>>();
const groupListings = new Map<string, Entry<Map<string, RunGroup>>>();
const environments = new Map<string, Entry<Map<string, Environment>>>();

/** Counts of snapshot loads (benchmarks and tests read them). */
export const snapshotStats = { projectLoads: 0, groupLoads: 0, environmentLoads: 0 };

function cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>, maxAgeMs: number): Promise<T> {
    const now = timing.clock.now();
    const hit = map.get(key);
    if (hit && now - hit.startedAt < maxAgeMs) return hit.promise;
    const promise = load();
    map.set(key, { promise, startedAt: now });
    // A failed load is not kept: the next caller tries again.
    promise.catch(() => {
        if (map.get(key)?.promise === promise) map.delete(key);
    });
    return promise;
}

/** projectSnapshot returns the shared snapshot of (region, project), listing it when missing or stale. */
export function projectSnapshot(region: string, projectId: string | undefined, maxAgeMs = SNAPSHOT_MAX_AGE_MS): Promise<ProjectSnapshot> {
    return cached(
        projects,
        `${region}\u0000${projectId ?? ""}`,
        async () => {
            snapshotStats.projectLoads += 1;
            const loadedAt = timing.clock.now();
            const [groups, runs] = await Promise.all([
                listAll(region, "DescribeRunGroups", (r) => r.RunGroups, projectId, []),
                listAll(region, "DescribeRuns", (r) => r.Runs, projectId, filters({ Status: FAILED_RUN_STATUSES })),
            ]);
            return {
                region,
                ...(projectId ? { projectId } : {}),
                loadedAt,
                groups: new Map(groups.filter((g) => g.RunGroupId).map((g) => [g.RunGroupId as string, g])),
                failedRuns: new Map(runs.filter((r) => r.RunUuid).map((r) => [r.RunUuid as string, r])),
            };
        },
        maxAgeMs,
    );
}

/**
 * projectGroups returns every run group of the project, listed at most `maxAgeMs` ago (shared).
 * Refresh and waits read statuses from it: the engine runs only `--parallel` operations at once, so
 * coalescing their concurrent reads could merge a handful at best, while one listing of the
 * project serves all of them. A group it lacks is read fresh before anyone says it is gone.
 */
export function projectGroups(region: string, projectId: string | undefined, maxAgeMs: number): Promise<Map<string, RunGroup>> {
    return cached(
        groupListings,
        `${region}\u0000${projectId ?? ""}`,
        async () => {
            snapshotStats.groupLoads += 1;
            const groups = await listAll(region, "DescribeRunGroups", (r) => r.RunGroups, projectId, []);
            return new Map(groups.filter((g) => g.RunGroupId).map((g) => [g.RunGroupId as string, g]));
        },
        maxAgeMs,
    );
}

/** How old a listing a refresh may read a status from. */
export const REFRESH_MAX_AGE_MS = 10_000;

/**
 * currentGroup is the group as a refresh sees it: from the shared project listing (at most
 * REFRESH_MAX_AGE_MS old), else read fresh, so "gone" is only ever said after a fresh read.
 */
export async function currentGroup(region: string, projectId: string | undefined, id: string): Promise<RunGroup | undefined> {
    return (await projectGroups(region, projectId, REFRESH_MAX_AGE_MS)).get(id) ?? findRunGroup(region, projectId, id);
}

/** regionEnvironments returns the region's environments (shared, listed when missing or stale). */
export function regionEnvironments(region: string, maxAgeMs = SNAPSHOT_MAX_AGE_MS): Promise<Map<string, Environment>> {
    return cached(
        environments,
        region,
        async () => {
            snapshotStats.environmentLoads += 1;
            const all = await listAll(region, "DescribeEnvironments", (r) => r.Environments, undefined, []);
            return new Map(all.filter((e) => e.EnvironmentId).map((e) => [e.EnvironmentId as string, e]));
        },
        maxAgeMs,
    );
}

/** Forgets every snapshot (tests; a new provider process starts with none). @internal */
export function forgetSnapshots(): void {
    projects.clear();
    groupListings.clear();
    environments.clear();
}
