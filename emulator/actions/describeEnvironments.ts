/** DescribeEnvironments: the environments of the request's region (Limit default 20, max 100). */
import { applyFilters, page, publicEnvironment } from "./common";
import type { ActionHandler } from "./types";
import { FILTERS_SPEC } from "./validate";

export const describeEnvironments: ActionHandler = {
    name: "DescribeEnvironments",
    mutates: false,
    schema: {
        Offset: { kind: "integer", min: 0 },
        Limit: { kind: "integer", min: 1, max: 100 },
        Filters: FILTERS_SPEC,
    },
    handle({ store, region }, params) {
        const all = Object.values(store.state.environments).filter((e) => e.Region === region && !e.emu.deleted);
        const matched = applyFilters(all, params.Filters, {
            EnvironmentId: (e) => e.EnvironmentId,
            Name: (e) => e.Name,
            Status: (e) => e.Status,
        });
        return { TotalCount: matched.length, Environments: page(matched, params, 20).map(publicEnvironment) };
    },
};
