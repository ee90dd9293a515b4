// The package as users get it: `npm pack`, installed from the tarball into a project outside
// this repository (no self-link, no repo node_modules), running the quickstart example.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { startFixture, type EngineFixture } from "./support/fixture";
import { repoRoot } from "./support/engine";
import { countingCalls, only } from "./support/requests";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("e2e: the packed package in a user's project", function () {
    this.timeout(600_000);
    let fx: EngineFixture;
    let userDir: string;

    before(async () => {
        fx = await startFixture({ clock: "immediate" });
        userDir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-user-project-"));
    });
    after(async () => {
        await fx?.close();
        fs.rmSync(userDir, { recursive: true, force: true });
    });

    it("npm pack → npm install → pulumi up of examples/quickstart retries once", async () => {
        const packed = execFileSync(npm, ["pack", "--silent", "--pack-destination", userDir], { cwd: repoRoot, encoding: "utf8" }).trim().split("\n").pop()!;
        const tarball = path.join(userDir, packed);
        assert.ok(fs.existsSync(tarball), `npm pack produced ${packed}`);

        const quickstart = path.join(repoRoot, "examples", "quickstart");
        for (const file of ["Pulumi.yaml", "index.ts", "tsconfig.json"]) fs.copyFileSync(path.join(quickstart, file), path.join(userDir, file));
        const pkg = JSON.parse(fs.readFileSync(path.join(quickstart, "package.json"), "utf8"));
        pkg.dependencies["pulumi-tencentcloud-omics"] = `file:${tarball}`;
        fs.writeFileSync(path.join(userDir, "package.json"), JSON.stringify(pkg, null, 2));
        execFileSync(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: userDir, stdio: "inherit" });
        assert.ok(fs.existsSync(path.join(userDir, "node_modules", "pulumi-tencentcloud-omics", "lib", "provider", "index.js")));
        assert.ok(!fs.existsSync(path.join(userDir, "node_modules", "pulumi-tencentcloud-omics", "lib", "test")), "tests are not shipped");

        const seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const stack = await fx.stackIn(userDir, "user", { runGroupId: { value: seeded.RunGroupId } });
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        assert.equal(only(calls, "RetryRuns").length, 1);
        assert.match(result.outputs.newRunGroupId.value as string, /^run-/);
        assert.equal(result.outputs.status.value, "COMPLETE");

        const again = await countingCalls(fx.control, () => stack.up());
        assert.deepEqual(again.calls, []);
    });
});
