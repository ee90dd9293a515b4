/** DescribeRunGroups: list a project's run groups (filters, Limit default 10 max 100, Offset). */
import { applyFilters, newestFirst, page, publicRunGroup } from "./common";
import type { ActionHandler } from "./types";
import { PROJECT_LIST_SCHEMA } from "./validate";

export const describeRunGroups: ActionHandler = {
    name: "DescribeRunGroups",
    mutates: false,
    schema: PROJECT_LIST_SCHEMA,
    handle({ store, region }, params) {
        const project = store.project(region, params.ProjectId as string | undefined);
        // A group younger than the listing delay (behaviour switch) is not listed yet.
        const all = Object.values(store.state.runGroups).filter((g) => g.ProjectId === project.ProjectId && !store.unlisted(g));
        const matched = newestFirst(
            applyFilters(all, params.Filters, {
                Name: (g) => g.Name,
                RunGroupId: (g) => g.RunGroupId,
                Status: (g) => g.Status,
                ApplicationId: (g) => g.ApplicationId,
                Type: (g) => g.Type,
            }),
            (g) => g.RunGroupId,
            store.behaviour().listingOrder,
        );
        return {
            TotalCount: matched.length,
            RunGroups: page(matched, params, 10).map((g) => publicRunGroup(g, store.runsOf(g.RunGroupId))),
        };
    },
};
