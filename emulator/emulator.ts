/** `startEmulator`: builds the state, the context and the HTTP server shared by tests and the bin. */
import * as fs from "node:fs";
import { FaultRegistry } from "./control/faults";
import { InflightRegistry } from "./control/inflight";
import { isFaultSeed, MAX_FAULT_SEED } from "./control/random";
import { RequestLog } from "./control/requestLog";
import { DEFAULT_BODY_LIMIT_BYTES } from "./http/body";
import type { EmulatorContext, EmulatorCredential } from "./http/context";
import { RateLimiter } from "./http/rateLimit";
import { listen } from "./http/server";
import type { ClockMode } from "./state/clock";
import { DEFAULT_MIN_DURATION_SECONDS, IdentityStore, roleProblem, type RoleSpec } from "./state/identities";
import { applySeedFile } from "./state/seed";
import { type Behaviour, behaviourPatch } from "./state/behaviour";
import { Store } from "./state/store";

/** The documented demo credential pair, accepted when no credentials are given. */
export const DEMO_CREDENTIALS: Readonly<{ secretId: string; secretKey: string }> = Object.freeze({
    secretId: "AKIDOMICSEMULATORDEMO00000000000000",
    secretKey: "omics-emulator-demo-secret-key-0000",
});

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
    /** Interface to listen on. @default "127.0.0.1" */
    host?: string;
    /** Port; 0 picks a free one. @default 0 */
    port?: number;
    /** Accepted credentials. `token` requires that X-TC-Token; `readOnly` denies mutating actions. @default [DEMO_CREDENTIALS] */
    credentials?: EmulatorCredential[];
    /** Persist state here (atomic write before answering a mutation); loaded at start when it exists. */
    statePath?: string;
    /** Fixtures JSON (see emulator/README.md) applied at start, unless state was loaded from statePath. */
    seedPath?: string;
    /** How statuses move. @default "immediate" (the bin defaults to "realtime") */
    clock?: ClockMode;
    /** Requests per second per action per credential; `false` turns the limit off. @default 20 */
    rateLimitPerSecond?: number | false;
    /** Retries allowed per run lineage. @default 3 */
    retryLimit?: number;
    /** Largest accepted request body in bytes. @default 1048576 */
    bodyLimitBytes?: number;
    /**
     * Seed of the fault probability draws (integer 0..2^32-1): the same seed and the same sequence
     * of requests give the same fault decisions. @default a random seed (shown by `GET /_emulator/faults`)
     */
    faultSeed?: number;
    /** Roles STS AssumeRole can assume (more with `POST /_emulator/roles`). @default none */
    roles?: RoleSpec[];
    /**
     * Shortest DurationSeconds AssumeRole accepts, 1..900. Tests lower it to see a temporary
     * credential expire within seconds. 900 is an assumption (Tencent documents only the maximum,
     * 43200). @default 900
     */
    stsMinDurationSeconds?: number;
    /**
     * Switches for undocumented Tencent behaviour (retried group's name, run fields and option
     * RetryRuns copies, listing delay, CreateTime granularity); see emulator/README.md. Overrides
     * what a loaded state file says. @default the emulator's assumptions (DEFAULT_BEHAVIOUR)
     */
    behaviour?: Partial<Behaviour>;
}

/** A running emulator. */
export interface RunningEmulator {
    /** `http://127.0.0.1:PORT` */
    url: string;
    port: number;
    /** Stop accepting requests, finish in-flight ones (cutting fault holds and answer delays short), close. */
    stop(): Promise<void>;
}

/** Start an emulator (for tests: `await startEmulator({ clock: "manual" })`). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
    const credentials = options.credentials ?? [{ ...DEMO_CREDENTIALS }];
    if (credentials.length === 0) throw new Error("startEmulator: at least one credential is needed");
    const retryLimit = options.retryLimit ?? 3;
    if (!Number.isInteger(retryLimit) || retryLimit < 0) throw new Error("startEmulator: retryLimit must be a non-negative integer");
    const rate = options.rateLimitPerSecond ?? 20;
    if (rate !== false && (!Number.isInteger(rate) || rate < 1)) throw new Error("startEmulator: rateLimitPerSecond must be a positive integer or false");
    if (options.faultSeed !== undefined && !isFaultSeed(options.faultSeed)) {
        throw new Error(`startEmulator: faultSeed must be an integer from 0 to ${MAX_FAULT_SEED}`);
    }
    const minDuration = options.stsMinDurationSeconds ?? DEFAULT_MIN_DURATION_SECONDS;
    if (!Number.isInteger(minDuration) || minDuration < 1 || minDuration > DEFAULT_MIN_DURATION_SECONDS) {
        throw new Error(`startEmulator: stsMinDurationSeconds must be an integer from 1 to ${DEFAULT_MIN_DURATION_SECONDS}`);
    }
    for (const r of options.roles ?? []) {
        const problem = roleProblem(r);
        if (problem) throw new Error(`startEmulator: roles: ${problem}`);
    }
    const store = new Store({
        clock: options.clock ?? "immediate",
        retryLimit,
        ...(options.statePath ? { statePath: options.statePath } : {}),
    });
    if (options.behaviour) {
        let patch: Partial<Behaviour>;
        try {
            patch = behaviourPatch(options.behaviour as Record<string, unknown>);
        } catch (e) {
            throw new Error(`startEmulator: behaviour: ${e instanceof Error ? e.message : String(e)}`);
        }
        store.state.behaviour = { ...store.behaviour(), ...patch };
    }
    if (options.seedPath && !store.loadedFromDisk) {
        applySeedFile(store, JSON.parse(fs.readFileSync(options.seedPath, "utf8")));
    }
    store.persist();
    const stopping = new AbortController();
    const ctx: EmulatorContext = {
        store,
        identities: new IdentityStore(credentials, options.roles ?? [], minDuration),
        faults: new FaultRegistry(options.faultSeed),
        log: new RequestLog(),
        inflight: new InflightRegistry(),
        rateLimiter: new RateLimiter(rate),
        bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
        stopSignal: stopping.signal,
    };
    const server = await listen(ctx, options.host ?? "127.0.0.1", options.port ?? 0);
    return {
        url: server.url,
        port: server.port,
        stop: () => {
            // Held requests are dropped unprocessed and delayed answers are sent at once, so stop does not wait out a fault.
            stopping.abort();
            return server.stop();
        },
    };
}
