// Moving a retry from the TypeScript dynamic RunRetry to the plugin without a second RetryRuns, by
// the steps docs/plugin.md gives: `pulumi state delete` of the dynamic resources (the engine never
// calls a provider for it), then `pulumi import tencentcloud-omics:index:RunRetryRecord` in the
// plugin program's stack. Aliases cannot move a resource from one provider to another.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { retriesConfig, startFixture, type EngineFixture } from "./support/fixture";
import { getEngine, TEST_PASSPHRASE } from "./support/engine";
import { countingCalls, only } from "./support/requests";
import { createPluginStack, pluginConfig, pluginResources } from "./support/plugin";

const exec = promisify(execFile);

describe("e2e: moving a retry from the dynamic RunRetry to the plugin", function () {
    this.timeout(300_000);
    let fx: EngineFixture;

    before(async () => {
        fx = await startFixture({ clock: "manual" });
    });
    after(async () => fx?.close());

    it("state delete + pulumi import: the plugin stack records the same group, and no step calls RetryRuns again", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const dynamic = await fx.newStack("retries", "dynamic", retriesConfig({ nightly: { runGroupId: seeded.RunGroupId } }));
        const first = await countingCalls(fx.control, () => dynamic.up());
        assert.equal(only(first.calls, "RetryRuns").length, 1);
        const newId = (first.result.outputs.newRunGroupIds.value as Record<string, string>).nightly;

        // 1. Forget the dynamic resources: state delete makes no call to any provider.
        const engine = await getEngine();
        const env = {
            ...process.env,
            ...engine.env,
            PULUMI_BACKEND_URL: fx.backend.url,
            PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
            PULUMI_HOME: path.join(fx.backend.dir, "home"),
        };
        const resources = (await dynamic.exportStack()).deployment.resources as { urn: string; type: string }[];
        const urnOf = (type: string): string => resources.find((r) => r.type === `pulumi-nodejs:dynamic/omics:${type}`)?.urn ?? "";
        const removed = await countingCalls(fx.control, async () => {
            for (const type of ["RunRetry", "RunRetryIntent"]) {
                await exec("pulumi", ["state", "delete", urnOf(type), "--stack", "dynamic", "--yes", "--target-dependents"], {
                    env,
                    cwd: dynamic.workspace.workDir,
                });
            }
        });
        assert.deepEqual(removed.calls, []);
        const left = ((await dynamic.exportStack()).deployment.resources as { type: string }[]).filter((r) =>
            r.type.startsWith("pulumi-nodejs:dynamic/omics:"),
        );
        assert.deepEqual(left, []);

        // 2. Import the group into the plugin program's stack and keep the code pulumi import prints.
        const plugin = await createPluginStack(fx.backend, "yaml-import", "moved", pluginConfig(fx.url));
        const imported = await countingCalls(fx.control, () =>
            plugin.import({ resources: [{ type: "tencentcloud-omics:index:RunRetryRecord", name: "nightly", id: newId }], protect: false, generateCode: true }),
        );
        assert.equal(only(imported.calls, "RetryRuns").length, 0);
        fs.appendFileSync(path.join(plugin.workspace.workDir, "Pulumi.yaml"), `\n${imported.result.generatedCode}`);
        const record = (await pluginResources(plugin)).find((r) => r.type === "tencentcloud-omics:index:RunRetryRecord");
        assert.equal(record?.id, newId, "the same group the dynamic RunRetry made");
        assert.equal(record?.inputs?.runGroupId, seeded.RunGroupId);

        // 3. The plugin stack's next ups make no RetryRuns (the TypeScript program drops its RunRetry).
        for (let n = 0; n < 2; n++) {
            const next = await countingCalls(fx.control, () => plugin.up());
            assert.equal(next.result.summary.result, "succeeded");
            assert.deepEqual(next.result.summary.resourceChanges, { same: 2 });
            assert.equal(only(next.calls, "RetryRuns").length, 0);
        }
    });
});
