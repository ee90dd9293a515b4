// The YAML and Python examples (examples/yaml, examples/python), copied and run as a user would
// through the plugin: one RetryRuns, the wait's final status, and a second `up` with no call.
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startFixture, type EngineFixture } from "./support/fixture";
import { createStackIn, repoRoot } from "./support/engine";
import { countingCalls, only } from "./support/requests";
import { pluginConfig, pluginEnv } from "./support/plugin";

describe("e2e: the plugin's examples in other languages", function () {
    this.timeout(240_000);
    let fx: EngineFixture;

    before(async () => {
        fx = await startFixture({ clock: "immediate" });
    });
    after(async () => fx?.close());

    for (const example of ["yaml", "python"]) {
        it(`examples/${example}: up retries once and waits for the new group; a second up makes no call`, async () => {
            const workDir = path.join(fx.backend.dir, `example-${example}-${crypto.randomBytes(3).toString("hex")}`);
            fs.cpSync(path.join(repoRoot, "examples", example), workDir, { recursive: true });
            const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
            const stack = await createStackIn(
                fx.backend,
                workDir,
                example,
                { ...pluginConfig(fx.url), runGroupId: { value: seeded.RunGroupId } },
                await pluginEnv(),
            );
            const first = await countingCalls(fx.control, () => stack.up());
            assert.equal(first.result.summary.result, "succeeded");
            assert.equal(only(first.calls, "RetryRuns").length, 1);
            assert.match(first.result.outputs.newRunGroupId.value as string, /^run-/);
            assert.equal(first.result.outputs.status.value, "COMPLETE", "the status of the finished group, from the wait");
            const second = await countingCalls(fx.control, () => stack.up());
            assert.deepEqual(second.calls, []);
            await stack.destroy();
        });
    }
});
