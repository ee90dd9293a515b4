// A retry of a retry's group composes through the plugin, in a Python and a YAML program: the second RunRetry
// retries the group the first made, once that group finished (the first's RunGroupWait). And the
// plan's warnings reach preview as diagnostics on the RunRetry (its RunRetryRecord, which stands for it).
import * as assert from "node:assert/strict";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { retriedByHand } from "./support/byHand";
import { startFixture, type EngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";
import { assertChain } from "./support/retryAssertions";
import { createPluginStack, pluginConfig } from "./support/plugin";

for (const [language, program] of [
    ["Python", "python-chain"],
    ["YAML", "yaml-chain"],
] as const)
    describe(`e2e: a chain of retries through the plugin (${language})`, function () {
        this.timeout(240_000);
        let fx: EngineFixture;

        before(async () => {
            fx = await startFixture({ clock: "immediate" });
        });
        after(async () => fx?.close());

        it("the second retry targets the first's new group; a second up makes no call", async () => {
            // Retried runs fail again, so the first retry's group is itself retryable.
            const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
            const stack = await createPluginStack(fx.backend, program, "chain", { ...pluginConfig(fx.url), runGroupId: { value: seeded.RunGroupId } });

            await assertChain(fx.control, stack, seeded.RunGroupId, 6, "the stack; each RunRetry's intent and record; the first's wait");
            await stack.destroy();
        });
    });

describe("e2e: the plan's warnings as diagnostics on the RunRetry (plugin, Python)", function () {
    this.timeout(240_000);
    let fx: EngineFixture;

    before(async () => {
        fx = await startFixture({ clock: "immediate" });
    });
    after(async () => fx?.close());

    it("a retry of a group whose runs failed again with the same error is flagged in preview, on the RunRetry", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const again = await retriedByHand(fx.url, seeded.RunGroupId, 1);
        const stack = await createPluginStack(fx.backend, "python-retry", "futile", { ...pluginConfig(fx.url), runGroupId: { value: again } });
        const events: EngineEvent[] = [];
        const { result, calls } = await countingCalls(fx.control, () => stack.preview({ diff: true, onEvent: (e) => events.push(e) }));
        const warnings = events
            .map((e) => e.diagnosticEvent)
            .filter((d) => d !== undefined && d.severity === "warning" && (d.urn ?? "").endsWith("tencentcloud-omics:index:RunRetryRecord::retry"))
            .map((d) => (d?.message ?? "").trim());
        assert.equal(warnings.length, 1, result.stdout);
        assert.match(warnings[0] ?? "", /^retry: sample-1 \(.*\) failed again with the same error .* likely futile/);
        assert.match(result.stdout, /retriesUsed\s*:\s*1/);
        assert.equal(only(calls, "RetryRuns").length, 0);
    });
});

describe("e2e: pulumi import of a retry of a retry (plugin)", function () {
    this.timeout(240_000);
    let fx: EngineFixture;

    before(async () => {
        fx = await startFixture({ clock: "immediate" });
    });
    after(async () => fx?.close());

    it("finds the group it retried (the previous retry), not the lineage's first group", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1, retryOutcome: "EXECUTOR_ERROR" });
        const second = await retriedByHand(fx.url, seeded.RunGroupId, 2);
        const first = (await fx.control.requests("RetryRuns")).find((r) => (r.params as { RunGroupId?: string }).RunGroupId === seeded.RunGroupId)?.response
            ?.RunGroupId as string;
        assert.match(first, /^run-/);
        const stack = await createPluginStack(fx.backend, "yaml-import", "chain", pluginConfig(fx.url));
        const { result, calls } = await countingCalls(fx.control, () =>
            stack.import({ resources: [{ type: "tencentcloud-omics:index:RunRetryRecord", name: "second", id: second }], protect: false, generateCode: true }),
        );
        assert.equal(result.summary.result, "succeeded");
        assert.equal(only(calls, "RetryRuns").length, 0);
        assert.match(result.generatedCode, new RegExp(`runGroupId: ${first}`), result.generatedCode);
    });
});
