/**
 * DeleteEnvironment: the environment becomes `DELETING` (not available), then is gone after
 * `ENVIRONMENT_SECONDS` (with its volumes). Refused while one of its run groups runs
 * (`ResourceInUse`) or while it is still INITIALIZING or already DELETING (`FailedOperation.StatusNotSupported`).
 */
import { catalogErrors, errors } from "../errors";
import { environmentDetails } from "../state/catalog";
import { uuid } from "../state/ids";
import { denyReadOnly } from "./catalogCommon";
import { ENVIRONMENT_SECONDS } from "./createEnvironment";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";

export const deleteEnvironment: ActionHandler = {
    name: "DeleteEnvironment",
    mutates: true,
    schema: { EnvironmentId: ID_SPECS.environment },
    handle(ctx, params) {
        const { store, region } = ctx;
        denyReadOnly(ctx, "DeleteEnvironment");
        const id = params.EnvironmentId as string;
        const env = store.environment(region, id);
        if (!env) throw errors.environmentNotExist(`environment ${id} does not exist in ${region}`);
        if (env.Status === "INITIALIZING" || env.Status === "DELETING") {
            throw errors.statusNotSupported(`environment ${id} has status ${env.Status}; it can be deleted once RUNNING (or in an error status)`);
        }
        const busy = Object.values(store.state.runGroups).find((g) => g.EnvironmentId === id && (g.Status === "RUNNING" || g.Status === "TERMINATING"));
        if (busy) throw catalogErrors.resourceInUse(`environment ${id} runs run group ${busy.RunGroupId} (${busy.Status}); terminate it first`);
        env.Status = "DELETING";
        env.Available = false;
        env.Message = "deleting the environment's resources";
        const d = environmentDetails(env);
        d.LastWorkflowUuid = uuid();
        d.goneAtMs = store.now() + ENVIRONMENT_SECONDS * 1000;
        return { WorkflowUuid: d.LastWorkflowUuid };
    },
};
