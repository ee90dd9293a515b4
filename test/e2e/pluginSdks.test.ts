// The SDKs generated from the plugin's schema (sdks/): current with plugin/schema.json, the Go SDK
// compiles and a Go program using it passes its tests with the Go SDK's mocks (the Go language
// host cannot be built here), and the Python SDK is pip-installed in the virtualenv the Python
// programs run with.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./support/engine";
import { getLanguages } from "./support/plugin";

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
});
