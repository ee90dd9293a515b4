/** Helpers: an emulator per test and the provider configured against it through a fake Config. */
import { DEMO_CREDENTIALS, EmulatorControl, startEmulator } from "../../../emulator";
import type { EmulatorOptions, RunningEmulator } from "../../../emulator";
import { runRetryIntentProvider, runRetryProvider } from "../../../provider";
import { forgetRecordedIntents } from "../../../provider/runRetry/intentRecord";
import { forgetClaims } from "../../../provider/runRetry/recovery";
import { retryPolicy } from "../../../provider/omics/retry";
import { timing } from "../../../provider/shared/timing";
import { forgetSnapshots } from "../../../provider/omics/snapshot";

export { runRetryProvider };

export type Bag = Record<string, unknown>;

/** A stand-in for the dynamic provider host's Config (keys keep their namespace). */
export function fakeConfig(values: Record<string, string>): { get(key: string): string | undefined; require(key: string): string } {
    return {
        get: (key) => values[key.includes(":") ? key : `project:${key}`],
        require(key) {
            const v = this.get(key);
            if (v === undefined) throw new Error(`missing ${key}`);
            return v;
        },
    };
}

export interface Env {
    emu: RunningEmulator;
    ctl: EmulatorControl;
    logs: string[];
    /** Configure the provider against this emulator (extra keys override). */
    configure(extra?: Record<string, string>): Promise<void>;
    stop(): Promise<void>;
}

const ENV_KEYS = [
    "TENCENTCLOUD_SECRET_ID",
    "TENCENTCLOUD_SECRET_KEY",
    "TENCENTCLOUD_SECURITY_TOKEN",
    "TENCENTCLOUD_SESSION_TOKEN",
    "TENCENTCLOUD_REGION",
    "TENCENTCLOUD_OMICS_ENDPOINT",
];

/** Starts an emulator, configures the provider against it, captures progress lines, shortens delays. */
export async function startEnv(options: EmulatorOptions = {}): Promise<Env> {
    const emu = await startEmulator({ clock: "immediate", ...options });
    // A new emulator is a new world: nothing this process listed before applies to it.
    forgetSnapshots();
    const saved = ENV_KEYS.map((k) => [k, process.env[k]] as const);
    for (const k of ENV_KEYS) delete process.env[k];
    const logs: string[] = [];
    const savedLog = timing.log;
    const savedPoll = timing.pollIntervalMs;
    const savedReconcile = timing.reconcileDelayMs;
    const savedBase = retryPolicy.baseDelayMs;
    const savedBudget = retryPolicy.budgetMs;
    const savedUnreachable = retryPolicy.unreachableBudgetMs;
    timing.log = (line) => logs.push(line);
    timing.pollIntervalMs = 20;
    timing.reconcileDelayMs = 10;
    retryPolicy.baseDelayMs = 20;
    // Persistent faults end a call within a second or two instead of five minutes.
    retryPolicy.budgetMs = 1500;
    retryPolicy.unreachableBudgetMs = 300;
    const env: Env = {
        emu,
        ctl: new EmulatorControl(emu.url),
        logs,
        async configure(extra = {}) {
            await runRetryProvider.configure({
                config: fakeConfig({
                    "tencentcloud:region": "ap-guangzhou",
                    "tencentcloud:secretId": DEMO_CREDENTIALS.secretId,
                    "tencentcloud:secretKey": DEMO_CREDENTIALS.secretKey,
                    "tencentcloud-omics:endpoint": emu.url,
                    // Listings settle at once in the emulator by default; tests of the settle wait set it.
                    "tencentcloud-omics:listingSettleSeconds": "0",
                    ...extra,
                }),
            });
        },
        async stop() {
            timing.log = savedLog;
            timing.pollIntervalMs = savedPoll;
            timing.reconcileDelayMs = savedReconcile;
            retryPolicy.baseDelayMs = savedBase;
            retryPolicy.budgetMs = savedBudget;
            retryPolicy.unreachableBudgetMs = savedUnreachable;
            for (const [k, v] of saved) {
                if (v === undefined) delete process.env[k];
                else process.env[k] = v;
            }
            await emu.stop();
        },
    };
    await env.configure();
    return env;
}

/** The serialized-provider marker a real engine would pass along (any string works for the provider). */
export const PROVIDER_TEXT = "exports.handler = __f0; /* shim */";

/** What the engine does for a new resource: check, then create with the checked inputs. */
export async function checkAndCreate(news: Bag): Promise<{ inputs: Bag; id: string; outs: Bag }> {
    const checked = await runRetryProvider.check({}, { ...news, __provider: PROVIDER_TEXT });
    if (checked.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    const inputs = { ...checked.inputs, __provider: PROVIDER_TEXT };
    const created = await runRetryProvider.create(inputs);
    return { inputs, id: created.id, outs: created.outs };
}

/** What the engine does first for every RunRetry: check and create its RunRetryIntent; returns the record. */
export async function recordIntent(news: Bag): Promise<Bag> {
    const c = await runRetryIntentProvider.check({}, { ...news, __provider: PROVIDER_TEXT });
    if (c.failures.length > 0) throw new Error(`intent check failed: ${JSON.stringify(c.failures)}`);
    const r = await runRetryIntentProvider.create({ ...c.inputs, __provider: PROVIDER_TEXT });
    if (!/^rri-[0-9a-f]{16}$/.test(r.id)) throw new Error(`not an intent id: ${r.id}`);
    return r.outs.record as Bag;
}

/** The RunRetry's check, as the engine calls it. */
export function checkRetry(news: Bag, olds: Bag = {}): Promise<{ inputs: Bag; failures: { property: string; reason: string }[] }> {
    return runRetryProvider.check(olds, { ...news, __provider: PROVIDER_TEXT });
}

/** check then create, as the engine does; the result is returned (the caller may "lose" it, as a crash would). */
export async function attempt(news: Bag, olds: Bag = {}): Promise<{ id: string; outs: Bag; inputs: Bag }> {
    const c = await checkRetry(news, olds);
    if (c.failures.length > 0) throw new Error(`check failed: ${JSON.stringify(c.failures)}`);
    const inputs = { ...c.inputs, __provider: PROVIDER_TEXT };
    return { ...(await runRetryProvider.create(inputs)), inputs };
}

/** The next `pulumi up` runs in a new provider process: started now, remembering nothing. */
export function newProcess(): void {
    timing.startedAt = timing.clock.now();
    forgetSnapshots();
    forgetRecordedIntents();
    forgetClaims();
}

/**
 * A retry whose first attempt RetryRuns applied and whose answer was lost (a crash): a fresh failed
 * group, its intent, the attempt; the next create then runs in a new process.
 */
export async function lostAttempt(
    env: Env,
    name: string,
    seedOptions: { runs: number; failedRuns: number; userDefinedIds?: boolean } = { runs: 3, failedRuns: 2 },
) {
    const seed = await env.ctl.seedFailedRunGroup(seedOptions);
    const news = { runGroupId: seed.RunGroupId, __resourceName: name };
    const intent = await recordIntent(news);
    const lost = await attempt({ ...news, intent });
    newProcess();
    return { seed, news, intent, lost };
}

/** The groups the emulator made by retrying `from` (its own record of RetryRuns' results). */
export async function retriesOf(env: Env, from: string): Promise<string[]> {
    const state = await env.ctl.state();
    return Object.values(state.runGroups)
        .filter((g) => (g as unknown as { emu: { retriedFrom?: string } }).emu.retriedFrom === from)
        .map((g) => g.RunGroupId);
}

/** Error thrown by a promise (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Bag> {
    try {
        await p;
    } catch (e) {
        return e as Error & Bag;
    }
    throw new Error("expected a failure, got success");
}
