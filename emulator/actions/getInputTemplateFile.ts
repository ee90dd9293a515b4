/** GetInputTemplateFile: the JSON content of an input template, and a URL that serves it. */
import { errors } from "../errors";
import { catalog } from "./catalogCommon";
import { fileUrl } from "./files";
import type { ActionHandler } from "./types";
import { ID_SPECS, optional } from "./validate";

export const getInputTemplateFile: ActionHandler = {
    name: "GetInputTemplateFile",
    mutates: false,
    schema: {
        InputTemplateId: ID_SPECS.inputTemplate,
        ProjectId: optional(ID_SPECS.project),
        ApplicationVersionId: { kind: "string" },
        ApplicationId: optional(ID_SPECS.application),
    },
    handle(ctx, params) {
        const { store } = ctx;
        const project = store.project(ctx.region, params.ProjectId as string | undefined);
        const id = params.InputTemplateId as string;
        const t = catalog(store).inputTemplates[id];
        const appId = params.ApplicationId as string | undefined;
        const versionId = params.ApplicationVersionId as string | undefined;
        if (
            !t ||
            t.ProjectId !== project.ProjectId ||
            !store.application(project.ProjectId, t.ApplicationId) ||
            (appId !== undefined && appId !== t.ApplicationId) ||
            (versionId !== undefined && versionId !== t.ApplicationVersionId)
        ) {
            throw errors.resourceNotFound(`input template ${id} does not exist in project ${project.ProjectId}`);
        }
        return { CosSignedUrl: fileUrl(ctx, `input-templates/${id}/input.json`), Content: t.Content };
    },
};
