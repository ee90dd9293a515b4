/** ImportCommonApplication: copy a public application into a project as a new application. */
import { catalogErrors, errors } from "../errors";
import { plainTime } from "../state/clock";
import { catalog, denyReadOnly } from "./catalogCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS } from "./validate";
import { PUBLIC_APPLICATIONS } from "./views";

export const importCommonApplication: ActionHandler = {
    name: "ImportCommonApplication",
    mutates: true,
    schema: {
        CommonAppUuid: { kind: "string", required: true, nonEmpty: true },
        CommonAppNewName: { kind: "string", required: true, nonEmpty: true, maxLength: 200 },
        ProjectId: ID_SPECS.project,
        Type: { kind: "string", required: true, enum: ["WDL", "NEXTFLOW"] },
        NextflowVersion: { kind: "string", required: true },
        Internal: { kind: "boolean" },
    },
    handle(ctx, params) {
        const { store } = ctx;
        denyReadOnly(ctx, "ImportCommonApplication");
        const project = store.project(ctx.region, params.ProjectId as string);
        const id = params.CommonAppUuid as string;
        const source = PUBLIC_APPLICATIONS.find((a) => a.AppId === id || a.ApplicationId === id);
        if (!source || source.AppGroupType === "APP_COLLECTION") {
            throw errors.applicationNotExist(`public application ${id} does not exist (a collection cannot be imported, only its applications)`);
        }
        if (source.Type !== params.Type) {
            throw errors.invalidParameterValue(`The parameter \`Type\` is ${String(params.Type)}; public application ${id} is ${source.Type}.`);
        }
        const nfVersion = params.NextflowVersion as string;
        if (source.Type === "NEXTFLOW" && !source.NextflowVersion.includes(nfVersion)) {
            throw errors.invalidParameterValue(
                `The value \`${nfVersion}\` of parameter \`NextflowVersion\` is invalid; valid values: ${source.NextflowVersion.join(", ")}.`,
            );
        }
        const name = params.CommonAppNewName as string;
        if (Object.values(store.state.applications).some((a) => a.ProjectId === project.ProjectId && !a.emu.deleted && a.Name === name)) {
            throw catalogErrors.duplicateName(`an application named ${name} already exists in project ${project.ProjectId}`);
        }
        const app = store.addApplication(project.ProjectId, source.Type, name);
        const c = catalog(store);
        const details = c.applications[app.ApplicationId];
        if (details) {
            const now = plainTime(store.now());
            details.ImportedFrom = source.ApplicationId;
            details.Description = `Imported from ${source.Name}`;
            details.CreateTime = now;
            details.Creator = ctx.secretId;
            details.CreatorId = ctx.secretId;
            if (source.Type === "NEXTFLOW") details.NextflowVersion = [nfVersion];
            for (const v of details.Versions) {
                v.CreateTime = now;
                v.CreatorName = ctx.secretId;
                v.CreatorId = ctx.secretId;
            }
        }
        return { ApplicationId: app.ApplicationId };
    },
};
