// The engine we build and the SDK we depend on must move together.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ensure = require(path.join(repoRoot, "scripts", "engine", "ensure-engine.js")) as {
    pinnedCliVersion(): string;
    pinnedHostVersion(): string;
    compareVersions(a: string, b: string): number;
};

describe("engine pins", () => {
    it("the CLI built from Go modules is the same version as the @pulumi/pulumi dependency", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
        assert.equal(ensure.pinnedCliVersion(), pkg.dependencies["@pulumi/pulumi"]);
    });

    it("the language host comes from sdk/v3 v3.68.0, the last release that ships it inside sdk/v3", () => {
        assert.equal(ensure.pinnedHostVersion(), "3.68.0");
    });

    it("the quickstart example asks for the same @pulumi/pulumi", () => {
        const root = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
        const example = JSON.parse(fs.readFileSync(path.join(repoRoot, "examples", "quickstart", "package.json"), "utf8"));
        assert.equal(example.dependencies["@pulumi/pulumi"], root.dependencies["@pulumi/pulumi"]);
    });

    it("compares versions numerically, not as strings", () => {
        assert.ok(ensure.compareVersions("3.248.0", "3.68.0") > 0);
        assert.ok(ensure.compareVersions("3.68.0", "3.248.0") < 0);
        assert.equal(ensure.compareVersions("3.248.0", "3.248.0"), 0);
    });
});
