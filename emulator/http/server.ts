/** The HTTP server: routes `/_emulator/*` to the control plane and `/` to the API; graceful stop. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CONTROL_PREFIX, handleControlRequest } from "../control/routes";
import { errors } from "../errors";
import { uuid } from "../state/ids";
import { handleApiRequest } from "./api";
import type { EmulatorContext } from "./context";
import { errorEnvelope, sendJson } from "./respond";

export interface RunningServer {
    url: string;
    port: number;
    /** Stop accepting, let in-flight requests finish, close idle connections. */
    stop(): Promise<void>;
}

export async function listen(ctx: EmulatorContext, host: string, port: number): Promise<RunningServer> {
    let inFlight = 0;
    let drained: (() => void) | undefined;
    const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
        inFlight += 1;
        const done = () => {
            inFlight -= 1;
            if (inFlight === 0 && drained) drained();
        };
        let finished = false;
        const once = () => {
            if (!finished) {
                finished = true;
                done();
            }
        };
        res.on("close", once);
        const path = (req.url ?? "/").split("?")[0] ?? "/";
        const work = path.startsWith(CONTROL_PREFIX)
            ? handleControlRequest(ctx, req, res)
            : path === "/"
              ? handleApiRequest(ctx, req, res)
              : notFound(req, res);
        work.catch(() => {
            if (!res.headersSent) sendJson(res, 500, { message: "internal error" });
        });
    });
    server.keepAliveTimeout = 5000;
    server.on("clientError", (_err, socket) => {
        if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const addr = server.address() as AddressInfo;
    const shownHost = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
    let stopping: Promise<void> | undefined;
    return {
        url: `http://${shownHost}:${addr.port}`,
        port: addr.port,
        stop() {
            stopping ??= new Promise<void>((resolve) => {
                server.close(() => resolve());
                const closeIdle = () => server.closeIdleConnections();
                if (inFlight === 0) closeIdle();
                else drained = closeIdle;
            });
            return stopping;
        },
    };
}

/** Any other path: a Tencent-shaped InvalidAction answer (the API lives at `/` only). */
async function notFound(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume();
    const e = errors.unsupportedProtocol(`The path ${req.url ?? ""} is not served; the API is POST /.`);
    sendJson(res, 200, errorEnvelope(e.code, e.message, uuid()));
}
