// emulator/README.md's "Your own pipeline against the emulator", as a user would run it: the bin
// (`node lib/emulator/cli.js`, what `npx omics-emulator` starts) in its own process, the README's
// script block run unchanged with node, then the retry through the RunRetry provider (check, then
// create: what `pulumi up` does) against the same bin.
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_CREDENTIALS, EmulatorControl } from "../../../emulator";
import { forgetSnapshots } from "../../../provider/omics/snapshot";
import { checkAndCreate, fakeConfig, runRetryProvider } from "../provider/helpers";

const REPO = path.resolve(__dirname, "..", "..", "..", "..");
const README = path.join(REPO, "emulator", "README.md");

/** The ```js block after the `pipeline-script` marker. */
function readmeScript(): string {
    const text = fs.readFileSync(README, "utf8");
    const at = text.indexOf("<!-- pipeline-script");
    assert.ok(at >= 0, "the README has no pipeline-script block");
    const m = /```js\n([\s\S]*?)```/.exec(text.slice(at));
    assert.ok(m, "no js block after the marker");
    return m[1] as string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const p = spawn(cmd, args, { env, cwd });
        let stdout = "";
        let stderr = "";
        p.stdout.on("data", (d) => (stdout += d));
        p.stderr.on("data", (d) => (stderr += d));
        p.on("error", reject);
        p.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

describe("emulator README: a user's own pipeline script against the bin, then RunRetry", function () {
    this.timeout(60_000);
    let bin: ChildProcess;
    let url: string;
    let dir: string;

    before(async () => {
        bin = spawn(process.execPath, [path.join(REPO, "lib", "emulator", "cli.js"), "--port", "0", "--clock", "immediate"], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        url = await new Promise<string>((resolve, reject) => {
            let out = "";
            bin.stdout?.on("data", (d) => {
                out += d;
                const m = /^(http:\/\/\S+)\n/.exec(out);
                if (m) resolve(m[1] as string);
            });
            bin.on("exit", (code) => reject(new Error(`omics-emulator exited ${code}`)));
        });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-readme-"));
    });
    after(async () => {
        bin?.kill("SIGTERM");
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("the script submits, sees the group fail and prints the failed task with its stderr; RunRetry retries the failed run once", async () => {
        const script = path.join(dir, "pipeline.js");
        fs.writeFileSync(script, readmeScript());
        const env = {
            ...process.env,
            NODE_PATH: path.join(REPO, "node_modules"),
            OMICS_ENDPOINT: new URL(url).host,
            TENCENTCLOUD_SECRET_ID: DEMO_CREDENTIALS.secretId,
            TENCENTCLOUD_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
        };
        const out = await run(process.execPath, [script], env, dir);
        assert.equal(out.code, 0, out.stderr);
        assert.match(out.stdout, /^run-[a-z]+-[a-z]+-[a-z]+-\d{6}: COMPLETE_ERROR$/m);
        const failed = /^run ([0-9a-f-]{36}) \(sample-2\): task (\S+) failed: Task \2 failed: (.+)$/m.exec(out.stdout);
        assert.ok(failed, out.stdout);
        assert.match(out.stdout, new RegExp(`^ERROR Task ${(failed[2] as string).replace(/\./g, "\\.")} failed: `, "m"), "the stderr log holds the error");
        const runGroupId = /^RUN_GROUP_ID=(\S+)$/m.exec(out.stdout)?.[1] as string;

        // `pulumi up` of the README's RunRetry program: the engine's check + create, against the same bin.
        forgetSnapshots();
        await runRetryProvider.configure({
            config: fakeConfig({
                "tencentcloud:region": "ap-guangzhou",
                "tencentcloud:secretId": DEMO_CREDENTIALS.secretId,
                "tencentcloud:secretKey": DEMO_CREDENTIALS.secretKey,
                "tencentcloud-omics:endpoint": url,
            }),
        });
        const ctl = new EmulatorControl(url);
        const created = await checkAndCreate({ runGroupId, waitForCompletion: false });
        const plan = created.outs.plan as { summary: string; runs: { runUuid: string }[] };
        assert.match(plan.summary, /^1 of 2 runs failed/);
        assert.deepEqual(
            plan.runs.map((r) => r.runUuid),
            [failed[1]],
        );
        const retries = await ctl.requests("RetryRuns");
        assert.equal(retries.length, 1);
        assert.match(created.id, /^run-/);
        assert.notEqual(created.id, runGroupId);
    });
});
