// `pulumi import tencentcloud-omics:index:RunRetryRecord <name> <newRunGroupId>` of a retry made
// by hand (`tccli omics RetryRuns`, Tencent's CLI from PyPI, against the emulator), through the plugin
// and the real engine: the read rebuilds the inputs from the group and its source, makes no
// RetryRuns, and the code `pulumi import` prints runs as a no-op `up`; a fresh group is refused.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startFixture, type EngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";
import { handClient } from "./support/byHand";
import { createPluginStack, pluginConfig, pluginResources } from "./support/plugin";
import { DEMO_CREDENTIALS } from "../../emulator";
import { cleanupTccliHome, ensurePeers, tccli } from "../conformance/support/peers";

const RECORD = "tencentcloud-omics:index:RunRetryRecord";

describe("e2e: pulumi import of a retry made by hand (plugin)", function () {
    this.timeout(900_000); // the first run installs tccli (cached in .tools)
    let fx: EngineFixture;
    let stack: Stack;
    let source: Awaited<ReturnType<EngineFixture["control"]["seedFailedRunGroup"]>>;
    let byHand: string;

    before(async () => {
        fx = await startFixture({ clock: "manual" });
        source = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        // The operator's command, as they would type it (credentials from the environment).
        const made = await tccli(await ensurePeers(900_000), DEMO_CREDENTIALS, fx.url, "ap-guangzhou", "RetryRuns", { RunGroupId: source.RunGroupId });
        assert.equal(made.code, 0, made.stderr);
        byHand = (made.json as { RunGroupId?: string } | undefined)?.RunGroupId ?? "";
        assert.match(byHand, /^run-/, "tccli printed the new group");
        stack = await createPluginStack(fx.backend, "yaml-import", "import", pluginConfig(fx.url));
    });
    after(async () => {
        await stack?.destroy().catch(() => undefined);
        await fx?.close();
        cleanupTccliHome();
    });

    it("records the group with inputs rebuilt from its source, and makes no RetryRuns", async () => {
        const { result, calls } = await countingCalls(fx.control, () =>
            stack.import({ resources: [{ type: RECORD, name: "by-hand", id: byHand }], protect: false, generateCode: true }),
        );
        assert.equal(result.summary.result, "succeeded");
        assert.equal(only(calls, "RetryRuns").length, 0);
        assert.ok(calls.length > 0, "the import read the group");
        const record = (await pluginResources(stack)).find((r) => r.type === RECORD);
        assert.equal(record?.id, byHand);
        assert.equal(record?.inputs?.runGroupId, source.RunGroupId, "the source group, found through the lineage");
        assert.equal(record?.inputs?.runUuids, undefined, "every failed run of the source was retried");
        assert.equal(record?.outputs?.newRunGroupId, byHand);
        assert.match(result.generatedCode, new RegExp(`runGroupId: ${source.RunGroupId}`));
        // The program gains the code `pulumi import` printed, as a user would paste it.
        const programFile = path.join(stack.workspace.workDir, "Pulumi.yaml");
        fs.appendFileSync(programFile, `\n${result.generatedCode}`);
    });

    it("the imported program's next two `up`s change nothing and make no RetryRuns", async () => {
        for (let i = 0; i < 2; i++) {
            const { result, calls } = await countingCalls(fx.control, () => stack.up());
            assert.equal(result.summary.result, "succeeded");
            assert.deepEqual(result.summary.resourceChanges, { same: 2 }, "the stack and the imported RunRetryRecord");
            assert.equal(only(calls, "RetryRuns").length, 0);
        }
        assert.equal((await pluginResources(stack)).find((r) => r.type === RECORD)?.id, byHand);
    });

    it("the `import` resource option (Python) records a retry made by hand the same way (no RetryRuns, then a no-op up)", async () => {
        const other = (await handClient(fx.url).RetryRuns({ RunGroupId: (await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 })).RunGroupId }))
            .RunGroupId as string;
        const sourceOf = (await fx.control.requests("RetryRuns")).find((r) => (r.response as { RunGroupId?: string } | undefined)?.RunGroupId === other);
        const sourceRunGroupId = (sourceOf?.params as { RunGroupId?: string } | undefined)?.RunGroupId ?? "";
        assert.match(sourceRunGroupId, /^run-/, "the group retried by hand");
        const adopted = await createPluginStack(fx.backend, "python-import-option", "option", {
            ...pluginConfig(fx.url),
            sourceRunGroupId: { value: sourceRunGroupId },
            retriedRunGroupId: { value: other },
        });
        const first = await countingCalls(fx.control, () => adopted.up());
        assert.equal(first.result.summary.result, "succeeded");
        assert.equal(first.result.summary.resourceChanges?.import, 1);
        assert.equal(only(first.calls, "RetryRuns").length, 0);
        assert.equal(first.result.outputs.newRunGroupId.value, other);
        const second = await countingCalls(fx.control, () => adopted.up());
        assert.deepEqual(second.result.summary.resourceChanges, { same: 2 });
        assert.equal(only(second.calls, "RetryRuns").length, 0);
        await adopted.destroy();
    });

    it("a RunRetry declared afterwards under the imported record's name takes it over: no RetryRuns (Python)", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const made = (await handClient(fx.url).RetryRuns({ RunGroupId: seeded.RunGroupId })).RunGroupId as string;
        // The program declares RunRetry "retry"; its record is RunRetryRecord "retry" with the same parent.
        const taken = await createPluginStack(fx.backend, "python-retry", "takeover", { ...pluginConfig(fx.url), runGroupId: { value: seeded.RunGroupId } });
        const imported = await countingCalls(fx.control, () =>
            taken.import({ resources: [{ type: RECORD, name: "retry", id: made }], protect: false, generateCode: false }),
        );
        assert.equal(only(imported.calls, "RetryRuns").length, 0);
        const first = await countingCalls(fx.control, () => taken.up());
        assert.equal(first.result.summary.result, "succeeded");
        assert.deepEqual(first.result.summary.resourceChanges, { create: 1, same: 2 }, "only the intent is new (read-only)");
        assert.equal(only(first.calls, "RetryRuns").length, 0);
        assert.equal(first.result.outputs.newRunGroupId.value, made);
        const second = await countingCalls(fx.control, () => taken.up());
        assert.deepEqual(second.result.summary.resourceChanges, { same: 3 });
        assert.deepEqual(second.calls, []);
        await taken.destroy();
    });

    it("refuses a group that is not a retry (a fresh submission), with a clear message and no RetryRuns", async () => {
        const other = await createPluginStack(fx.backend, "yaml-import", "fresh", pluginConfig(fx.url));
        const { result, calls } = await countingCalls(fx.control, () =>
            other.import({ resources: [{ type: RECORD, name: "fresh", id: source.RunGroupId }], protect: false, generateCode: false }).then(
                () => assert.fail("importing a fresh group should fail"),
                (e: Error) => e,
            ),
        );
        assert.match(result.message, new RegExp(`run group ${source.RunGroupId} is not a retry`));
        assert.match(result.message, /fresh submission/);
        assert.equal(only(calls, "RetryRuns").length, 0);
        assert.equal((await pluginResources(other)).length, 0);
    });
});
