/**
 * The RetryRuns request for given inputs, in Tencent's shape.
 */
import type { RetryRunsRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_models";
import type { NfOption, Plan, RunRetryInputs, WdlOption } from "./inputs";

function wdlRequest(o: WdlOption): NonNullable<RetryRunsRequest["WDLOption"]> {
    return {
        FailureMode: o.failureMode,
        UseCallCache: o.useCallCache,
        UseErrorOnHold: o.useErrorOnHold,
        ...(o.finalWorkflowOutputsDir !== undefined ? { FinalWorkflowOutputsDir: o.finalWorkflowOutputsDir } : {}),
        ...(o.useRelativeOutputPaths !== undefined ? { UseRelativeOutputPaths: o.useRelativeOutputPaths } : {}),
        ...(o.addRunInfoToOutputDir !== undefined ? { AddRunInfoToOutputDir: o.addRunInfoToOutputDir } : {}),
    };
}

function nfRequest(o: NfOption): NonNullable<RetryRunsRequest["NFOption"]> {
    return {
        ...(o.config !== undefined ? { Config: o.config } : {}),
        ...(o.profile !== undefined ? { Profile: o.profile } : {}),
        ...(o.report !== undefined ? { Report: o.report } : {}),
        ...(o.resume !== undefined ? { Resume: o.resume } : {}),
        ...(o.nfVersion !== undefined ? { NFVersion: o.nfVersion } : {}),
        ...(o.launchDir !== undefined ? { LaunchDir: o.launchDir } : {}),
    };
}

/** retryRunsRequest is exactly what RetryRuns is sent for these inputs. */
export function retryRunsRequest(inp: RunRetryInputs, plan: Plan | undefined): RetryRunsRequest {
    const projectId = inp.projectId ?? plan?.projectId;
    return {
        ...(projectId ? { ProjectId: projectId } : {}),
        ...(inp.runGroupId ? { RunGroupId: inp.runGroupId } : {}),
        ...(inp.runUuids ? { RunUuids: inp.runUuids } : {}),
        ...(inp.wdlOption ? { WDLOption: wdlRequest(inp.wdlOption) } : {}),
        ...(inp.nfOption ? { NFOption: nfRequest(inp.nfOption) } : {}),
    };
}

