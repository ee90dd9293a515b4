/**
 * TC3-HMAC-SHA256 as documented by Tencent Cloud API 3.0 ("Signature v3"):
 * canonical request -> string to sign -> HMAC key chain (TC3+key, date, service, "tc3_request").
 * The service is taken from the credential scope of the Authorization header, because the Node
 * SDK derives it from the endpoint (e.g. `127` for `127.0.0.1:PORT`).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { errors } from "../errors";

export const TC3_ALGORITHM = "TC3-HMAC-SHA256";
/** Largest accepted distance between X-TC-Timestamp and server time. */
export const MAX_SKEW_SECONDS = 300;

export interface ParsedAuthorization {
    secretId: string;
    date: string;
    service: string;
    signedHeaders: string[];
    signature: string;
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();

/** Parse `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
    if (header === undefined || header.trim() === "") {
        throw errors.invalidAuthorization("The Authorization header is missing.");
    }
    const m = /^(\S+)\s+(.*)$/.exec(header.trim());
    if (!m || m[1] !== TC3_ALGORITHM) {
        throw errors.invalidAuthorization(`The Authorization header must use ${TC3_ALGORITHM}.`);
    }
    const parts = new Map<string, string>();
    for (const piece of (m[2] as string).split(",")) {
        const eq = piece.indexOf("=");
        if (eq <= 0) throw errors.invalidAuthorization("The Authorization header is malformed.");
        parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
    }
    const credential = parts.get("Credential");
    const signed = parts.get("SignedHeaders");
    const signature = parts.get("Signature");
    if (!credential || !signed || !signature) {
        throw errors.invalidAuthorization("The Authorization header needs Credential, SignedHeaders and Signature.");
    }
    const scope = credential.split("/");
    if (scope.length !== 4 || scope[3] !== "tc3_request" || !scope[0] || !scope[2] || !/^\d{4}-\d{2}-\d{2}$/.test(scope[1] ?? "")) {
        throw errors.invalidAuthorization("The Credential must be <SecretId>/<YYYY-MM-DD>/<service>/tc3_request.");
    }
    if (!/^[0-9a-f]{64}$/.test(signature)) throw errors.invalidAuthorization("The Signature must be 64 lowercase hex digits.");
    const signedHeaders = signed.split(";");
    if (!signedHeaders.includes("content-type") || !signedHeaders.includes("host")) {
        throw errors.invalidAuthorization("SignedHeaders must include content-type and host.");
    }
    if (signedHeaders.some((h) => h !== h.toLowerCase() || h === "")) {
        throw errors.invalidAuthorization("SignedHeaders must be lowercase header names.");
    }
    return {
        secretId: scope[0],
        date: scope[1] as string,
        service: scope[2],
        signedHeaders,
        signature,
    };
}

/** `YYYY-MM-DD` (UTC) of a Unix timestamp in seconds. */
export function utcDate(timestampSeconds: number): string {
    return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

/** Inputs of one signature computation. */
export interface SignInput {
    method: string;
    path: string;
    query: string;
    /** Header name (lowercase) -> value, for each signed header, in any order. */
    headers: Readonly<Record<string, string>>;
    signedHeaders: readonly string[];
    payload: Buffer | string;
    timestamp: number;
    service: string;
    secretKey: string;
}

/** The hex TC3 signature of a request. */
export function tc3Signature(i: SignInput): string {
    const names = [...i.signedHeaders].sort();
    const canonicalHeaders = names.map((n) => `${n}:${(i.headers[n] ?? "").trim()}\n`).join("");
    const canonicalRequest = [i.method, i.path, i.query, canonicalHeaders, names.join(";"), sha256Hex(i.payload)].join("\n");
    const date = utcDate(i.timestamp);
    const stringToSign = [TC3_ALGORITHM, String(i.timestamp), `${date}/${i.service}/tc3_request`, sha256Hex(canonicalRequest)].join("\n");
    const kDate = hmac(`TC3${i.secretKey}`, date);
    const kService = hmac(kDate, i.service);
    const kSigning = hmac(kService, "tc3_request");
    return createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
}

/** The full Authorization header value (used by tests and raw clients). */
export function tc3Authorization(secretId: string, i: SignInput): string {
    const names = [...i.signedHeaders].sort();
    return `${TC3_ALGORITHM} Credential=${secretId}/${utcDate(i.timestamp)}/${i.service}/tc3_request, SignedHeaders=${names.join(";")}, Signature=${tc3Signature(i)}`;
}

/**
 * Verify a parsed Authorization against the request. Tencent signs the host without the port
 * (the official Node SDK does); some clients sign the Host header verbatim (with the port), so
 * both are accepted. Header values are tried as sent and lowercased (Tencent's docs lowercase them).
 */
export function verifySignature(
    auth: ParsedAuthorization,
    req: { method: string; path: string; query: string; headers: Readonly<Record<string, string | undefined>>; body: Buffer },
    timestamp: number,
    secretKey: string,
): boolean {
    if (auth.date !== utcDate(timestamp)) return false;
    const hostHeader = req.headers.host ?? "";
    const hostNoPort = hostHeader.replace(/:\d+$/, "");
    const hosts = hostNoPort === hostHeader ? [hostHeader] : [hostNoPort, hostHeader];
    const wanted = Buffer.from(auth.signature, "hex");
    for (const host of hosts) {
        for (const lower of [false, true]) {
            const headers: Record<string, string> = {};
            for (const name of auth.signedHeaders) {
                const v = name === "host" ? host : (req.headers[name] ?? "");
                headers[name] = lower ? v.toLowerCase() : v;
            }
            const got = Buffer.from(
                tc3Signature({
                    method: req.method,
                    path: req.path,
                    query: req.query,
                    headers,
                    signedHeaders: auth.signedHeaders,
                    payload: req.body,
                    timestamp,
                    service: auth.service,
                    secretKey,
                }),
                "hex",
            );
            if (got.length === wanted.length && timingSafeEqual(got, wanted)) return true;
        }
    }
    return false;
}
