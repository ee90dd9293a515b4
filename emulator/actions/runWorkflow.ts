/** RunWorkflow: submit a Nextflow workflow from a git repository (no application). */
import { errors } from "../errors";
import type { NFOption } from "../state/model";
import { decodeInput, planRuns, usableEnvironment } from "./submit";
import type { ActionHandler } from "./types";
import { NF_OPTION_SCHEMA } from "./validate";

export const runWorkflow: ActionHandler = {
    name: "RunWorkflow",
    mutates: true,
    schema: {
        Name: { kind: "string", required: true, nonEmpty: true, maxLength: 200 },
        EnvironmentId: { kind: "string", required: true, nonEmpty: true },
        GitSource: {
            kind: "object",
            required: true,
            fields: {
                GitHttpPath: { kind: "string", required: true, nonEmpty: true },
                GitUserName: { kind: "string" },
                GitTokenOrPassword: { kind: "string" },
                Branch: { kind: "string" },
                Tag: { kind: "string" },
            },
        },
        Type: { kind: "string", required: true, enum: ["NEXTFLOW"] },
        NFOption: { kind: "object", required: true, fields: NF_OPTION_SCHEMA },
        ProjectId: { kind: "string" },
        Description: { kind: "string", maxLength: 500 },
        InputBase64: { kind: "string" },
        InputCosUri: { kind: "string" },
        CacheClearDelay: { kind: "integer", min: 0 },
        WorkDir: { kind: "string" },
        VolumeIds: { kind: "stringArray" },
        Entrypoint: { kind: "string" },
    },
    handle(ctx, params) {
        const { store } = ctx;
        if (ctx.readOnly) throw errors.operationDenied(`credential ${ctx.secretId} is read-only: RunWorkflow denied`);
        const project = store.project(ctx.region, params.ProjectId as string | undefined);
        const git = params.GitSource as { GitHttpPath: string };
        if (!/^https?:\/\/\S+$/.test(git.GitHttpPath)) {
            throw errors.invalidParameterValue("The parameter `GitSource.GitHttpPath` must be an http(s) URL.");
        }
        const environment = usableEnvironment(store, ctx.region, params.EnvironmentId as string);
        const input = decodeInput(params);
        const group = store.createRunGroup(
            {
                project,
                application: undefined,
                environment,
                name: params.Name as string,
                description: (params.Description as string | undefined) ?? "",
                type: "NEXTFLOW",
                input: input.raw,
                inputType: input.type,
                inputCosUri: input.cosUri,
                tableId: "",
                workDir: (params.WorkDir as string | undefined) ?? "",
                nfOption: params.NFOption as NFOption,
                creator: ctx.secretId,
            },
            planRuns(input.inputs, undefined),
        );
        return { RunGroupId: group.RunGroupId };
    },
};
