/**
 * RetryRuns: retry the failed runs of a finished run group into a NEW run group.
 * Call shapes (seed page examples): `{RunGroupId}`, `{RunUuids}`, `{RunGroupId, RunUuids}`.
 */
import { errors } from "../errors";
import type { CopyableRunField } from "../state/behaviour";
import type { NFOption, Run, RunOption } from "../state/model";
import { FAILED_RUN_STATUSES, RETRYABLE_GROUP_STATUSES } from "../state/transitions";
import type { ActionHandler } from "./types";
import { NF_OPTION_SCHEMA, RUN_OPTION_SCHEMA } from "./validate";

export const retryRuns: ActionHandler = {
    name: "RetryRuns",
    mutates: true,
    schema: {
        ProjectId: { kind: "string" },
        RunGroupId: { kind: "string", nonEmpty: true },
        RunUuids: { kind: "stringArray", minItems: 1, maxItems: 100 },
        WDLOption: { kind: "object", fields: RUN_OPTION_SCHEMA },
        NFOption: { kind: "object", fields: NF_OPTION_SCHEMA },
    },
    handle(ctx, params) {
        const { store } = ctx;
        const runGroupId = params.RunGroupId as string | undefined;
        const runUuids = params.RunUuids as string[] | undefined;
        if (ctx.readOnly) throw errors.operationDenied(`credential ${ctx.secretId} is read-only: RetryRuns denied`);
        if (runGroupId === undefined && runUuids === undefined) {
            throw errors.missingParameter("The request is missing a required parameter `RunGroupId` or `RunUuids`.");
        }
        if (runUuids && new Set(runUuids).size !== runUuids.length) {
            throw errors.invalidParameterValue("The parameter `RunUuids` contains duplicates.");
        }
        const project = store.project(ctx.region, params.ProjectId as string | undefined);

        let group = runGroupId !== undefined ? store.runGroup(project, runGroupId) : undefined;
        let explicit: Run[] | undefined;
        if (runUuids) {
            explicit = runUuids.map((id) => store.run(project, id));
            for (const r of explicit) {
                if (group && r.RunGroupId !== group.RunGroupId) {
                    throw errors.runNotExist(`run ${r.RunUuid} does not exist in run group ${group.RunGroupId}`);
                }
            }
            const groups = new Set(explicit.map((r) => r.RunGroupId));
            if (groups.size > 1) {
                throw errors.invalidParameterValue("The parameter `RunUuids` names runs of different run groups.");
            }
            group ??= store.runGroup(project, explicit[0]?.RunGroupId ?? "");
        }
        if (!group) throw errors.runGroupNotExist("no run group to retry");

        if (!RETRYABLE_GROUP_STATUSES.includes(group.Status)) {
            const why = group.Status === "COMPLETE" ? "every run succeeded, nothing to retry" : "it is not finished";
            throw errors.statusNotSupported(`run group ${group.RunGroupId} has status ${group.Status}: ${why}`);
        }
        const toRetry = explicit ?? store.runsOf(group.RunGroupId).filter((r) => FAILED_RUN_STATUSES.includes(r.Status));
        for (const r of toRetry) {
            if (!FAILED_RUN_STATUSES.includes(r.Status)) {
                throw errors.statusNotSupported(`run ${r.RunUuid} has status ${r.Status}; only failed runs can be retried`);
            }
        }
        if (toRetry.length === 0) throw errors.statusNotSupported(`run group ${group.RunGroupId} has no failed runs`);

        const wdl = params.WDLOption as RunOption | undefined;
        const nf = params.NFOption as NFOption | undefined;
        if (wdl && group.Type !== "WDL") {
            throw errors.invalidParameterValue(`The parameter \`WDLOption\` applies to WDL run groups; ${group.RunGroupId} is ${group.Type}.`);
        }
        if (nf && group.Type !== "NEXTFLOW") {
            throw errors.invalidParameterValue(`The parameter \`NFOption\` applies to NEXTFLOW run groups; ${group.RunGroupId} is ${group.Type}.`);
        }

        const application = group.ApplicationId === "" ? undefined : store.application(project.ProjectId, group.ApplicationId);
        if (group.ApplicationId !== "" && !application) {
            throw errors.resourceNotFound(`application ${group.ApplicationId} of run group ${group.RunGroupId} no longer exists`);
        }
        const envRecord = store.state.environments[group.EnvironmentId];
        const environment = store.environment(group.emu.region, group.EnvironmentId);
        if (!envRecord || !environment) {
            throw errors.environmentNotExist(`environment ${group.EnvironmentId} does not exist`);
        }
        if (!environment.Available) {
            throw errors.environmentNotAvailable(`environment ${environment.EnvironmentId} is not available (status ${environment.Status})`);
        }
        for (const r of toRetry) {
            const used = store.state.lineageRetries[r.emu.lineage] ?? 0;
            if (used >= store.retryLimit) {
                throw errors.retryLimitExceeded(`run ${r.RunUuid} was already retried ${used} time(s); the limit is ${store.retryLimit}`);
            }
        }

        for (const r of toRetry) store.state.lineageRetries[r.emu.lineage] = (store.state.lineageRetries[r.emu.lineage] ?? 0) + 1;
        // What Tencent copies into the new group is undocumented: each choice is a behaviour switch.
        const behaviour = store.behaviour();
        const option = wdl ?? (behaviour.retryOption === "copy" ? group.Option : undefined);
        const nfOption = nf ?? (behaviour.retryOption === "copy" ? group.NFOption : undefined);
        const copies = (field: CopyableRunField, value: string): string => (behaviour.retryCopiesRunFields.includes(field) ? value : "");
        const earlierRetries = Object.values(store.state.runGroups).filter((g) => g.emu.retriedFrom === group.RunGroupId).length;
        const created = store.createRunGroup(
            {
                project,
                application,
                environment,
                name: behaviour.retriedGroupName === "suffix" ? `${group.Name}-retry-${earlierRetries + 1}` : group.Name,
                description: group.Description,
                type: group.Type,
                input: group.Input,
                inputType: group.InputType,
                inputCosUri: group.InputCosUri,
                tableId: group.TableId,
                workDir: group.WorkDir,
                ...(option ? { option } : {}),
                ...(nfOption ? { nfOption } : {}),
                retriedFrom: group.RunGroupId,
                creator: ctx.secretId,
            },
            toRetry.map((r) => ({
                userDefinedId: copies("UserDefinedId", r.UserDefinedId),
                tableRowUuid: copies("TableRowUuid", r.TableRowUuid),
                input: copies("Input", r.Input),
                outcome: r.emu.retryOutcome,
                retryOutcome: r.emu.retryOutcome,
                lineage: r.emu.lineage,
                retriedFrom: r.RunUuid,
            })),
        );
        return { RunGroupId: created.RunGroupId };
    },
};
