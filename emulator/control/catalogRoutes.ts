/**
 * Control-plane routes of the catalogue (see emulator/README.md, "Control plane"):
 *
 * - `POST /_emulator/seed/project`: a project with applications, tables and a failed group.
 * - `PUT /_emulator/cos/<bucket>/<key>`: put an object into the emulator's COS (the body, as text),
 *   e.g. the CSV that ImportTableFile imports; `GET` reads it back.
 * - `GET /_emulator/files/runs/<RunUuid>/<key>`, `GET /_emulator/files/input-templates/<id>/input.json`:
 *   what the URLs of GetRunMetadataFile and GetInputTemplateFile serve.
 * - `POST /_emulator/oidc/providers`, `GET /_emulator/oidc/providers`: OIDC identity providers of
 *   STS AssumeRoleWithWebIdentity; `POST /_emulator/oidc/token`: a token of one (a CI job's token file).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors } from "../errors";
import { readBody } from "../http/body";
import type { EmulatorContext } from "../http/context";
import { sendJson } from "../http/respond";
import { metadataFile, metadataFileNames } from "../state/calls";
import { catalogOf } from "../state/catalog";
import { type OidcProviderSpec, oidcProviderProblem } from "../state/oidc";
import { seedProject, validateSeedProjectOptions } from "../state/seedProject";

function sendText(res: ServerResponse, status: number, text: string, type = "text/plain; charset=utf-8"): void {
    res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(text) });
    res.end(text);
}

/** Handle a catalogue route; `false` when the route is not one of them. Throws OmicsEmulatorError (400/404) on bad input. */
export async function handleCatalogRoute(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, route: string): Promise<boolean> {
    const method = req.method ?? "GET";
    const { store } = ctx;
    const parts = route.split("/");
    if (route === "seed/project" && method === "POST") {
        const result = seedProject(store, validateSeedProjectOptions(await jsonOf(ctx, req)));
        store.persist();
        sendJson(res, 200, result);
        return true;
    }
    if (parts[0] === "cos" && parts.length >= 3) {
        const uri = `cos://${parts[1]}/${parts.slice(2).map(decodeURIComponent).join("/")}`;
        const c = catalogOf(store.state);
        if (method === "PUT") {
            const b = await readBody(req, ctx.bodyLimitBytes);
            if (!b.ok) throw errors.requestSizeLimitExceeded("COS object too large for the emulator");
            c.cosObjects[uri] = b.body.toString("utf8");
            store.persist();
            sendJson(res, 200, { uri, bytes: b.body.length });
            return true;
        }
        if (method === "GET") {
            const content = c.cosObjects[uri];
            if (content === undefined) throw errors.resourceNotFound(`COS object ${uri} not found`);
            sendText(res, 200, content);
            return true;
        }
    }
    if (parts[0] === "files" && method === "GET") {
        if (parts[1] === "runs" && parts.length === 4) {
            const run = store.state.runs[parts[2] as string];
            const group = run ? store.state.runGroups[run.RunGroupId] : undefined;
            const key = decodeURIComponent(parts[3] as string);
            if (!run || !group || !metadataFileNames(group).includes(key)) throw errors.resourceNotFound(`file ${key} of run ${parts[2]} not found`);
            sendText(res, 200, metadataFile(run, group, key), key.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
            return true;
        }
        if (parts[1] === "input-templates" && parts.length === 4) {
            const t = catalogOf(store.state).inputTemplates[parts[2] as string];
            if (!t) throw errors.resourceNotFound(`input template ${parts[2]} not found`);
            sendText(res, 200, t.Content, "application/json");
            return true;
        }
    }
    if (route === "oidc/providers" && method === "POST") {
        const body = await jsonOf(ctx, req);
        const problem = oidcProviderProblem(body);
        if (problem) throw errors.invalidParameterValue(problem);
        sendJson(res, 200, ctx.identities.oidc.add(body as unknown as OidcProviderSpec));
        return true;
    }
    if (route === "oidc/providers" && method === "GET") {
        sendJson(res, 200, { providers: ctx.identities.oidc.list() });
        return true;
    }
    if (route === "oidc/token" && method === "POST") {
        const b = await jsonOf(ctx, req);
        for (const k of Object.keys(b)) {
            if (!["providerId", "subject", "expiresInSeconds", "audience", "issuer"].includes(k)) throw errors.unknownParameter(`unknown field ${k}`);
        }
        if (typeof b.providerId !== "string") throw errors.missingParameter("providerId is required");
        if (b.expiresInSeconds !== undefined && !Number.isInteger(b.expiresInSeconds))
            throw errors.invalidParameter("expiresInSeconds must be an integer (negative: already expired)");
        for (const k of ["subject", "audience", "issuer"])
            if (b[k] !== undefined && typeof b[k] !== "string") throw errors.invalidParameter(`${k} must be a string`);
        const { token, claims } = ctx.identities.oidc.mint(
            b.providerId,
            b as { subject?: string; expiresInSeconds?: number; audience?: string; issuer?: string },
        );
        sendJson(res, 200, { token, claims });
        return true;
    }
    return false;
}

async function jsonOf(ctx: EmulatorContext, req: IncomingMessage): Promise<Record<string, unknown>> {
    const b = await readBody(req, ctx.bodyLimitBytes);
    if (!b.ok) throw errors.requestSizeLimitExceeded("control request body too large");
    const text = b.body.toString("utf8").trim();
    let v: unknown = {};
    try {
        v = text === "" ? {} : JSON.parse(text);
    } catch {
        throw errors.invalidParameter("body is not valid JSON");
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) throw errors.invalidParameter("body must be a JSON object");
    return v as Record<string, unknown>;
}
