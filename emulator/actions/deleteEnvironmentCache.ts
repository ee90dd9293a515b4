/** DeleteEnvironmentCache: clear an environment's cache (RUNTIME, INPUT, ALL, or an absolute PATH). Nothing is cached in the emulator: it validates and answers a workflow UUID. */
import { errors } from "../errors";
import { environmentDetails } from "../state/catalog";
import { uuid } from "../state/ids";
import { denyReadOnly } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";

export const deleteEnvironmentCache: ActionHandler = {
    name: "DeleteEnvironmentCache",
    mutates: true,
    schema: {
        EnvironmentId: ID_SPECS.environment,
        CacheType: { kind: "string", required: true, enum: ["RUNTIME", "INPUT", "ALL", "PATH"] },
        Path: { kind: "string" },
    },
    handle(ctx, params) {
        const { store, region } = ctx;
        denyReadOnly(ctx, "DeleteEnvironmentCache");
        const id = params.EnvironmentId as string;
        const env = store.environment(region, id);
        if (!env) throw errors.environmentNotExist(`environment ${id} does not exist in ${region}`);
        if (!env.Available) throw errors.environmentNotAvailable(`environment ${id} is not available (status ${env.Status})`);
        const path = params.Path as string | undefined;
        if (params.CacheType === "PATH" && path === undefined)
            throw errors.missingParameter("The request is missing a required parameter `Path` (CacheType PATH).");
        if (path !== undefined && !path.startsWith("/")) throw errors.invalidParameterValue(`The parameter \`Path\` must be an absolute path, got ${path}.`);
        const d = environmentDetails(env);
        d.LastWorkflowUuid = uuid();
        return { WorkflowUuid: d.LastWorkflowUuid };
    },
};
