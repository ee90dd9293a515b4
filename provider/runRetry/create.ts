/**
 * create: plan (if check did not), RetryRuns exactly once (reconciling after an ambiguous
 * failure), then read or wait; any failure after RetryRuns carries the id and state (partial
 * state) so the retry is never lost or repeated.
 */
import { call, findRunGroup } from "../omics/client";
import { describeError, mayHaveBeenApplied, toOmicsError } from "../omics/errors";
import type { RetryRunsResponse } from "tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_models";
import { clean, label, parseInputs, throwIfMisconfigured, type Bag } from "./common";
import type { Plan, RunRetryInputs, RunRetryOutputs } from "./inputs";
import { RunRetryInitError } from "./partial";
import { isPlan, makePlan } from "./plan";
import { reconcile, snapshot, type Lineage } from "./reconcile";
import { retryRunsRequest } from "./request";
import { timing } from "./timing";
import { countsOf, waitInto } from "./wait";

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
            await waitInto(outs, {
                label: label(name),
                region: inp.region,
                runGroupId: done.runGroupId,
                timeoutSeconds: inp.waitTimeoutSeconds,
                ...(projectId ? { projectId } : {}),
            });
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

