import * as assert from "node:assert/strict";
import type { Run, RunGroup } from "../../../provider/omics/models";
import type { ProjectSnapshot } from "../../../provider/omics/snapshot";
import type { Plan } from "../../../provider/runRetry/inputs";
import { review, summarize } from "../../../provider/runRetry/review";

/** A lineage: group i (created i hours after the first) holds one failed run of sample `s1`. */
function world(attempts: number, errors: string[] = []): { snap: ProjectSnapshot; groups: RunGroup[]; runs: Run[] } {
    const groups: RunGroup[] = [];
    const runs: Run[] = [];
    for (let i = 0; i < attempts; i++) {
        const id = `run-g-${i}`;
        groups.push({
            RunGroupId: id,
            ApplicationId: "app-a",
            Name: "nightly",
            Type: "WDL",
            TotalRun: i === 0 ? 3 : 1,
            CreateTime: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
            Option: { FailureMode: "NoNewCalls", UseCallCache: true, UseErrorOnHold: false },
        });
        runs.push({
            RunUuid: `u-${i}`,
            RunGroupId: id,
            UserDefinedId: "s1",
            Input: '{"sample": "s1"}',
            TableRowUuid: "",
            Status: "EXECUTOR_ERROR",
            ErrorMessage: errors[i] ?? "executor error: task exited with status 1",
        });
    }
    // A look-alike of another application and a run of another sample never count.
    groups.push({ RunGroupId: "run-other", ApplicationId: "app-b", Name: "nightly", Type: "WDL", CreateTime: "2026-01-02T00:00:00Z" });
    runs.push({ RunUuid: "u-other", RunGroupId: "run-other", UserDefinedId: "s1", Input: '{"sample": "s1"}', Status: "EXECUTOR_ERROR" });
    runs.push({ RunUuid: "u-s2", RunGroupId: "run-g-0", UserDefinedId: "s2", Input: '{"sample": "s2"}', Status: "EXECUTOR_ERROR" });
    return {
        snap: {
            region: "ap-guangzhou",
            loadedAt: 0,
            groups: new Map(groups.map((g) => [g.RunGroupId as string, g])),
            failedRuns: new Map(runs.map((r) => [r.RunUuid as string, r])),
        },
        groups,
        runs,
    };
}

function planFor(run: Run): Plan {
    return {
        runGroupId: run.RunGroupId as string,
        groupStatus: "COMPLETE_ERROR",
        runs: [{ runUuid: run.RunUuid as string, status: "EXECUTOR_ERROR", userDefinedId: "s1" }],
    };
}

describe("review: what a reviewer sees in the plan", () => {
    it("counts the lineage's retries used (an estimate from the failed runs listed), with each run's error", () => {
        const { snap, groups, runs } = world(2, ["out of memory in task align", "out of memory in task align (again)"]);
        const plan = planFor(runs[1]!);
        const limit = review(plan, { snap, source: groups[1]!, runs: [runs[1]!], groupFailed: [runs[1]!], retryLimit: 3 });
        assert.equal(limit, undefined);
        assert.equal(plan.runs[0]!.retriesUsed, 1);
        assert.equal(plan.runs[0]!.errorMessage, "out of memory in task align (again)");
        assert.equal(plan.retryLimit, 3);
        assert.equal(plan.summary, "1 of 1 runs failed: out of memory in task align (again)");
        assert.equal(plan.warnings, undefined, "different errors: no repeated-failure warning");
    });

    it("says when this retry uses the lineage's last retry", () => {
        const { snap, groups, runs } = world(3, ["e1", "e2", "e3"]);
        const plan = planFor(runs[2]!);
        assert.equal(review(plan, { snap, source: groups[2]!, runs: [runs[2]!], groupFailed: [runs[2]!], retryLimit: 3 }), undefined);
        assert.equal(plan.runs[0]!.retriesUsed, 2);
        assert.match(plan.warnings?.[0] ?? "", /this retry uses the last of 3 retries of s1 \(u-2\) \(an estimate/);
        assert.match(plan.warnings?.[0] ?? "", /a later retry of the group it makes will be refused/);
    });

    it("refuses a retry whose lineage already used the limit, saying what to do instead", () => {
        const { snap, groups, runs } = world(4, ["e1", "e2", "e3", "e4"]);
        const plan = planFor(runs[3]!);
        const limit = review(plan, { snap, source: groups[3]!, runs: [runs[3]!], groupFailed: [runs[3]!], retryLimit: 3 });
        assert.ok(limit);
        assert.match(limit.message, /the retry limit \(3, tencentcloud-omics:retryLimit\) is reached for s1 \(u-3\): 3 of 3 retries used/);
        assert.match(limit.message, /Submit a new run group for these samples instead/);
        const higher = planFor(runs[3]!);
        assert.equal(
            review(higher, { snap, source: groups[3]!, runs: [runs[3]!], groupFailed: [runs[3]!], retryLimit: 5 }),
            undefined,
            "the limit is a setting",
        );
    });

    it("flags the same error again after a retry with unchanged options, and suggests the overrides", () => {
        const { snap, groups, runs } = world(2);
        const plan = planFor(runs[1]!);
        review(plan, { snap, source: groups[1]!, runs: [runs[1]!], groupFailed: [runs[1]!], retryLimit: 3 });
        assert.match(
            plan.warnings?.join("\n") ?? "",
            /s1 \(u-1\) failed again with the same error \("executor error: task exited with status 1"\) after a retry with the same options: retrying unchanged is likely futile; consider overriding wdlOption/,
        );
        const changed = planFor(runs[1]!);
        review(changed, {
            snap,
            source: groups[1]!,
            runs: [runs[1]!],
            groupFailed: [runs[1]!],
            retryLimit: 3,
            wdlOption: { failureMode: "ContinueWhilePossible", useCallCache: false, useErrorOnHold: false },
        });
        assert.ok(!(changed.warnings ?? []).some((w) => /failed again/.test(w)), "an override changes the options: no warning");
    });

    it("an override equal to the group's own options is unchanged options, also when the group is answered with zero-valued fields", () => {
        const { snap, groups, runs } = world(2);
        // Tencent (and the emulator) answer unset option fields with their zero values.
        const answered = {
            ...groups[1]!,
            Option: {
                FailureMode: "NoNewCalls",
                UseCallCache: true,
                UseErrorOnHold: false,
                FinalWorkflowOutputsDir: "",
                UseRelativeOutputPaths: false,
                AddRunInfoToOutputDir: false,
            },
        };
        snap.groups.set(answered.RunGroupId as string, answered);
        const plan = planFor(runs[1]!);
        review(plan, {
            snap,
            source: answered,
            runs: [runs[1]!],
            groupFailed: [runs[1]!],
            retryLimit: 3,
            wdlOption: { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: false },
        });
        assert.match(plan.warnings?.join("\n") ?? "", /failed again with the same error .* after a retry with the same options/);
    });

    it("cannot count without a sample ID, and says nothing rather than guess", () => {
        const { snap, groups, runs } = world(2);
        const anonymous = { ...runs[1]!, UserDefinedId: "" };
        const plan = planFor(anonymous);
        review(plan, { snap, source: groups[1]!, runs: [anonymous], groupFailed: [anonymous], retryLimit: 3 });
        assert.equal(plan.runs[0]!.retriesUsed, undefined);
    });

    it("summarizes a group's failures by error, most frequent first", () => {
        const g: RunGroup = { TotalRun: 4 };
        const r = (e: string): Run => ({ ErrorMessage: e });
        assert.equal(summarize(g, [r("executor error"), r("oom"), r("executor error")]), "3 of 4 runs failed: executor error (2); oom");
    });
});
