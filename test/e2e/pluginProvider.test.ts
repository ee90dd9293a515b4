// An explicit provider of the plugin, configured in a YAML program (no tencentcloud-omics:* stack
// config): the component's steps use it, and its secret key stays encrypted in state.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_CREDENTIALS } from "../../emulator";
import { startFixture, type EngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";
import { createPluginStack, pluginResources } from "./support/plugin";

describe("e2e: an explicit tencentcloud-omics provider (plugin, YAML)", function () {
    this.timeout(240_000);
    let fx: EngineFixture;

    before(async () => {
        fx = await startFixture({ clock: "immediate" });
    });
    after(async () => fx?.close());

    it("configures the plugin from the provider's inputs; the steps use it; the key stays encrypted", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await createPluginStack(fx.backend, "yaml-explicit-provider", "explicit", {
            runGroupId: { value: seeded.RunGroupId },
            endpoint: { value: fx.url },
            secretId: { value: DEMO_CREDENTIALS.secretId },
            secretKey: { value: DEMO_CREDENTIALS.secretKey, secret: true },
        });
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        assert.equal(only(calls, "RetryRuns").length, 1);
        assert.match(result.outputs.newRunGroupId.value as string, /^run-/);
        const deployment = (await stack.exportStack()).deployment as { resources: { type: string; urn: string; provider?: string }[] };
        const explicit = deployment.resources.find((r) => r.type === "pulumi:providers:tencentcloud-omics" && r.urn.endsWith("::omics"));
        assert.ok(explicit, "the explicit provider is in state");
        for (const r of await pluginResources(stack)) {
            const provider = deployment.resources.find((x) => x.urn === r.urn)?.provider ?? "";
            assert.ok(provider.startsWith(`${explicit.urn}::`), `${r.type} uses the explicit provider (${provider})`);
        }
        const stateDir = path.join(fx.backend.dir, "state");
        const inClear = fs
            .readdirSync(stateDir, { recursive: true })
            .map(String)
            .filter(
                (f) => fs.statSync(path.join(stateDir, f)).isFile() && fs.readFileSync(path.join(stateDir, f), "utf8").includes(DEMO_CREDENTIALS.secretKey),
            );
        assert.deepEqual(inClear, [], "the secret key is encrypted in every state file");
        await stack.destroy();
    });
});
