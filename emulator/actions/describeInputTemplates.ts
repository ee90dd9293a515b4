/** DescribeInputTemplates: input templates of a project (each application has one; filters Name, InputTemplateId). */
import { catalog, listAnswer } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS, optional, PAGING_SCHEMA } from "./validate";
import { inputTemplateView } from "./views";

export const describeInputTemplates: ActionHandler = {
    name: "DescribeInputTemplates",
    mutates: false,
    schema: {
        ProjectId: optional(ID_SPECS.project),
        ...PAGING_SCHEMA,
        ApplicationVersionId: { kind: "string" },
        ApplicationId: optional(ID_SPECS.application),
    },
    handle({ store, region }, params) {
        const project = store.project(region, params.ProjectId as string | undefined);
        const appId = params.ApplicationId as string | undefined;
        const versionId = params.ApplicationVersionId as string | undefined;
        const templates = Object.values(catalog(store).inputTemplates).filter(
            (t) =>
                t.ProjectId === project.ProjectId &&
                (appId === undefined || t.ApplicationId === appId) &&
                (versionId === undefined || t.ApplicationVersionId === versionId) &&
                store.application(project.ProjectId, t.ApplicationId) !== undefined,
        );
        return listAnswer("InputTemplates", templates, params, { Name: (t) => t.Name, InputTemplateId: (t) => t.InputTemplateId }, 10, inputTemplateView);
    },
};
