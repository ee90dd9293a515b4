/**
 * What a reviewer needs to approve a retry, computed from the process-wide project snapshot (no
 * call of its own on the serial Check path): why each run failed, how many retries its lineage
 * has used, a one-line summary of the group, and warnings when a retry is likely futile.
 *
 * Tencent documents that a run lineage (a run and its retries) may be retried only so many times
 * (`FailedOperation.RetryLimitExceeded`) but neither the limit nor a count: the limit is a provider
 * setting (`tencentcloud-omics:retryLimit`, default 3, the emulator's assumption) and the count is
 * an ESTIMATE: the failed runs the project lists with the same sample ID, input and table row in
 * groups that share the source's application, name and type, minus the first. A retry that
 * succeeded ends its lineage and is not listed as failed, so it is not counted; a re-submission
 * of the very same inputs is counted as a retry.
 */
import type { Run, RunGroup } from "../omics/models";
import type { ProjectSnapshot } from "../omics/snapshot";
import { canonical } from "../shared/values";
import { lookalikeOf, sharesTraits, timeOf } from "./intentRecord";
import type { NfOption, Plan, WdlOption } from "./inputs";
import { nfRequest, wdlRequest } from "./request";

/** Longest error message kept per run in the plan (state stays small; the console has the rest). */
const MAX_ERROR_CHARS = 200;

const clip = (s: string): string => (s.length > MAX_ERROR_CHARS ? `${s.slice(0, MAX_ERROR_CHARS - 1)}…` : s);

function inputKey(input: string | undefined): string {
    try {
        return canonical(JSON.parse(input ?? ""));
    } catch {
        return JSON.stringify(input ?? "");
    }
}

/** A run of the lineage, with its group's time and option. */
interface Attempt {
    run: Run;
    group: RunGroup;
    at: number;
}

/** The failed attempts of `run`'s lineage the snapshot lists, oldest first (the run itself included). */
function lineageOf(snap: ProjectSnapshot, source: RunGroup, run: Run): Attempt[] | undefined {
    if (!run.UserDefinedId) return undefined;
    const traits = lookalikeOf(source);
    const key = inputKey(run.Input);
    const out: Attempt[] = [];
    const seen = new Set<string>();
    for (const r of [run, ...snap.failedRuns.values()]) {
        if (!r.RunUuid || seen.has(r.RunUuid)) continue;
        if (r.UserDefinedId !== run.UserDefinedId || (r.TableRowUuid ?? "") !== (run.TableRowUuid ?? "") || inputKey(r.Input) !== key) continue;
        const group = r.RunGroupId === source.RunGroupId ? source : snap.groups.get(r.RunGroupId ?? "");
        if (!group || !sharesTraits(group, traits)) continue;
        seen.add(r.RunUuid);
        out.push({ run: r, group, at: timeOf(group.CreateTime) ?? 0 });
    }
    return out.sort((a, b) => a.at - b.at);
}

/** The options a retry of `group` runs with: the override, or the group's own. */
function effectiveOption(group: RunGroup, wdl: WdlOption | undefined, nf: NfOption | undefined): string {
    return canonical({ wdl: wdl ? wdlRequest(wdl) : (group.Option ?? null), nf: nf ? nfRequest(nf) : (group.NFOption ?? null) });
}

export interface ReviewInputs {
    snap: ProjectSnapshot;
    source: RunGroup;
    /** runs are the runs this retry retries. */
    runs: Run[];
    /** groupFailed are all failed runs of the source group (for the summary). */
    groupFailed: Run[];
    retryLimit: number;
    wdlOption?: WdlOption;
    nfOption?: NfOption;
}

/** A planned retry the limit forbids: fail the preview with this. */
export interface LimitReached {
    runs: string[];
    message: string;
}

/**
 * review fills the plan's reviewer fields (per-run error and retries used, summary, warnings) and
 * returns the runs whose lineage already used the limit, if any.
 */
export function review(plan: Plan, r: ReviewInputs): LimitReached | undefined {
    const byUuid = new Map(r.runs.map((run) => [run.RunUuid ?? "", run]));
    const warnings: string[] = [];
    const exhausted: string[] = [];
    const lastOnes: string[] = [];
    const repeated: string[] = [];
    for (const p of plan.runs) {
        const run = byUuid.get(p.runUuid);
        if (!run) continue;
        if (run.ErrorMessage) p.errorMessage = clip(run.ErrorMessage);
        const lineage = lineageOf(r.snap, r.source, run);
        if (!lineage) continue;
        const used = Math.max(0, lineage.length - 1);
        p.retriesUsed = used;
        const who = `${p.userDefinedId ?? p.runUuid} (${p.runUuid})`;
        if (used >= r.retryLimit) exhausted.push(`${who}: ${used} of ${r.retryLimit} retries used`);
        else if (used + 1 === r.retryLimit) lastOnes.push(who);
        // The same error again after a retry that changed nothing: likely futile.
        const me = lineage.findIndex((a) => a.run.RunUuid === run.RunUuid);
        const before = me > 0 ? lineage[me - 1] : undefined;
        if (
            before &&
            (before.run.ErrorMessage ?? "") !== "" &&
            before.run.ErrorMessage === run.ErrorMessage &&
            effectiveOption(before.group, undefined, undefined) === effectiveOption(r.source, undefined, undefined) &&
            effectiveOption(r.source, r.wdlOption, r.nfOption) === effectiveOption(r.source, undefined, undefined)
        ) {
            repeated.push(`${who} failed again with the same error ("${clip(run.ErrorMessage ?? "")}") after a retry with the same options`);
        }
    }
    plan.retryLimit = r.retryLimit;
    plan.summary = summarize(r.source, r.groupFailed.length > 0 ? r.groupFailed : r.runs);
    const estimate = "(an estimate: Tencent reports no count; see retriesUsed in docs)";
    if (lastOnes.length > 0) {
        warnings.push(
            `this retry uses the last of ${r.retryLimit} retries of ${lastOnes.join(", ")} ${estimate}: a later retry of the group it makes will be refused (FailedOperation.RetryLimitExceeded)`,
        );
    }
    if (repeated.length > 0) {
        const hint = r.source.Type === "NEXTFLOW" ? "nfOption (e.g. resume, profile, config)" : "wdlOption (e.g. useCallCache, failureMode, useErrorOnHold)";
        warnings.push(`${repeated.join("; ")}: retrying unchanged is likely futile; consider overriding ${hint}, or fix the cause first`);
    }
    if (warnings.length > 0) plan.warnings = warnings;
    if (exhausted.length === 0) return undefined;
    return {
        runs: exhausted,
        message:
            `the retry limit (${r.retryLimit}, tencentcloud-omics:retryLimit) is reached for ${exhausted.join(", ")} ${estimate}: RetryRuns would fail with FailedOperation.RetryLimitExceeded. ` +
            `Submit a new run group for these samples instead (RunApplication / RunWorkflow)${plan.runs.length > exhausted.length ? ", or retry only the other runs (runUuids)" : ""}.`,
    };
}

/** "2 of 4 runs failed: executor error: task exited with status 1 (2)". */
export function summarize(group: RunGroup, failed: Run[]): string {
    const total = group.TotalRun ?? failed.length;
    const byError = new Map<string, number>();
    for (const run of failed) {
        const e = clip(run.ErrorMessage || "no error message");
        byError.set(e, (byError.get(e) ?? 0) + 1);
    }
    const errors = [...byError.entries()].sort((a, b) => b[1] - a[1]).map(([e, n]) => (n > 1 ? `${e} (${n})` : e));
    return `${failed.length} of ${total} runs failed: ${errors.join("; ")}`;
}
