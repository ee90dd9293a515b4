/**
 * Authentication of an API request: Authorization header, timestamp skew, SecretId, X-TC-Token
 * (and the expiry of temporary credentials issued by AssumeRole), and the TC3 signature over the
 * raw body. Throws the matching AuthFailure.* / MissingParameter.
 */
import type { IncomingMessage } from "node:http";
import { errors } from "../errors";
import type { ResolvedCredential } from "../state/identities";
import { MAX_SKEW_SECONDS, type ParsedAuthorization, parseAuthorization, verifySignature } from "./signature";

export const header = (req: IncomingMessage, name: string): string | undefined => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
};

/** Callbacks that let the request log name the caller even when a later check fails. */
export interface AuthObserver {
    /** The Authorization header parsed (its SecretId is known). */
    onParsed(auth: ParsedAuthorization): void;
    /** The SecretId resolved to a credential (temporary ones carry their role session). */
    onResolved?(resolved: ResolvedCredential): void;
}

/** Authenticate `req`; `resolve` maps a SecretId to the credential it names. */
export function authenticate(
    req: IncomingMessage,
    body: Buffer,
    resolve: (secretId: string) => ResolvedCredential | undefined,
    observer: AuthObserver,
    nowMs = Date.now(),
): { auth: ParsedAuthorization } & ResolvedCredential {
    const auth = parseAuthorization(header(req, "authorization"));
    observer.onParsed(auth);
    const tsText = header(req, "x-tc-timestamp");
    if (tsText === undefined) throw errors.missingParameter("The request is missing a required parameter `Timestamp` (X-TC-Timestamp).");
    if (!/^\d{1,12}$/.test(tsText)) throw errors.invalidParameter("The parameter `Timestamp` must be Unix seconds.");
    const timestamp = Number(tsText);
    const skew = Math.abs(nowMs / 1000 - timestamp);
    if (skew > MAX_SKEW_SECONDS) {
        throw errors.signatureExpire(`Signature expired: timestamp ${timestamp} is ${Math.round(skew)} s from server time (max ${MAX_SKEW_SECONDS}).`);
    }
    const resolved = resolve(auth.secretId);
    if (!resolved) throw errors.secretIdNotFound(`The SecretId ${auth.secretId} is not found.`);
    observer.onResolved?.(resolved);
    const { credential, temporary } = resolved;
    const token = header(req, "x-tc-token");
    if ((credential.token ?? "") !== (token ?? "")) {
        throw errors.tokenFailure(credential.token ? "The X-TC-Token is missing or invalid." : "This SecretId takes no X-TC-Token.");
    }
    // Tencent documents no separate code for an expired temporary credential; TokenFailure is its "token error".
    if (temporary && nowMs >= temporary.expiresAtMs) {
        throw errors.tokenFailure(`The temporary credential expired at ${new Date(temporary.expiresAtMs).toISOString()}; call AssumeRole again.`);
    }
    const [path = "/", query = ""] = (req.url ?? "/").split("?", 2);
    const signed: Record<string, string | undefined> = {};
    for (const name of auth.signedHeaders) signed[name] = header(req, name);
    if (!verifySignature(auth, { method: "POST", path, query, headers: signed, body }, timestamp, credential.secretKey)) {
        throw errors.signatureFailure("The provided credentials could not be validated: signature mismatch.");
    }
    return { auth, ...resolved };
}
