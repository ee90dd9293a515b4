/**
 * After an ambiguous RetryRuns (sent, answer lost), find out whether it was applied before doing
 * anything else. RetryRuns copies the retried group's ApplicationId and Name onto the new group,
 * and each retried run's UserDefinedId onto its new run (emulator assumption, consistent with the
 * console's behaviour): a group with those traits that did not exist before the attempt is the
 * retry.
 */
import { describeRunGroups, describeRuns, filters, type RunGroup } from "../omics/client";
import type { Plan } from "./inputs";
import { timing } from "./timing";

export interface Lineage {
    region: string;
    projectId?: string;
    plan: Plan;
}

function lookalikeFilters(plan: Plan) {
    return filters({
        ...(plan.applicationId ? { ApplicationId: [plan.applicationId] } : {}),
        ...(plan.groupName ? { Name: [plan.groupName] } : {}),
        ...(plan.type ? { Type: [plan.type] } : {}),
    });
}

/** snapshot lists the IDs of groups that look like a retry of plan.runGroupId, before the attempt. */
export async function snapshot(l: Lineage): Promise<Set<string>> {
    const groups = await describeRunGroups(l.region, l.projectId, lookalikeFilters(l.plan));
    return new Set(groups.map((g) => g.RunGroupId ?? ""));
}

export type Reconciled =
    | { kind: "found"; runGroupId: string }
    | { kind: "none" }
    | { kind: "unclear"; candidates: string[] };

/** reconcile compares the groups now present with the snapshot taken before the attempt. */
export async function reconcile(l: Lineage, before: Set<string>): Promise<Reconciled> {
    await timing.clock.sleep(timing.reconcileDelayMs);
    const after = await describeRunGroups(l.region, l.projectId, lookalikeFilters(l.plan));
    const fresh = after.filter((g: RunGroup) => g.RunGroupId && !before.has(g.RunGroupId) && g.RunGroupId !== l.plan.runGroupId);
    if (fresh.length === 0) return { kind: "none" };

    const wanted = l.plan.runs.map((r) => r.userDefinedId);
    const conclusive = wanted.every((w) => w !== undefined && w !== "");
    const want = JSON.stringify([...wanted].sort());
    const matching: string[] = [];
    for (const g of fresh) {
        const runs = await describeRuns(l.region, l.projectId, filters({ RunGroupId: [g.RunGroupId as string] }));
        const same = conclusive
            ? JSON.stringify(runs.map((r) => r.UserDefinedId).sort()) === want
            : runs.length === l.plan.runs.length;
        if (same) matching.push(g.RunGroupId as string);
    }
    if (matching.length === 1) return { kind: "found", runGroupId: matching[0] as string };
    // Fresh groups whose runs are provably other work do not count as this retry.
    if (matching.length === 0 && conclusive) return { kind: "none" };
    return { kind: "unclear", candidates: (matching.length > 0 ? matching : fresh.map((g) => g.RunGroupId as string)).sort() };
}
