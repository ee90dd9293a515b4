/**
 * `pulumi import tencentcloud-omics:index:RunRetryRecord <name> <newRunGroupId>` (or
 * `<projectId>/<newRunGroupId>`, for a group outside the region's default project): the read of a
 * retry that has no state yet. It makes read-only calls and never RetryRuns.
 *
 * Tencent's API has no "retried from" field, so the source is found by the same evidence the
 * recovery of an interrupted create weighs (provider/runRetry/recovery.ts): the source is the
 * newest group created before the imported one that shares its application, name, type,
 * environment and table, and whose failed runs include one run per imported run, paired by sample
 * ID (user-defined ID), input and table row. A group without such a source (a fresh submission)
 * is refused. A re-submission of exactly the failed samples of an earlier look-alike group, with
 * the same inputs, cannot be told from a retry by these reads.
 */
import type * as provider from "@pulumi/pulumi/provider";
import { settings } from "../provider/config/settings";
import { describeRuns, filters, type Run, type RunGroup } from "../provider/omics/client";
import { findRunGroup } from "../provider/omics/batcher";
import { describeError } from "../provider/omics/errors";
import { listLookalikes, lookalikeOf, timeOf } from "../provider/runRetry/intentRecord";
import { DEFAULTS, CREATE_DEFAULTS, type NfOption, type WdlOption } from "../provider/runRetry/inputs";
import { wdlRequest, nfRequest } from "../provider/runRetry/request";
import { countsOf } from "../provider/wait/status";
import { FAILED_RUN_STATUSES } from "../provider/omics/snapshot";
import { canonical, clean, type Bag } from "../provider/shared/values";
import type { NFOption as TencentNfOption, RunOption } from "../provider/omics/models";

/** The key that pairs a retried run with the failed run it re-runs. */
const pairKey = (r: Run): string => JSON.stringify([r.UserDefinedId ?? "", r.Input ?? "", r.TableRowUuid ?? ""]);

/** A failed run: one RetryRuns would re-run (the statuses planning uses). */
const isFailed = (r: Run): boolean => FAILED_RUN_STATUSES.includes(r.Status ?? "");

function wdlInput(o: RunOption): WdlOption {
    return clean({
        failureMode: o.FailureMode,
        useCallCache: o.UseCallCache,
        useErrorOnHold: o.UseErrorOnHold,
        finalWorkflowOutputsDir: o.FinalWorkflowOutputsDir,
        useRelativeOutputPaths: o.UseRelativeOutputPaths,
        addRunInfoToOutputDir: o.AddRunInfoToOutputDir,
    });
}

function nfInput(o: TencentNfOption): NfOption {
    return clean({ config: o.Config, profile: o.Profile, report: o.Report, resume: o.Resume, nfVersion: o.NFVersion, launchDir: o.LaunchDir });
}

/** Pairs every imported run with a distinct failed run of `source`; undefined when one has no partner. */
function pairRuns(imported: readonly Run[], sourceRuns: readonly Run[]): Run[] | undefined {
    const failed = new Map<string, Run[]>();
    for (const r of sourceRuns.filter(isFailed)) failed.set(pairKey(r), [...(failed.get(pairKey(r)) ?? []), r]);
    const paired: Run[] = [];
    for (const r of imported) {
        const partner = failed.get(pairKey(r))?.shift();
        if (!partner) return undefined;
        paired.push(partner);
    }
    return paired;
}

/** The source of `group` and the source runs it re-runs, or why there is none. */
async function findSource(
    region: string,
    projectId: string | undefined,
    group: RunGroup,
    runs: Run[],
): Promise<{ source: RunGroup; retried: Run[]; sourceRuns: Run[] } | string> {
    if (runs.length === 0) return "it has no runs";
    const created = timeOf(group.CreateTime);
    const earlier = (await listLookalikes(region, projectId, lookalikeOf(group)))
        .filter((g) => g.RunGroupId !== group.RunGroupId && g.EnvironmentId === group.EnvironmentId && (g.TableId ?? "") === (group.TableId ?? ""))
        .filter((g) => {
            const t = timeOf(g.CreateTime);
            return created === undefined || t === undefined || t <= created;
        })
        .sort((a, b) => (timeOf(b.CreateTime) ?? 0) - (timeOf(a.CreateTime) ?? 0));
    if (earlier.length === 0) return "no earlier run group shares its application, name, type, environment and table";
    for (const candidate of earlier) {
        const candidateRuns = await describeRuns(region, projectId, filters({ RunGroupId: [candidate.RunGroupId ?? ""] }));
        const retried = pairRuns(runs, candidateRuns);
        if (retried) return { source: candidate, retried, sourceRuns: candidateRuns };
    }
    return `none of the ${earlier.length} earlier look-alike group(s) has failed runs of the same samples (sample ID, input and table row)`;
}

/** importRetry rebuilds a RunRetryRecord's inputs and state from the group it names. */
export async function importRetry(importId: string, name: string): Promise<provider.ReadResult> {
    const label = `RunRetryRecord "${name}"`;
    const s = settings();
    if (s.error) throw new Error(`${label}: ${s.error}`);
    const m = /^(?:(prj-[\w-]+)\/)?(run-[\w-]+)$/.exec(importId.trim());
    if (!m)
        throw new Error(`${label}: cannot import "${importId}": expected a run group ID (run-...), or <projectId>/<runGroupId> outside the default project`);
    const projectId = m[1];
    const id = m[2];
    const region = s.region;
    if (!region) throw new Error(`${label}: cannot import ${id}: no region; set tencentcloud-omics:region or TENCENTCLOUD_REGION`);
    let group: RunGroup | undefined;
    let found: Awaited<ReturnType<typeof findSource>>;
    let runs: Run[];
    try {
        group = await findRunGroup(region, projectId, id);
        if (!group) throw new Error(`run group ${id} does not exist in ${projectId ?? "the default project"} of ${region}`);
        runs = await describeRuns(region, projectId, filters({ RunGroupId: [id] }));
        found = await findSource(region, projectId, group, runs);
    } catch (e) {
        throw new Error(describeError(e, name, `importing run group ${id} (read-only; nothing was retried)`, "RunRetryRecord"));
    }
    if (typeof found === "string") {
        throw new Error(
            `${label}: run group ${id} is not a retry (${found}): it looks like a fresh submission, which a RunRetryRecord cannot record. ` +
                "Import the group made by RetryRuns (tccli omics RetryRuns prints it as RunGroupId).",
        );
    }
    const { source, retried, sourceRuns } = found;
    const allFailed = sourceRuns.filter(isFailed).length === retried.length;
    const inputs: Bag = clean({
        runGroupId: source.RunGroupId,
        runUuids: allFailed ? undefined : retried.map((r) => r.RunUuid ?? "").sort(),
        // Only when the import named it: unset means the region's default project, where the group was found.
        projectId,
        region,
        wdlOption: group.Option && canonical(group.Option) !== canonical(source.Option) ? wdlInput(group.Option) : undefined,
        nfOption: group.NFOption && canonical(group.NFOption) !== canonical(source.NFOption) ? nfInput(group.NFOption) : undefined,
    });
    // Options that round-trip to what RetryRuns would send are kept; others would never match.
    if (inputs.wdlOption && canonical(wdlRequest(inputs.wdlOption as WdlOption)) !== canonical(group.Option)) delete inputs.wdlOption;
    if (inputs.nfOption && canonical(nfRequest(inputs.nfOption as NfOption)) !== canonical(group.NFOption)) delete inputs.nfOption;
    const props: Bag = clean({
        ...inputs,
        ...DEFAULTS,
        ...CREATE_DEFAULTS,
        newRunGroupId: id,
        requestId: "",
        retriedAt: group.CreateTime ?? "",
        status: group.Status ?? "UNKNOWN",
        runStatusCounts: countsOf(group),
        adopted: false,
    });
    return { id, props, inputs };
}
