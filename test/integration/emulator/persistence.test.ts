/** Durability with a state file (in-process and the real bin as a child process), and the CLI. */
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client as StsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client";
import { DEMO_CREDENTIALS, EmulatorControl } from "../../../emulator";
import { OmicsClient, sdkError, startTestEmulator } from "./helpers";

const CLI = path.resolve(__dirname, "../../../emulator/cli.js");

function tmpDir(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), "omics-emu-test-"));
}

function clientFor(url: string): OmicsClient {
    return new OmicsClient({
        credential: { ...DEMO_CREDENTIALS },
        region: "ap-guangzhou",
        profile: { httpProfile: { endpoint: url.replace(/^http:\/\//, ""), protocol: "http://", reqTimeout: 10 } },
    });
}

/** Spawn the bin; resolves with the child and the one URL line it prints. */
function spawnBin(args: string[]): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
        child.stdout?.on("data", (d: Buffer) => {
            out += d.toString();
            const nl = out.indexOf("\n");
            if (nl >= 0) resolve({ child, url: out.slice(0, nl), exited });
        });
        child.on("exit", (code) => reject(new Error(`bin exited early with ${code}: ${err}`)));
    });
}

describe("emulator durability and CLI", function () {
    this.timeout(30000);
    const dirs: string[] = [];
    afterEach(() => {
        for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    });

    it("in-process: restart with the same statePath loses nothing (groups, retries counted, environment flags)", async () => {
        const dir = tmpDir();
        dirs.push(dir);
        const statePath = path.join(dir, "state.json");
        let t = await startTestEmulator({ statePath, retryLimit: 1 });
        const seed = await t.ctl.seedFailedRunGroup({});
        const retried = await t.client().RetryRuns({ RunGroupId: seed.RunGroupId });
        const other = await t.ctl.seedFailedRunGroup({});
        await t.ctl.setEnvironment(other.EnvironmentId, { available: false });
        const before = await t.ctl.state();
        await t.emu.stop();
        assert.deepEqual(fs.readdirSync(dir), ["state.json"], "no temporary file left behind");

        t = await startTestEmulator({ statePath, retryLimit: 1 });
        try {
            const after = await t.ctl.state();
            assert.deepEqual(Object.keys(after.runGroups).sort(), Object.keys(before.runGroups).sort());
            const c = t.client();
            const g = await c.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [retried.RunGroupId as string] }] });
            assert.equal(g.TotalCount, 1);
            // The lineage retry counter survived: the limit of 1 is used up.
            assert.equal((await sdkError(c.RetryRuns({ RunGroupId: seed.RunGroupId }))).code, "FailedOperation.RetryLimitExceeded");
            assert.equal((await sdkError(c.RetryRuns({ RunGroupId: other.RunGroupId }))).code, "InvalidParameterValue.EnvironmentNotAvailable");
        } finally {
            await t.emu.stop();
        }
    });

    it("a mutation dropped after processing is on disk too", async () => {
        const dir = tmpDir();
        dirs.push(dir);
        const statePath = path.join(dir, "s.json");
        const t = await startTestEmulator({ statePath });
        const seed = await t.ctl.seedFailedRunGroup({});
        await t.ctl.addFault({ action: "RetryRuns", drop: "after", count: 1 });
        await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }));
        const onDisk = JSON.parse(fs.readFileSync(statePath, "utf8")) as { runGroups: Record<string, unknown> };
        assert.equal(Object.keys(onDisk.runGroups).length, 2);
        await t.emu.stop();
    });

    it("the real bin: prints one URL line, SIGKILL and restart with --state loses nothing, SIGTERM exits 0 after in-flight requests", async () => {
        const dir = tmpDir();
        dirs.push(dir);
        const statePath = path.join(dir, "state.json");
        const seedPath = path.join(dir, "seed.json");
        fs.writeFileSync(seedPath, JSON.stringify({ failedRunGroups: [{ name: "from-seed-file", runs: 2, failedRuns: 1 }] }));
        const args = [
            "--port",
            "0",
            "--state",
            statePath,
            "--seed",
            seedPath,
            "--clock",
            "manual",
            "--credentials",
            `${DEMO_CREDENTIALS.secretId}:${DEMO_CREDENTIALS.secretKey}`,
        ];

        const first = await spawnBin(args);
        assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        const c1 = clientFor(first.url);
        const seeded = await c1.DescribeRunGroups({ Filters: [{ Name: "Name", Values: ["from-seed-file"] }] });
        assert.equal(seeded.TotalCount, 1);
        const out = await c1.RetryRuns({ RunGroupId: seeded.RunGroups?.[0]?.RunGroupId as string });
        first.child.kill("SIGKILL");
        await first.exited;

        const second = await spawnBin(args);
        try {
            const c2 = clientFor(second.url);
            const g = await c2.DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [out.RunGroupId as string] }] });
            assert.equal(g.TotalCount, 1, "the retry made before SIGKILL survived");
            // The seed file was not applied a second time over the loaded state.
            assert.equal((await c2.DescribeRunGroups({ Filters: [{ Name: "Name", Values: ["from-seed-file"] }] })).TotalCount, 2);

            const ctl = new EmulatorControl(second.url);
            await ctl.addFault({ action: "DescribeProjects", latencyMs: 700, count: 1 });
            const inFlight = c2.DescribeProjects({});
            await new Promise((r) => setTimeout(r, 200));
            second.child.kill("SIGTERM");
            const answer = await inFlight;
            assert.equal(answer.TotalCount, 1, "the in-flight request was answered");
            assert.equal(await second.exited, 0);
        } finally {
            second.child.kill("SIGKILL");
        }
    });

    it("a mutation that cannot be persisted is not accepted: InternalError, state unchanged", async () => {
        const dir = tmpDir();
        dirs.push(dir);
        const statePath = path.join(dir, "sub", "state.json");
        const t = await startTestEmulator({ statePath });
        try {
            const seed = await t.ctl.seedFailedRunGroup({});
            // Make the state directory unusable: replace it by a plain file.
            fs.rmSync(path.join(dir, "sub"), { recursive: true });
            fs.writeFileSync(path.join(dir, "sub"), "not a directory");
            const e = await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }));
            assert.equal(e.code, "InternalError");
            assert.equal(Object.keys((await t.ctl.state()).runGroups).length, 1, "rolled back");
            assert.equal((await t.client().DescribeRunGroups({})).TotalCount, 1);
        } finally {
            await t.emu.stop();
        }
    });

    it("the real bin exits 0 on SIGINT", async () => {
        const b = await spawnBin(["--port", "0", "--clock", "immediate"]);
        assert.equal((await clientFor(b.url).DescribeProjects({})).TotalCount, 1);
        b.child.kill("SIGINT");
        assert.equal(await b.exited, 0);
    });

    it("the real bin: --fault-seed, --role (with ExternalId) and --sts-min-duration reach the emulator", async () => {
        const role = "qcs::cam::uin/100000000001:roleName/omics-operator";
        const b = await spawnBin(["--port", "0", "--clock", "immediate", "--fault-seed", "2024", "--role", `${role}:ext-1`, "--sts-min-duration", "30"]);
        try {
            const ctl = new EmulatorControl(b.url);
            assert.equal(await ctl.faultSeed(), 2024);
            assert.deepEqual(await ctl.roles(), [{ roleArn: role, externalId: "ext-1" }]);
            const sts = new StsClient({
                credential: { ...DEMO_CREDENTIALS },
                region: "ap-guangzhou",
                profile: { httpProfile: { endpoint: b.url.replace(/^http:\/\//, ""), protocol: "http://", reqTimeout: 10 } },
            });
            const r = await sts.AssumeRole({ RoleArn: role, RoleSessionName: "bin", ExternalId: "ext-1", DurationSeconds: 30 });
            assert.ok((r.ExpiredTime as number) - Date.now() / 1000 <= 31);
            assert.equal(
                (await sdkError(sts.AssumeRole({ RoleArn: role, RoleSessionName: "bin", ExternalId: "ext-1", DurationSeconds: 29 }))).code,
                "InvalidParameter.ParamError",
            );
        } finally {
            b.child.kill("SIGKILL");
        }
    });

    it("--help explains every flag and exits 0; a bad flag exits 2", () => {
        const help = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
        assert.equal(help.status, 0);
        for (const flag of [
            "--host",
            "--port",
            "--credentials",
            "--state",
            "--seed",
            "--clock",
            "--rate-limit",
            "--retry-limit",
            "--fault-seed",
            "--role",
            "--sts-min-duration",
        ]) {
            assert.ok(help.stdout.includes(flag), flag);
        }
        assert.ok(help.stdout.includes(DEMO_CREDENTIALS.secretId));
        const bad = spawnSync(process.execPath, [CLI, "--clock", "sometimes"], { encoding: "utf8" });
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /--clock/);
        assert.equal(fs.readFileSync(CLI, "utf8").split("\n")[0], "#!/usr/bin/env node");
    });
});
