/**
 * Cancellation of the whole provider process: when `pulumi up` is cancelled (the engine's
 * `Cancel` RPC, or a signal that reaches this process), long waits stop at once and a RetryRuns
 * that was not sent yet is never sent; a RetryRuns already on the wire is allowed to finish so its
 * answer can still be recorded.
 *
 * One state per process, kept on `globalThis` under a registered symbol so that every loaded copy of
 * this package (state written by older versions loads the installed one, but a program may hold
 * two) sees the same cancellation.
 */
import type { Clock } from "../shared/clock";

/** Cancelled is thrown by work that stopped because the update was cancelled. */
export class Cancelled extends Error {
    override readonly name = "Cancelled";
}

/** isCancelled tells a {@link Cancelled} by name (works across package copies). */
export function isCancelled(e: unknown): e is Cancelled {
    return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "Cancelled";
}

interface CancellationState {
    controller: AbortController;
    reason?: string;
    /** Mutating calls on the wire (their answers must still reach the engine). */
    inFlight: number;
}

const KEY = Symbol.for("pulumi-tencentcloud-omics.cancellation");

function state(): CancellationState {
    const g = globalThis as unknown as Record<symbol, CancellationState | undefined>;
    let s = g[KEY];
    if (!s) {
        s = { controller: new AbortController(), inFlight: 0 };
        g[KEY] = s;
    }
    return s;
}

/** cancellationSignal aborts when the update is cancelled. */
export function cancellationSignal(): AbortSignal {
    return state().controller.signal;
}

/** cancelProcess marks the process cancelled (idempotent) and wakes every waiter. */
export function cancelProcess(reason: string): void {
    const s = state();
    if (s.controller.signal.aborted) return;
    s.reason = reason;
    s.controller.abort(new Cancelled(reason));
}

/** throwIfCancelled throws {@link Cancelled} once the update was cancelled. */
export function throwIfCancelled(doing: string): void {
    const s = state();
    if (s.controller.signal.aborted) throw new Cancelled(`${doing}: stopped because the update was cancelled (${s.reason ?? "cancelled"})`);
}

/** sleepUnlessCancelled sleeps on `clock`, or rejects with {@link Cancelled} as soon as the update is cancelled. */
export function sleepUnlessCancelled(ms: number, clock: Clock, doing: string): Promise<void> {
    const signal = cancellationSignal();
    if (signal.aborted) return Promise.reject(new Cancelled(`${doing}: stopped because the update was cancelled (${state().reason ?? "cancelled"})`));
    return new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(new Cancelled(`${doing}: stopped because the update was cancelled (${state().reason ?? "cancelled"})`));
        signal.addEventListener("abort", onAbort, { once: true });
        clock.sleep(ms).then(
            () => {
                signal.removeEventListener("abort", onAbort);
                resolve();
            },
            (e: unknown) => {
                signal.removeEventListener("abort", onAbort);
                reject(e);
            },
        );
    });
}

/** mutating brackets a call whose answer must reach the engine even after a cancellation. */
export async function mutating<T>(fn: () => Promise<T>): Promise<T> {
    const s = state();
    s.inFlight += 1;
    try {
        return await fn();
    } finally {
        s.inFlight -= 1;
    }
}

/** mutatingInFlight counts mutating calls on the wire. */
export function mutatingInFlight(): number {
    return state().inFlight;
}

/** Forgets a cancellation (tests run many "updates" in one process). @internal */
export function resetCancellation(): void {
    const s = state();
    s.controller = new AbortController();
    delete s.reason;
}
