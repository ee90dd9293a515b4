/**
 * Authentication of an API request: Authorization header, timestamp skew, SecretId, X-TC-Token,
 * and the TC3 signature over the raw body. Throws the matching AuthFailure.* / MissingParameter.
 */
import type { IncomingMessage } from "node:http";
import { errors } from "../errors";
import type { EmulatorCredential } from "./context";
import { MAX_SKEW_SECONDS, type ParsedAuthorization, parseAuthorization, verifySignature } from "./signature";

export const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Authenticate `req` against `credentials`. `onParsed` sees the parsed Authorization first (so
 * the request log can name the SecretId even when a later check fails).
 */
export function authenticate(
  req: IncomingMessage,
  body: Buffer,
  credentials: ReadonlyMap<string, EmulatorCredential>,
  onParsed: (auth: ParsedAuthorization) => void,
  nowMs = Date.now(),
): { auth: ParsedAuthorization; credential: EmulatorCredential } {
  const auth = parseAuthorization(header(req, "authorization"));
  onParsed(auth);
  const tsText = header(req, "x-tc-timestamp");
  if (tsText === undefined) throw errors.missingParameter("The request is missing a required parameter `Timestamp` (X-TC-Timestamp).");
  if (!/^\d{1,12}$/.test(tsText)) throw errors.invalidParameter("The parameter `Timestamp` must be Unix seconds.");
  const timestamp = Number(tsText);
  const skew = Math.abs(nowMs / 1000 - timestamp);
  if (skew > MAX_SKEW_SECONDS) {
    throw errors.signatureExpire(`Signature expired: timestamp ${timestamp} is ${Math.round(skew)} s from server time (max ${MAX_SKEW_SECONDS}).`);
  }
  const credential = credentials.get(auth.secretId);
  if (!credential) throw errors.secretIdNotFound(`The SecretId ${auth.secretId} is not found.`);
  const token = header(req, "x-tc-token");
  if ((credential.token ?? "") !== (token ?? "")) {
    throw errors.tokenFailure(credential.token ? "The X-TC-Token is missing or invalid." : "This SecretId takes no X-TC-Token.");
  }
  const [path = "/", query = ""] = (req.url ?? "/").split("?", 2);
  const signed: Record<string, string | undefined> = {};
  for (const name of auth.signedHeaders) signed[name] = header(req, name);
  if (!verifySignature(auth, { method: "POST", path, query, headers: signed, body }, timestamp, credential.secretKey)) {
    throw errors.signatureFailure("The provided credentials could not be validated: signature mismatch.");
  }
  return { auth, credential };
}
