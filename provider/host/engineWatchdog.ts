/**
 * Nothing of ours outlives the engine that started it.
 *
 * Pulumi starts the dynamic-provider host in a process group of its own (through a small shell
 * script), so when a CI runner kills the CLI's process group with SIGKILL, the host survives: it
 * would go on polling Tencent for hours, or finish an old create while the user's next `up` is
 * already running (measured: docs/reliability.md). Two signals tell that the engine is gone:
 *
 * - the CLI holds the write end of the host's stdin for as long as it lives, so stdin reaching its
 *   end is the first sign (measured 10 ms after a SIGKILL);
 * - the host is given the engine's gRPC address as its argument, and the engine listens there for
 *   as long as it lives: a refused connection confirms it. A periodic probe of that address also
 *   covers hosts whose stdin is not that pipe.
 *
 * Then the process ends at once: a RetryRuns still on the wire cannot be recorded by a dead engine,
 * and ending the connection gives Tencent the best chance to drop it unprocessed; the next `up`
 * finds it either way (runRetry/recovery.ts).
 */
import * as net from "node:net";
import { cancelProcess, mutatingInFlight } from "./cancellation";

/** How often the engine is probed, and how many failed probes in a row mean it is gone. */
export const PROBE_INTERVAL_MS = 2000;
export const FAILED_PROBES_TO_EXIT = 2;
/** After the hint (stdin's end): when the engine is probed, any one refusal confirming it gone. */
export const HINT_PROBE_DELAYS_MS = [0, 100, 300, 700];

/** parseEngineAddress reads `host:port` (or `[v6]:port`) from the host's argument, if it is one. */
export function parseEngineAddress(arg: string | undefined): { host: string; port: number } | undefined {
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(arg ?? "");
    if (!m) return undefined;
    const port = Number(m[3]);
    return port > 0 && port < 65536 ? { host: (m[1] ?? m[2]) as string, port } : undefined;
}

/** probe resolves true when a TCP connection to the address can be opened within the timeout. */
export function probe(address: { host: string; port: number }, timeoutMs = 1500): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect({ host: address.host, port: address.port });
        const done = (ok: boolean): void => {
            socket.destroy();
            resolve(ok);
        };
        socket.setTimeout(timeoutMs, () => done(false));
        socket.once("connect", () => done(true));
        socket.once("error", () => done(false));
    });
}

/** Where the watchdog looks. */
export interface WatchOptions {
    address: { host: string; port: number };
    /** A stream whose end hints that the engine is gone (the host's stdin); confirmed by a probe. */
    hint?: NodeJS.ReadableStream & { unref?: () => void };
    intervalMs?: number;
}

/**
 * watchEngine calls `onGone` once when the engine is gone: FAILED_PROBES_TO_EXIT failed probes in a
 * row, or the hint stream's end confirmed by one failed probe of those made in the following second
 * (HINT_PROBE_DELAYS_MS). Timers and the stream are unref'd: they never keep the process alive by
 * themselves. Returns a stop function.
 */
export function watchEngine(o: WatchOptions, onGone: () => void): () => void {
    let failures = 0;
    let stopped = false;
    let busy = false;
    const gone = (): void => {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        onGone();
    };
    const check = (): void => {
        if (busy || stopped) return;
        busy = true;
        void probe(o.address).then((ok) => {
            busy = false;
            failures = ok ? 0 : failures + 1;
            if (failures >= FAILED_PROBES_TO_EXIT) gone();
        });
    };
    const timer = setInterval(check, o.intervalMs ?? PROBE_INTERVAL_MS);
    timer.unref();
    if (o.hint) {
        // A killed CLI's pipe can close while the kernel is still tearing the process down, and its
        // listener may accept for a moment longer (seen: the first probe succeeded, and only the
        // periodic probes ended the host, 4 s later). So the hint is probed several times over the
        // next second, apart from the periodic probes, and any one refusal confirms it.
        const confirm = (): void => {
            if (stopped) return;
            void probe(o.address).then((ok) => {
                if (!ok) gone();
            });
        };
        let hinted = false;
        const onEnd = (): void => {
            if (hinted) return;
            hinted = true;
            for (const delayMs of HINT_PROBE_DELAYS_MS) setTimeout(confirm, delayMs).unref();
        };
        o.hint.once("end", onEnd);
        o.hint.once("close", onEnd);
        o.hint.on("error", () => undefined);
        o.hint.resume();
        o.hint.unref?.();
    }
    return () => {
        stopped = true;
        clearInterval(timer);
    };
}

/** The host's reaction: stop every wait and end the process now (a dead engine records nothing). */
export function exitWhenEngineGone(): void {
    cancelProcess("the Pulumi engine that started this provider is gone");
    console.error(
        "pulumi-tencentcloud-omics: the Pulumi engine is gone (killed?); ending this provider process." +
            (mutatingInFlight() > 0 ? " A RetryRuns was on the wire: the next `pulumi up` looks for its group before anything else." : "") +
            " Run `pulumi cancel` if the stack stays locked, then `pulumi up`.",
    );
    process.exit(1);
}
