// The engine we build, the SDK we install, the range we publish and the compatibility matrix must
// move together.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
/* eslint-disable @typescript-eslint/no-require-imports */
const ensure = require(path.join(repoRoot, "scripts", "engine", "ensure-engine.js")) as {
    pinnedCliVersion(cliModule?: string): string;
    pinnedHostVersion(): string;
    compareVersions(a: string, b: string): number;
    engineBinDir(cliModule?: string): string;
};
const matrix = require(path.join(repoRoot, "scripts", "compat", "matrix.js")) as {
    compatCells(): { name: string; nodeMajor: number; pulumiSdk: string; cliModule: string }[];
    oldestSupportedPulumiSdk(): string;
    NEWEST_PULUMI_SDK: string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** dynamic.ResourceProvider's `configure` (which the package's provider shim needs) first shipped in 3.139.0. */
const FIRST_SDK_WITH_CONFIGURE = "3.139.0";
/** From 3.249.0 on, @pulumi/pulumi declares engines.node >= 22. */
const FIRST_SDK_NEEDING_NODE22 = "3.249.0";

const readJson = (...segments: string[]) => JSON.parse(fs.readFileSync(path.join(repoRoot, ...segments), "utf8"));
const lockedSdk = (): string => readJson("package-lock.json").packages["node_modules/@pulumi/pulumi"].version;
const goRequirement = (cliModule: string, module: string): string => {
    const goMod = fs.readFileSync(path.join(repoRoot, "scripts", "engine", cliModule, "go.mod"), "utf8");
    const m = new RegExp(`${module.replace(/[./]/g, "\\$&")} v(\\d+\\.\\d+\\.\\d+)`).exec(goMod);
    assert.ok(m, `${cliModule}/go.mod requires ${module}`);
    return m[1];
};

describe("engine pins", () => {
    it("the CLI built from Go modules is the version of @pulumi/pulumi the lockfile installs for our own tests", () => {
        assert.equal(ensure.pinnedCliVersion(), lockedSdk());
    });

    it("package.json accepts @pulumi/pulumi as a caret range from the oldest version the matrix tests", () => {
        const range = readJson("package.json").dependencies["@pulumi/pulumi"] as string;
        assert.match(range, /^\^3\.\d+\.\d+$/);
        assert.equal(matrix.oldestSupportedPulumiSdk(), range.slice(1));
        assert.ok(ensure.compareVersions(range.slice(1), FIRST_SDK_WITH_CONFIGURE) >= 0, `${range} starts below ${FIRST_SDK_WITH_CONFIGURE}`);
        assert.ok(ensure.compareVersions(lockedSdk(), range.slice(1)) >= 0, `the lockfile's ${lockedSdk()} is inside ${range}`);
    });

    it("engines.node admits Node 20, which the oldest supported @pulumi/pulumi runs on", () => {
        assert.equal(readJson("package.json").engines.node, ">=20");
        assert.ok(ensure.compareVersions(matrix.oldestSupportedPulumiSdk(), FIRST_SDK_NEEDING_NODE22) < 0);
    });

    it("the matrix runs the oldest SDK on Node 20 with the pinned CLI, and the newest on Node 22 with the newest CLI", () => {
        const cells = matrix.compatCells();
        const oldest = cells.find((c) => c.pulumiSdk === matrix.oldestSupportedPulumiSdk());
        const newest = cells.find((c) => c.pulumiSdk === matrix.NEWEST_PULUMI_SDK);
        assert.ok(oldest && newest, JSON.stringify(cells));
        assert.deepEqual([oldest.nodeMajor, oldest.cliModule], [20, "cli"]);
        assert.deepEqual([newest.nodeMajor, newest.cliModule], [22, "cli-newest"]);
        assert.ok(ensure.compareVersions(matrix.NEWEST_PULUMI_SDK, FIRST_SDK_NEEDING_NODE22) >= 0, "the newest SDK is one that needs Node 22");
        assert.ok(ensure.compareVersions(ensure.pinnedCliVersion("cli-newest"), ensure.pinnedCliVersion()) > 0);
    });

    it("each CLI module requires pkg/v3 and sdk/v3 at the same version", () => {
        for (const cliModule of ["cli", "cli-newest"]) {
            assert.equal(goRequirement(cliModule, "github.com/pulumi/pulumi/sdk/v3"), goRequirement(cliModule, "github.com/pulumi/pulumi/pkg/v3"), cliModule);
        }
    });

    it("the default engine keeps its folder; other CLI versions get one each", () => {
        assert.equal(ensure.engineBinDir(), path.join(repoRoot, ".tools", "engine", "bin"));
        assert.equal(ensure.engineBinDir("cli-newest"), path.join(repoRoot, ".tools", `engine-v${ensure.pinnedCliVersion("cli-newest")}`, "bin"));
    });

    it("the language host comes from sdk/v3 v3.68.0, the last release that ships it inside sdk/v3", () => {
        assert.equal(ensure.pinnedHostVersion(), "3.68.0");
    });

    it("the quickstart example pins the @pulumi/pulumi our own tests run", () => {
        const example = readJson("examples", "quickstart", "package.json");
        assert.equal(example.dependencies["@pulumi/pulumi"], lockedSdk());
    });

    it("compares versions numerically, not as strings", () => {
        assert.ok(ensure.compareVersions("3.248.0", "3.68.0") > 0);
        assert.ok(ensure.compareVersions("3.68.0", "3.248.0") < 0);
        assert.equal(ensure.compareVersions("3.248.0", "3.248.0"), 0);
    });
});
