// The suite setup of the tests that kill `pulumi up` (interruptions, undocumented behaviour, and
// their plugin versions): one emulator on a manual clock and one local backend per suite, faults
// and behaviour switches reset after each test, and every CLI process group a test started killed
// at its end (useCliCleanup).
import { DEFAULT_BEHAVIOUR, EmulatorControl, startEmulator, type RunningEmulator } from "../../../emulator";
import * as assert from "node:assert/strict";
import { type CliProcess, type ProcessInfo, processRole, useCliCleanup, waitUntil } from "./cliProcess";
import { Backend } from "./engine";

export interface KillFixture {
    readonly emulator: RunningEmulator;
    readonly control: EmulatorControl;
    readonly backend: Backend;
}

/** Registers the suite's hooks (call it in a `describe`); the fields are set once `before` ran. */
export function useKillFixture(): KillFixture {
    useCliCleanup();
    const fx = {} as { emulator: RunningEmulator; control: EmulatorControl; backend: Backend };
    before(async () => {
        fx.emulator = await startEmulator({ clock: "manual" });
        fx.control = new EmulatorControl(fx.emulator.url);
        fx.backend = new Backend();
    });
    after(async () => {
        await fx.emulator?.stop();
        if (!process.env.OMICS_KEEP_E2E) fx.backend?.cleanup();
    });
    afterEach(async () => {
        await fx.control.clearFaults();
        await fx.control.setBehaviour(DEFAULT_BEHAVIOUR);
    });
    return fx;
}

/**
 * Our provider processes among what `up` started that are still alive: the plugin (`node
 * .../lib/plugin/main.js`), or the dynamic-provider host and its sh.
 */
export function providerSurvivors(up: CliProcess): ProcessInfo[] {
    return up.survivors().filter((p) => p.cmdline.includes("lib/plugin/main.js") || processRole(p) === "provider-node" || processRole(p) === "provider-sh");
}

/**
 * Checks that none of our provider processes is left `withinMs` after `since` (default: now);
 * returns how long after `since` the last one ended, in ms.
 */
export async function assertProvidersEnd(up: CliProcess, withinMs: number, since = Date.now()): Promise<number> {
    await waitUntil(() => providerSurvivors(up).length === 0, Math.max(0, since + withinMs - Date.now()), "our provider to end with the engine").catch(() => {
        throw new Error(
            `still alive ${withinMs / 1000} s after the engine died:\n${providerSurvivors(up)
                .map((p) => p.cmdline)
                .join("\n")}`,
        );
    });
    return Date.now() - since;
}

/**
 * SIGKILLs `up`'s whole process group (with `providerRunning`, after checking that our provider
 * serves it), waits for the CLI's exit, and checks that none of our provider processes is left
 * 10 s after the kill. Returns how long after the kill the last one ended, in ms.
 */
export async function killGroup(up: CliProcess, { providerRunning = false } = {}): Promise<number> {
    if (providerRunning) assert.ok(providerSurvivors(up).length > 0, "the provider runs before the kill");
    const killedAt = Date.now();
    up.signalGroup("SIGKILL");
    await up.waitExit(10_000);
    return assertProvidersEnd(up, 10_000, killedAt);
}

/** Waits until a RunGroupWait has polled `group` at least twice (the manual clock keeps it running). */
export async function waitForWaitPolls(control: EmulatorControl, group: string): Promise<void> {
    await waitUntil(
        async () => (await control.requests("DescribeRunGroups")).filter((r) => JSON.stringify(r.params).includes(group)).length >= 2,
        30_000,
        "the wait to poll",
    );
}
