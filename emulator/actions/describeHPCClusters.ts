/** DescribeHPCClusters: the HPC clusters of the request's region (one per region; filters ClusterId, Name, Status, ConfirmDeadlineLt). */
import { catalog, listAnswer } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { PAGING_SCHEMA } from "./validate";
import { hpcClusterView } from "./views";

export const describeHPCClusters: ActionHandler = {
    name: "DescribeHPCClusters",
    mutates: false,
    schema: PAGING_SCHEMA,
    handle({ store, region }, params) {
        const clusters = Object.values(catalog(store).hpcClusters).filter((c) => c.Region === region);
        const deadlineLt = (params.Filters as { Name: string; Values: string[] }[] | undefined)?.find((f) => f.Name === "ConfirmDeadlineLt");
        const all = deadlineLt ? clusters.filter((c) => deadlineLt.Values.some((v) => c.CreateTime < v)) : clusters;
        return listAnswer(
            "Clusters",
            all,
            { ...params, Filters: (params.Filters as { Name: string }[] | undefined)?.filter((f) => f.Name !== "ConfirmDeadlineLt") },
            { ClusterId: (c) => c.ClusterId, Name: (c) => c.Name, Status: () => "RUNNING" },
            20,
            hpcClusterView,
        );
    },
};
