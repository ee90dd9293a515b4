/** RebootHPCNodes: nodes go DOWN (instance REBOOTING) for the emulator's `terminatingSeconds`, then are IDLE again. */
import { errors } from "../errors";
import { catalog, denyReadOnly } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";

export const rebootHPCNodes: ActionHandler = {
    name: "RebootHPCNodes",
    mutates: true,
    schema: {
        ClusterId: ID_SPECS.cluster,
        NodeIds: { kind: "stringArray", required: true, minItems: 1, maxItems: 100 },
        StopType: { kind: "string", enum: ["SOFT", "HARD", "SOFT_FIRST"] },
    },
    handle(ctx, params) {
        const { store, region } = ctx;
        denyReadOnly(ctx, "RebootHPCNodes");
        const c = catalog(store);
        const clusterId = params.ClusterId as string;
        const cluster = c.hpcClusters[clusterId];
        if (!cluster || cluster.Region !== region) throw errors.resourceNotFound(`HPC cluster ${clusterId} does not exist in ${region}`);
        const ids = params.NodeIds as string[];
        if (new Set(ids).size !== ids.length) throw errors.invalidParameterValue("The parameter `NodeIds` has duplicates.");
        const nodes = ids.map((id) => {
            const n = c.hpcNodes[id];
            if (!n || n.ClusterId !== clusterId) throw errors.resourceNotFound(`node ${id} does not exist in HPC cluster ${clusterId}`);
            if (n.rebootUntilMs !== undefined) throw errors.statusNotSupported(`node ${id} is already rebooting`);
            return n;
        });
        const until = store.now() + store.state.settings.terminatingSeconds * 1000;
        for (const n of nodes) n.rebootUntilMs = until;
        return {};
    },
};
