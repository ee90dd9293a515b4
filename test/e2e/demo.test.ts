// `npm run demo` as a new user runs it: it must end with the new run group and a clean emulator stop.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { repoRoot } from "./support/engine";

function runDemo(): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "demo.js")], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, output }));
    });
}

describe("e2e: npm run demo", function () {
    this.timeout(300_000);

    it("previews, creates the retry, shows the emulator's new group, and stops the emulator cleanly", async () => {
        const { code, output } = await runDemo();
        assert.equal(code, 0, output.slice(-3000));
        const seeded = /seeded run group (run-[a-z]+-[a-z]+-[a-z]+-\d{6})/.exec(output);
        assert.ok(seeded, "the demo seeds a failed group");
        assert.match(output, /\+ .*omics:RunRetry.*retry-failed-samples|retry-failed-samples/);
        const shown = /the emulator's view of the new run group (run-[a-z]+-[a-z]+-[a-z]+-\d{6})/.exec(output);
        assert.ok(shown, "the demo shows the new group");
        assert.notEqual(shown[1], seeded[1]);
        assert.match(output, new RegExp(`"RunGroupId": "${shown[1]}"`));
        assert.match(output, /RetryRuns calls the emulator received in total: 1\b/, "the second up made no call");
        assert.match(output, /emulator stopped \(exit code 0\)/);
        assert.doesNotMatch(output, /omics-emulator-demo-secret-key/, "the secret key never shows");
    });
});
