/** GetRunJobLog: the stdout or stderr of one call (by the JobId GetRunCalls answers); a failed call's stderr ends with its error. */
import { errors } from "../errors";
import { callLog, callsOf } from "../state/calls";
import { runAndGroup } from "./runCommon";
import type { ActionHandler } from "./types";
import { ID_SPECS, optional } from "./validate";

export const getRunJobLog: ActionHandler = {
    name: "GetRunJobLog",
    mutates: false,
    schema: {
        RunUuid: ID_SPECS.runUuid,
        JobId: { kind: "string", required: true, nonEmpty: true },
        LogType: { kind: "string", required: true, enum: ["stdout", "stderr"] },
        ProjectId: optional(ID_SPECS.project),
        Path: { kind: "string" },
    },
    handle({ store, region }, params) {
        const { run, group } = runAndGroup(store, region, params);
        const call = callsOf(run, group).find((c) => c.jobId === params.JobId);
        if (!call) throw errors.resourceNotFound(`run ${run.RunUuid} has no job ${String(params.JobId)} (GetRunCalls lists its jobs)`);
        return { Content: callLog(call, params.LogType as "stdout" | "stderr") };
    },
};
