/**
 * The API 3.0 pipeline for `POST /`: body limit, headers, TC3 signature, version, action,
 * region, rate limit, faults, JSON parameters, validation, handler, persistence, answer.
 * Every answer is HTTP 200 with the Tencent envelope (except injected HTTP faults/drops).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { ACTIONS } from "../actions";
import { validate } from "../actions/validate";
import type { FaultRule } from "../control/faults";
import type { RequestLogEntry } from "../control/requestLog";
import { errors, isOmicsEmulatorError, OmicsEmulatorError } from "../errors";
import { uuid } from "../state/ids";
import { OMICS_REGIONS } from "../state/model";
import { authenticate, header } from "./authenticate";
import { drainBody, readBody } from "./body";
import type { EmulatorContext } from "./context";
import { errorEnvelope, sendJson, successEnvelope } from "./respond";

export const API_VERSION = "2022-11-28";

/** Copy of the parameters with secret-looking fields (passwords, tokens, keys) masked for the log. */
export function redact(v: unknown, depth = 0): unknown {
  if (depth > 32) return "[too deep]";
  if (Array.isArray(v)) return v.map((x) => redact(x, depth + 1));
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    out[k] = /password|token|secret/i.test(k) ? "***" : redact(x, depth + 1);
  }
  return out;
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  const text = body.toString("utf8");
  try {
    return { ok: true, value: text.trim() === "" ? {} : (JSON.parse(text) as unknown) };
  } catch {
    return { ok: false };
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Handle one API request; never throws. */
export async function handleApiRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = uuid();
  const traceId = header(req, "x-tc-traceid");
  const extra: Record<string, string> = traceId ? { "X-TC-TraceId": traceId } : {};
  const entry: RequestLogEntry = {
    time: new Date().toISOString(),
    action: header(req, "x-tc-action") ?? "",
    region: header(req, "x-tc-region") ?? "",
    params: undefined,
    outcome: "error",
    requestId,
  };
  const fail = (e: OmicsEmulatorError, close = false) => {
    entry.outcome = "error";
    entry.errorCode = e.code;
    ctx.log.add(entry);
    sendJson(res, 200, errorEnvelope(e.code, e.message, requestId), close ? { ...extra, Connection: "close" } : extra);
  };

  try {
    if (req.method !== "POST") {
      req.resume();
      return fail(errors.unsupportedProtocol(`HTTP method ${req.method ?? ""} is not supported; use POST with JSON.`));
    }
    const body = await readBody(req, ctx.bodyLimitBytes);
    if (!body.ok) {
      if (body.reason === "aborted") return; // client went away: nothing to answer
      // Read (and drop) the rest first: see drainBody. Past its cap the socket is already gone.
      const tooLarge = errors.requestSizeLimitExceeded(`The request body exceeds ${ctx.bodyLimitBytes} bytes.`);
      if (!(await drainBody(req))) {
        ctx.log.add({ ...entry, errorCode: tooLarge.code });
        return;
      }
      return fail(tooLarge, true);
    }
    // Parsed once, up front, so that even rejected requests show their parameters in the log.
    const parsed = parseJson(body.body);
    if (parsed.ok) entry.params = redact(parsed.value);
    const contentType = header(req, "content-type") ?? "";
    if (!/^application\/json\s*(;.*)?$/i.test(contentType)) {
      return fail(errors.invalidParameter(`Content-Type \`${contentType}\` is not supported; use application/json.`));
    }
    const action = header(req, "x-tc-action");
    if (!action) return fail(errors.missingParameter("The request is missing a required parameter `Action` (X-TC-Action)."));

    // --- authentication (AuthFailure.*) -------------------------------------------------
    const { auth, credential: cred } = authenticate(req, body.body, ctx.credentials, (a) => {
      entry.secretId = a.secretId;
    });

    // --- common parameters --------------------------------------------------------------
    const version = header(req, "x-tc-version");
    if (!version) return fail(errors.missingParameter("The request is missing a required parameter `Version` (X-TC-Version)."));
    if (version !== API_VERSION) return fail(errors.noSuchVersion(`The API version \`${version}\` does not exist; omics has ${API_VERSION}.`));
    const handler = ACTIONS.get(action);
    if (!handler) return fail(errors.invalidAction(`The action \`${action}\` is not found in omics ${API_VERSION}.`));
    const region = header(req, "x-tc-region");
    if (!region) return fail(errors.missingParameter("The request is missing a required parameter `Region` (X-TC-Region)."));
    if (!OMICS_REGIONS.includes(region)) return fail(errors.unsupportedRegion(`The region \`${region}\` is not supported by omics.`));
    if (!ctx.rateLimiter.allow(action, auth.secretId)) {
      return fail(errors.requestLimitExceeded(`Requests of ${action} exceed the limit per second for this SecretId.`));
    }

    // --- faults ---------------------------------------------------------------------------
    const fault: FaultRule | undefined = ctx.faults.take(action);
    if (fault) {
      entry.faultId = fault.id;
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (fault.drop === "before") {
        entry.outcome = "dropped-before";
        ctx.log.add(entry);
        req.socket.destroy();
        return;
      }
      if (fault.httpStatus !== undefined) {
        entry.outcome = "http-error";
        entry.errorCode = String(fault.httpStatus);
        ctx.log.add(entry);
        sendJson(res, fault.httpStatus, { message: `injected HTTP ${fault.httpStatus}` }, extra);
        return;
      }
      if (fault.error) return fail(new OmicsEmulatorError(fault.error.code, fault.error.message ?? `injected fault ${fault.error.code}`));
    }

    // --- parameters and the action --------------------------------------------------------
    if (!parsed.ok) return fail(errors.invalidParameter("The request body is not valid JSON."));
    const valid = validate(handler.schema, parsed.value);
    const store = ctx.store;
    store.tick();
    // Handlers mutate the live state: snapshot so a failed mutation leaves no trace.
    const before = handler.mutates ? JSON.stringify(store.state) : undefined;
    let fields: Record<string, unknown>;
    try {
      fields = handler.handle({ store, region, secretId: auth.secretId, readOnly: cred.readOnly === true }, valid);
      if (handler.mutates) store.persist();
    } catch (e) {
      if (before !== undefined) store.state = JSON.parse(before) as typeof store.state;
      throw e;
    }
    if (handler.mutates) entry.response = { ...fields };
    if (fault?.drop === "after") {
      entry.outcome = "dropped-after";
      ctx.log.add(entry);
      req.socket.destroy();
      return;
    }
    entry.outcome = "success";
    ctx.log.add(entry);
    sendJson(res, 200, successEnvelope(fields, requestId), extra);
  } catch (e) {
    if (isOmicsEmulatorError(e)) return fail(e);
    const message = e instanceof Error ? e.message : String(e);
    return fail(errors.internalError(`internal error: ${message}`));
  }
}
