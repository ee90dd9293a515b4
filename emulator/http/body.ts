/** Reading request bodies with a size limit. */
import type { IncomingMessage } from "node:http";

/** Default limit of a request body: 1 MiB (documented in emulator/README.md). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: "too-large" | "aborted" };

/** Read the whole body, stopping (without buffering more) once it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
    return new Promise((resolve) => {
        const declared = Number(req.headers["content-length"]);
        if (Number.isFinite(declared) && declared > limit) {
            resolve({ ok: false, reason: "too-large" });
            return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        const finish = (r: BodyResult) => {
            if (!done) {
                done = true;
                resolve(r);
            }
        };
        req.on("data", (chunk: Buffer) => {
            if (done) return;
            size += chunk.length;
            if (size > limit) {
                chunks.length = 0;
                finish({ ok: false, reason: "too-large" });
                return;
            }
            chunks.push(chunk);
        });
        req.on("end", () => finish({ ok: true, body: Buffer.concat(chunks) }));
        req.on("aborted", () => finish({ ok: false, reason: "aborted" }));
        req.on("error", () => finish({ ok: false, reason: "aborted" }));
    });
}

/**
 * Discard the rest of a body that is too large (up to `cap` bytes) before answering. Answering
 * first and closing would cut the connection while the client still writes its body, which some
 * clients (the Go SDK) report as a network error instead of reading the answer. Resolves true once
 * the body ended; false when it exceeded `cap` or the client went away (the socket is then gone).
 */
export function drainBody(req: IncomingMessage, cap = 64 * 1024 * 1024): Promise<boolean> {
    return new Promise((resolve) => {
        if (req.complete) {
            resolve(true);
            return;
        }
        let seen = 0;
        req.on("data", (c: Buffer) => {
            seen += c.length;
            if (seen > cap) {
                req.socket.destroy();
                resolve(false);
            }
        });
        req.on("end", () => resolve(true));
        req.on("aborted", () => resolve(false));
        req.on("error", () => resolve(false));
        req.resume();
    });
}
