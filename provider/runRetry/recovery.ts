/**
 * Recovery of an interrupted create: is there already a group that an earlier attempt of THIS
 * retry made (the process died after RetryRuns was applied, before the engine recorded the result),
 * or after an ambiguous RetryRuns answer, did this attempt take effect?
 *
 * Tencent's API has no idempotency token for RetryRuns and no "retried from" field, so the answer
 * is built from evidence, always read fresh (never from a cache):
 *
 * 1. Time, judged on Tencent's clock: the group appeared after the intent record that the
 *    companion RunRetryIntent made before the first attempt (intent/record.ts).
 * 2. Same source: it shares the source group's application, name and type (the listing's filters),
 *    its compute environment and table, and its running option is the one this retry sends (the
 *    override, or the source's own).
 * 3. Exactly the planned runs: one run per planned failed run, paired by the run's user-defined ID
 *    (sample ID) with the same input and table row. A retry re-runs the same inputs, so a
 *    re-submission of the same samples with other inputs (a nightly pipeline's next night) is
 *    not it.
 *
 * Evidence is strong when every planned run has a user-defined ID; without one, runs can only be
 * paired by input, which is weak. Exactly one strong candidate is adopted (policy `adopt`); several
 * candidates, or any weak one, stop the update with the list and how to choose. Groups this
 * resource recorded before (forced replacements) and groups other resources of this process
 * created are never candidates.
 */
import { filters, type Run, type RunGroup } from "../omics/client";
import { freshList } from "../omics/batcher";
import { projectSnapshot } from "../omics/snapshot";
import { canonical } from "../shared/values";
import { appearedAfter, listLookalikes, sharesTraits, type IntentRecord } from "../intent/record";
import type { NfOption, Plan, RecoveryPolicy, WdlOption } from "./inputs";
import { nfRequest, wdlRequest } from "./request";

/** A group that could be an earlier attempt of this retry. */
export interface Candidate {
    runGroupId: string;
    createTime?: string;
    status?: string;
    /** strong: runs paired by user-defined ID, input and table row; weak: by input and table row only. */
    evidence: "strong" | "weak";
}

export interface Scan {
    /** source is the retried group as listed now (fresh), when the listing holds it. */
    source?: RunGroup;
    candidates: Candidate[];
    /** rejected counts groups that appeared after the record but are provably other work. */
    rejected: number;
}

/** Groups claimed (created or adopted) by resources of this process: never another resource's attempt. */
const claimed = new Map<string, string>();

/** claim records that `owner` (a resource name) created or adopted `runGroupId` in this process. */
export function claim(runGroupId: string, owner: string | undefined): void {
    claimed.set(runGroupId, owner ?? "");
}

/** Forgets every claim, as a new process would (tests). @internal */
export function forgetClaims(): void {
    claimed.clear();
}

function claimedByOthers(owner: string | undefined): string[] {
    return [...claimed.entries()].filter(([, o]) => o !== (owner ?? "")).map(([id]) => id);
}

/**
 * True when `got` carries every field `want` sets, with the same value. Fields Tencent may fill in
 * with defaults on its side do not count against a group.
 */
function carriesOption(got: unknown, want: object | undefined): boolean {
    if (!want) return true;
    const g = (typeof got === "object" && got !== null ? got : {}) as Record<string, unknown>;
    return Object.entries(want).every(([k, v]) => v === undefined || canonical(g[k]) === canonical(v));
}

/** The input of a run, in a comparable form (JSON inputs compare by value). */
function inputKey(input: string | undefined): string {
    const text = input ?? "";
    try {
        return canonical(JSON.parse(text));
    } catch {
        return JSON.stringify(text);
    }
}

function multiset(keys: string[]): string {
    return JSON.stringify([...keys].sort());
}

export interface ScanArgs {
    region: string;
    projectId?: string;
    intent: IntentRecord;
    plan: Plan;
    wdlOption?: WdlOption;
    nfOption?: NfOption;
    /** owner is the resource name (its own earlier claims stay candidates). */
    owner?: string;
    /** exclude lists groups that are known not to be an attempt of this create. */
    exclude?: readonly string[];
    /**
     * groups: `fresh` (create: a listing that starts now, coalesced with concurrent creates) or
     * `snapshot` (check: the process-wide project snapshot, for the preview's plan; create decides
     * again from fresh data). Candidates' runs are always read fresh.
     */
    groups?: "fresh" | "snapshot";
}

/** scan lists the groups that appeared after the intent record and weighs each one. */
export async function scan(a: ScanArgs): Promise<Scan> {
    const projectId = a.projectId ?? a.intent.projectId ?? a.plan.projectId;
    const lookalike = a.intent.lookalike ?? {
        ...(a.plan.applicationId ? { applicationId: a.plan.applicationId } : {}),
        ...(a.plan.groupName ? { name: a.plan.groupName } : {}),
        ...(a.plan.type ? { type: a.plan.type } : {}),
    };
    const groups =
        a.groups === "snapshot"
            ? [...(await projectSnapshot(a.region, projectId)).groups.values()].filter((g) => sharesTraits(g, lookalike))
            : await listLookalikes(a.region, projectId, lookalike);
    const source = groups.find((g) => g.RunGroupId === a.plan.runGroupId);
    const exclude = new Set([...(a.exclude ?? []), ...claimedByOthers(a.owner), a.plan.runGroupId]);
    const fresh = groups.filter((g) => !exclude.has(g.RunGroupId ?? "") && appearedAfter(a.intent, g));
    if (fresh.length === 0) return { ...(source ? { source } : {}), candidates: [], rejected: 0 };

    // Group-level traits: environment, table and the running option the retry would carry.
    const wantedOption = a.wdlOption ? wdlRequest(a.wdlOption) : source?.Option;
    const wantedNf = a.nfOption ? nfRequest(a.nfOption) : source?.NFOption;
    const sameGroup = (g: RunGroup): boolean =>
        (!source || ((g.EnvironmentId ?? "") === (source.EnvironmentId ?? "") && (g.TableId ?? "") === (source.TableId ?? ""))) &&
        carriesOption(g.Option, wantedOption) &&
        carriesOption(g.NFOption, wantedNf);
    const plausible = fresh.filter(sameGroup);
    let rejected = fresh.length - plausible.length;
    if (plausible.length === 0) return { ...(source ? { source } : {}), candidates: [], rejected };

    // One listing for the source's runs and every plausible group's runs.
    const ids = [a.plan.runGroupId, ...plausible.map((g) => g.RunGroupId as string)];
    const runs = await freshList("DescribeRuns", a.region, projectId, filters({ RunGroupId: ids }));
    const byGroup = new Map<string, Run[]>();
    for (const r of runs) byGroup.set(r.RunGroupId ?? "", [...(byGroup.get(r.RunGroupId ?? "") ?? []), r]);
    const sourceRuns = new Map((byGroup.get(a.plan.runGroupId) ?? []).map((r) => [r.RunUuid ?? "", r]));
    const planned = a.plan.runs.map((p) => {
        const r = sourceRuns.get(p.runUuid);
        return { userDefinedId: r?.UserDefinedId ?? p.userDefinedId ?? "", input: inputKey(r?.Input), row: r?.TableRowUuid ?? "" };
    });
    const strong = planned.every((p) => p.userDefinedId !== "");
    const key = (p: { userDefinedId: string; input: string; row: string }): string =>
        strong ? JSON.stringify([p.userDefinedId, p.input, p.row]) : JSON.stringify([p.input, p.row]);
    const want = multiset(planned.map(key));

    const candidates: Candidate[] = [];
    for (const g of plausible) {
        const got = (byGroup.get(g.RunGroupId as string) ?? []).map((r) => ({
            userDefinedId: r.UserDefinedId ?? "",
            input: inputKey(r.Input),
            row: r.TableRowUuid ?? "",
        }));
        if (got.length === planned.length && multiset(got.map(key)) === want) {
            candidates.push({
                runGroupId: g.RunGroupId as string,
                evidence: strong ? "strong" : "weak",
                ...(g.CreateTime ? { createTime: g.CreateTime } : {}),
                ...(g.Status ? { status: g.Status } : {}),
            });
        } else {
            rejected += 1;
        }
    }
    candidates.sort((x, y) => (x.createTime ?? "").localeCompare(y.createTime ?? "") || x.runGroupId.localeCompare(y.runGroupId));
    return { ...(source ? { source } : {}), candidates, rejected };
}

export type Decision = { kind: "retry"; why: string } | { kind: "adopt"; candidate: Candidate; why: string } | { kind: "refuse"; message: string };

const describeCandidate = (c: Candidate): string =>
    `${c.runGroupId} (created ${c.createTime ?? "at an unknown time"}${c.status ? `, ${c.status}` : ""}; ${c.evidence === "strong" ? "runs match by sample ID, input and table row" : "runs match by input only: they have no sample ID"})`;

/**
 * decide applies the policy to a scan. `adoptRunGroupId` (an input) picks one candidate by hand.
 * The wording is shown in preview (the plan) and in errors, so it says what to do next.
 */
export function decide(s: Scan, policy: RecoveryPolicy, sourceId: string, adoptRunGroupId?: string): Decision {
    const list = s.candidates.map(describeCandidate).join("; ");
    if (adoptRunGroupId) {
        const chosen = s.candidates.find((c) => c.runGroupId === adoptRunGroupId);
        if (chosen) return { kind: "adopt", candidate: chosen, why: `adoptRunGroupId names ${describeCandidate(chosen)}, an earlier attempt of this retry` };
        return {
            kind: "refuse",
            message:
                `adoptRunGroupId ${adoptRunGroupId} is not a group this retry could have made (one created from ${sourceId} after the intent was recorded, with exactly the planned runs). ` +
                (s.candidates.length > 0 ? `Candidates: ${list}.` : "There are no candidates: remove adoptRunGroupId to retry."),
        };
    }
    if (s.candidates.length === 0) {
        const others = s.rejected > 0 ? ` (${s.rejected} newer look-alike group(s) are other work: different runs, inputs or options)` : "";
        return { kind: "retry", why: `no earlier attempt of this retry exists${others}` };
    }
    if (policy === "retry") return { kind: "retry", why: `recovery is "retry": ${s.candidates.length} possible earlier attempt(s) ignored: ${list}` };
    const how =
        `To keep one of them as this retry, set adoptRunGroupId to its ID; to retry anyway, set recovery: "retry"; ` +
        `a group that is not this retry can be terminated in the Omics console or left alone.`;
    if (policy === "fail") {
        return {
            kind: "refuse",
            message: `recovery is "fail" and ${s.candidates.length} group(s) created from ${sourceId} since the intent was recorded look like an earlier attempt of this retry: ${list}. ${how}`,
        };
    }
    const [only] = s.candidates;
    if (s.candidates.length === 1 && only && only.evidence === "strong") {
        return {
            kind: "adopt",
            candidate: only,
            why:
                `this retry was already made: ${describeCandidate(only)}, after its intent was recorded (an earlier attempt interrupted after RetryRuns took effect, ` +
                `or the recorded retry being replaced with \`--replace\`/taint); to retry again instead, change \`triggers\``,
        };
    }
    const weak = s.candidates.some((c) => c.evidence === "weak");
    return {
        kind: "refuse",
        message:
            `${s.candidates.length} group(s) created from ${sourceId} since the intent was recorded could be an earlier attempt of this retry` +
            `${weak ? ", and the evidence is too weak to tell (runs without a sample ID)" : ""}: ${list}. Not retrying. ${how}`,
    };
}
