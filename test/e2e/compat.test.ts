// The compatibility matrix (scripts/compat/matrix.js): the package as `npm pack` makes it,
// installed into a user's project outside this repository next to that project's own
// @pulumi/pulumi, then the whole lifecycle (preview, up, no-op up, refresh, destroy) with each
// cell's Node and Pulumi CLI against the emulator. The `pulumi` CLI is run directly, as a user
// runs it; the language host starts the program with whatever `node` comes first on PATH, so
// the program reports its process.version and the test checks it is the cell's.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { startEmulator, EmulatorControl, DEMO_CREDENTIALS, type RunningEmulator } from "../../emulator";
import { RUN_RETRY_TYPE } from "../../sdk";
import { repoRoot } from "./support/engine";
import { calls, type LoggedCall, only } from "./support/requests";

interface Cell {
    name: string;
    nodeMajor: number;
    pulumiSdk: string;
    cliModule: string;
}
interface NodeInfo {
    node: string;
    binDir: string;
    version: string;
}
interface EngineInfo {
    binDir: string;
    pulumi: string;
    version: string;
    env: Record<string, string>;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const matrix = require(path.join(repoRoot, "scripts", "compat", "matrix.js")) as {
    compatCells(): Cell[];
    packRepoOnce(): Promise<string>;
    createUserProject(o: { name: string; tarball: string; pulumiSdk: string; programDir: string }): Promise<{ dir: string; installSeconds: number }>;
    installedCopies(projectDir: string, name: string): { dir: string; version: string }[];
    nodeModulesAbove(dir: string): string[];
};
const { nodeOfMajor } = require(path.join(repoRoot, "scripts", "compat", "ensure-node.js")) as { nodeOfMajor(major: number): Promise<NodeInfo> };
const { ensureEngine, pinnedCliVersion } = require(path.join(repoRoot, "scripts", "engine", "ensure-engine.js")) as {
    ensureEngine(o?: { cliModule?: string }): Promise<EngineInfo>;
    pinnedCliVersion(cliModule?: string): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const PROGRAM_DIR = path.join(repoRoot, "test", "e2e", "compat", "program");
const STACK = "compat";
const PASSPHRASE = "omics-compat-passphrase";
/** A first build of a CLI from Go modules on a cold machine takes many minutes; it is not a test failure. */
const SETUP_TIMEOUT_MS = 45 * 60_000;
const OP_TIMEOUT_MS = 5 * 60_000;

/** One `pulumi` run; stdout is returned, a non-zero exit fails with the tail of its output. */
function runPulumi(pulumi: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(pulumi, [...args, "--non-interactive"], { cwd: opts.cwd, env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.stdin.end(opts.input ?? "");
        child.on("error", reject);
        child.on("close", (code) => {
            if (code === 0) return resolve(stdout);
            const tail = `${stdout}\n${stderr}`.trim().split("\n").slice(-40).join("\n");
            reject(new Error(`pulumi ${args.join(" ")} exited with ${code}:\n${tail}`));
        });
    });
}

interface PreviewJson {
    steps?: { op: string; urn: string }[];
    changeSummary?: Record<string, number>;
}

for (const cell of matrix.compatCells()) {
    describe(`e2e compat: ${cell.name} (Node ${cell.nodeMajor}, @pulumi/pulumi ${cell.pulumiSdk}, CLI module ${cell.cliModule})`, function () {
        this.timeout(OP_TIMEOUT_MS);
        let work: string;
        let node: NodeInfo;
        let engine: EngineInfo;
        let project: { dir: string; installSeconds: number };
        let emulator: RunningEmulator;
        let control: EmulatorControl;
        let env: NodeJS.ProcessEnv;
        let outputsAfterUp: Record<string, unknown>;
        const timings: string[] = [];

        const pulumi = async (args: string[], input?: string): Promise<string> => {
            const started = Date.now();
            const out = await runPulumi(engine.pulumi, args, { cwd: project.dir, env, input });
            timings.push(`${args[0]} ${((Date.now() - started) / 1000).toFixed(1)}s`);
            return out;
        };
        const outputs = async (): Promise<Record<string, unknown>> =>
            JSON.parse(await pulumi(["stack", "output", "--json", "--stack", STACK])) as Record<string, unknown>;
        const callsDuring = async (fn: () => Promise<unknown>): Promise<LoggedCall[]> => {
            await control.clearRequests();
            await fn();
            return calls(control);
        };

        before(async function () {
            this.timeout(SETUP_TIMEOUT_MS);
            work = fs.mkdtempSync(path.join(os.tmpdir(), `omics-compat-${cell.name}-work-`));
            node = await nodeOfMajor(cell.nodeMajor);
            engine = await ensureEngine({ cliModule: cell.cliModule });
            const tarball = await matrix.packRepoOnce();
            project = await matrix.createUserProject({ name: cell.name, tarball, pulumiSdk: cell.pulumiSdk, programDir: PROGRAM_DIR });
            emulator = await startEmulator({ clock: "immediate", credentials: [DEMO_CREDENTIALS] });
            control = new EmulatorControl(emulator.url);
            fs.mkdirSync(path.join(work, "state"));
            fs.mkdirSync(path.join(work, "home"));
            env = {
                ...process.env,
                ...engine.env,
                // The engine's folder first (pulumi, its language host, the dynamic-provider host),
                // then the cell's Node: the language host and the provider host run `node` from PATH.
                PATH: [engine.binDir, path.dirname(engine.pulumi), node.binDir, process.env.PATH ?? ""].join(path.delimiter),
                PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
                PULUMI_HOME: path.join(work, "home"),
                PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            };
            // Nothing from this repository may leak into the program's module resolution.
            delete env.NODE_PATH;
        });

        after(async () => {
            if (engine && project) await pulumi(["stack", "rm", "--yes", "--force", "--stack", STACK]).catch(() => undefined);
            await emulator?.stop();
            if (project) process.stderr.write(`    [compat ${cell.name}] npm install ${project.installSeconds.toFixed(1)}s; ${timings.join(", ")}\n`);
            if (!process.env.OMICS_KEEP_E2E) {
                if (project) fs.rmSync(project.dir, { recursive: true, force: true });
                if (work) fs.rmSync(work, { recursive: true, force: true });
            }
        });

        it("installs into a project outside the repo with exactly one @pulumi/pulumi, the cell's", () => {
            assert.deepEqual(matrix.nodeModulesAbove(project.dir), [], "no node_modules above the project");
            const copies = matrix.installedCopies(project.dir, "@pulumi/pulumi");
            assert.deepEqual(
                copies.map((c) => c.version),
                [cell.pulumiSdk],
                `copies: ${copies.map((c) => `${c.dir}@${c.version}`).join(", ")}`,
            );
            assert.equal(copies[0].dir, path.join(project.dir, "node_modules", "@pulumi", "pulumi"));
            assert.equal(matrix.installedCopies(project.dir, "pulumi-tencentcloud-omics").length, 1);
        });

        it("runs the cell's CLI and Node", async () => {
            assert.equal((await pulumi(["version"])).trim(), `v${engine.version}`);
            // Our own build is exactly the module's pin (a `pulumi` found on PATH may only be newer).
            if (path.dirname(engine.pulumi) === engine.binDir) assert.equal(engine.version, pinnedCliVersion(cell.cliModule));
            assert.equal(Number(node.version.split(".")[0]), cell.nodeMajor);
        });

        it("preview plans one RunRetry and retries nothing", async () => {
            await pulumi(["stack", "init", STACK]);
            const seeded = await control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
            const set = (key: string, value: string, secret = false) =>
                // --plaintext: the CLI refuses values that merely look like secrets (the key id) without it.
                pulumi(["config", "set", secret ? "--secret" : "--plaintext", "--stack", STACK, key], value);
            await set("runGroupId", seeded.RunGroupId);
            await set("tencentcloud:region", "ap-guangzhou");
            await set("tencentcloud-omics:endpoint", emulator.url);
            await set("tencentcloud:secretId", DEMO_CREDENTIALS.secretId);
            await set("tencentcloud:secretKey", DEMO_CREDENTIALS.secretKey, true);

            let plan: PreviewJson = {};
            const made = await callsDuring(async () => {
                plan = JSON.parse(await pulumi(["preview", "--json", "--stack", STACK])) as PreviewJson;
            });
            const runRetries = (plan.steps ?? []).filter((s) => s.urn.endsWith(`::${RUN_RETRY_TYPE}::compat-retry`));
            assert.deepEqual(
                runRetries.map((s) => s.op),
                ["create"],
                `steps: ${JSON.stringify(plan.steps?.map((s) => [s.op, s.urn]))}`,
            );
            assert.deepEqual(only(made, "RetryRuns"), []);
        });

        it("up retries the failed runs exactly once, with the program on the cell's Node and SDK", async () => {
            const made = await callsDuring(() => pulumi(["up", "--yes", "--skip-preview", "--stack", STACK]));
            assert.equal(only(made, "RetryRuns").length, 1);
            outputsAfterUp = await outputs();
            assert.match(String(outputsAfterUp.newRunGroupId), /^run-/);
            assert.equal(outputsAfterUp.status, "COMPLETE");
            assert.equal(outputsAfterUp.nodeVersion, `v${node.version}`);
            assert.equal(outputsAfterUp.pulumiSdkVersion, cell.pulumiSdk);
            const resolved = fs.realpathSync(String(outputsAfterUp.omicsResolvedFrom));
            assert.ok(resolved.startsWith(fs.realpathSync(project.dir) + path.sep), `the package came from ${resolved}`);
        });

        it("a second up changes nothing and makes no API call", async () => {
            const made = await callsDuring(() => pulumi(["up", "--yes", "--skip-preview", "--expect-no-changes", "--stack", STACK]));
            assert.deepEqual(made, []);
            assert.deepEqual(await outputs(), outputsAfterUp);
        });

        it("refresh reads the run group back and retries nothing", async () => {
            const made = await callsDuring(() => pulumi(["refresh", "--yes", "--skip-preview", "--stack", STACK]));
            assert.ok(made.length > 0, "refresh asked the API");
            assert.deepEqual(only(made, "RetryRuns"), []);
            assert.deepEqual(await outputs(), outputsAfterUp);
        });

        it("destroy removes the resource from the stack without retrying", async () => {
            const made = await callsDuring(() => pulumi(["destroy", "--yes", "--skip-preview", "--stack", STACK]));
            assert.deepEqual(only(made, "RetryRuns"), []);
            const exported = JSON.parse(await pulumi(["stack", "export", "--stack", STACK])) as { deployment?: { resources?: { urn: string }[] } };
            // The RunRetry and whatever it created on its behalf (all named after it).
            const left = (exported.deployment?.resources ?? []).map((r) => r.urn).filter((u) => u.endsWith("::compat-retry"));
            assert.deepEqual(left, []);
        });
    });
}
