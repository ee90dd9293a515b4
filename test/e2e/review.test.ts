// Previews a reviewer can decide on, through the real engine: each failed run's error and its
// lineage's retries used, a futile retry flagged, and a lineage at its limit refused at preview.
import * as assert from "node:assert/strict";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { retriedByHand } from "./support/byHand";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

/** A preview's warnings attached to a resource (diagnostics with its URN), as "<resource name>: <message>". */
async function previewWarnings(stack: Stack): Promise<{ stdout: string; warnings: string[] }> {
    const events: EngineEvent[] = [];
    const preview = await stack.preview({ diff: true, onEvent: (e) => events.push(e) });
    const warnings = events
        .map((e) => e.diagnosticEvent)
        .filter((d) => d !== undefined && d.severity === "warning" && (d.urn ?? "").includes("omics:RunRetry::"))
        .map((d) => (d!.message ?? "").trim());
    return { stdout: preview.stdout, warnings };
}

describe("e2e: previews a reviewer can decide on", function () {
    this.timeout(300_000);
    const fx = useEngineFixture({ clock: "immediate" });

    it("a plain retry's preview shows each failed run's error, its retries used of the limit, and a summary", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const stack = await fx.newStack("retries", "review-plain", retriesConfig({ main: { runGroupId: seeded.RunGroupId } }));
        const preview = await stack.preview({ diff: true });
        assert.match(preview.stdout, /summary\s*:\s*"2 of 3 runs failed: executor error: task exited with status 1 \(2\)"/);
        assert.equal((preview.stdout.match(/errorMessage\s*:\s*"executor error: task exited with status 1"/g) ?? []).length, 2);
        assert.equal((preview.stdout.match(/retriesUsed\s*:\s*0/g) ?? []).length, 2, "0 of the limit used by each run");
        assert.match(preview.stdout, /retryLimit\s*:\s*3/);
    });

    it("the same error again after a retry with unchanged options is flagged as a warning on the resource", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const again = await retriedByHand(fx.url, seeded.RunGroupId, 1);
        const stack = await fx.newStack("retries", "review-futile", retriesConfig({ futile: { runGroupId: again } }));
        const { stdout, warnings } = await previewWarnings(stack);
        assert.equal(warnings.length, 1, stdout);
        assert.match(
            warnings[0]!,
            /^futile: sample-1 \(.*\) failed again with the same error \("executor error: task exited with status 1"\) after a retry with the same options: retrying unchanged is likely futile; consider overriding wdlOption/,
        );
        assert.match(stdout, /retriesUsed\s*:\s*1/);
        // With an override, the warning is gone.
        await stack.setConfig("retries", {
            value: JSON.stringify({
                futile: { runGroupId: again, wdlOption: { failureMode: "ContinueWhilePossible", useCallCache: false, useErrorOnHold: false } },
            }),
        });
        assert.deepEqual((await previewWarnings(stack)).warnings, []);
    });

    it("two resources of one stack retrying the same runs are flagged, naming each other (new or already recorded, in either order)", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const [firstRun] = seeded.FailedRunUuids;
        const stack = await fx.newStack(
            "retries",
            "review-overlap",
            retriesConfig({
                whole: { runGroupId: seeded.RunGroupId },
                single: { runUuids: [firstRun!] },
                other: { runGroupId: (await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 })).RunGroupId },
            }),
        );
        const { warnings } = await previewWarnings(stack);
        assert.equal(warnings.length, 1, warnings.join("\n"));
        // Told on whichever of the two resolves second, naming the other.
        const m = /^(single|whole): the same failed runs of (\S+) are also retried by RunRetry "(single|whole)" \(run (\S+)\) in this stack/.exec(warnings[0]!);
        assert.ok(m, warnings[0]);
        assert.notEqual(m[1], m[3]);
        assert.deepEqual([m[2], m[4]], [seeded.RunGroupId, firstRun]);

        // One recorded, then another on the same runs is added, declared before or after it: still told.
        await stack.setConfig("retries", { value: JSON.stringify({ whole: { runGroupId: seeded.RunGroupId } }) });
        await stack.up();
        for (const added of ["again", "zz-again"]) {
            await stack.setConfig("retries", {
                value: JSON.stringify({ whole: { runGroupId: seeded.RunGroupId }, [added]: { runGroupId: seeded.RunGroupId } }),
            });
            const later = await previewWarnings(stack);
            assert.equal(later.warnings.length, 1, later.warnings.join("\n"));
            assert.match(later.warnings[0]!, /the same failed runs .* also retried by RunRetry "(whole|z?z?-?again)" \(2 runs: /);
            assert.ok(later.warnings[0]!.includes(`"${added}"`) || later.warnings[0]!.startsWith(`${added}:`), later.warnings[0]);
        }
    });

    it("a retry of a lineage that already used the limit fails at preview, naming the limit, with no RetryRuns", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const exhausted = await retriedByHand(fx.url, seeded.RunGroupId, 3);
        const stack = await fx.newStack("retries", "review-limit", retriesConfig({ late: { runGroupId: exhausted } }));
        const { result, calls } = await countingCalls(fx.control, () =>
            stack.preview().then(
                () => undefined,
                (e: Error) => e,
            ),
        );
        assert.ok(result instanceof Error, "preview fails");
        assert.match(result.message, /RunRetry "late": the retry limit \(3, tencentcloud-omics:retryLimit\) is reached for sample-1 .*3 of 3 retries used/);
        assert.match(result.message, /Submit a new run group for these samples instead/);
        assert.equal(only(calls, "RetryRuns").length, 0);
    });

    it("in a chain, bumping the first retry's triggers previews that it uses the lineage's last retry, so the dependent will be refused", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const stack = await fx.newStack("chain", "review-chain", { runGroupId: { value: seeded.RunGroupId } });
        assert.equal((await stack.up()).summary.result, "succeeded"); // first and second: 2 retries of the lineage
        await stack.setConfig("attempt", { value: "2" });
        const { warnings } = await previewWarnings(stack);
        assert.ok(
            warnings.some((w) => /^first: this retry uses the last of 3 retries of sample-1 .*: a later retry of the group it makes will be refused/.test(w)),
            warnings.join("\n"),
        );
        // The update replaces `first` (the last retry), then refuses `second` before any RetryRuns.
        const { result, calls } = await countingCalls(fx.control, () =>
            stack.up().then(
                () => undefined,
                (e: Error) => e,
            ),
        );
        assert.ok(result instanceof Error);
        assert.match(result.message, /RunRetry "second": the retry limit \(3, tencentcloud-omics:retryLimit\) is reached/);
        assert.equal(only(calls, "RetryRuns").length, 1, "only first's retry");
    });
});
