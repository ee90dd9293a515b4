/**
 * The RetryRuns request for given inputs, in Tencent's shape.
 */
import type { NFOption as TencentNfOption, RetryRunsRequest, RunOption } from "../omics/models";
import type { NfOption, Plan, RunRetryInputs, WdlOption } from "./inputs";

/** wdlRequest is the WDLOption Tencent is sent for a wdlOption input. */
export function wdlRequest(o: WdlOption): RunOption {
    return {
        FailureMode: o.failureMode,
        UseCallCache: o.useCallCache,
        UseErrorOnHold: o.useErrorOnHold,
        ...(o.finalWorkflowOutputsDir !== undefined ? { FinalWorkflowOutputsDir: o.finalWorkflowOutputsDir } : {}),
        ...(o.useRelativeOutputPaths !== undefined ? { UseRelativeOutputPaths: o.useRelativeOutputPaths } : {}),
        ...(o.addRunInfoToOutputDir !== undefined ? { AddRunInfoToOutputDir: o.addRunInfoToOutputDir } : {}),
    };
}

/** nfRequest is the NFOption Tencent is sent for an nfOption input. */
export function nfRequest(o: NfOption): TencentNfOption {
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
