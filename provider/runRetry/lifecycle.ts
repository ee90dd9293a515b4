/**
 * create / read / update / delete of a RunRetry.
 */
import { call, findRunGroup } from "../omics/client";
import { describeError, isNotFound, isOmicsApiError, mayHaveBeenApplied, toOmicsError } from "../omics/errors";
import { settings } from "../config/settings";
import type { NfOption, Plan, RunRetryInputs, RunRetryOutputs, WdlOption } from "./inputs";
import { normalize } from "./inputs";
import { isPlan, makePlan } from "./plan";
import { RunRetryInitError } from "./partial";
import { reconcile, snapshot, type Lineage } from "./reconcile";
import { timing } from "./timing";
import { validate } from "./validate";
import { countsOf, isFinalStatus, waitForGroup } from "./wait";
import type { RetryRunsRequest, RetryRunsResponse } from "tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_models";

type Bag = Record<string, unknown>;

const label = (name: string | undefined): string => (name ? `RunRetry "${name}"` : "RunRetry");

/** Inputs of create/update: normalized and validated again (state may come from any version). */
function parseInputs(raw: Bag): RunRetryInputs {
    const inputs = normalize(raw);
    if (inputs.region === undefined && settings().region) inputs.region = settings().region;
    const failures = validate(inputs);
    if (failures.length > 0) {
        throw new Error(`${label(raw.__resourceName as string | undefined)}: invalid inputs: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    return inputs as unknown as RunRetryInputs;
}

function throwIfMisconfigured(name: string | undefined): void {
    const err = settings().error;
    if (err) throw new Error(`${label(name)}: ${err}`);
}

function wdlRequest(o: WdlOption): NonNullable<RetryRunsRequest["WDLOption"]> {
    return {
        FailureMode: o.failureMode,
        UseCallCache: o.useCallCache,
        UseErrorOnHold: o.useErrorOnHold,
        ...(o.finalWorkflowOutputsDir !== undefined ? { FinalWorkflowOutputsDir: o.finalWorkflowOutputsDir } : {}),
        ...(o.useRelativeOutputPaths !== undefined ? { UseRelativeOutputPaths: o.useRelativeOutputPaths } : {}),
        ...(o.addRunInfoToOutputDir !== undefined ? { AddRunInfoToOutputDir: o.addRunInfoToOutputDir } : {}),
    };
}

function nfRequest(o: NfOption): NonNullable<RetryRunsRequest["NFOption"]> {
    return {
        ...(o.config !== undefined ? { Config: o.config } : {}),
        ...(o.profile !== undefined ? { Profile: o.profile } : {}),
        ...(o.report !== undefined ? { Report: o.report } : {}),
        ...(o.resume !== undefined ? { Resume: o.resume } : {}),
        ...(o.nfVersion !== undefined ? { NFVersion: o.nfVersion } : {}),
        ...(o.launchDir !== undefined ? { LaunchDir: o.launchDir } : {}),
    };
}

/** retryRunsRequest is exactly what RetryRuns is sent for these inputs. */
export function retryRunsRequest(inp: RunRetryInputs, plan: Plan | undefined): RetryRunsRequest {
    const projectId = inp.projectId ?? plan?.projectId;
    return {
        ...(projectId ? { ProjectId: projectId } : {}),
        ...(inp.runGroupId ? { RunGroupId: inp.runGroupId } : {}),
        ...(inp.runUuids ? { RunUuids: inp.runUuids } : {}),
        ...(inp.wdlOption ? { WDLOption: wdlRequest(inp.wdlOption) } : {}),
        ...(inp.nfOption ? { NFOption: nfRequest(inp.nfOption) } : {}),
    };
}

/** Drops undefined members (protobuf Structs cannot hold them). */
function clean<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

async function planFor(inp: RunRetryInputs, raw: unknown, name: string | undefined): Promise<Plan> {
    if (isPlan(raw)) return raw;
    try {
        return await makePlan(inp);
    } catch (e) {
        throw new Error(describeError(e, name, "checking the run group before RetryRuns"));
    }
}

/** RetryRuns answered but without the new group's id: never resent (the retry may exist). */
class AnswerWithoutGroup extends Error {
    override readonly name = "AnswerWithoutGroup";
}

/** Sends RetryRuns once; after an ambiguous failure, reconciles, and resends only if provably not applied. */
async function retryExactlyOnce(inp: RunRetryInputs, plan: Plan, name: string | undefined): Promise<{ runGroupId: string; requestId: string }> {
    const request = retryRunsRequest(inp, plan);
    const lineage: Lineage = { region: inp.region, plan, ...(request.ProjectId ? { projectId: request.ProjectId } : {}) };
    let before: Set<string>;
    try {
        before = await snapshot(lineage);
    } catch (e) {
        throw new Error(describeError(e, name, "listing run groups before RetryRuns (nothing was retried)"));
    }
    const send = async (): Promise<RetryRunsResponse> => call(inp.region, "RetryRuns", request);
    const accept = (resp: RetryRunsResponse): { runGroupId: string; requestId: string } => {
        if (!resp.RunGroupId) {
            throw new AnswerWithoutGroup(
                `${label(name)}: RetryRuns answered without a RunGroupId (RequestId: ${resp.RequestId ?? "none"}); the retry may have happened: look for a new run group created from ${plan.runGroupId} before running up again.`,
            );
        }
        return { runGroupId: resp.RunGroupId, requestId: resp.RequestId ?? "" };
    };
    try {
        return accept(await send());
    } catch (e) {
        if (e instanceof AnswerWithoutGroup) throw e;
        const err = toOmicsError(e, "RetryRuns");
        if (!mayHaveBeenApplied(err)) throw new Error(describeError(err, name, "RetryRuns (nothing was retried)"));
        timing.log(`${label(name)}: RetryRuns got no usable answer (${err.message}); checking whether it was applied before anything else`);
        let outcome;
        try {
            outcome = await reconcile(lineage, before);
        } catch (e2) {
            throw new Error(
                describeError(e2, name, `RetryRuns got no usable answer (${err.message}) and checking whether it was applied failed too`) +
                    ` Before running up again, look in the Omics console for a run group created from ${plan.runGroupId} after ${new Date(timing.clock.now()).toISOString()}: if there is one, the retry happened.`,
            );
        }
        if (outcome.kind === "found") {
            timing.log(`${label(name)}: RetryRuns had been applied: adopting run group ${outcome.runGroupId}`);
            return { runGroupId: outcome.runGroupId, requestId: "UNKNOWN (answer lost; group found by reconciliation)" };
        }
        if (outcome.kind === "unclear") {
            throw new Error(
                `${label(name)}: RetryRuns got no usable answer (${err.message}) and ${outcome.candidates.length} run groups that could be its result appeared meanwhile (${outcome.candidates.join(", ")}). ` +
                    `Not retrying again. Inspect them in the Omics console: if one is this retry, keep it (remove this resource from the program) or terminate it; running up again calls RetryRuns again.`,
            );
        }
        timing.log(`${label(name)}: RetryRuns was not applied; sending it once more`);
        try {
            return accept(await send());
        } catch (e3) {
            if (e3 instanceof AnswerWithoutGroup) throw e3;
            const err3 = toOmicsError(e3, "RetryRuns");
            const maybe = mayHaveBeenApplied(err3)
                ? ` The second attempt may have been applied: look for a run group created from ${plan.runGroupId} before running up again.`
                : "";
            throw new Error(describeError(err3, name, "RetryRuns, sent a second time after the first was provably not applied") + maybe);
        }
    }
}

export async function create(raw: Bag): Promise<{ id: string; outs: Bag }> {
    const name = raw.__resourceName as string | undefined;
    throwIfMisconfigured(name);
    const inp = parseInputs(raw);
    const plan = await planFor(inp, raw.plan, name);
    const done = await retryExactlyOnce(inp, plan, name);
    const outs: RunRetryOutputs = clean({
        ...inp,
        plan,
        newRunGroupId: done.runGroupId,
        requestId: done.requestId,
        retriedAt: new Date(timing.clock.now()).toISOString(),
        status: "SUBMITTED",
        runStatusCounts: {},
    });
    timing.log(`${label(name)}: RetryRuns created run group ${done.runGroupId} from ${plan.runGroupId} (${plan.runs.length} run(s))`);
    // From here on the retry exists: any failure must keep it in state.
    const projectId = inp.projectId ?? plan.projectId;
    try {
        if (inp.waitForCompletion) {
            const final = await waitForGroup({
                label: label(name),
                region: inp.region,
                runGroupId: done.runGroupId,
                timeoutSeconds: inp.waitTimeoutSeconds,
                ...(projectId ? { projectId } : {}),
                onProgress: (status, counts) => {
                    outs.status = status;
                    outs.runStatusCounts = counts;
                },
            });
            outs.status = final.status;
            outs.runStatusCounts = final.runStatusCounts;
        } else {
            const group = await findRunGroup(inp.region, projectId, done.runGroupId);
            if (group) {
                outs.status = group.Status ?? "UNKNOWN";
                outs.runStatusCounts = countsOf(group);
            }
        }
    } catch (e) {
        const doing = inp.waitForCompletion ? "waiting for the new run group" : "reading the new run group";
        throw new RunRetryInitError(done.runGroupId, { ...outs, __provider: raw.__provider }, [
            `${describeError(e, name, `RetryRuns succeeded (new run group ${done.runGroupId}, recorded in state) but ${doing} failed`)}. The next up resumes without retrying again.`,
        ]);
    }
    return { id: done.runGroupId, outs: outs as unknown as Bag };
}

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
            const final = await waitForGroup({
                label: label(name),
                region: inp.region,
                runGroupId: id,
                timeoutSeconds: inp.waitTimeoutSeconds,
                ...(projectId ? { projectId } : {}),
                onProgress: (s, c) => {
                    outs.status = s;
                    outs.runStatusCounts = c;
                },
            });
            outs.status = final.status;
            outs.runStatusCounts = final.runStatusCounts;
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
