// What the real engine (CLI v3.248 + the Node dynamic-provider host) does when `pulumi up` is
// interrupted the way CI systems do it, during an in-flight create of a dynamic resource whose
// create sleeps (test/e2e/programs/sleeper). These are measurements of TODAY's engine, written
// as tests so that an engine upgrade that changes them fails here; our provider's own defences
// (idempotent create, a watchdog for a dead engine) are built on them. docs/reliability.md has
// the full table with 60-second creates.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { Backend } from "./support/engine";
import { type CliProcess, LOCKED_STACK, PulumiProject, type ProcessInfo, processRole, useCliCleanup, waitUntil } from "./support/cliProcess";

const SLEEPER = "pulumi-nodejs:dynamic/e2e:Sleeper";

/** One line the sleeper's provider appended to its marker file. */
interface MarkerLine {
    t: number;
    kind: "hook" | "start" | "tick" | "done" | "stopped" | "failed" | "rpc" | "stdin-eof";
    pid: number;
    path?: string;
    argv?: string[];
    installed?: boolean;
}

function markerLines(file: string): MarkerLine[] {
    if (!fs.existsSync(file)) return [];
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as MarkerLine);
}

const isCancelRpc = (l: MarkerLine): boolean => l.kind === "rpc" && l.path === "/pulumirpc.ResourceProvider/Cancel";

function byRole(processes: ProcessInfo[], role: ReturnType<typeof processRole>): ProcessInfo {
    const found = processes.filter((p) => processRole(p) === role);
    assert.equal(found.length, 1, `exactly one ${role} among:\n${processes.map((p) => p.cmdline).join("\n")}`);
    return found[0];
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
    } catch {
        return false;
    }
}

/** Whether a TCP connection to host:port is accepted (the engine's gRPC address). */
function accepts(address: string): Promise<boolean> {
    const [host, port] = address.split(":");
    return new Promise((resolve) => {
        const socket = net.connect({ host, port: Number(port) });
        socket.setTimeout(2000);
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
        socket.once("timeout", () => {
            socket.destroy();
            resolve(false);
        });
    });
}

describe("e2e: the engine when `pulumi up` is interrupted (measured, real CLI and dynamic-provider host)", function () {
    this.timeout(120_000);
    useCliCleanup();
    let backend: Backend;
    before(() => {
        backend = new Backend();
    });
    after(() => {
        if (!process.env.OMICS_KEEP_E2E) backend?.cleanup();
    });

    /** A sleeper stack, and an `up` whose one create is running (its first line is in the marker file). */
    async function upWithCreateInFlight(
        stack: string,
        sleepSeconds: number,
        stopOnCancel = false,
    ): Promise<{ project: PulumiProject; up: CliProcess; markerFile: string }> {
        const { project, markerFile } = await sleeperStack(stack, { sleepSeconds: String(sleepSeconds), stopOnCancel: String(stopOnCancel) });
        const up = project.startUp();
        await waitUntil(() => markerLines(markerFile).some((l) => l.kind === "start") || up.hasExited, 90_000, "the sleeper's create to start");
        assert.ok(!up.hasExited, `up ended before the create started:\n${up.tail()}`);
        return { project, up, markerFile };
    }

    async function sleeperStack(stack: string, config: Record<string, string>): Promise<{ project: PulumiProject; markerFile: string }> {
        const markerFile = path.join(backend.dir, `${stack}.marker.jsonl`);
        const project = await PulumiProject.create(backend, "sleeper", stack, { ...config, markerFile });
        return { project, markerFile };
    }

    describe("SIGKILL of the CLI's process group (a CI job timeout)", () => {
        const SLEEP = 8;
        let project: PulumiProject;
        let up: CliProcess;
        let markerFile: string;
        let engineAddress: string;
        let tree: ProcessInfo[];

        before(async () => {
            ({ project, up, markerFile } = await upWithCreateInFlight("killed", SLEEP));
            tree = up.survivors();
        });

        it("puts the CLI, the language host and the dynamic-provider host in three different process groups", () => {
            const cli = byRole(tree, "cli");
            const languageHost = byRole(tree, "language-host");
            const program = byRole(tree, "program");
            const sh = byRole(tree, "provider-sh");
            const host = byRole(tree, "provider-node");
            assert.equal(cli.pid, up.pid);
            assert.equal(cli.pgid, cli.pid, "the CLI leads the job's group");
            assert.equal(languageHost.ppid, cli.pid);
            assert.equal(languageHost.pgid, languageHost.pid, "setpgid by the engine");
            assert.equal(program.ppid, languageHost.pid);
            assert.equal(program.pgid, languageHost.pgid);
            assert.equal(sh.ppid, cli.pid);
            assert.equal(sh.pgid, sh.pid, "setpgid by the engine");
            assert.equal(host.ppid, sh.pid);
            assert.equal(host.pgid, sh.pgid);
            assert.deepEqual(tree.map((p) => processRole(p)).sort(), ["cli", "language-host", "program", "provider-node", "provider-sh"]);
        });

        it("gives the dynamic-provider host the engine's address as its only argument (the language host gets the same)", async () => {
            const start = markerLines(markerFile).find((l) => l.kind === "start");
            const argv = start?.argv ?? [];
            assert.equal(argv.length, 3, JSON.stringify(argv));
            assert.match(argv[1], /@pulumi\/pulumi\/cmd\/dynamic-provider\/index\.js$/);
            engineAddress = argv[2];
            assert.match(engineAddress, /^127\.0\.0\.1:\d+$/);
            assert.ok(byRole(tree, "language-host").cmdline.endsWith(` ${engineAddress}`));
            assert.equal(await accepts(engineAddress), true, "the engine listens while the CLI lives");
        });

        it("ends only the CLI: the dynamic-provider host and the language host survive, the create runs to its end", async () => {
            const host = byRole(tree, "provider-node");
            const sh = byRole(tree, "provider-sh");
            const languageHost = byRole(tree, "language-host");
            assert.equal(up.signalGroup("SIGKILL"), true);
            const exit = await up.waitExit(5_000);
            assert.equal(exit.signal, "SIGKILL");
            assert.equal(markerLines(markerFile).filter(isCancelRpc).length, 0, "no Cancel RPC: the engine had no chance");

            // The program dies with its resource monitor; nothing else does.
            await waitUntil(() => !isAlive(byRole(tree, "program").pid), 10_000, "the program's node process to exit");
            assert.equal(isAlive(host.pid), true, "the dynamic-provider host outlives the CLI");
            assert.equal(isAlive(languageHost.pid), true, "the language host outlives the CLI");
            assert.equal(await accepts(engineAddress), false, "the engine's address refuses connections: a probe can tell the engine is gone");

            // Re-parented: the shell's parent is no longer the CLI (a watchdog can watch for that).
            const shNow = up.survivors().find((p) => p.pid === sh.pid);
            assert.ok(shNow, "the provider's shell is alive");
            assert.notEqual(shNow.ppid, up.pid);
            // The CLI held the write end of the plugin's stdin: the host sees end-of-file at once.
            const eof = await waitUntil(() => markerLines(markerFile).find((l) => l.kind === "stdin-eof"), 5_000, "end-of-file on the provider's stdin");
            assert.ok(eof.t - (up.startedAt + up.signalsSent[0].ms) < 3_000, "EOF within 3 s of the kill");

            const done = await waitUntil(() => markerLines(markerFile).find((l) => l.kind === "done"), (SLEEP + 10) * 1000, "the orphaned create to finish");
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            assert.equal(isAlive(host.pid), true, `the host is still alive ${Date.now() - done.t} ms after its create returned: nothing ends it`);
            const killed = up
                .killSurvivors()
                .map((p) => processRole(p))
                .sort();
            assert.deepEqual(killed, ["language-host", "provider-node", "provider-sh"]);
        });

        it("leaves the dead CLI's lock (up fails on it) and a pending `creating` operation; `stack export` still works", async () => {
            const locks = project.locks();
            assert.equal(locks.length, 1);
            assert.equal(locks[0].pid, up.pid);
            assert.equal(locks[0].holderAlive, false);
            const plainUp = await project.run(["up", "--yes", "--skip-preview"]);
            assert.equal(plainUp.code, 1);
            assert.match(plainUp.output, LOCKED_STACK);
            assert.match(plainUp.output, new RegExp(`\\(pid ${up.pid}\\)`), "the error names the dead CLI's pid");
            const state = await project.exportState(); // no lock check on the file backend
            assert.deepEqual(
                (state.deployment.pending_operations ?? []).map((op) => [op.type, op.resource.type]),
                [["creating", SLEEPER]],
            );
            assert.equal((state.deployment.resources ?? []).filter((r) => r.type === SLEEPER).length, 0, "the finished create reached no state");
        });

        it("the next up fails on the lock until `pulumi cancel`; then it warns about the pending operation and creates again", async () => {
            await project.runOk(["config", "set", "sleepSeconds", "1"]);
            const firstPid = markerLines(markerFile).find((l) => l.kind === "start")?.pid;
            const { cancelled, result } = await project.runAfterCrash(["up", "--yes", "--skip-preview"]);
            assert.equal(cancelled, true, "the lock made `pulumi cancel` necessary");
            assert.deepEqual(project.locks(), []);
            assert.equal(result.code, 0, result.output);
            assert.match(result.output, /Attempting to deploy or update resources with 1 pending operations from previous deployment/);
            const starts = markerLines(markerFile).filter((l) => l.kind === "start");
            assert.equal(starts.length, 2, "Create is called again: the engine gives it no hint of the first attempt");
            assert.notEqual(starts[1].pid, firstPid);
            const state = await project.exportState();
            assert.equal((state.deployment.resources ?? []).filter((r) => r.type === SLEEPER).length, 1);
            assert.equal((state.deployment.pending_operations ?? []).length, 1, "the old pending create is carried forward");
        });

        it("`refresh --clear-pending-creates` drops the leftover pending create and keeps the resource", async () => {
            const refresh = await project.run(["refresh", "--clear-pending-creates", "--yes"]);
            assert.equal(refresh.code, 0, refresh.output);
            assert.doesNotMatch(refresh.output, LOCKED_STACK);
            const state = await project.exportState();
            assert.deepEqual(state.deployment.pending_operations ?? [], []);
            assert.equal((state.deployment.resources ?? []).filter((r) => r.type === SLEEPER).length, 1);
        });
    });

    it("first SIGTERM: the engine sends Cancel at once, then awaits the in-flight create to its end and exits 1 with a clean state", async () => {
        const SLEEP = 6;
        const { project, up, markerFile } = await upWithCreateInFlight("term", SLEEP);
        up.signalGroup("SIGTERM");
        const signalAt = up.startedAt + up.signalsSent[0].ms;
        await up.waitForOutput(/SIGTERM received; cancelling\. If you would like to terminate immediately, send SIGTERM again\./, 5_000);
        const cancel = await waitUntil(() => markerLines(markerFile).find(isCancelRpc), 5_000, "the Cancel RPC");
        assert.ok(cancel.t - signalAt < 2_000, `Cancel ${cancel.t - signalAt} ms after the signal`);

        const exit = await up.waitExit(60_000);
        const lines = markerLines(markerFile);
        const done = lines.find((l) => l.kind === "done");
        assert.ok(done, "the in-flight create ran to its end");
        assert.ok(up.startedAt + exit.ms >= done.t, "the CLI exited only after the create returned");
        assert.equal(lines.filter((l) => l.kind === "tick").length, SLEEP);
        assert.deepEqual([exit.code, exit.signal], [1, null]);
        assert.match(up.output, /error: update canceled/);
        await waitUntil(() => up.survivors().length === 0, 10_000, "every process of the run to exit");
        assert.deepEqual(project.locks(), []);
        const state = await project.exportState();
        assert.deepEqual(state.deployment.pending_operations ?? [], []);
        assert.equal((state.deployment.resources ?? []).filter((r) => r.type === SLEEPER).length, 1, "the awaited create is recorded");
    });

    it("a second SIGINT terminates at once: the plugins are interrupted, the lock is released, the create stays pending", async () => {
        const { project, up, markerFile } = await upWithCreateInFlight("twice", 30);
        up.signalGroup("SIGINT");
        await up.waitForOutput(/\^C received; cancelling/, 5_000);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        up.signalGroup("SIGINT");
        const exit = await up.waitExit(10_000);
        const afterSecond = exit.ms - up.signalsSent[1].ms;
        assert.ok(afterSecond < 3_000, `exited ${afterSecond} ms after the second signal`);
        assert.deepEqual([exit.code, exit.signal], [8, null], "8 = ExitCancelled in the CLI's exit-code taxonomy");
        assert.match(up.output, /\^C received; terminating/);
        assert.match(up.output, /Sleeper s0 creating \(interrupted\)/);
        // The engine closes its plugins (SIGINT to each plugin's group, SIGKILL after 5 s).
        await waitUntil(() => up.survivors().length === 0, 8_000, "every process of the run to exit");
        assert.equal(
            markerLines(markerFile).some((l) => l.kind === "done"),
            false,
            "the create was cut short",
        );
        assert.deepEqual(project.locks(), [], "the lock is released");
        assert.equal(await project.cancelIfStaleLock(), false, "nothing to cancel");
        const state = await project.exportState();
        assert.deepEqual(
            (state.deployment.pending_operations ?? []).map((op) => op.type),
            ["creating"],
        );
    });

    it("a provider that observes the Cancel RPC (by wrapping the host's gRPC handler lookup) can end its create within a second of SIGINT", async () => {
        const { project, up, markerFile } = await upWithCreateInFlight("hooked", 30, true);
        assert.equal(markerLines(markerFile).find((l) => l.kind === "hook")?.installed, true, "the hook found @grpc/grpc-js in require.cache");
        up.signalGroup("SIGINT");
        const exit = await up.waitExit(15_000);
        assert.ok(exit.msAfterFirstSignal !== undefined && exit.msAfterFirstSignal < 5_000, `exited ${exit.msAfterFirstSignal} ms after SIGINT`);
        assert.equal(exit.code, 1);
        assert.match(up.output, /the engine cancelled the update/);
        const stopped = markerLines(markerFile).find((l) => l.kind === "stopped");
        assert.ok(stopped, "the create saw Cancel and stopped");
        await waitUntil(() => up.survivors().length === 0, 10_000, "every process of the run to exit");
        assert.deepEqual(project.locks(), []);
        const state = await project.exportState();
        assert.deepEqual(state.deployment.pending_operations ?? [], [], "a create that failed leaves no pending operation");
        assert.equal((state.deployment.resources ?? []).filter((r) => r.type === SLEEPER).length, 0);
    });

    it("without a signal, Cancel arrives only after the last step returned, even when a sibling create failed", async () => {
        const { project, markerFile } = await sleeperStack("sibling", { sleepSeconds: "4", count: "2", failFirstAfter: "1" });
        const result = await project.run(["up", "--yes", "--skip-preview"]);
        assert.equal(result.code, 1, result.output);
        assert.match(result.output, /sleeper s0: failing on purpose after 1 s/);
        const lines = markerLines(markerFile);
        const failed = lines.find((l) => l.kind === "failed");
        const done = lines.find((l) => l.kind === "done");
        const cancels = lines.filter(isCancelRpc);
        assert.ok(failed && done, "s0 failed and s1 finished");
        assert.equal(cancels.length, 1, "one Cancel per deployment, at its end");
        assert.ok(cancels[0].t >= done.t, "no Cancel while s1's create was in flight after s0 failed");
        const state = await project.exportState();
        assert.deepEqual(state.deployment.pending_operations ?? [], []);
        assert.deepEqual(
            (state.deployment.resources ?? []).filter((r) => r.type === SLEEPER).map((r) => r.urn.split("::").pop()),
            ["s1"],
        );
    });
});
