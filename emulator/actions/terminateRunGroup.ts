/** TerminateRunGroup: a RUNNING group becomes TERMINATING, then TERMINATED with its unfinished runs. */
import { errors } from "../errors";
import { isoTime } from "../state/clock";
import { TERMINABLE_GROUP_STATUSES } from "../state/transitions";
import type { ActionHandler } from "./types";

export const terminateRunGroup: ActionHandler = {
    name: "TerminateRunGroup",
    mutates: true,
    schema: {
        RunGroupId: { kind: "string", required: true, nonEmpty: true },
        ProjectId: { kind: "string" },
    },
    handle(ctx, params) {
        const { store } = ctx;
        if (ctx.readOnly) throw errors.operationDenied(`credential ${ctx.secretId} is read-only: TerminateRunGroup denied`);
        const project = store.project(ctx.region, params.ProjectId as string | undefined);
        const group = store.runGroup(project, params.RunGroupId as string);
        if (!store.environment(group.emu.region, group.EnvironmentId)) {
            throw errors.environmentNotExist(`environment ${group.EnvironmentId} does not exist`);
        }
        if (!TERMINABLE_GROUP_STATUSES.includes(group.Status)) {
            throw errors.statusNotSupported(`run group ${group.RunGroupId} has status ${group.Status}; only RUNNING groups can be terminated`);
        }
        const now = store.now();
        group.Status = "TERMINATING";
        group.UpdateTime = isoTime(now);
        group.emu.terminateAtMs = now + store.state.settings.terminatingSeconds * 1000;
        return {};
    },
};
