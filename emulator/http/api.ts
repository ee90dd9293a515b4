/**
 * The API 3.0 pipeline for `POST /`: body limit, headers, TC3 signature, version (which selects
 * the service: omics or sts), action, region, rate limit, faults, JSON parameters, validation,
 * handler, persistence, answer. Every answer is HTTP 200 with the Tencent envelope (except
 * injected HTTP faults/drops).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { OMICS_VERSION, SERVICES } from "../actions";
import { validate } from "../actions/validate";
import type { FaultRule } from "../control/faults";
import type { InflightPhase, InflightRequest } from "../control/inflight";
import type { RequestLogEntry, RequestOutcome } from "../control/requestLog";
import { errors, isOmicsEmulatorError, OmicsEmulatorError } from "../errors";
import { uuid } from "../state/ids";
import type { ResolvedCredential } from "../state/identities";
import { authenticate, header } from "./authenticate";
import { drainBody, readBody } from "./body";
import { waitWatchingClient } from "./clientWait";
import type { EmulatorContext } from "./context";
import { errorEnvelope, sendJson, successEnvelope } from "./respond";
import type { ParsedAuthorization } from "./signature";

/** The Omics API version (kept for importers; the services are in actions/index.ts). */
export const API_VERSION = OMICS_VERSION;

/**
 * Copy of the parameters with secret-looking fields (passwords, tokens, keys) masked for the log.
 * A name ending in `SecretId` (a key's ID, e.g. `TmpSecretId`) is not a secret and is kept.
 */
export function redact(v: unknown, depth = 0): unknown {
    if (depth > 32) return "[too deep]";
    if (Array.isArray(v)) return v.map((x) => redact(x, depth + 1));
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        out[k] = /password|token|secret/i.test(k) && !/secretid$/i.test(k) ? "***" : redact(x, depth + 1);
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

/** One request/answer: its log entry, its in-flight record, the fault that applies, and how it is answered. */
class Exchange {
    fault: FaultRule | undefined;

    constructor(
        private readonly ctx: EmulatorContext,
        readonly req: IncomingMessage,
        readonly res: ServerResponse,
        readonly entry: RequestLogEntry,
        readonly live: InflightRequest,
        private readonly headers: Record<string, string>,
    ) {}

    phase(p: InflightPhase): void {
        this.ctx.inflight.setPhase(this.live, p);
    }

    log(outcome: RequestOutcome, errorCode?: string): void {
        this.entry.outcome = outcome;
        if (errorCode !== undefined) this.entry.errorCode = errorCode;
        this.ctx.log.add(this.entry);
    }

    /**
     * Write an answer, after the fault's `answerDelayMs` when one applies. A client that leaves
     * during the delay makes it `answer-lost` (nothing written); a stopping emulator answers at once.
     */
    async answer(outcome: RequestOutcome, errorCode: string | undefined, write: () => void): Promise<void> {
        const delay = this.fault?.answerDelayMs;
        if (delay) {
            this.phase("answer-delayed");
            if ((await waitWatchingClient(this.res, delay, this.ctx.stopSignal)) === "gone") return this.log("answer-lost", errorCode);
        }
        this.log(outcome, errorCode);
        write();
    }

    fail(e: OmicsEmulatorError, close = false): Promise<void> {
        const headers = close ? { ...this.headers, Connection: "close" } : this.headers;
        return this.answer("error", e.code, () => sendJson(this.res, 200, errorEnvelope(e.code, e.message, this.entry.requestId), headers));
    }

    succeed(fields: Record<string, unknown>): Promise<void> {
        return this.answer("success", undefined, () => sendJson(this.res, 200, successEnvelope(fields, this.entry.requestId), this.headers));
    }

    httpError(status: number): Promise<void> {
        return this.answer("http-error", String(status), () => sendJson(this.res, status, { message: `injected HTTP ${status}` }, this.headers));
    }

    /** Destroy the connection without an answer (a processed request, possibly after the answer delay). */
    dropAfter(): Promise<void> {
        return this.answer("dropped-after", undefined, () => this.req.socket.destroy());
    }
}

/** Handle one API request; never throws. */
export async function handleApiRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = uuid();
    const traceId = header(req, "x-tc-traceid");
    const entry: RequestLogEntry = {
        time: new Date().toISOString(),
        action: header(req, "x-tc-action") ?? "",
        region: header(req, "x-tc-region") ?? "",
        params: undefined,
        outcome: "error",
        requestId,
    };
    const live = ctx.inflight.begin({ requestId, action: entry.action, region: entry.region });
    const x = new Exchange(ctx, req, res, entry, live, traceId ? { "X-TC-TraceId": traceId } : {});
    try {
        await pipeline(ctx, x);
    } catch (e) {
        if (isOmicsEmulatorError(e)) await x.fail(e);
        else await x.fail(errors.internalError(`internal error: ${e instanceof Error ? e.message : String(e)}`));
    } finally {
        ctx.inflight.end(live);
    }
}

/** The one action served without a signature, and the caller it runs as. */
const UNSIGNED_ACTION = "AssumeRoleWithWebIdentity";
const ANONYMOUS_CALLER: { auth: ParsedAuthorization } & ResolvedCredential = {
    auth: { secretId: "", date: "", service: "sts", signedHeaders: [], signature: "" },
    credential: { secretId: "", secretKey: "", readOnly: true },
};

async function pipeline(ctx: EmulatorContext, x: Exchange): Promise<void> {
    const { req, entry, live } = x;
    if (req.method !== "POST") {
        req.resume();
        return x.fail(errors.unsupportedProtocol(`HTTP method ${req.method ?? ""} is not supported; use POST with JSON.`));
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
        return x.fail(tooLarge, true);
    }
    // Parsed once, up front, so that even rejected requests show their parameters in the log.
    const parsed = parseJson(body.body);
    if (parsed.ok) entry.params = live.params = redact(parsed.value);
    const contentType = header(req, "content-type") ?? "";
    if (!/^application\/json\s*(;.*)?$/i.test(contentType)) {
        return x.fail(errors.invalidParameter(`Content-Type \`${contentType}\` is not supported; use application/json.`));
    }
    const action = header(req, "x-tc-action");
    if (!action) return x.fail(errors.missingParameter("The request is missing a required parameter `Action` (X-TC-Action)."));

    // --- authentication (AuthFailure.*) -------------------------------------------------
    // STS AssumeRoleWithWebIdentity is sent unsigned (`Authorization: SKIP`, as Tencent documents): its token is the proof.
    const unsigned = action === UNSIGNED_ACTION && header(req, "authorization") === "SKIP";
    const caller = unsigned
        ? ANONYMOUS_CALLER
        : authenticate(req, body.body, (id) => ctx.identities.resolve(id), {
              onParsed: (a) => {
                  entry.secretId = live.secretId = a.secretId;
              },
              onResolved: (r) => {
                  if (r.temporary) entry.assumedRole = live.assumedRole = { ...r.temporary.assumedRole };
              },
          });
    const secretId = caller.auth.secretId;

    // --- common parameters: the version selects the service -------------------------------
    const version = header(req, "x-tc-version");
    if (!version) return x.fail(errors.missingParameter("The request is missing a required parameter `Version` (X-TC-Version)."));
    const service = SERVICES.find((s) => s.version === version);
    const owner = SERVICES.find((s) => s.actions.has(action));
    if (!service || (!service.actions.has(action) && owner)) {
        const where = owner ? `${action} is in ${owner.name} ${owner.version}` : SERVICES.map((s) => `${s.name} has ${s.version}`).join(", ");
        return x.fail(errors.noSuchVersion(`The API version \`${version}\` does not exist for this request; ${where}.`));
    }
    const handler = service.actions.get(action);
    if (!handler) return x.fail(errors.invalidAction(`The action \`${action}\` is not found in ${service.name} ${service.version}.`));
    const region = header(req, "x-tc-region");
    if (!region) return x.fail(errors.missingParameter("The request is missing a required parameter `Region` (X-TC-Region)."));
    if (!service.regions.includes(region)) return x.fail(errors.unsupportedRegion(`The region \`${region}\` is not supported by ${service.name}.`));
    if (!ctx.rateLimiter.allow(action, secretId)) {
        return x.fail(errors.requestLimitExceeded(`Requests of ${action} exceed the limit per second for this SecretId.`));
    }

    // --- faults: hold, latency, then the effect -------------------------------------------
    const fault = ctx.faults.take(action);
    x.fault = fault;
    if (fault) {
        entry.faultId = fault.id;
        if (fault.holdMs) {
            x.phase("holding");
            const waited = await waitWatchingClient(x.res, fault.holdMs, ctx.stopSignal);
            if (waited === "gone") return x.log("client-gone");
            if (waited === "stopped") {
                x.log("dropped-before");
                req.socket.destroy();
                return;
            }
        }
        if (fault.latencyMs) {
            x.phase("latency");
            await sleep(fault.latencyMs);
        }
        x.phase("processing");
        if (fault.drop === "before") {
            x.log("dropped-before");
            req.socket.destroy();
            return;
        }
        if (fault.httpStatus !== undefined) return x.httpError(fault.httpStatus);
        if (fault.error) return x.fail(new OmicsEmulatorError(fault.error.code, fault.error.message ?? `injected fault ${fault.error.code}`));
    }

    // --- parameters and the action --------------------------------------------------------
    if (!parsed.ok) return x.fail(errors.invalidParameter("The request body is not valid JSON."));
    const valid = validate(handler.schema, parsed.value);
    const store = ctx.store;
    store.tick();
    // Handlers mutate the live state: snapshot so a failed mutation leaves no trace.
    const before = handler.mutates ? JSON.stringify(store.state) : undefined;
    let fields: Record<string, unknown>;
    try {
        fields = handler.handle(
            {
                store,
                region,
                secretId,
                readOnly: caller.credential.readOnly === true,
                principalSecretId: caller.temporary?.principalSecretId ?? secretId,
                ...(caller.temporary ? { assumedRole: { ...caller.temporary.assumedRole } } : {}),
                identities: ctx.identities,
                ...(x.req.headers.host ? { host: x.req.headers.host } : {}),
            },
            valid,
        );
        if (handler.mutates) store.persist();
    } catch (e) {
        if (before !== undefined) store.state = JSON.parse(before) as typeof store.state;
        throw e;
    }
    if (handler.mutates || handler.logsResponse) entry.response = redact(fields) as Record<string, unknown>;
    if (fault?.drop === "after") return x.dropAfter();
    return x.succeed(fields);
}
