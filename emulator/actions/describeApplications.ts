/** DescribeApplications: a project's applications (filters Name, ApplicationId, HasRun, CreatorId, Type). */
import { catalog, detailsOf, listAnswer } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS, PAGING_SCHEMA } from "./validate";
import { applicationView } from "./views";

export const describeApplications: ActionHandler = {
    name: "DescribeApplications",
    mutates: false,
    schema: {
        ProjectId: ID_SPECS.project,
        ...PAGING_SCHEMA,
        OrderBy: { kind: "string", enum: ["CreateTime", "-CreateTime", "Name", "-Name"] },
    },
    handle({ store, region }, params) {
        const project = store.project(region, params.ProjectId as string);
        const c = catalog(store);
        const apps = Object.values(store.state.applications).filter((a) => a.ProjectId === project.ProjectId && !a.emu.deleted);
        const order = (params.OrderBy as string | undefined) ?? "-CreateTime";
        const key = order.replace(/^-/, "");
        const sign = order.startsWith("-") ? -1 : 1;
        const value = (id: string, name: string) => (key === "Name" ? name : `${c.applications[id]?.CreateTime ?? ""} ${id}`);
        apps.sort((a, b) => sign * value(a.ApplicationId, a.Name).localeCompare(value(b.ApplicationId, b.Name)));
        const hasRun = new Set(Object.values(store.state.runGroups).map((g) => g.ApplicationId));
        return listAnswer(
            "Applications",
            apps,
            params,
            {
                Name: (a) => a.Name,
                ApplicationId: (a) => a.ApplicationId,
                HasRun: (a) => String(hasRun.has(a.ApplicationId)),
                CreatorId: (a) => c.applications[a.ApplicationId]?.CreatorId ?? "",
                Type: (a) => a.Type,
            },
            10,
            (a) => applicationView(a, detailsOf(c, a.ApplicationId), apps.indexOf(a)),
        );
    },
};
