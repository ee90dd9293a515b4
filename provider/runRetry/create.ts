/**
 * create: one RetryRuns, or the adoption of an earlier attempt's group, and nothing else.
 *
 * Before sending, a fresh read looks for an earlier attempt of this very retry (an interrupted
 * `pulumi up`: runRetry/recovery.ts) and confirms the source group can still be retried. RetryRuns
 * is sent at most once; after an ambiguous failure (answer lost) the same evidence decides whether
 * it took effect, and it is resent only when it provably did not. Create returns as soon as
 * RetryRuns answered: no status read, no waiting (a RunGroupWait does that, as its own step), so
 * the retry reaches the engine's state one round trip after Tencent made it.
 */
import { call } from "../omics/client";
import { describeError, mayHaveBeenApplied, toOmicsError } from "../omics/errors";
import type { RetryRunsResponse } from "../omics/models";
import { isCancelled } from "../host/cancellation";
import { isIntentRecord, recordedInThisProcess, seenState, type IntentRecord } from "./intentRecord";
import { freshList } from "../omics/batcher";
import { settings } from "../config/settings";
import { checkpointProblem } from "../host/checkpoints";
import { clean, resourceName, type Bag } from "../shared/values";
import { label, parseInputs, throwIfMisconfigured } from "./common";
import { recordedInputs, type Plan, type RecoveryPlan, type RunRetryInputs, type RunRetryOutputs } from "./inputs";
import { isPlan, makePlan, RETRYABLE_GROUP_STATUSES } from "./plan";
import { claim, decide, scan, type Candidate, type Scan, type ScanArgs } from "./recovery";
import { retryRunsRequest } from "./request";
import { timing } from "../shared/timing";

async function planFor(inp: RunRetryInputs, raw: unknown, name: string | undefined): Promise<Plan> {
    if (isPlan(raw)) return raw;
    try {
        return await makePlan(inp);
    } catch (e) {
        throw new Error(describeError(e, name, "checking the run group before RetryRuns (nothing was retried)"));
    }
}

/** RetryRuns answered but without the new group's id: never resent (the retry may exist). */
class AnswerWithoutGroup extends Error {
    override readonly name = "AnswerWithoutGroup";
}

/**
 * The record to compare against: the intent's, or (a RunRetry registered without its intent, as
 * by 0.1.0) a snapshot taken now, which also serves as the fresh look (nothing can be newer).
 */
async function intentFor(inp: RunRetryInputs, plan: Plan): Promise<{ intent: IntentRecord; now?: Scan }> {
    if (isIntentRecord(inp.intent)) return { intent: inp.intent };
    const projectId = inp.projectId ?? plan.projectId;
    const lookalike = {
        ...(plan.applicationId ? { applicationId: plan.applicationId } : {}),
        ...(plan.groupName ? { name: plan.groupName } : {}),
        ...(plan.type ? { type: plan.type } : {}),
    };
    const groups = await freshList("DescribeRunGroups", inp.region, projectId, []);
    const intent: IntentRecord = {
        intentId: "taken-by-create",
        recordedAt: new Date(timing.clock.now()).toISOString(),
        region: inp.region,
        sourceRunGroupId: plan.runGroupId,
        lookalike,
        ...(projectId ? { projectId } : {}),
        ...seenState(groups, lookalike),
    };
    const source = groups.find((g) => g.RunGroupId === plan.runGroupId);
    return { intent, now: { ...(source ? { source } : {}), candidates: [], rejected: 0 } };
}

/**
 * How long, from now, until Tencent's listings show every group a RetryRuns sent at `sentAt` made
 * (tencentcloud-omics:listingSettleSeconds): 0 when that time has passed.
 */
function unsettledMs(sentAt: number): number {
    return Math.max(0, sentAt + settings().listingSettleSeconds * 1000 - timing.clock.now());
}

/**
 * An earlier process's RetryRuns was sent before this process started: before concluding that no
 * earlier attempt exists, wait until the listings have settled since then, and look again.
 */
async function settledScan(args: ScanArgs, first: Scan, name: string | undefined): Promise<Scan> {
    const waitMs = unsettledMs(timing.startedAt);
    if (first.candidates.length > 0 || waitMs === 0) return first;
    timing.log(
        `${label(name)}: no earlier attempt of this retry is listed yet; Tencent's listings may lag behind a RetryRuns sent just before this process started, ` +
            `so looking again in ${(waitMs / 1000).toFixed(1)} s before retrying (tencentcloud-omics:listingSettleSeconds)`,
    );
    await timing.clock.sleep(waitMs);
    return scan(args);
}

function scanArgs(inp: RunRetryInputs, plan: Plan, intent: IntentRecord, name: string | undefined, exclude: readonly string[]): ScanArgs {
    const projectId = inp.projectId ?? plan.projectId;
    return {
        groups: "fresh",
        region: inp.region,
        intent,
        plan,
        owner: name,
        exclude,
        ...(projectId ? { projectId } : {}),
        ...(inp.wdlOption ? { wdlOption: inp.wdlOption } : {}),
        ...(inp.nfOption ? { nfOption: inp.nfOption } : {}),
    };
}

/** The source must still be retryable; Tencent would refuse anyway, this says why in our words. */
function verifySource(s: Scan, plan: Plan, name: string | undefined): void {
    const status = s.source?.Status;
    if (status !== undefined && !RETRYABLE_GROUP_STATUSES.includes(status)) {
        throw new Error(
            `${label(name)}: run group ${plan.runGroupId} is now ${status} (it was ${plan.groupStatus} when planned); RetryRuns accepts only ${RETRYABLE_GROUP_STATUSES.join(" or ")}. Nothing was retried; run preview again.`,
        );
    }
}

type Done = { runGroupId: string; requestId: string; adopted?: Candidate; why?: string };

/** How many times RetryRuns may be sent in one create, each resend only after proof that the previous one was not applied. */
export const MAX_SENDS = 3;

/**
 * Sends RetryRuns; after an ambiguous failure (no usable answer), looks for its group before
 * anything else: found, it is this retry; none at all, the call provably did not take effect and
 * is sent again (at most MAX_SENDS in all, with a growing pause before each look, for Tencent's
 * listing to catch up); anything else stops with the candidates listed.
 */
async function retryExactlyOnce(inp: RunRetryInputs, plan: Plan, intent: IntentRecord, name: string | undefined, ignored: readonly string[]): Promise<Done> {
    const request = retryRunsRequest(inp, plan);
    const accept = (resp: RetryRunsResponse): Done => {
        if (!resp.RunGroupId) {
            throw new AnswerWithoutGroup(
                `${label(name)}: RetryRuns answered without a RunGroupId (RequestId: ${resp.RequestId ?? "none"}); the retry may have happened: run preview again, it looks for the group before anything else.`,
            );
        }
        return { runGroupId: resp.RunGroupId, requestId: resp.RequestId ?? "" };
    };
    for (let send = 1; ; send++) {
        let err: ReturnType<typeof toOmicsError>;
        const sentAt = timing.clock.now();
        try {
            return accept(await call(inp.region, "RetryRuns", request));
        } catch (e) {
            if (e instanceof AnswerWithoutGroup || isCancelled(e)) throw e;
            err = toOmicsError(e, "RetryRuns");
        }
        const nth = send === 1 ? "RetryRuns" : `RetryRuns (sent again, attempt ${send}, after the previous one was provably not applied)`;
        if (!mayHaveBeenApplied(err)) throw new Error(describeError(err, name, `${nth}: nothing was retried by this call`));
        if (send >= MAX_SENDS) {
            throw new Error(
                describeError(err, name, `${nth} got no usable answer`) +
                    " It may have been applied: the next preview or up looks for its group before anything else.",
            );
        }
        timing.log(`${label(name)}: RetryRuns got no usable answer (${err.message}); checking whether it was applied before anything else`);
        let found: Scan;
        try {
            // Long enough for Tencent's listings to show the group if the call was applied.
            await timing.clock.sleep(Math.max(timing.reconcileDelayMs * send, unsettledMs(sentAt)));
            found = await scan(scanArgs(inp, plan, intent, name, ignored));
        } catch (e2) {
            if (isCancelled(e2)) throw e2;
            throw new Error(
                describeError(e2, name, `RetryRuns got no usable answer (${err.message}) and checking whether it was applied failed too`) +
                    ` Nothing more was sent. The next preview or up looks for the group first and adopts it if it exists.`,
            );
        }
        const [only] = found.candidates;
        if (found.candidates.length === 1 && only && only.evidence === "strong") {
            timing.log(`${label(name)}: RetryRuns had been applied: recording run group ${only.runGroupId}`);
            return { runGroupId: only.runGroupId, requestId: "UNKNOWN (answer lost; group found by reconciliation)" };
        }
        if (found.candidates.length > 0) {
            throw new Error(
                `${label(name)}: RetryRuns got no usable answer (${err.message}) and ${found.candidates.length} run group(s) that could be its result appeared meanwhile (${found.candidates.map((c) => `${c.runGroupId}, ${c.evidence} evidence`).join("; ")}). ` +
                    `Not retrying again. Run preview: it lists them and how to choose (adoptRunGroupId).`,
            );
        }
        timing.log(`${label(name)}: RetryRuns was not applied; sending it once more`);
    }
}

export async function create(raw: Bag): Promise<{ id: string; outs: Bag }> {
    const name = resourceName(raw);
    throwIfMisconfigured(name);
    const unsafe = checkpointProblem();
    if (unsafe) throw new Error(`${label(name)}: ${unsafe}`);
    const inp = parseInputs(raw);
    const plan = await planFor(inp, raw.plan, name);

    let intent: IntentRecord;
    let found: Scan;
    try {
        const taken = await intentFor(inp, plan);
        intent = taken.intent;
        // An intent this process recorded moments ago has no earlier attempt to find (its create
        // could not start before the record was checkpointed): RetryRuns is the only call.
        if (taken.now) found = taken.now;
        else if (recordedInThisProcess(intent.intentId)) found = { candidates: [], rejected: 0 };
        else {
            const args = scanArgs(inp, plan, intent, name, []);
            found = await settledScan(args, await scan(args), name);
        }
    } catch (e) {
        if (isCancelled(e)) throw e;
        throw new Error(describeError(e, name, "looking for an earlier attempt of this retry before RetryRuns (nothing was retried)"));
    }
    verifySource(found, plan, name);
    const decision = decide(found, inp.recovery, plan.runGroupId, inp.adoptRunGroupId);
    if (decision.kind === "refuse") throw new Error(`${label(name)}: ${decision.message}`);
    if (plan.recovery?.decision === "adopt" && decision.kind === "retry") {
        throw new Error(
            `${label(name)}: the preview planned to adopt run group ${plan.recovery.runGroupId ?? "?"}, which no longer qualifies (${decision.why}). Nothing was retried; run preview again.`,
        );
    }

    if (decision.kind === "retry" && plan.limitReached) {
        throw new Error(`${label(name)}: ${plan.limitReached} Nothing was retried.`);
    }

    let done: Done;
    if (decision.kind === "adopt") {
        done = {
            runGroupId: decision.candidate.runGroupId,
            requestId: "none (an earlier attempt's group was adopted)",
            adopted: decision.candidate,
            why: decision.why,
        };
        timing.log(`${label(name)}: ${decision.why}; recording it without calling RetryRuns`);
    } else {
        const ignored = found.candidates.map((c) => c.runGroupId);
        done = await retryExactlyOnce(inp, plan, intent, name, ignored);
        timing.log(`${label(name)}: RetryRuns created run group ${done.runGroupId} from ${plan.runGroupId} (${plan.runs.length} run(s))`);
    }
    claim(done.runGroupId, name);

    const recovery: RecoveryPlan = done.adopted
        ? { decision: "adopt", runGroupId: done.runGroupId, why: done.why ?? "", ...(done.adopted.createTime ? { createTime: done.adopted.createTime } : {}) }
        : { decision: "retry", why: decision.why };
    // Warnings were for the reviewer of this retry; the record keeps the facts, not the advice.
    const { warnings: _shown, ...recordedPlan } = plan;
    void _shown;
    const outs: RunRetryOutputs = clean({
        ...recordedInputs(inp),
        plan: { ...recordedPlan, recovery },
        newRunGroupId: done.runGroupId,
        requestId: done.requestId,
        retriedAt: done.adopted?.createTime ?? new Date(timing.clock.now()).toISOString(),
        status: done.adopted?.status ?? "SUBMITTED",
        runStatusCounts: {},
        adopted: done.adopted !== undefined,
    });
    return { id: done.runGroupId, outs: outs as unknown as Bag };
}
