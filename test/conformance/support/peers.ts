// Drives the official Tencent clients that no one in this project wrote (the Python SDK and tccli,
// installed by scripts/setup/python-peers.sh) and the official Node SDK, against one endpoint.
// Secrets travel only through environment variables of child processes and are never printed:
// every error message built here passes through `redact`.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client as NodeOmicsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client";

export const REPO_ROOT = findRepoRoot(__dirname);
export const SETUP_SCRIPT = path.join(REPO_ROOT, "scripts", "setup", "python-peers.sh");
export const PEERS_DIR = path.join(REPO_ROOT, "test", "conformance", "peers");
export const PYTHON_PEER = path.join(PEERS_DIR, "python_sdk_peer.py");

function findRepoRoot(start: string): string {
    let dir = start;
    for (;;) {
        if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "scripts"))) return dir;
        const up = path.dirname(dir);
        if (up === dir) throw new Error(`repo root not found above ${start}`);
        dir = up;
    }
}

export interface Credentials {
    secretId: string;
    secretKey: string;
    token?: string;
}

const secrets = new Set<string>();
/** Registers a secret so that `redact` removes it from any text that might be printed. */
export function registerSecret(s: string | undefined): void {
    if (s && s.length >= 4) secrets.add(s);
}
export function redact(text: string): string {
    let out = text;
    for (const s of secrets) out = out.split(s).join("<redacted>");
    return out;
}

export interface PeerManifest {
    python: { bin: string; packages: Record<string, string> };
    tccli: { bin: string; python: string; packages: Record<string, string> };
    /** null when the setup found no Go toolchain. */
    go: { bin: string; packages: Record<string, string> } | null;
}

interface RunResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

function run(
    cmd: string,
    args: string[],
    opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; onStderr?: (s: string) => void },
): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`${path.basename(cmd)} timed out after ${opts.timeoutMs} ms; stderr: ${redact(stderr).slice(-2000)}`));
        }, opts.timeoutMs);
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => {
            stderr += d;
            opts.onStderr?.(String(d));
        });
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
        child.stdin.end(opts.input ?? "");
    });
}

let peersOnce: Promise<PeerManifest> | undefined;

/**
 * Runs the project's own setup script (idempotent; the first run on a fresh machine installs from
 * PyPI, about a minute) once per test process, and returns what it installed. The script's
 * progress lines go to stderr, indented, so a CI log shows them.
 */
export function ensurePeers(timeoutMs: number): Promise<PeerManifest> {
    peersOnce ??= runSetup(timeoutMs);
    return peersOnce;
}

async function runSetup(timeoutMs: number): Promise<PeerManifest> {
    const res = await run("bash", [SETUP_SCRIPT], {
        timeoutMs,
        onStderr: (s) => process.stderr.write(s.replace(/^(?=.)/gm, "      ")),
    });
    if (res.code !== 0) {
        peersOnce = undefined;
        throw new Error(`scripts/setup/python-peers.sh failed (exit ${res.code}): ${redact(res.stderr).slice(-3000)}`);
    }
    return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ".tools", "python-peers.json"), "utf8")) as PeerManifest;
}

// ---------- Python SDK peer ----------

export interface PyCall {
    action: string;
    params?: Record<string, unknown>;
    key?: "right" | "wrong";
    region?: string;
}

export interface PyRequestRecord {
    headers: Record<string, string>;
    body: string;
    host: string;
    method: string;
    uri: string;
}

export interface PyResult {
    action: string;
    ok: boolean;
    raw?: Record<string, any> | null;
    typed?: Record<string, any>;
    uselessFields?: string[];
    warnings?: string[];
    exception?: string;
    code?: string;
    message?: string;
    requestId?: string;
    request?: PyRequestRecord;
    response?: { status: number; contentType: string | null };
}

function peerEnv(creds: Credentials): NodeJS.ProcessEnv {
    registerSecret(creds.secretKey);
    registerSecret(creds.token);
    const env: NodeJS.ProcessEnv = { ...process.env, PYTHONWARNINGS: "ignore", PYTHONDONTWRITEBYTECODE: "1" };
    env.OMICS_PEER_SECRET_ID = creds.secretId;
    env.OMICS_PEER_SECRET_KEY = creds.secretKey;
    if (creds.token) env.OMICS_PEER_TOKEN = creds.token;
    else delete env.OMICS_PEER_TOKEN;
    return env;
}

async function pythonPeer(manifest: PeerManifest, creds: Credentials, spec: Record<string, unknown>): Promise<any> {
    const res = await run(manifest.python.bin, [PYTHON_PEER], { input: JSON.stringify(spec), env: peerEnv(creds), timeoutMs: 60_000 });
    let parsed: any;
    try {
        parsed = JSON.parse(res.stdout);
    } catch {
        throw new Error(
            `python peer printed no JSON (exit ${res.code}): stdout=${redact(res.stdout).slice(0, 1000)} stderr=${redact(res.stderr).slice(-2000)}`,
        );
    }
    if (res.code !== 0 || parsed.fatal) {
        throw new Error(`python peer failed (exit ${res.code}): ${redact(parsed.fatal ?? "")} ${redact(res.stderr).slice(-2000)}`);
    }
    return parsed;
}

/** `host:port` of an emulator URL such as http://127.0.0.1:PORT. */
export function hostPort(url: string): string {
    return new URL(url).host;
}

export async function pythonCalls(
    manifest: PeerManifest,
    creds: Credentials,
    url: string,
    region: string,
    calls: PyCall[],
    opts: { language?: "zh-CN" | "en-US"; reqMethod?: "POST" | "GET"; signMethod?: "TC3-HMAC-SHA256" | "HmacSHA256" | "HmacSHA1" } = {},
): Promise<PyResult[]> {
    const out = await pythonPeer(manifest, creds, { mode: "calls", endpoint: hostPort(url), protocol: "http", region, calls, ...opts });
    const results = out.results as PyResult[];
    for (const r of results) {
        if (r.exception === "TestBug") throw new Error(`test bug: ${r.message}`);
    }
    return results;
}

export async function pythonCall(manifest: PeerManifest, creds: Credentials, url: string, region: string, call: PyCall): Promise<PyResult> {
    return (await pythonCalls(manifest, creds, url, region, [call]))[0];
}

export interface SignedRequest {
    headers: Record<string, string>;
    body: string;
    host: string;
}

/** A request built and signed by the Python SDK's own code at a pinned timestamp, not sent. */
export async function pythonSign(
    manifest: PeerManifest,
    creds: Credentials,
    endpoint: string,
    region: string,
    timestamp: number,
    action: string,
    params: Record<string, unknown>,
): Promise<SignedRequest> {
    return (await pythonPeer(manifest, creds, { mode: "sign", endpoint, region, timestamp, action, params })) as SignedRequest;
}

// ---------- Go SDK peer ----------

export interface GoResult {
    action: string;
    ok: boolean;
    raw?: Record<string, any>;
    exception?: string;
    code?: string;
    message?: string;
    requestId?: string;
    /** The Go error wrapped by a TencentCloudSDKError (e.g. the transport error of a NetworkError). */
    cause?: string;
    request?: { headers: Record<string, string>; body: string; method: string; url: string };
    response?: { status: number; contentType: string };
}

/** Calls through the official Go SDK's CommonClient (test/conformance/peers/go). */
export async function goCalls(manifest: PeerManifest, creds: Credentials, url: string, region: string, calls: PyCall[]): Promise<GoResult[]> {
    if (!manifest.go) throw new Error("the Go SDK peer was not built: scripts/setup/python-peers.sh found no Go toolchain");
    const res = await run(manifest.go.bin, [], { input: JSON.stringify({ endpoint: hostPort(url), region, calls }), env: peerEnv(creds), timeoutMs: 60_000 });
    let parsed: any;
    try {
        parsed = JSON.parse(res.stdout);
    } catch {
        throw new Error(`go peer printed no JSON (exit ${res.code}): ${redact(res.stdout).slice(0, 1000)} ${redact(res.stderr).slice(-2000)}`);
    }
    if (res.code !== 0 || parsed.fatal)
        throw new Error(`go peer failed (exit ${res.code}): ${redact(String(parsed.fatal ?? ""))} ${redact(res.stderr).slice(-2000)}`);
    return parsed.results as GoResult[];
}

export async function goCall(manifest: PeerManifest, creds: Credentials, url: string, region: string, call: PyCall): Promise<GoResult> {
    return (await goCalls(manifest, creds, url, region, [call]))[0];
}

// ---------- tccli peer ----------

export interface TccliResult {
    code: number | null;
    json: any;
    stdout: string;
    stderr: string;
    /** Parsed from tccli's "[TencentCloudSDKException] code:X message:Y requestId:Z". */
    error?: { code: string; message: string; requestId: string };
}

let tccliHome: string | undefined;
/** tccli writes ~/.tccli (default.configure, logs); give it a throwaway HOME, never the user's. */
function tccliHomeDir(): string {
    if (!tccliHome) tccliHome = fs.mkdtempSync(path.join(os.tmpdir(), "omics-tccli-home-"));
    return tccliHome;
}
export function cleanupTccliHome(): void {
    if (tccliHome) fs.rmSync(tccliHome, { recursive: true, force: true });
    tccliHome = undefined;
}

/**
 * `tccli omics <action> --region R --endpoint http://127.0.0.1:PORT --version 2022-11-28 --<Param> <json>`.
 * Credentials through TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (tccli reads them when no
 * --profile is given), never on the command line.
 */
export async function tccli(
    manifest: PeerManifest,
    creds: Credentials,
    url: string,
    region: string,
    action: string,
    params: Record<string, unknown> = {},
): Promise<TccliResult> {
    registerSecret(creds.secretKey);
    const args = ["omics", action, "--region", region, "--endpoint", url, "--version", "2022-11-28", "--output", "json"];
    for (const [k, v] of Object.entries(params)) args.push(`--${k}`, typeof v === "string" ? v : JSON.stringify(v));
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: tccliHomeDir(), TENCENTCLOUD_SECRET_ID: creds.secretId, TENCENTCLOUD_SECRET_KEY: creds.secretKey };
    delete env.TENCENTCLOUD_TOKEN;
    delete env.TENCENTCLOUD_REGION;
    delete env.TCCLI_PROFILE;
    const res = await run(manifest.tccli.bin, args, { env, timeoutMs: 60_000 });
    let json: any;
    try {
        json = res.stdout.trim() ? JSON.parse(res.stdout) : undefined;
    } catch {
        json = undefined;
    }
    const m = /\[TencentCloudSDKException\] code:(\S+) message:(.*?) requestId:(\S*)/s.exec(res.stderr);
    const result: TccliResult = { code: res.code, json, stdout: redact(res.stdout), stderr: redact(res.stderr) };
    if (m) result.error = { code: m[1], message: m[2].trim(), requestId: m[3] };
    return result;
}

// ---------- official Node SDK (the reference the other peers are compared with) ----------

export function nodeClient(creds: Credentials, url: string, region: string): NodeOmicsClient {
    registerSecret(creds.secretKey);
    return new NodeOmicsClient({
        credential: { secretId: creds.secretId, secretKey: creds.secretKey, token: creds.token },
        region,
        profile: { httpProfile: { endpoint: hostPort(url), protocol: "http://", reqTimeout: 30 } },
    });
}

export interface NodeOutcome {
    ok: boolean;
    response?: Record<string, any>;
    code?: string;
    message?: string;
    requestId?: string;
}

export async function nodeCall(client: NodeOmicsClient, action: string, params: Record<string, unknown> = {}): Promise<NodeOutcome> {
    try {
        const fn = (client as unknown as Record<string, (p: unknown) => Promise<Record<string, any>>>)[action];
        if (typeof fn !== "function") throw new Error(`Node SDK has no action ${action}`);
        const response = await fn.call(client, params);
        return { ok: true, response };
    } catch (err: any) {
        if (err && typeof err === "object" && "requestId" in err) {
            return { ok: false, code: err.code, message: err.message, requestId: err.requestId };
        }
        throw new Error(redact(String(err?.stack ?? err)));
    }
}

// ---------- shape comparison ----------

/** Type skeleton of a JSON value: objects keep keys, arrays keep the union of element skeletons. */
export function shape(v: unknown): unknown {
    if (v === null || v === undefined) return "null";
    if (Array.isArray(v)) {
        const items = v.map(shape);
        const seen = new Map<string, unknown>();
        for (const i of items) seen.set(JSON.stringify(i), i);
        return [...seen.values()].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    if (typeof v === "object") {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v as object).sort()) out[k] = shape((v as Record<string, unknown>)[k]);
        return out;
    }
    return typeof v;
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const RUN_GROUP_ID = /^run-[a-z]+-[a-z]+-[a-z]+-\d{6}$/;

/** Field names and types of the Python SDK's models (`RetryRunsRequest`, `RunOption`, ...). */
export async function pythonModelFields(manifest: PeerManifest, modelNames: string[]): Promise<Record<string, Record<string, string>>> {
    // No credentials are used in this mode; the peer still wants the variables set.
    return (await pythonPeer(manifest, { secretId: "unused", secretKey: "unused-key" }, { mode: "fields", models: modelNames })) as Record<
        string,
        Record<string, string>
    >;
}
