/**
 * update / read / delete of a recorded RunRetry. None of them calls RetryRuns, and update makes no
 * call at all: waiting for the new group is a RunGroupWait's job (its own step, safe to kill).
 */
import { call } from "../omics/client";
import { findRunGroup } from "../omics/batcher";
import { currentGroup } from "../omics/snapshot";
import { describeError, isNotFound, isOmicsApiError } from "../omics/errors";
import { settings } from "../config/settings";
import { countsOf, isFinalStatus } from "../wait/status";
import { clean, label, parseInputs, throwIfMisconfigured, type Bag } from "./common";
import { isPlan } from "./plan";
import { recordedInputs } from "./inputs";
import { timing } from "../shared/timing";

/**
 * update records changed settings (waitForCompletion, waitTimeoutSeconds, terminateOnDelete) and
 * keeps every output. It is also what the engine sends to "continue initialization" of a resource
 * recorded with partial state by 0.1.0: the RunGroupWait of the program now does the waiting.
 */
export async function update(id: string, olds: Bag, news: Bag): Promise<{ outs: Bag }> {
    const inp = parseInputs(news);
    const outs: Bag = clean({
        ...recordedInputs(inp),
        plan: olds.plan ?? inp.plan,
        newRunGroupId: (olds.newRunGroupId as string | undefined) ?? id,
        requestId: olds.requestId,
        retriedAt: olds.retriedAt,
        status: olds.status ?? "UNKNOWN",
        runStatusCounts: olds.runStatusCounts ?? {},
        adopted: olds.adopted ?? false,
    });
    return { outs };
}

function locate(props: Bag): { region?: string; projectId?: string } {
    const plan = isPlan(props.plan) ? props.plan : undefined;
    const region = typeof props.region === "string" ? props.region : settings().region;
    const projectId = typeof props.projectId === "string" ? props.projectId : plan?.projectId;
    return { ...(region ? { region } : {}), ...(projectId ? { projectId } : {}) };
}

export async function read(id: string, props: Bag): Promise<{ id: string; props: Bag }> {
    const name = props.__resourceName as string | undefined;
    throwIfMisconfigured(name);
    const { region, projectId } = locate(props);
    if (!region) throw new Error(`${label(name)}: cannot refresh run group ${id}: no region in state or provider configuration`);
    let group: Awaited<ReturnType<typeof currentGroup>>;
    try {
        group = await currentGroup(region, projectId, id);
    } catch (e) {
        if (!isNotFound(e, "ResourceNotFound.ProjectNotExist")) throw new Error(describeError(e, name, `refreshing run group ${id} (state unchanged)`));
    }
    if (!group) {
        // Never forget a recorded retry: an empty id would make the next up retry again.
        timing.log(`${label(name)}: run group ${id} no longer exists upstream; keeping the recorded retry with status NOT_FOUND`);
        return { id, props: { ...props, status: "NOT_FOUND" } };
    }
    return { id, props: { ...props, status: group.Status ?? "UNKNOWN", runStatusCounts: countsOf(group) } };
}

export async function remove(id: string, props: Bag): Promise<void> {
    if (props.terminateOnDelete !== true) return; // a retry cannot be undone: forget it
    const name = props.__resourceName as string | undefined;
    throwIfMisconfigured(name);
    const { region, projectId } = locate(props);
    if (!region) throw new Error(`${label(name)}: cannot terminate run group ${id}: no region in state or provider configuration`);
    try {
        const group = await findRunGroup(region, projectId, id);
        if (!group || isFinalStatus(group.Status) || group.Status === "TERMINATING") {
            timing.log(`${label(name)}: run group ${id} is ${group ? group.Status : "gone"}; nothing to terminate`);
            return;
        }
        await call(region, "TerminateRunGroup", { RunGroupId: id, ...(projectId ? { ProjectId: projectId } : {}) });
        timing.log(`${label(name)}: terminated run group ${id} (terminateOnDelete)`);
    } catch (e) {
        if (isNotFound(e, "ResourceNotFound.RunGroupNotExist") || (isOmicsApiError(e) && e.code === "FailedOperation.StatusNotSupported")) {
            timing.log(`${label(name)}: run group ${id} already finished or gone; nothing to terminate`);
            return;
        }
        throw new Error(describeError(e, name, `terminating run group ${id} (terminateOnDelete)`));
    }
}
