/** DescribeProjects: the projects of the request's region (filters Name, ProjectId, Region). */
import { applyFilters, page, publicProject } from "./common";
import type { ActionHandler } from "./types";
import { FILTERS_SPEC } from "./validate";

export const describeProjects: ActionHandler = {
    name: "DescribeProjects",
    mutates: false,
    schema: {
        Limit: { kind: "integer", min: 1, max: 100 },
        Offset: { kind: "integer", min: 0 },
        Filters: FILTERS_SPEC,
    },
    handle({ store, region }, params) {
        const all = Object.values(store.state.projects)
            .filter((p) => p.Region === region)
            .sort((a, b) => Number(b.IsDefault) - Number(a.IsDefault) || a.CreateTime.localeCompare(b.CreateTime));
        const matched = applyFilters(all, params.Filters, {
            Name: (p) => p.Name,
            ProjectId: (p) => p.ProjectId,
            Region: (p) => p.Region,
        });
        return { TotalCount: matched.length, Projects: page(matched, params, 10).map(publicProject) };
    },
};
