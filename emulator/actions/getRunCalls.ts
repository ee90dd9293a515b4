/**
 * GetRunCalls: the calls (tasks) of a run under `Path` ("/" = the workflow's own calls; a call's
 * path is "/" + its RunId and has no sub-calls in the emulator). Calls are derived from the run
 * (state/calls.ts): a failed run shows its failed call with the error and the job ID of its logs.
 */
import { errors } from "../errors";
import { isoTime } from "../state/clock";
import { callsOf } from "../state/calls";
import { runAndGroup } from "./runCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS, optional } from "./validate";

export const getRunCalls: ActionHandler = {
    name: "GetRunCalls",
    mutates: false,
    schema: { RunUuid: ID_SPECS.runUuid, Path: { kind: "string", required: true, nonEmpty: true }, ProjectId: optional(ID_SPECS.project) },
    handle({ store, region }, params) {
        const { run, group } = runAndGroup(store, region, params);
        const path = params.Path as string;
        if (!path.startsWith("/")) throw errors.invalidParameterValue(`The parameter \`Path\` must start with "/", got ${path}.`);
        const calls = callsOf(run, group);
        if (path !== "/") {
            if (!calls.some((c) => `/${c.runId}` === path)) throw errors.resourceNotFound(`run ${run.RunUuid} has no call at path ${path}`);
            return { Calls: [] };
        }
        return {
            Calls: calls.map((c) => ({
                RunType: "Call",
                RunId: c.runId,
                ParentId: run.RunUuid,
                JobId: c.jobId,
                CallName: c.callName,
                ScatterIndex: "",
                Input: JSON.stringify({ [`${c.callName}.sample`]: run.UserDefinedId }),
                Output: c.status === "COMPLETE" ? JSON.stringify({ [`${c.callName}.out`]: `${c.workDir}/out` }) : "{}",
                Status: c.status,
                ErrorMessage: c.errorMessage,
                StartTime: isoTime(c.startMs),
                SubmitTime: isoTime(c.submitMs),
                EndTime: c.endMs === undefined ? "" : isoTime(c.endMs),
                Command: c.command,
                Runtime: JSON.stringify({ cpu: 2, memory: "4 GB", docker: "omics-emulator/tools:1.0" }),
                Preprocess: false,
                PostProcess: false,
                CallCached: false,
                WorkDir: c.workDir,
                Stdout: c.stdout,
                Stderr: c.stderr,
                Meta: "",
            })),
        };
    },
};
