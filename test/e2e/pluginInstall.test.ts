// The plugin as a user of another language installs it: `npm run plugin:pack` builds the tarball
// a release would publish, `pulumi plugin install resource tencentcloud-omics <version> --file
// <tarball>` puts it in the plugin cache, and a YAML program runs with no plugin on PATH;
// `pulumi package get-schema` prints the committed schema.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startFixture, type EngineFixture } from "./support/fixture";
import { getEngine, repoRoot } from "./support/engine";
import { countingCalls, only } from "./support/requests";
import { createPluginStack, pluginConfig, pluginEnv } from "./support/plugin";

const exec = promisify(execFile);

describe("e2e: the plugin installed from its tarball", function () {
    this.timeout(600_000);
    let fx: EngineFixture;
    let env: Record<string, string>;

    before(async () => {
        fx = await startFixture({ clock: "immediate" });
        const engine = await getEngine();
        env = { ...process.env, ...engine.env, ...(await pluginEnv(false)), PULUMI_HOME: path.join(fx.backend.dir, "home") } as Record<string, string>;
    });
    after(async () => fx?.close());

    it("npm run plugin:pack → pulumi plugin install → a YAML program retries once, no plugin on PATH", async () => {
        const { stdout } = await exec("npm", ["run", "-s", "plugin:pack"], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
        const tarball = stdout.trim().split("\n").pop() ?? "";
        assert.ok(fs.existsSync(tarball), `the tarball ${tarball}`);
        const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
        await exec("pulumi", ["plugin", "install", "resource", "tencentcloud-omics", version, "--file", tarball], { env });
        const { stdout: listed } = await exec("pulumi", ["plugin", "ls", "--json"], { env });
        const plugins = JSON.parse(listed) as { name: string; kind: string; version: string }[];
        assert.ok(
            plugins.some((p) => p.name === "tencentcloud-omics" && p.kind === "resource" && p.version === version),
            `installed: ${listed}`,
        );
        const { stdout: schema } = await exec("pulumi", ["package", "get-schema", "tencentcloud-omics"], {
            env,
            cwd: fx.backend.dir,
            maxBuffer: 16 * 1024 * 1024,
        });
        assert.deepEqual(JSON.parse(schema), JSON.parse(fs.readFileSync(path.join(repoRoot, "plugin", "schema.json"), "utf8")));

        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await createPluginStack(
            fx.backend,
            "yaml-retry",
            "installed",
            { ...pluginConfig(fx.url), runGroupId: { value: seeded.RunGroupId } },
            {},
            false,
        );
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        assert.equal(only(calls, "RetryRuns").length, 1);
        assert.doesNotMatch(result.stdout + result.stderr, /using pulumi-resource-tencentcloud-omics from \$PATH/, "the installed plugin, not one on PATH");
        assert.match(result.outputs.newRunGroupId.value as string, /^run-/);
        await stack.destroy();
    });
});
