/**
 * Polling a run group until it finishes, with progress lines. Stops at once, with
 * {@link Cancelled}, when the update is cancelled.
 */
import { sleepUnlessCancelled, throwIfCancelled } from "../host/cancellation";
import { findRunGroup } from "../omics/batcher";
import type { RunGroup } from "../omics/models";
import { timing } from "../shared/timing";
import { countsOf, isFinalStatus, showCounts } from "./status";

/** WaitTimeout is thrown when the group is still running when the wait ends. */
export class WaitTimeout extends Error {
    override readonly name = "WaitTimeout";
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
}

export interface GroupState {
    status: string;
    runStatusCounts: Record<string, number>;
    endTime?: string;
}

/** stateOf turns a listed group into the state a wait records. */
export function stateOf(group: RunGroup): GroupState {
    const end = group.ExecutionTime?.EndTime;
    return { status: group.Status ?? "UNKNOWN", runStatusCounts: countsOf(group), ...(end ? { endTime: end } : {}) };
}

/** readGroup reads the group's state once, fresh (coalesced); undefined when it does not exist. */
export async function readGroup(t: Pick<WaitTarget, "region" | "projectId" | "runGroupId">): Promise<GroupState | undefined> {
    const group = await findRunGroup(t.region, t.projectId, t.runGroupId);
    return group ? stateOf(group) : undefined;
}

/** waitForGroup polls until the group's status is final, or throws WaitTimeout / GroupGone / Cancelled / OmicsApiError. */
export async function waitForGroup(t: WaitTarget): Promise<GroupState> {
    const { clock } = timing;
    const start = clock.now();
    const deadline = start + t.timeoutSeconds * 1000;
    let lastLine = "";
    for (;;) {
        throwIfCancelled(`${t.label}: waiting for run group ${t.runGroupId}`);
        const state = await readGroup(t);
        if (!state) throw new GroupGone(`run group ${t.runGroupId} no longer exists (deleted upstream?)`);
        const elapsed = Math.round((clock.now() - start) / 1000);
        const line = `${t.label}: run group ${t.runGroupId} is ${state.status} (${showCounts(state.runStatusCounts)})`;
        if (line !== lastLine || isFinalStatus(state.status)) timing.log(`${line} after ${elapsed}s`);
        lastLine = line;
        if (isFinalStatus(state.status)) return state;
        const remaining = deadline - clock.now();
        if (remaining <= 0) {
            throw new WaitTimeout(
                `run group ${t.runGroupId} is still ${state.status} (${showCounts(state.runStatusCounts)}) after waiting ${t.timeoutSeconds}s (timeoutSeconds); the next up waits again`,
            );
        }
        await sleepUnlessCancelled(Math.min(timing.pollIntervalMs, remaining), clock, `${t.label}: waiting for run group ${t.runGroupId}`);
    }
}
