/** DescribeApplicationVersions: the versions of one application, newest first. */
import { applicationOf, catalog } from "./catalogCommon";
import { page } from "./common";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";
import { versionView } from "./views";

export const describeApplicationVersions: ActionHandler = {
    name: "DescribeApplicationVersions",
    mutates: false,
    schema: {
        ProjectId: ID_SPECS.project,
        ApplicationId: ID_SPECS.application,
        Offset: { kind: "integer", min: 0 },
        Limit: { kind: "integer", min: 1, max: 100 },
    },
    handle({ store, region }, params) {
        const project = store.project(region, params.ProjectId as string);
        const app = applicationOf(store, project, params.ApplicationId as string);
        const versions = [...(catalog(store).applications[app.ApplicationId]?.Versions ?? [])].reverse();
        return { ApplicationVersions: page(versions, params, 10).map(versionView), TotalCount: versions.length };
    },
};
