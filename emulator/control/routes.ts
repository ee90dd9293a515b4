/**
 * The control plane under `/_emulator/` (no signature; a test and operator tool, never a Tencent
 * action). Answers plain JSON; errors are `{error: {code, message}}` with HTTP 400/404/409.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isOmicsEmulatorError } from "../errors";
import { readBody } from "../http/body";
import type { EmulatorContext } from "../http/context";
import { sendJson } from "../http/respond";
import { behaviourPatch } from "../state/behaviour";
import { isoTime } from "../state/clock";
import { roleProblem, type RoleSpec } from "../state/identities";
import { seedLookalike, validateLookalikeOptions } from "../state/lookalike";
import { seedFailedRunGroup, validateSeedOptions } from "../state/seed";
import { validateFaultSpec } from "./faults";
import { isFaultSeed, MAX_FAULT_SEED } from "./random";

export const CONTROL_PREFIX = "/_emulator/";

class ControlError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
    }
}

const notFound = (what: string) => new ControlError(404, "NotFound", `${what} not found`);

async function jsonBody(ctx: EmulatorContext, req: IncomingMessage): Promise<Record<string, unknown>> {
    const b = await readBody(req, ctx.bodyLimitBytes);
    if (!b.ok) throw new ControlError(413, "RequestSizeLimitExceeded", "control request body too large");
    const text = b.body.toString("utf8").trim();
    if (text === "") return {};
    let v: unknown;
    try {
        v = JSON.parse(text);
    } catch {
        throw new ControlError(400, "InvalidParameter", "body is not valid JSON");
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) throw new ControlError(400, "InvalidParameter", "body must be a JSON object");
    return v as Record<string, unknown>;
}

function onlyKeys(body: Record<string, unknown>, keys: string[]): void {
    for (const k of Object.keys(body)) if (!keys.includes(k)) throw new ControlError(400, "UnknownParameter", `unknown field ${k}`);
}

/** Handle one control-plane request; never throws. */
export async function handleControlRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
        const url = new URL(req.url ?? "/", "http://emulator.invalid");
        const route = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
        const parts = route.split("/");
        const method = req.method ?? "GET";
        const { store } = ctx;
        store.tick();
        const mutated = (answer: unknown) => {
            store.persist();
            sendJson(res, 200, answer);
        };

        if (route === "seed/failed-run-group" && method === "POST") {
            const opts = validateSeedOptions(await jsonBody(ctx, req));
            return mutated(seedFailedRunGroup(store, opts));
        }
        if (route === "seed/lookalike" && method === "POST") {
            const opts = validateLookalikeOptions(await jsonBody(ctx, req));
            return mutated(seedLookalike(store, opts));
        }
        if (route === "requests/inflight" && method === "GET") return sendJson(res, 200, { requests: ctx.inflight.list() });
        if (route === "requests" && method === "GET") {
            return sendJson(res, 200, { requests: ctx.log.list(url.searchParams.get("action") ?? undefined) });
        }
        if (route === "requests" && method === "DELETE") {
            ctx.log.clear();
            return sendJson(res, 200, {});
        }
        if (route === "faults" && method === "POST") {
            const rule = ctx.faults.add(validateFaultSpec(await jsonBody(ctx, req)));
            return sendJson(res, 200, { id: rule.id });
        }
        if (route === "faults" && method === "GET") return sendJson(res, 200, { faults: ctx.faults.list(), seed: ctx.faults.seed });
        if (route === "faults/seed" && method === "POST") {
            const body = await jsonBody(ctx, req);
            onlyKeys(body, ["seed"]);
            if (!isFaultSeed(body.seed)) throw new ControlError(400, "InvalidParameterValue", `seed must be an integer from 0 to ${MAX_FAULT_SEED}`);
            ctx.faults.reseed(body.seed);
            return sendJson(res, 200, { seed: ctx.faults.seed });
        }
        if (route === "roles" && method === "POST") {
            const body = await jsonBody(ctx, req);
            const problem = roleProblem(body);
            if (problem) throw new ControlError(400, problem.startsWith("unknown") ? "UnknownParameter" : "InvalidParameterValue", problem);
            return sendJson(res, 200, ctx.identities.addRole(body as unknown as RoleSpec));
        }
        if (route === "roles" && method === "GET") return sendJson(res, 200, { roles: ctx.identities.roles() });
        if (route === "faults" && method === "DELETE") {
            ctx.faults.clear();
            return sendJson(res, 200, {});
        }
        if (route === "clock/advance" && method === "POST") {
            const body = await jsonBody(ctx, req);
            onlyKeys(body, ["seconds"]);
            if (typeof body.seconds !== "number" || !Number.isFinite(body.seconds) || body.seconds < 0) {
                throw new ControlError(400, "InvalidParameterValue", "seconds must be a non-negative number");
            }
            if (store.clock.mode !== "manual") {
                throw new ControlError(409, "ClockNotManual", `the clock runs in ${store.clock.mode} mode; only manual time can be advanced`);
            }
            store.clock.advance(body.seconds);
            store.tick();
            return mutated({ now: isoTime(store.now()), nowMs: store.now() });
        }
        if (route === "clock" && method === "GET") {
            return sendJson(res, 200, { mode: store.clock.mode, now: isoTime(store.now()), nowMs: store.now() });
        }
        if (route === "reset" && method === "POST") {
            store.reset();
            ctx.log.clear();
            ctx.faults.clear();
            ctx.faults.restart();
            return sendJson(res, 200, {});
        }
        if (route === "state" && method === "GET") return sendJson(res, 200, store.state);
        if (route === "settings" && method === "PATCH") {
            const body = await jsonBody(ctx, req);
            const keys = ["waitingSeconds", "runningSeconds", "terminatingSeconds"] as const;
            onlyKeys(body, [...keys]);
            for (const k of keys) {
                const v = body[k];
                if (v === undefined) continue;
                if (typeof v !== "number" || v < 0) throw new ControlError(400, "InvalidParameterValue", `${k} must be a non-negative number`);
                store.state.settings[k] = v;
            }
            return mutated({ settings: store.state.settings });
        }
        if (route === "behaviour" && method === "GET") return sendJson(res, 200, { behaviour: store.behaviour() });
        if (route === "behaviour" && method === "PATCH") {
            let patch: ReturnType<typeof behaviourPatch>;
            try {
                patch = behaviourPatch(await jsonBody(ctx, req));
            } catch (e) {
                if (e instanceof ControlError) throw e;
                const message = e instanceof Error ? e.message : String(e);
                throw new ControlError(400, message.startsWith("unknown") ? "UnknownParameter" : "InvalidParameterValue", message);
            }
            store.state.behaviour = { ...store.behaviour(), ...patch };
            return mutated({ behaviour: store.behaviour() });
        }
        if (parts[0] === "environments" && parts.length === 2) {
            const env = store.state.environments[parts[1] as string];
            if (!env || env.emu.deleted) throw notFound(`environment ${parts[1]}`);
            if (method === "DELETE") {
                env.emu.deleted = true;
                return mutated({});
            }
            if (method === "PATCH") {
                const body = await jsonBody(ctx, req);
                onlyKeys(body, ["available", "status"]);
                if (body.available !== undefined && typeof body.available !== "boolean")
                    throw new ControlError(400, "InvalidParameter", "available must be a boolean");
                if (body.status !== undefined && typeof body.status !== "string") throw new ControlError(400, "InvalidParameter", "status must be a string");
                if (body.available !== undefined) env.Available = body.available as boolean;
                if (body.status !== undefined) env.Status = body.status as string;
                const { emu: _emu, ...view } = env;
                return mutated(view);
            }
        }
        if (parts[0] === "applications" && parts.length === 2 && method === "DELETE") {
            const app = store.state.applications[parts[1] as string];
            if (!app || app.emu.deleted) throw notFound(`application ${parts[1]}`);
            app.emu.deleted = true;
            return mutated({});
        }
        if (parts[0] === "projects" && parts.length === 2 && method === "DELETE") {
            const id = parts[1] as string;
            if (!store.state.projects[id]) throw notFound(`project ${id}`);
            delete store.state.projects[id];
            return mutated({});
        }
        if (parts[0] === "runs" && parts.length === 2 && method === "PATCH") {
            const run = store.state.runs[parts[1] as string];
            if (!run) throw notFound(`run ${parts[1]}`);
            const body = await jsonBody(ctx, req);
            onlyKeys(body, ["outcome", "retryOutcome"]);
            for (const k of ["outcome", "retryOutcome"] as const) {
                const v = body[k];
                if (v === undefined) continue;
                if (v !== "SUCCESS" && v !== "EXECUTOR_ERROR") throw new ControlError(400, "InvalidParameterValue", `${k} must be SUCCESS or EXECUTOR_ERROR`);
                run.emu[k] = v;
            }
            return mutated({ RunUuid: run.RunUuid, outcome: run.emu.outcome, retryOutcome: run.emu.retryOutcome });
        }
        if (route === "health" && method === "GET") return sendJson(res, 200, { ok: true, clock: store.clock.mode });
        throw notFound(`control route ${method} ${url.pathname}`);
    } catch (e) {
        if (e instanceof ControlError) return sendJson(res, e.status, { error: { code: e.code, message: e.message } });
        if (isOmicsEmulatorError(e)) {
            const status = e.code.startsWith("ResourceNotFound") ? 404 : 400;
            return sendJson(res, status, { error: { code: e.code, message: e.message } });
        }
        return sendJson(res, 500, { error: { code: "InternalError", message: e instanceof Error ? e.message : String(e) } });
    }
}
