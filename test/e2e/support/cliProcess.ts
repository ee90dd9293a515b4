// Drives the real `pulumi` CLI as a process group of its own, the way a CI runner's job shell
// does, so a test can interrupt it exactly like a cancel (SIGINT/SIGTERM, then SIGKILL) or a job
// timeout (SIGKILL of the group) would.
//
// The engine starts every plugin (the Node language host, the dynamic-provider host) with
// setpgid, so they are NOT in the CLI's process group and a group signal never reaches them.
// To find and clean up everything a run started, each run gets a unique marker in its
// environment (OMICS_E2E_RUN=<random>): every descendant inherits it, and /proc/<pid>/environ
// shows it even after the process was re-parented to init. (Measured: the engine passes its
// whole environment on to the language host, the program and the dynamic-provider host.)
//
// Linux only (/proc).
import { spawn, type ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Readable } from "node:stream";
import { type Backend, getEngine, repoRoot, TEST_PASSPHRASE } from "./engine";

/** The environment variable that carries a run's marker to every process it starts. */
export const MARKER_VAR = "OMICS_E2E_RUN";

export interface ProcessInfo {
    pid: number;
    ppid: number;
    pgid: number;
    cmdline: string;
}

export interface ExitInfo {
    /** Exit code, or null when a signal ended the process. */
    code: number | null;
    signal: NodeJS.Signals | null;
    /** Milliseconds from spawn to exit. */
    ms: number;
    /** Milliseconds from the first signalGroup() to exit (undefined when no signal was sent). */
    msAfterFirstSignal?: number;
}

export interface OutputLine {
    /** Milliseconds since spawn when the chunk holding this line arrived. */
    ms: number;
    stream: "stdout" | "stderr";
    text: string;
}

export interface CliStartOptions {
    cwd: string;
    /** Added to (and overriding) the test process's environment. */
    env: Record<string, string>;
    /** Defaults to a fresh random marker. */
    marker?: string;
}

/** Every process a run started, for the cleanup hooks; see useCliCleanup. */
const started: CliProcess[] = [];

/** One `pulumi ...` (or any) command leading its own process group. */
export class CliProcess {
    readonly pid: number;
    readonly marker: string;
    readonly command: string;
    readonly startedAt = Date.now();
    readonly lines: OutputLine[] = [];
    private out = "";
    private err = "";
    /** Signals sent with signalGroup, with the time (ms since spawn) each was sent. */
    readonly signalsSent: { signal: NodeJS.Signals; ms: number }[] = [];
    private readonly child: ChildProcess;
    private readonly exited: Promise<ExitInfo>;
    private exitInfo?: ExitInfo;
    private readonly outputListeners = new Set<() => void>();
    private combined = "";
    private readonly partial = { stdout: "", stderr: "" };

    constructor(file: string, args: string[], options: CliStartOptions) {
        this.marker = options.marker ?? `${process.pid}-${crypto.randomBytes(6).toString("hex")}`;
        this.command = [path.basename(file), ...args].join(" ");
        this.child = spawn(file, args, {
            cwd: options.cwd,
            env: { ...process.env, ...options.env, [MARKER_VAR]: this.marker },
            // A process group of its own, like a CI job: signalGroup reaches exactly this group.
            detached: true,
            stdio: ["ignore", "pipe", "pipe"],
        });
        if (this.child.pid === undefined) throw new Error(`cannot start ${this.command}`);
        this.pid = this.child.pid;
        started.push(this);
        this.child.stdout?.on("data", (chunk: Buffer) => this.onOutput("stdout", chunk));
        this.child.stderr?.on("data", (chunk: Buffer) => this.onOutput("stderr", chunk));
        this.exited = new Promise((resolve) => {
            this.child.once("exit", (code, signal) => {
                const ms = Date.now() - this.startedAt;
                const first = this.signalsSent[0];
                this.exitInfo = { code, signal, ms, msAfterFirstSignal: first ? ms - first.ms : undefined };
                this.notifyOutput();
                resolve(this.exitInfo);
            });
        });
        // Output from the last moments before exit arrives after 'exit'; keep listening until 'close'.
        this.child.once("close", () => {
            this.flushPartialLines();
            this.notifyOutput();
        });
    }

    get stdout(): string {
        return this.out;
    }

    get stderr(): string {
        return this.err;
    }

    /** stdout and stderr interleaved in arrival order (chunk by chunk). */
    get output(): string {
        return this.combined;
    }

    get hasExited(): boolean {
        return this.exitInfo !== undefined;
    }

    private onOutput(stream: "stdout" | "stderr", chunk: Buffer): void {
        const text = chunk.toString("utf8");
        if (stream === "stdout") this.out += text;
        else this.err += text;
        this.combined += text;
        // Whole lines only: a chunk may end in the middle of one.
        const pieces = (this.partial[stream] + text).split("\n");
        this.partial[stream] = pieces.pop() ?? "";
        const ms = Date.now() - this.startedAt;
        for (const line of pieces) {
            if (line.length > 0) this.lines.push({ ms, stream, text: line });
        }
        this.notifyOutput();
    }

    private flushPartialLines(): void {
        for (const stream of ["stdout", "stderr"] as const) {
            if (this.partial[stream]) this.lines.push({ ms: Date.now() - this.startedAt, stream, text: this.partial[stream] });
            this.partial[stream] = "";
        }
    }

    private notifyOutput(): void {
        for (const listener of [...this.outputListeners]) listener();
    }

    /**
     * Resolves with the first match of `pattern` in the combined output (searched from the
     * start); rejects on timeout or when the process exits (and its pipes close) without it.
     */
    waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
        return new Promise((resolve, reject) => {
            const check = (): void => {
                const match = pattern.exec(this.stdout) ?? pattern.exec(this.stderr);
                if (match) {
                    finish(() => resolve(match));
                    return;
                }
                if (this.hasExited && this.pipesEnded()) {
                    finish(() => reject(new Error(`${this.command} exited (${describeExit(this.exitInfo)}) without printing ${pattern}\n${this.tail()}`)));
                }
            };
            const timer = setTimeout(
                () => finish(() => reject(new Error(`no ${pattern} from ${this.command} within ${timeoutMs} ms\n${this.tail()}`))),
                timeoutMs,
            );
            const finish = (settle: () => void): void => {
                clearTimeout(timer);
                this.outputListeners.delete(check);
                settle();
            };
            this.outputListeners.add(check);
            check();
        });
    }

    /**
     * kill(-pid, sig): what a CI runner does to a job. Returns false when the group is gone.
     * Only the CLI is in this group; its plugins lead groups of their own.
     */
    signalGroup(signal: NodeJS.Signals): boolean {
        this.signalsSent.push({ signal, ms: Date.now() - this.startedAt });
        try {
            process.kill(-this.pid, signal);
            return true;
        } catch (err) {
            if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
            throw err;
        }
    }

    /** Resolves when the CLI process itself exits; rejects after timeoutMs. */
    async waitExit(timeoutMs: number): Promise<ExitInfo> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${this.command} still running after ${timeoutMs} ms\n${this.tail()}`)), timeoutMs);
        });
        try {
            const info = await Promise.race([this.exited, timeout]);
            // Let the pipes deliver what was written just before exit.
            await this.pipesClosed(2000);
            return info;
        } finally {
            clearTimeout(timer);
        }
    }

    private pipesEnded(): boolean {
        const ended = (s: Readable | null): boolean => s === null || s.readableEnded || s.destroyed;
        return ended(this.child.stdout) && ended(this.child.stderr);
    }

    private pipesClosed(timeoutMs: number): Promise<void> {
        if (this.pipesEnded()) return Promise.resolve();
        return new Promise((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            this.child.once("close", () => {
                clearTimeout(timer);
                resolve();
            });
        });
    }

    /** Live processes (the CLI included) that carry this run's marker. */
    survivors(): ProcessInfo[] {
        return findMarkedProcesses(this.marker);
    }

    /** SIGKILLs every process of this run, rescanning until none is left; returns those killed. */
    killSurvivors(): ProcessInfo[] {
        return killMarked(this.marker);
    }

    /** The last lines of output, for error messages. */
    tail(lines = 40): string {
        return this.lines
            .slice(-lines)
            .map((l) => `  [${l.stream} +${l.ms}ms] ${l.text}`)
            .join("\n");
    }

    /** Exited 0 by itself and left nothing behind: a one-line summary says it all. */
    isUneventful(): boolean {
        return this.exitInfo?.code === 0 && this.signalsSent.length === 0 && this.survivors().length === 0;
    }

    summary(): string {
        return `$ ${this.command}  (pid ${this.pid}): ${describeExit(this.exitInfo)}`;
    }

    /** Everything known about this run, for printing when a test fails. */
    report(): string {
        const survivors = this.survivors();
        return [
            `$ ${this.command}  (pid ${this.pid}, marker ${this.marker})`,
            `signals: ${this.signalsSent.map((s) => `${s.signal}@+${s.ms}ms`).join(", ") || "none"}; exit: ${describeExit(this.exitInfo)}`,
            this.tail(200),
            survivors.length ? `survivors:\n${survivors.map((p) => `  ${formatProcess(p)}`).join("\n")}` : "no survivors",
        ].join("\n");
    }
}

function describeExit(info: ExitInfo | undefined): string {
    if (!info) return "still running";
    return `${info.signal ? `signal ${info.signal}` : `code ${info.code}`} after ${info.ms} ms`;
}

export function formatProcess(p: ProcessInfo): string {
    return `pid ${p.pid} ppid ${p.ppid} pgid ${p.pgid} [${processRole(p)}] ${p.cmdline}`;
}

/**
 * What an engine process is, from its command line: "cli", "language-host", "program" (the Node
 * process running the Pulumi program), "provider-sh" (the pulumi-resource-pulumi-nodejs shell
 * script), "provider-node" (the dynamic-provider host) or "other".
 */
export function processRole(p: ProcessInfo): "cli" | "language-host" | "program" | "provider-sh" | "provider-node" | "other" {
    const argv = p.cmdline.split(" ");
    const exe = path.basename(argv[0] ?? "");
    if (exe === "pulumi") return "cli";
    if (exe === "pulumi-language-nodejs") return "language-host";
    if (/(^|\/)(sh|bash|dash)$/.test(argv[0] ?? "") && p.cmdline.includes("pulumi-resource-pulumi-nodejs")) return "provider-sh";
    if (exe === "node" && p.cmdline.includes("cmd/dynamic-provider")) return "provider-node";
    if (exe === "node" && p.cmdline.includes("cmd/run")) return "program";
    return "other";
}

/** Reads /proc/<pid>/stat: "pid (comm) state ppid pgrp ..." (comm may contain spaces). */
function readStat(pid: number): { ppid: number; pgid: number; state: string } | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return { state: rest[0], ppid: Number(rest[1]), pgid: Number(rest[2]) };
    } catch {
        return undefined;
    }
}

/** Live (non-zombie) processes whose environment holds OMICS_E2E_RUN=<marker>. */
export function findMarkedProcesses(marker: string): ProcessInfo[] {
    const needle = Buffer.from(`${MARKER_VAR}=${marker}\0`);
    const found: ProcessInfo[] = [];
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        const pid = Number(entry);
        if (pid === process.pid) continue;
        let environ: Buffer;
        try {
            environ = fs.readFileSync(`/proc/${pid}/environ`);
        } catch {
            continue; // gone, or not ours to read
        }
        if (!environ.includes(needle)) continue;
        const stat = readStat(pid);
        if (!stat || stat.state === "Z") continue;
        let cmdline = "";
        try {
            cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
        } catch {
            continue;
        }
        found.push({ pid, ppid: stat.ppid, pgid: stat.pgid, cmdline });
    }
    return found.sort((a, b) => a.pid - b.pid);
}

function killMarked(marker: string): ProcessInfo[] {
    const killed = new Map<number, ProcessInfo>();
    // A process may start a child while we kill its siblings: rescan a few times.
    for (let round = 0; round < 5; round++) {
        const alive = findMarkedProcesses(marker);
        if (alive.length === 0) break;
        for (const p of alive) {
            try {
                process.kill(p.pid, "SIGKILL");
                killed.set(p.pid, p);
            } catch {
                // already gone
            }
        }
        sleepSync(50);
    }
    return [...killed.values()];
}

function sleepSync(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Kills whatever any run started by this test process left alive; returns what it killed. */
export function killAllStarted(): ProcessInfo[] {
    return started.flatMap((run) => run.killSurvivors());
}

// Last resort: a mocha process that ends (even on a timeout) takes every run's processes with it.
process.once("exit", () => {
    killAllStarted();
});

/**
 * Registers mocha hooks. After each test, every process started during the test is killed, and
 * when the test failed, the output and survivors of each run started since the previous test
 * (`before` hooks included) or still alive are printed. Runs started in a `before` hook may
 * span several tests (a suite that checks one interrupted run step by step); the final sweep
 * after the suite kills what they left.
 */
export function useCliCleanup(): void {
    let startedBeforeTest = 0;
    let reportedUpTo = 0;
    beforeEach(() => {
        startedBeforeTest = started.length;
    });
    afterEach(function () {
        if (this.currentTest?.state === "failed") {
            const runs = started.filter((run, i) => i >= reportedUpTo || run.survivors().length > 0);
            for (const run of runs) console.error(`\n----- ${run.isUneventful() ? run.summary() : run.report()}`);
        }
        for (const run of started.slice(startedBeforeTest)) run.killSurvivors();
        reportedUpTo = started.length;
    });
    after(() => {
        killAllStarted();
    });
}

/**
 * Polls `predicate` every `intervalMs` until it returns a truthy value, and resolves with it;
 * rejects after `timeoutMs` (naming `what`). The predicate may be async (e.g. an HTTP call to
 * the emulator's request log) and may throw; the last error is reported on timeout.
 */
export async function waitUntil<T>(predicate: () => T | Promise<T>, timeoutMs: number, what = "a condition", intervalMs = 100): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
        try {
            const value = await predicate();
            if (value) return value as NonNullable<T>;
        } catch (err) {
            lastError = err;
        }
        if (Date.now() >= deadline) {
            const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
        }
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
}

// ---------------------------------------------------------------------------------------------
// A Pulumi project + stack on a local file backend, driven through the CLI.

export interface CliResult extends ExitInfo {
    stdout: string;
    stderr: string;
    output: string;
}

/** `pulumi stack export` output, the parts the tests read. */
export interface StackExport {
    version: number;
    deployment: {
        resources?: { urn: string; type: string; id?: string; outputs?: Record<string, unknown> }[];
        pending_operations?: { type: string; resource: { urn: string; type: string } }[];
    };
}

/** A lock file of the file backend (.pulumi/locks/<org>/<project>/<stack>/<id>.json). */
export interface LockInfo {
    file: string;
    pid: number;
    /** Whether that pid is alive on this machine (a lock of a dead process is stale). */
    holderAlive: boolean;
    timestamp: string;
}

/**
 * The error `up`, `refresh`, `destroy`, `import` and `stack rm` print when another lock file
 * exists for the stack (pkg/backend/diy/lock.go). `stack export` takes no lock and does NOT
 * fail on a locked stack of the file backend, so its text cannot reveal a lock there.
 */
export const LOCKED_STACK = /the stack is currently locked by \d+ lock\(s\)/;

export interface ProjectOptions {
    workDir: string;
    stack: string;
    backend: Backend;
    /** Added to every command's environment (after the engine's and the backend's). */
    extraEnv?: Record<string, string>;
}

export class PulumiProject {
    readonly workDir: string;
    readonly stack: string;
    readonly backend: Backend;
    private constructor(
        readonly pulumi: string,
        readonly env: Record<string, string>,
        options: ProjectOptions,
    ) {
        this.workDir = options.workDir;
        this.stack = options.stack;
        this.backend = options.backend;
    }

    /** The engine from getEngine(), on the backend's state folder and PULUMI_HOME. */
    static async open(options: ProjectOptions): Promise<PulumiProject> {
        const engine = await getEngine();
        const env: Record<string, string> = {
            ...engine.env,
            PULUMI_BACKEND_URL: options.backend.url,
            PULUMI_HOME: path.join(options.backend.dir, "home"),
            PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            ...options.extraEnv,
        };
        return new PulumiProject(engine.pulumi, env, options);
    }

    /**
     * Copies `test/e2e/programs/<program>` (or the program folder at an absolute path) into the
     * backend's folder (inside the repo, so the program resolves `@pulumi/pulumi` from the repo's
     * node_modules), inits the stack and sets its config.
     */
    static async create(
        backend: Backend,
        program: string,
        stack: string,
        config: Record<string, string | { secret: string }>,
        extraEnv?: Record<string, string>,
    ): Promise<PulumiProject> {
        const source = path.isAbsolute(program) ? program : path.join(repoRoot, "test", "e2e", "programs", program);
        const workDir = path.join(backend.dir, `${path.basename(program)}-${stack}-${crypto.randomBytes(3).toString("hex")}`);
        fs.cpSync(source, workDir, { recursive: true });
        const project = await PulumiProject.open({ workDir, stack, backend, extraEnv });
        await project.runOk(["stack", "init"]); // start() adds --stack <stack>
        const pairs = Object.entries(config).flatMap(([k, v]) => (typeof v === "string" ? ["--plaintext", `${k}=${v}`] : ["--secret", `${k}=${v.secret}`]));
        if (pairs.length) await project.runOk(["config", "set-all", ...pairs]);
        return project;
    }

    /** Starts `pulumi <args> --stack <stack> --non-interactive` as its own process group. */
    start(args: string[], env: Record<string, string> = {}): CliProcess {
        return new CliProcess(this.pulumi, [...args, "--stack", this.stack, "--non-interactive"], { cwd: this.workDir, env: { ...this.env, ...env } });
    }

    /** `up --yes --skip-preview` (one program run, one provider process). */
    startUp(extraArgs: string[] = []): CliProcess {
        return this.start(["up", "--yes", "--skip-preview", ...extraArgs]);
    }

    /** Runs a command to its end; any process it leaves behind is killed (and listed in `leftovers`). */
    async run(args: string[], timeoutMs = 120_000): Promise<CliResult & { leftovers: ProcessInfo[] }> {
        const run = this.start(args);
        let exit: ExitInfo;
        try {
            exit = await run.waitExit(timeoutMs);
        } catch (err) {
            run.killSurvivors();
            throw err;
        }
        const leftovers = run.killSurvivors();
        return { ...exit, stdout: run.stdout, stderr: run.stderr, output: run.output, leftovers };
    }

    /** Like run, but throws (with the output) unless the command exits 0. */
    async runOk(args: string[], timeoutMs = 120_000): Promise<CliResult> {
        const result = await this.run(args, timeoutMs);
        if (result.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} failed (${result.signal ?? `code ${result.code}`}):\n${result.output}`);
        }
        return result;
    }

    async exportState(): Promise<StackExport> {
        const result = await this.runOk(["stack", "export"]);
        return JSON.parse(result.stdout) as StackExport;
    }

    /**
     * The stack's lock files on the file backend. This is the direct way to see a lock (its
     * holder's pid included); the CLI shows it only by failing a locking command (LOCKED_STACK).
     */
    locks(): LockInfo[] {
        const stateDir = new URL(this.backend.url).pathname;
        const dir = path.join(stateDir, ".pulumi", "locks", "organization", this.projectName(), this.stack);
        if (!fs.existsSync(dir)) return [];
        return fs
            .readdirSync(dir)
            .filter((f) => f.endsWith(".json"))
            .map((f) => {
                const file = path.join(dir, f);
                const content = JSON.parse(fs.readFileSync(file, "utf8")) as { pid: number; timestamp: string };
                return { file, pid: content.pid, holderAlive: isAlive(content.pid), timestamp: content.timestamp };
            });
    }

    /**
     * `pulumi cancel --yes` when the stack has lock files and every holder is dead (same
     * machine): the state a SIGKILLed CLI leaves. Returns whether it cancelled. A lock of a
     * live process is left alone: that update is still running.
     */
    async cancelIfStaleLock(): Promise<boolean> {
        const locks = this.locks();
        if (locks.length === 0 || locks.some((l) => l.holderAlive)) return false;
        await this.runOk(["cancel", "--yes"]);
        return true;
    }

    private projectName(): string {
        const yaml = fs.readFileSync(path.join(this.workDir, "Pulumi.yaml"), "utf8");
        const m = /^name:\s*(\S+)/m.exec(yaml);
        if (!m) throw new Error(`no project name in ${this.workDir}/Pulumi.yaml`);
        return m[1];
    }

    /**
     * The usual sequence after an interrupted `up`: run `args`; if the stack is still locked
     * (the command fails with LOCKED_STACK before doing anything), run `pulumi cancel --yes`
     * and then `args` once more. A locked stack fails in the backend's Lock call, before the
     * program or any provider runs, so the retry cannot repeat work.
     */
    async runAfterCrash(args: string[], timeoutMs = 120_000): Promise<{ cancelled: boolean; cancelOutput?: string; result: CliResult }> {
        const first = await this.run(args, timeoutMs);
        if (first.code === 0 || !LOCKED_STACK.test(first.output)) return { cancelled: false, result: first };
        const cancel = await this.runOk(["cancel", "--yes"], timeoutMs);
        const result = await this.run(args, timeoutMs);
        return { cancelled: true, cancelOutput: cancel.output, result };
    }
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return readStat(pid)?.state !== "Z";
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
}
