/** DescribeRuns: list a project's runs (filters, Limit default 10 max 100, Offset). */
import { applyFilters, newestFirst, page, publicRun } from "./common";
import type { ActionHandler } from "./types";
import { PROJECT_LIST_SCHEMA } from "./validate";

export const describeRuns: ActionHandler = {
    name: "DescribeRuns",
    mutates: false,
    schema: PROJECT_LIST_SCHEMA,
    handle({ store, region }, params) {
        const project = store.project(region, params.ProjectId as string | undefined);
        // Runs of a group younger than the listing delay (behaviour switch) are not listed yet.
        const all = Object.values(store.state.runs).filter((r) => {
            const g = store.state.runGroups[r.RunGroupId];
            return r.ProjectId === project.ProjectId && !(g && store.unlisted(g));
        });
        const matched = newestFirst(
            applyFilters(all, params.Filters, {
                RunGroupId: (r) => r.RunGroupId,
                Status: (r) => r.Status,
                RunUuid: (r) => r.RunUuid,
                ApplicationId: (r) => r.ApplicationId,
                UserDefinedId: (r) => r.UserDefinedId,
            }),
            (r) => r.RunUuid,
            store.behaviour().listingOrder,
        );
        return { TotalCount: matched.length, Runs: page(matched, params, 10).map(publicRun) };
    },
};
