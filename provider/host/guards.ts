/**
 * Process-level behaviour of the dynamic-provider host, started once by the first `configure`:
 * hear the engine's Cancel (cancelHook.ts), react to signals that reach this process, and end the
 * process when the engine is gone (engineWatchdog.ts). Only inside the real host: tests that load
 * the provider in their own process get none of it.
 */
import { cancelProcess } from "./cancellation";
import { installCancelHook } from "./cancelHook";
import { exitWhenEngineGone, parseEngineAddress, watchEngine } from "./engineWatchdog";

const STARTED = Symbol.for("pulumi-tencentcloud-omics.hostGuards");

/** True when this process is Pulumi's Node dynamic-provider host. */
export function isDynamicProviderHost(): boolean {
    const main = require.main?.filename ?? process.argv[1] ?? "";
    return /[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(main);
}

/**
 * A signal reaches this process only when the engine shuts its plugins down (SIGINT, then SIGKILL
 * 5 s later) or when someone kills the whole process tree: either way nothing will record what we
 * still do, so stop at once. A RetryRuns on the wire is found by the next `up`.
 */
function onSignal(signal: NodeJS.Signals): void {
    cancelProcess(`this provider process received ${signal}`);
    process.exit(0);
}

/** startHostGuards installs everything once per process; a no-op outside the host. */
export function startHostGuards(): void {
    const g = globalThis as unknown as Record<symbol, boolean | undefined>;
    if (g[STARTED] || !isDynamicProviderHost()) return;
    g[STARTED] = true;
    installCancelHook();
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
    const engine = parseEngineAddress(process.argv[2]);
    if (engine) {
        const stdin = process.stdin as NodeJS.ReadableStream & { isTTY?: boolean; unref?: () => void };
        watchEngine({ address: engine, ...(stdin.isTTY ? {} : { hint: stdin }) }, exitWhenEngineGone);
    }
}
