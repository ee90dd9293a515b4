/** Writing API answers: always HTTP 200 JSON in the Tencent Response envelope. */
import type { ServerResponse } from "node:http";

export function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
        ...extraHeaders,
    });
    res.end(text);
}

export const successEnvelope = (fields: Record<string, unknown>, requestId: string) => ({
    Response: { ...fields, RequestId: requestId },
});

export const errorEnvelope = (code: string, message: string, requestId: string) => ({
    Response: { Error: { Code: code, Message: message }, RequestId: requestId },
});
