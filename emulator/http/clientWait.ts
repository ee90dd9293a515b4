/** Waiting while watching the client: the timing faults (`holdMs`, `answerDelayMs`) end early when it goes away. */
import type { ServerResponse } from "node:http";

/** `elapsed`: waited the whole time; `gone`: the client's connection closed; `stopped`: the emulator is stopping. */
export type WaitResult = "elapsed" | "gone" | "stopped";

/** True once the client's connection is closed (nothing can be answered any more). */
export function clientGone(res: ServerResponse): boolean {
    return res.destroyed || res.socket === null || res.socket.destroyed;
}

/** Wait `ms`, ending early when the client's connection closes or `stop` is aborted. */
export function waitWatchingClient(res: ServerResponse, ms: number, stop: AbortSignal): Promise<WaitResult> {
    if (clientGone(res)) return Promise.resolve("gone");
    if (stop.aborted) return Promise.resolve("stopped");
    return new Promise((resolve) => {
        const finish = (r: WaitResult) => {
            clearTimeout(timer);
            res.off("close", onClose);
            stop.removeEventListener("abort", onStop);
            resolve(r);
        };
        // `close` on a response that was not ended means the connection went away.
        const onClose = () => finish("gone");
        const onStop = () => finish("stopped");
        const timer = setTimeout(() => finish("elapsed"), ms);
        res.once("close", onClose);
        stop.addEventListener("abort", onStop, { once: true });
    });
}
