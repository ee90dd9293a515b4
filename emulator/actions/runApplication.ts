/** RunApplication: submit an application's run group (one run per input object or table row). */
import { errors } from "../errors";
import type { NFOption, RunOption } from "../state/model";
import { setRunGroupDetails } from "../state/catalog";
import { submissionDetails, tableRuns } from "./runApplicationExtras";
import { decodeInput, planRuns, usableEnvironment } from "./submit";
import type { ActionHandler } from "./types";
import { NF_OPTION_SCHEMA, RUN_OPTION_SCHEMA } from "./validate";

export const runApplication: ActionHandler = {
    name: "RunApplication",
    mutates: true,
    schema: {
        ApplicationId: { kind: "string", required: true, nonEmpty: true },
        Name: { kind: "string", required: true, nonEmpty: true, maxLength: 200 },
        EnvironmentId: { kind: "string", required: true, nonEmpty: true },
        // (TableId, TableRowUuids, ApplicationVersionId, VolumeIds and the notification fields are checked in runApplicationExtras.ts)
        ProjectId: { kind: "string" },
        Description: { kind: "string", maxLength: 500 },
        InputCosUri: { kind: "string" },
        InputBase64: { kind: "string" },
        TableId: { kind: "string" },
        TableRowUuids: { kind: "stringArray", minItems: 1, maxItems: 1000 },
        CacheClearDelay: { kind: "integer", min: 0 },
        ApplicationVersionId: { kind: "string" },
        Option: { kind: "object", fields: RUN_OPTION_SCHEMA },
        NFOption: { kind: "object", fields: NF_OPTION_SCHEMA },
        WorkDir: { kind: "string" },
        AccessMode: { kind: "string", enum: ["PRIVATE", "PUBLIC"] },
        VolumeIds: { kind: "stringArray" },
        ResultNotification: { kind: "boolean" },
        TimeoutNotification: { kind: "boolean" },
        TimeoutNotificationMinutes: { kind: "integer", min: 1 },
        EmailForNotification: { kind: "stringArray" },
    },
    handle(ctx, params) {
        const { store } = ctx;
        if (ctx.readOnly) throw errors.operationDenied(`credential ${ctx.secretId} is read-only: RunApplication denied`);
        const project = store.project(ctx.region, params.ProjectId as string | undefined);
        const application = store.application(project.ProjectId, params.ApplicationId as string);
        if (!application) {
            throw errors.applicationNotExist(`application ${String(params.ApplicationId)} does not exist in project ${project.ProjectId}`);
        }
        if (params.TableRowUuids !== undefined && params.TableId === undefined) {
            throw errors.missingParameter("The request is missing a required parameter `TableId` (needed with `TableRowUuids`).");
        }
        const option = params.Option as RunOption | undefined;
        const nfOption = params.NFOption as NFOption | undefined;
        if (option && application.Type !== "WDL") {
            throw errors.invalidParameterValue(`The parameter \`Option\` applies to WDL applications; ${application.ApplicationId} is ${application.Type}.`);
        }
        if (nfOption && application.Type !== "NEXTFLOW") {
            throw errors.invalidParameterValue(
                `The parameter \`NFOption\` applies to NEXTFLOW applications; ${application.ApplicationId} is ${application.Type}.`,
            );
        }
        const environment = usableEnvironment(store, ctx.region, params.EnvironmentId as string);
        const input = decodeInput(params);
        const table = tableRuns(store, project, params, input.inputs, input.raw);
        const runs = planRuns(table?.inputs ?? input.inputs, table?.rowUuids);
        const details = submissionDetails(store, project, application, environment, params);
        const defaultOption: RunOption = { FailureMode: "ContinueWhilePossible", UseCallCache: true, UseErrorOnHold: false };
        const group = store.createRunGroup(
            {
                project,
                application,
                environment,
                name: params.Name as string,
                description: (params.Description as string | undefined) ?? "",
                type: application.Type,
                input: input.raw,
                inputType: input.type,
                inputCosUri: input.cosUri,
                tableId: (params.TableId as string | undefined) ?? "",
                workDir: (params.WorkDir as string | undefined) ?? "",
                ...(application.Type === "WDL" ? { option: option ?? defaultOption } : { nfOption: nfOption ?? {} }),
                creator: ctx.secretId,
            },
            runs,
        );
        setRunGroupDetails(group, details);
        return { RunGroupId: group.RunGroupId };
    },
};
