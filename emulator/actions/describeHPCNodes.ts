/** DescribeHPCNodes: nodes of the region's HPC clusters (optionally one cluster), with the documented filters. */
import { errors } from "../errors";
import { catalog, listAnswer } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS, optional, PAGING_SCHEMA } from "./validate";
import { hpcNodeView } from "./views";

export const describeHPCNodes: ActionHandler = {
    name: "DescribeHPCNodes",
    mutates: false,
    schema: { ClusterId: optional(ID_SPECS.cluster), ...PAGING_SCHEMA },
    handle({ store, region }, params) {
        const c = catalog(store);
        const clusterId = params.ClusterId as string | undefined;
        if (clusterId !== undefined && c.hpcClusters[clusterId]?.Region !== region) {
            throw errors.resourceNotFound(`HPC cluster ${clusterId} does not exist in ${region}`);
        }
        const nodes = Object.values(c.hpcNodes).filter(
            (n) => c.hpcClusters[n.ClusterId]?.Region === region && (clusterId === undefined || n.ClusterId === clusterId),
        );
        return listAnswer(
            "Nodes",
            nodes,
            params,
            {
                ClusterId: (n) => n.ClusterId,
                QueueId: (n) => String((hpcNodeView(n) as { QueueId: string }).QueueId),
                NodeId: (n) => n.NodeId,
                Name: (n) => n.Name,
                Role: (n) => n.Role,
                Type: () => "STATIC",
                Zone: (n) => n.Zone,
                InstanceState: (n) => (n.rebootUntilMs !== undefined ? "REBOOTING" : "RUNNING"),
                InstanceType: (n) => n.InstanceType,
                InstanceFamily: (n) => n.InstanceType.split(".")[0] as string,
                InstanceChargeType: () => "POSTPAID_BY_HOUR",
                Tag: (n) => [`role:${n.Role}`],
            },
            20,
            hpcNodeView,
        );
    },
};
