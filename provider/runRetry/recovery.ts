/**
 * Recovery of an interrupted create: is there already a group that an earlier attempt of THIS
 * retry made (the process died after RetryRuns was applied, before the engine recorded the result),
 * or after an ambiguous RetryRuns answer, did this attempt take effect?
 *
 * Tencent's API has no idempotency token for RetryRuns and no "retried from" field, and it does not
 * document what a retried group looks like (its name, which run fields it copies, its option) or
 * how soon it is listed. So the answer is built from evidence, always read fresh (never from a
 * cache), over EVERY group of the project that appeared after the intent record (runRetry/intentRecord.ts:
 * judged on Tencent's clock, newest first, the listing stopping at the record's time), and it fails
 * safe: a second RetryRuns is sent only when no group could be the earlier attempt at all.
 *
 * Each such group is graded against the source and the planned runs:
 * - **strong**: the source's application, type, name, compute environment and table, the running
 *   option this retry sends (the override, or the source's own), and exactly the planned runs:
 *   one per planned failed run, paired by the run's user-defined ID (sample ID) with the same input
 *   and table row, every run on both sides carrying a sample ID.
 * - **partial**: the source's application and type, and at least one of its runs agrees with a
 *   planned run (no fact known on both sides, sample ID, input or table row, differs), or its runs
 *   are not listed yet; but it is not strong (another name, environment, table, option or run count,
 *   or sample IDs missing on either side).
 * - **other work**: another application or type, or every run contradicts every planned run (a
 *   nightly re-submission of the same samples with other inputs): never a candidate.
 *
 * Exactly one candidate, strong, is adopted (policy `adopt`); any partial candidate, or several,
 * stop the update with each candidate, what matched, what did not, and how to choose
 * (`adoptRunGroupId`, `recovery: "retry"`). Groups this resource recorded before (forced
 * replacements) and groups other resources of this process created are never candidates.
 */
import { type Filter, filters, type Run, type RunGroup } from "../omics/client";
import { freshList } from "../omics/batcher";
import { projectSnapshot } from "../omics/snapshot";
import { canonical } from "../shared/values";
import { appearedAfter, groupsSince, type IntentRecord, type Lookalike, tiesAtProjectSeenUntil } from "./intentRecord";
import type { NfOption, Plan, RecoveryPolicy, WdlOption } from "./inputs";
import { nfRequest, wdlRequest } from "./request";

/** A group that could be an earlier attempt of this retry. */
export interface Candidate {
    runGroupId: string;
    createTime?: string;
    status?: string;
    name?: string;
    /** strong: every trait and every run matches (adoptable on its own); partial: some match, others differ or cannot be checked. */
    evidence: "strong" | "partial";
    /** matched lists what this group shares with the retry (short phrases). */
    matched: string[];
    /** differed lists what differs or could not be checked (short phrases). */
    differed: string[];
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
 * The fields of `want` that `got` does not carry with the same value. Fields Tencent may fill in
 * with defaults on its side do not count against a group.
 */
function optionDifferences(got: unknown, want: object | undefined): string[] {
    if (!want) return [];
    const g = (typeof got === "object" && got !== null ? got : {}) as Record<string, unknown>;
    return Object.entries(want)
        .filter(([k, v]) => v !== undefined && canonical(g[k]) !== canonical(v))
        .map(([k]) => k);
}

/** The input of a run, in a comparable form (JSON inputs compare by value); "" when it has none. */
function inputKey(input: string | undefined): string {
    const text = input ?? "";
    if (text === "") return "";
    try {
        return canonical(JSON.parse(text));
    } catch {
        return JSON.stringify(text);
    }
}

/** What identifies a run's work; "" where the run does not carry it. */
interface Facts {
    userDefinedId: string;
    input: string;
    row: string;
}

const FACT_NAMES: Record<keyof Facts, string> = { userDefinedId: "sample ID", input: "input", row: "table row" };

const factsOf = (r: Run | undefined): Facts => ({ userDefinedId: r?.UserDefinedId ?? "", input: inputKey(r?.Input), row: r?.TableRowUuid ?? "" });

/** The facts both runs carry; `agree` when none of them differs. */
function compareRuns(p: Facts, r: Facts): { agree: boolean; shared: (keyof Facts)[] } {
    const shared = (Object.keys(FACT_NAMES) as (keyof Facts)[]).filter((k) => p[k] !== "" && r[k] !== "");
    return { agree: shared.every((k) => p[k] === r[k]), shared };
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
     * groups: `fresh` (create: a listing that starts now, newest first down to the record's time)
     * or `snapshot` (check: the process-wide project snapshot, for the preview's plan; create
     * decides again from fresh data). Candidates' runs are always read fresh.
     */
    groups?: "fresh" | "snapshot";
}

/** The traits every attempt of this retry shares with its source ("" where the source has none). */
function traitsOf(a: ScanArgs, source: RunGroup | undefined): Required<Lookalike> {
    const l = a.intent.lookalike;
    return {
        applicationId: source?.ApplicationId ?? l?.applicationId ?? a.plan.applicationId ?? "",
        name: source?.Name ?? l?.name ?? a.plan.groupName ?? "",
        type: source?.Type ?? l?.type ?? a.plan.type ?? "",
    };
}

/** Same application and workflow type: the least any attempt of this retry shares with its source. */
const sameWork = (g: RunGroup, t: Required<Lookalike>): boolean => (g.ApplicationId ?? "") === t.applicationId && (!t.type || !g.Type || g.Type === t.type);

/** grade weighs one group that appeared after the record: a candidate, or undefined for other work. */
function grade(
    g: RunGroup,
    runs: readonly Run[],
    planned: readonly Facts[],
    traits: Required<Lookalike>,
    source: RunGroup | undefined,
    a: ScanArgs,
): Candidate | undefined {
    // Another application or workflow type is other work, whatever else it shares.
    if (!sameWork(g, traits)) return undefined;
    const matched: string[] = [traits.applicationId ? `application ${traits.applicationId}` : "no application (a workflow run)"];
    const differed: string[] = [];
    const trait = (what: string, got: string | undefined, want: string | undefined): boolean => {
        if ((got ?? "") === (want ?? "")) {
            matched.push(what);
            return true;
        }
        differed.push(`${what} ${JSON.stringify(got ?? "")} (the source's is ${JSON.stringify(want ?? "")})`);
        return false;
    };
    let same = trait("name", g.Name, traits.name);
    if (source) {
        same = trait("environment", g.EnvironmentId, source.EnvironmentId) && same;
        same = trait("table", g.TableId, source.TableId) && same;
    } else {
        differed.push("environment and table not checked (the source group is not listed)");
        same = false;
    }
    const wantedOption = a.wdlOption ? wdlRequest(a.wdlOption) : source?.Option;
    const wantedNf = a.nfOption ? nfRequest(a.nfOption) : source?.NFOption;
    const optionDiff = [...optionDifferences(g.Option, wantedOption), ...optionDifferences(g.NFOption, wantedNf)];
    if (optionDiff.length === 0) matched.push("running option");
    else {
        differed.push(`running option (${optionDiff.join(", ")} differ from what this retry sends)`);
        same = false;
    }

    const got = runs.map(factsOf);
    if (got.length === 0) {
        differed.push("its runs are not listed (yet): they cannot be compared");
        return candidate(g, "partial", matched, differed);
    }
    const agreeing = got.filter((r) => planned.some((p) => compareRuns(p, r).agree));
    if (agreeing.length === 0) return undefined;
    const by = new Set(agreeing.flatMap((r) => planned.flatMap((p) => compareRuns(p, r).shared)));
    matched.push(
        `${agreeing.length} of ${got.length} run(s) agree with a planned run${by.size > 0 ? ` (by ${[...by].map((k) => FACT_NAMES[k]).join(", ")})` : " (they carry no sample ID, input or table row to compare)"}`,
    );
    if (agreeing.length < got.length) differed.push(`${got.length - agreeing.length} run(s) match no planned run`);
    if (got.length !== planned.length) differed.push(`${got.length} run(s) where ${planned.length} were planned`);
    const idsOnPlanned = planned.every((p) => p.userDefinedId !== "");
    const idsOnGot = got.every((r) => r.userDefinedId !== "");
    if (!idsOnPlanned) differed.push("the planned runs carry no sample ID (UserDefinedId)");
    if (!idsOnGot) differed.push("its runs carry no sample ID (UserDefinedId)");
    const key = (f: Facts): string => JSON.stringify([f.userDefinedId, f.input, f.row]);
    const exact = idsOnPlanned && idsOnGot && got.length === planned.length && multiset(got.map(key)) === multiset(planned.map(key));
    if (idsOnPlanned && idsOnGot && !exact && agreeing.length === got.length && got.length === planned.length) {
        differed.push("the runs do not pair one to one by sample ID, input and table row");
    }
    return candidate(g, same && exact ? "strong" : "partial", matched, differed);
}

function candidate(g: RunGroup, evidence: Candidate["evidence"], matched: string[], differed: string[]): Candidate {
    return {
        runGroupId: g.RunGroupId as string,
        evidence,
        matched,
        differed,
        ...(g.CreateTime ? { createTime: g.CreateTime } : {}),
        ...(g.Status ? { status: g.Status } : {}),
        ...(g.Name ? { name: g.Name } : {}),
    };
}

/** scan lists the groups that appeared after the intent record and grades each one. */
export async function scan(a: ScanArgs): Promise<Scan> {
    const projectId = a.projectId ?? a.intent.projectId ?? a.plan.projectId;
    const groups =
        a.groups === "snapshot"
            ? [...(await projectSnapshot(a.region, projectId)).groups.values()]
            : await groupsSince({ ...a.intent, region: a.region }, projectId);
    const exclude = new Set([...(a.exclude ?? []), ...claimedByOthers(a.owner), a.plan.runGroupId]);
    const ties = tiesAtProjectSeenUntil(a.intent, groups);
    const fresh = groups.filter((g) => !exclude.has(g.RunGroupId ?? "") && appearedAfter(a.intent, g, ties));
    // The source is read with the candidates' runs below; a bounded listing may not reach it.
    let source = groups.find((g) => g.RunGroupId === a.plan.runGroupId);
    if (fresh.length === 0) return { ...(source ? { source } : {}), candidates: [], rejected: 0 };
    const traitsBefore = traitsOf(a, source);
    const possible = fresh.filter((g) => sameWork(g, traitsBefore));
    let rejected = fresh.length - possible.length;
    if (possible.length === 0) return { ...(source ? { source } : {}), candidates: [], rejected };

    // One listing for the source's runs and every possible group's runs (and the source when the bounded listing missed it).
    const ids = [a.plan.runGroupId, ...possible.map((g) => g.RunGroupId as string)];
    const sourceFilter: Filter[] = [{ Name: "RunGroupId", Values: [a.plan.runGroupId] }];
    const [runs, sourceListed] = await Promise.all([
        freshList("DescribeRuns", a.region, projectId, filters({ RunGroupId: ids })),
        source ? Promise.resolve([source]) : freshList("DescribeRunGroups", a.region, projectId, sourceFilter),
    ]);
    source ??= sourceListed.find((g) => g.RunGroupId === a.plan.runGroupId);
    const traits = traitsOf(a, source);
    const byGroup = new Map<string, Run[]>();
    for (const r of runs) byGroup.set(r.RunGroupId ?? "", [...(byGroup.get(r.RunGroupId ?? "") ?? []), r]);
    const sourceRuns = new Map((byGroup.get(a.plan.runGroupId) ?? []).map((r) => [r.RunUuid ?? "", r]));
    const planned = a.plan.runs.map((p) => {
        const r = sourceRuns.get(p.runUuid);
        return { ...factsOf(r), userDefinedId: r?.UserDefinedId ?? p.userDefinedId ?? "" };
    });

    const candidates: Candidate[] = [];
    for (const g of possible) {
        const c = grade(g, byGroup.get(g.RunGroupId as string) ?? [], planned, traits, source, a);
        if (c) candidates.push(c);
        else rejected += 1;
    }
    candidates.sort((x, y) => (x.createTime ?? "").localeCompare(y.createTime ?? "") || x.runGroupId.localeCompare(y.runGroupId));
    return { ...(source ? { source } : {}), candidates, rejected };
}

export type Decision = { kind: "retry"; why: string } | { kind: "adopt"; candidate: Candidate; why: string } | { kind: "refuse"; message: string };

const describeCandidate = (c: Candidate): string =>
    `${c.runGroupId} (created ${c.createTime ?? "at an unknown time"}${c.status ? `, ${c.status}` : ""}; ${c.evidence} evidence: ` +
    `matched ${c.matched.join(", ")}${c.differed.length > 0 ? `; differs or unknown: ${c.differed.join("; ")}` : ""})`;

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
                `adoptRunGroupId ${adoptRunGroupId} is not a group this retry could have made (one created after the intent was recorded, with the application of ${sourceId} and runs that agree with the planned ones). ` +
                (s.candidates.length > 0 ? `Candidates: ${list}.` : "There are no candidates: remove adoptRunGroupId to retry."),
        };
    }
    if (s.candidates.length === 0) {
        const others = s.rejected > 0 ? ` (${s.rejected} newer group(s) are other work: another application, or runs that match none of the planned ones)` : "";
        return { kind: "retry", why: `no earlier attempt of this retry exists${others}` };
    }
    if (policy === "retry") return { kind: "retry", why: `recovery is "retry": ${s.candidates.length} possible earlier attempt(s) ignored: ${list}` };
    const how =
        `To keep one of them as this retry, set adoptRunGroupId to its ID; to retry anyway, set recovery: "retry"; ` +
        `a group that is not this retry can be terminated in the Omics console or left alone.`;
    if (policy === "fail") {
        return {
            kind: "refuse",
            message: `recovery is "fail" and ${s.candidates.length} group(s) created since the intent was recorded look like an earlier attempt of this retry of ${sourceId}: ${list}. ${how}`,
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
    const partial = s.candidates.some((c) => c.evidence === "partial");
    return {
        kind: "refuse",
        message:
            `${s.candidates.length} group(s) created since the intent was recorded could be an earlier attempt of this retry of ${sourceId}` +
            `${partial ? ", and the evidence is not conclusive (Tencent does not document what a retried group looks like)" : ""}: ${list}. Not retrying. ${how}`,
    };
}
