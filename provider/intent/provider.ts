/**
 * RunRetryIntent (`pulumi-nodejs:dynamic/omics:RunRetryIntent`): the companion every RunRetry
 * creates first. Its create makes read-only calls and records the source lineage as it is before
 * the first attempt (runRetry/intentRecord.ts); the engine checkpoints it before the RunRetry's create can
 * start. It is replaced whenever what its RunRetry retries changes (the same keys), so each new
 * retry gets a fresh record. Refresh and delete make no call.
 */
import { randomBytes } from "node:crypto";
import { configureFrom, settings } from "../config/settings";
import { describeError, isNotFound } from "../omics/errors";
import { describeRuns, filters, type RunGroup } from "../omics/client";
import { findRunGroup, freshList } from "../omics/batcher";
import { projectSnapshot } from "../omics/snapshot";
import { createHash } from "node:crypto";
import { UNKNOWN, canonical, clean, containsUnknown, hasOlds, resourceName, type Bag } from "../shared/values";
import { startHostGuards } from "../host/guards";
import { checkpointProblem } from "../host/checkpoints";
import { REPLACE_KEYS, normalize } from "../runRetry/inputs";
import { validate } from "../runRetry/validate";
import { lookalikeOf, rememberRecorded, seenState, type IntentRecord } from "../runRetry/intentRecord";
import type * as pulumi from "@pulumi/pulumi";

const label = (name: string | undefined): string => (name ? `RunRetry "${name}"` : "RunRetry");

/**
 * The inputs an intent keeps: a digest of what defines its retry (a change replaces the intent,
 * exactly when it replaces the RunRetry), and what finding the source needs. Keeping a digest
 * instead of the values keeps the state small (a retry of 100 runs would otherwise store their
 * UUIDs twice more).
 */
function intentInputs(raw: Bag, olds: Bag): Bag {
    const all = normalize(raw);
    if (all.region === undefined) {
        const region = typeof olds.region === "string" ? olds.region : settings().region;
        if (region) all.region = region;
    }
    const defining = Object.fromEntries(REPLACE_KEYS.map((k) => [k, all[k]]));
    const out: Bag = {
        retryKey: containsUnknown(defining) ? UNKNOWN : createHash("sha256").update(canonical(defining)).digest("base64url").slice(0, 22),
    };
    for (const k of ["runGroupId", "projectId", "region", "__resourceName"]) if (all[k] !== undefined) out[k] = all[k];
    if (out.runGroupId === undefined && Array.isArray(all.runUuids)) out.runUuid = all.runUuids[0];
    return out;
}

/**
 * Finds the source group of a retry by its id, or through its runs: from the process-wide project
 * snapshot (a group's traits never change), else read fresh. `fromSnapshot` says which.
 */
async function findSource(inp: Bag): Promise<{ source?: RunGroup; fromSnapshot: boolean }> {
    const region = inp.region as string;
    const projectId = inp.projectId as string | undefined;
    const snap = await projectSnapshot(region, projectId);
    let groupId = typeof inp.runGroupId === "string" ? inp.runGroupId : undefined;
    if (!groupId) {
        const first = typeof inp.runUuid === "string" ? inp.runUuid : "";
        groupId = snap.failedRuns.get(first)?.RunGroupId ?? (await describeRuns(region, projectId, filters({ RunUuid: [first] })))[0]?.RunGroupId;
    }
    if (!groupId) return { fromSnapshot: false };
    const cached = snap.groups.get(groupId);
    if (cached) return { source: cached, fromSnapshot: true };
    const fresh = await findRunGroup(region, projectId, groupId);
    return { ...(fresh ? { source: fresh } : {}), fromSnapshot: false };
}

/**
 * record reads the source and the project's groups and returns the intent record. Both come from
 * the project snapshot when it holds the source: the snapshot was listed by this process before the
 * retry's first attempt can start (its create waits for this record), so every group it lists did
 * exist before that attempt, which is all the record must guarantee. A group made by someone else
 * between the listing and the attempt only widens the set the recovery weighs, never hides an
 * attempt. When the snapshot predates the source, the project's groups are listed fresh.
 */
export async function recordIntent(inp: Bag): Promise<IntentRecord> {
    const region = inp.region as string;
    const base: IntentRecord = {
        intentId: `rri-${randomBytes(8).toString("hex")}`,
        recordedAt: new Date().toISOString(),
        region,
        seenRecent: [],
        ...(typeof inp.projectId === "string" ? { projectId: inp.projectId } : {}),
    };
    let found: { source?: RunGroup; fromSnapshot: boolean } = { fromSnapshot: false };
    try {
        found = await findSource(inp);
    } catch (e) {
        // A missing project or run is the RunRetry's to report (its plan names the field);
        // the record then says the source was not found.
        if (!isNotFound(e)) throw e;
    }
    const source = found.source;
    if (!source?.RunGroupId) return base;
    const projectId = (inp.projectId as string | undefined) ?? source.ProjectId;
    const lookalike = lookalikeOf(source);
    // Every group of the project (a retried group's name is undocumented): the snapshot has them all.
    const groups = found.fromSnapshot
        ? [...(await projectSnapshot(region, inp.projectId as string | undefined)).groups.values()]
        : await freshList("DescribeRunGroups", region, projectId, []);
    return clean({ ...base, ...(projectId ? { projectId } : {}), sourceRunGroupId: source.RunGroupId, lookalike, ...seenState(groups, lookalike) });
}

export const runRetryIntentProvider = {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        configureFrom(req.config);
        startHostGuards();
    },
    async check(olds: Bag, news: Bag): Promise<{ inputs: Bag; failures: { property: string; reason: string }[] }> {
        // The same validation as the RunRetry's, on what defines the retry: an intent is created
        // first, so bad inputs are named here, before any call.
        const region = hasOlds(olds) && typeof olds.region === "string" ? olds.region : settings().region;
        const full = normalize(news ?? {});
        if (full.region === undefined && region) full.region = region;
        const failures = validate(
            Object.fromEntries(Object.entries(full).filter(([k]) => (REPLACE_KEYS as readonly string[]).includes(k) || k === "__resourceName")),
        );
        const inputs = intentInputs(news ?? {}, olds ?? {});
        // A new record is made only for a retry about to be created: refused when the engine would not checkpoint it first.
        const unsafe = failures.length === 0 && (!hasOlds(olds) || olds.retryKey !== inputs.retryKey) ? checkpointProblem() : undefined;
        if (unsafe) failures.push({ property: "PULUMI_SKIP_CHECKPOINTS", reason: `${label(resourceName(news ?? {}))}: ${unsafe}` });
        return { inputs, failures };
    },
    async diff(_id: string, olds: Bag, news: Bag) {
        const changed = hasOlds(olds) && (news?.retryKey === UNKNOWN || olds?.retryKey !== news?.retryKey);
        return { changes: changed, replaces: changed ? ["retryKey"] : [], deleteBeforeReplace: false };
    },
    async create(raw: Bag): Promise<{ id: string; outs: Bag }> {
        const inp = raw.retryKey !== undefined ? { ...raw } : intentInputs(raw, {});
        delete inp.__provider;
        const name = resourceName(raw);
        if (typeof inp.region !== "string" || (typeof inp.runGroupId !== "string" && typeof inp.runUuid !== "string")) {
            throw new Error(`${label(name)}: invalid inputs: a region and a run group (or run) are required`);
        }
        const err = settings().error;
        if (err) throw new Error(`${label(name)}: ${err}`);
        let record: IntentRecord;
        try {
            record = await recordIntent(inp);
        } catch (e) {
            throw new Error(describeError(e, name, "recording the source's run groups before the retry (read-only; nothing was retried)"));
        }
        rememberRecorded(record.intentId);
        return { id: record.intentId, outs: { ...inp, record } };
    },
    async read(id: string, props?: Bag) {
        return { id, props: props ?? {} };
    },
    async update(_id: string, olds: Bag, news: Bag): Promise<{ outs: Bag }> {
        const inp = { ...(news ?? {}) };
        delete inp.__provider;
        return { outs: { ...inp, record: olds?.record } };
    },
    async delete(): Promise<void> {
        // A record of the past: nothing to undo upstream.
    },
} satisfies pulumi.dynamic.ResourceProvider<Bag, Bag>;
