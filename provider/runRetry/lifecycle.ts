/**
 * update / read / delete of a recorded RunRetry. None of them calls RetryRuns.
 */
import { call, findRunGroup } from "../omics/client";
import { describeError, isNotFound, isOmicsApiError } from "../omics/errors";
import { settings } from "../config/settings";
import { clean, label, parseInputs, throwIfMisconfigured, type Bag } from "./common";
import { isPlan } from "./plan";
import { RunRetryInitError } from "./partial";
import { timing } from "./timing";
import { countsOf, isFinalStatus, waitInto } from "./wait";

export async function update(id: string, olds: Bag, news: Bag): Promise<{ outs: Bag }> {
    const name = (news.__resourceName ?? olds.__resourceName) as string | undefined;
    const inp = parseInputs(news);
    const outs: Bag = clean({
        ...inp,
        plan: olds.plan ?? inp.plan,
        newRunGroupId: (olds.newRunGroupId as string | undefined) ?? id,
        requestId: olds.requestId,
        retriedAt: olds.retriedAt,
        status: olds.status ?? "UNKNOWN",
        runStatusCounts: olds.runStatusCounts ?? {},
    });
    const status = outs.status as string;
    if (inp.waitForCompletion && !isFinalStatus(status) && status !== "NOT_FOUND") {
        throwIfMisconfigured(name);
        const plan = isPlan(outs.plan) ? outs.plan : undefined;
        const projectId = inp.projectId ?? plan?.projectId;
        try {
            await waitInto(outs, {
                label: label(name),
                region: inp.region,
                runGroupId: id,
                timeoutSeconds: inp.waitTimeoutSeconds,
                ...(projectId ? { projectId } : {}),
            });
        } catch (e) {
            throw new RunRetryInitError(id, { ...outs, __provider: news.__provider ?? olds.__provider }, [
                describeError(e, name, `waiting for run group ${id} failed (the retry stays recorded)`),
            ]);
        }
    }
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
    let group;
    try {
        group = await findRunGroup(region, projectId, id);
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
