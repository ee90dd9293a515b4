/** Shared test helpers: an emulator per test, the official SDK client (in-process or in a killable child), raw signed requests. */
import { type ChildProcess, spawn } from "node:child_process";
import * as http from "node:http";
import { DEMO_CREDENTIALS, EmulatorControl, startEmulator, tc3Authorization } from "../../../emulator";
import type { EmulatorOptions, RunningEmulator } from "../../../emulator";

// The official Node SDK's omics client (CommonJS, typed by the package's .d.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import { Client as OmicsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client";

export { OmicsClient };

export interface TestEmulator {
    emu: RunningEmulator;
    ctl: EmulatorControl;
    port: number;
    /** An official SDK client pointed at the emulator. */
    client(opts?: { secretId?: string; secretKey?: string; token?: string; region?: string; reqTimeoutSeconds?: number }): OmicsClient;
}

/** Start an emulator on port 0 (manual clock unless told otherwise). Call `stop()` in after/afterEach. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
    const emu = await startEmulator({ clock: "manual", ...options });
    const port = emu.port;
    return {
        emu,
        ctl: new EmulatorControl(emu.url),
        port,
        client(o = {}) {
            return new OmicsClient({
                credential: {
                    secretId: o.secretId ?? DEMO_CREDENTIALS.secretId,
                    secretKey: o.secretKey ?? DEMO_CREDENTIALS.secretKey,
                    ...(o.token ? { token: o.token } : {}),
                },
                region: o.region ?? "ap-guangzhou",
                profile: { httpProfile: { endpoint: `127.0.0.1:${port}`, protocol: "http://", reqTimeout: o.reqTimeoutSeconds ?? 10 } },
            });
        },
    };
}

/** The error an SDK call threw (fails the test when the call succeeds). */
export async function sdkError(p: Promise<unknown>): Promise<{ code?: string; message: string; requestId?: string; httpCode?: number }> {
    try {
        await p;
    } catch (e) {
        return e as { code?: string; message: string; requestId?: string; httpCode?: number };
    }
    throw new Error("expected the call to fail, it succeeded");
}

export interface RawResponse {
    status: number;
    headers: http.IncomingHttpHeaders;
    text: string;
    json: { Response: Record<string, unknown> & { RequestId?: string; Error?: { Code: string; Message: string } } };
}

export interface RawOptions {
    action?: string;
    body?: string | Buffer;
    region?: string | null;
    version?: string | null;
    timestamp?: number;
    secretId?: string;
    secretKey?: string;
    token?: string;
    contentType?: string;
    /** Sign with this service in the credential scope. @default "omics" */
    service?: string;
    /** Replace/add/remove (undefined) headers after signing. */
    headers?: Record<string, string | undefined>;
    /** Body used for the signature when it should differ from the one sent (tampering). */
    signedBody?: string;
    method?: string;
    path?: string;
}

/** Send one hand-built TC3-signed request (for cases the SDK cannot produce). */
export function rawRequest(port: number, o: RawOptions = {}): Promise<RawResponse> {
    const body = o.body ?? "{}";
    const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
    const contentType = o.contentType ?? "application/json";
    const headers: Record<string, string | undefined> = {
        "Content-Type": contentType,
        Host: `127.0.0.1:${port}`,
        "X-TC-Action": o.action ?? "DescribeProjects",
        "X-TC-Timestamp": String(timestamp),
        "X-TC-Version": o.version === null ? undefined : (o.version ?? "2022-11-28"),
        "X-TC-Region": o.region === null ? undefined : (o.region ?? "ap-guangzhou"),
        ...(o.token ? { "X-TC-Token": o.token } : {}),
    };
    headers.Authorization = tc3Authorization(o.secretId ?? DEMO_CREDENTIALS.secretId, {
        method: o.method ?? "POST",
        path: o.path ?? "/",
        query: "",
        headers: { "content-type": contentType, host: "127.0.0.1" },
        signedHeaders: ["content-type", "host"],
        payload: o.signedBody ?? body,
        timestamp,
        service: o.service ?? "omics",
        secretKey: o.secretKey ?? DEMO_CREDENTIALS.secretKey,
    });
    Object.assign(headers, o.headers ?? {});
    const sent: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) if (v !== undefined) sent[k] = v;
    return new Promise((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method: o.method ?? "POST", path: o.path ?? "/", headers: sent }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
                const text = Buffer.concat(chunks).toString("utf8");
                let json: RawResponse["json"];
                try {
                    json = JSON.parse(text) as RawResponse["json"];
                } catch {
                    json = { Response: {} };
                }
                resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
            });
            res.on("error", reject);
        });
        req.on("error", reject);
        req.end(body);
    });
}

/** The error code of a raw answer (asserting the Tencent envelope with a UUID v4 RequestId). */
export function errorCode(r: RawResponse): string | undefined {
    return r.json.Response.Error?.Code;
}

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString("base64");

/** A client process running one official-SDK call; kill it to model a client that dies mid-request. */
export interface SdkCallProcess {
    child: ChildProcess;
    /** What the child printed: `{"ok": Response}` or `{"error": {code?, message}}`; rejects if it died without a line. */
    result: Promise<{ ok?: Record<string, unknown>; error?: { code?: string; message: string } }>;
}

/** Start a child process that makes one omics call through the official Node SDK (demo credentials). */
export function spawnSdkCall(port: number, action: string, params: unknown): SdkCallProcess {
    const clientModule = require.resolve("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client");
    const script = `
    const { Client } = require(${JSON.stringify(clientModule)});
    const c = new Client({ credential: ${JSON.stringify(DEMO_CREDENTIALS)}, region: "ap-guangzhou",
      profile: { httpProfile: { endpoint: "127.0.0.1:${port}", protocol: "http://", reqTimeout: 60 } } });
    c[${JSON.stringify(action)}](${JSON.stringify(params)}).then(
      (r) => console.log(JSON.stringify({ ok: r })),
      (e) => console.log(JSON.stringify({ error: { code: e.code, message: e.message } })));`;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    const result = new Promise<{ ok?: Record<string, unknown>; error?: { code?: string; message: string } }>((resolve, reject) => {
        child.on("exit", (code, signal) => {
            const line = out.trim().split("\n")[0];
            if (line) resolve(JSON.parse(line) as { ok?: Record<string, unknown>; error?: { code?: string; message: string } });
            else reject(new Error(`client process ended without an answer (code ${String(code)}, signal ${String(signal)})`));
        });
    });
    // Callers that kill the child expect the rejection; keep it from being reported as unhandled.
    result.catch(() => undefined);
    return { child, result };
}

/** Kill a client process and wait until it is gone. */
export async function killClient(p: SdkCallProcess): Promise<void> {
    const exited = new Promise<void>((r) => p.child.once("exit", () => r()));
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    else return;
    await exited;
}

/** Poll `check` until it returns true (or fail after `timeoutMs`). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
    }
}
