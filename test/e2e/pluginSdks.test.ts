// The SDKs generated from the plugin's schema (sdks/): current with plugin/schema.json, the Go SDK
// compiles and a Go program using it passes its tests with the Go SDK's mocks (the Go language
// host cannot be built here), the Python SDK is pip-installed in the virtualenv the Python
// programs run with, and the Node SDK compiles with the strict tsconfig.json it ships with and
// serves a TypeScript program through the plugin and the real engine.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./support/engine";
import { buildNodeSdk, installNodeSdk, NODE_SDK_PACKAGE } from "./support/nodeSdk";
import { getLanguages, pluginResources, usePluginRetrySuite } from "./support/plugin";
import { countingCalls } from "./support/requests";
import { upRetriesOnce } from "./support/retryAssertions";

const exec = promisify(execFile);

describe("e2e: the plugin's generated SDKs", function () {
    this.timeout(600_000);

    it("the committed SDKs equal a fresh generation from plugin/schema.json (npm run gen:sdk)", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { checkSdks } = require(path.join(repoRoot, "scripts", "plugin", "gen-sdk.js")) as { checkSdks(): Promise<string[]> };
        assert.deepEqual(await checkSdks(), [], "run `npm run gen:sdk` and commit sdks/");
    });

    it("a Go program using the Go SDK compiles and passes its tests with pulumi.WithMocks", async () => {
        const { stdout } = await exec("go", ["test", "-count=1", "-v", "./..."], {
            cwd: path.join(repoRoot, "examples", "go"),
            env: { ...process.env, GOFLAGS: "-mod=readonly" },
        });
        assert.match(stdout, /--- PASS: TestProgramRegistersRunRetryWithSchemaNames/);
        assert.match(stdout, /--- PASS: TestRunRetryOutputsReachTheProgram/);
        assert.doesNotMatch(stdout, /--- FAIL/);
    });

    it("the Python SDK is pip-installed (editable, from sdks/python) and exposes every resource", async () => {
        const { python } = await getLanguages();
        const { stdout } = await exec(python, [
            "-c",
            "import json, pulumi_tencentcloud_omics as o, importlib.metadata as m; " +
                "print(json.dumps({'file': o.__file__, 'version': m.version('pulumi_tencentcloud_omics'), " +
                "'types': [t for t in ('RunRetry', 'RunRetryRecord', 'RunRetryIntent', 'RunGroupWait', 'Provider') if hasattr(o, t)]}))",
        ]);
        const info = JSON.parse(stdout) as { file: string; version: string; types: string[] };
        assert.equal(path.relative(path.join(repoRoot, "sdks", "python"), info.file).startsWith(".."), false, `imported from sdks/python: ${info.file}`);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.equal(info.version, (require(path.join(repoRoot, "package.json")) as { version: string }).version);
        assert.deepEqual(info.types, ["RunRetry", "RunRetryRecord", "RunRetryIntent", "RunGroupWait", "Provider"]);
    });

    it("the Node SDK compiles with the strict tsconfig.json it ships with and exposes every resource", async () => {
        const shipped = fs.readFileSync(path.join(repoRoot, "sdks", "nodejs", "tsconfig.json"), "utf8");
        assert.match(shipped, /"strict": true/, "the generated tsconfig.json is strict");
        const { packageDir, tscOutput } = await buildNodeSdk();
        assert.equal(tscOutput, "", "tsc printed nothing");
        // In a process of its own: loading the SDK registers its package with that process's @pulumi/pulumi.
        const { stdout } = await exec(process.execPath, [
            "-e",
            "const o = require(process.argv[1]); const p = require(process.argv[1] + '/package.json'); " +
                "console.log(JSON.stringify({ name: p.name, version: p.version, plugin: p.pulumi, " +
                "types: ['RunRetry', 'RunRetryRecord', 'RunRetryIntent', 'RunGroupWait', 'Provider'].filter((t) => typeof o[t] === 'function').map((t) => o[t].__pulumiType) }))",
            packageDir,
        ]);
        const info = JSON.parse(stdout) as { name: string; version: string; plugin: Record<string, unknown>; types: string[] };
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { version } = require(path.join(repoRoot, "package.json")) as { version: string };
        assert.equal(info.name, NODE_SDK_PACKAGE);
        assert.notEqual(info.name, "pulumi-tencentcloud-omics", "never the npm package of the dynamic provider");
        assert.equal(info.version, version);
        assert.deepEqual(info.plugin, { resource: true, name: "tencentcloud-omics", version });
        assert.deepEqual(info.types, [
            "tencentcloud-omics:index:RunRetry",
            "tencentcloud-omics:index:RunRetryRecord",
            "tencentcloud-omics:index:RunRetryIntent",
            "tencentcloud-omics:index:RunGroupWait",
            "tencentcloud-omics", // a provider's type is its package's name
        ]);
    });
});

describe("e2e: plugin from a TypeScript program (the generated Node SDK)", function () {
    this.timeout(240_000);
    // The compiled SDK, copied into the program's node_modules (see test/e2e/support/nodeSdk.ts).
    const suite = usePluginRetrySuite("ts-plugin-retry", "node-sdk", installNodeSdk);
    let newId: string;

    it("up calls RetryRuns exactly once, through the plugin, and exports newRunGroupId", async () => {
        const { newId: made } = await upRetriesOnce(suite.fx.control, suite.stack, suite.seeded.RunGroupId);
        newId = made;
        const resources = await pluginResources(suite.stack);
        assert.deepEqual(resources.map((r) => r.type).sort(), ["tencentcloud-omics:index:RunRetryIntent", "tencentcloud-omics:index:RunRetryRecord"]);
        assert.equal(resources.find((r) => r.type === "tencentcloud-omics:index:RunRetryRecord")?.id, newId, "the RunRetryRecord's id is the new group");
        const deployment = (await suite.stack.exportStack()).deployment as { resources?: Array<{ type: string }> };
        const types = (deployment.resources ?? []).map((r) => r.type);
        assert.ok(types.includes("pulumi:providers:tencentcloud-omics"), "the plugin's default provider");
        assert.ok(!types.some((t) => t.startsWith("pulumi-nodejs:dynamic")), "no dynamic provider resource");
    });

    it("a second up changes nothing and makes no API call", async () => {
        const { result, calls } = await countingCalls(suite.fx.control, () => suite.stack.up());
        assert.equal(result.summary.result, "succeeded");
        assert.deepEqual(result.summary.resourceChanges, { same: 3 });
        assert.deepEqual(calls, []);
        assert.equal(result.outputs.newRunGroupId.value, newId);
    });
});
