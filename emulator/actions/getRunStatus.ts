/** GetRunStatus: the metadata of one run. */
import { errors } from "../errors";
import type { ActionHandler } from "./types";

export const getRunStatus: ActionHandler = {
    name: "GetRunStatus",
    mutates: false,
    schema: {
        RunUuid: { kind: "string", required: true, nonEmpty: true },
        ProjectId: { kind: "string" },
    },
    handle({ store, region }, params) {
        const project = store.project(region, params.ProjectId as string | undefined);
        const run = store.run(project, params.RunUuid as string);
        if (!store.environment(region, run.EnvironmentId)) {
            throw errors.environmentNotExist(`environment ${run.EnvironmentId} of run ${run.RunUuid} does not exist`);
        }
        return {
            Metadata: {
                RunType: "WORKFLOW",
                RunId: run.RunUuid,
                ParentId: "",
                JobId: "",
                CallName: "",
                ScatterIndex: "",
                Input: run.Input,
                Output: run.Status === "SUCCESS" ? "{}" : "",
                Status: run.Status,
                ErrorMessage: run.ErrorMessage,
                StartTime: run.ExecutionTime.StartTime ?? "",
                SubmitTime: run.ExecutionTime.SubmitTime ?? "",
                EndTime: run.ExecutionTime.EndTime ?? "",
                Command: "",
                Runtime: "",
                Preprocess: false,
                PostProcess: false,
                CallCached: false,
                WorkDir: "",
                Stdout: "",
                Stderr: "",
                Meta: "",
            },
        };
    },
};
