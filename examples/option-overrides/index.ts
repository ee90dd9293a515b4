// Option overrides: retry chosen runs of a WDL run group with another WDL option, and chosen runs
// of a Nextflow run group with another Nextflow option. Without an override RetryRuns reuses the
// group's own option; with one, the retried runs use the override instead (call caching and a
// gentler failure mode for WDL; `-resume` and more memory for Nextflow).
//
//   pulumi config set wdlRunGroupId run-ashamed-bleak-doggy-247963
//   pulumi config set --path 'wdlRunUuids[0]' 7b501b32-4e42-456a-9d54-aa3c9791beb0
//   pulumi config set nfRunGroupId run-nimble-quiet-otter-118204
//   pulumi config set --path 'nfRunUuids[0]' 0c8e9d0e-5a43-4f1e-9f6b-2d61c1a3f7a2
//   pulumi config set nfConfig "process.memory = '32 GB'"    # optional: Nextflow configuration text
//   pulumi preview --diff   # each plan lists exactly the chosen runs, with their errors
//   pulumi up               # two RetryRuns: one with WDLOption, one with NFOption
//
// Each chosen run must have failed and belong to its group. Changing an option (or the chosen
// runs) later replaces that resource: a new retry with the new option.
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();

const wdl = new omics.RunRetry("wdl-retry-with-call-cache", {
    runGroupId: config.require("wdlRunGroupId"),
    runUuids: config.requireObject<string[]>("wdlRunUuids"),
    wdlOption: {
        // Keep running the calls that do not depend on a failed one.
        failureMode: "ContinueWhilePossible",
        // Reuse the results of calls that already succeeded: only the failed calls run again.
        useCallCache: true,
        useErrorOnHold: false,
    },
});

const nextflow = new omics.RunRetry("nextflow-retry-resumed", {
    runGroupId: config.require("nfRunGroupId"),
    runUuids: config.requireObject<string[]>("nfRunUuids"),
    nfOption: {
        // `nextflow run -resume`: tasks that completed are taken from the cache.
        resume: true,
        nfVersion: "23.10.1",
        profile: config.get("nfProfile") ?? "docker",
        // Appended Nextflow configuration, e.g. more memory for tasks that ran out of it.
        config: config.get("nfConfig") ?? "process.memory = '32 GB'",
    },
});

export const wdlNewRunGroupId = wdl.newRunGroupId;
export const wdlRetriedRuns = wdl.runUuids;
export const wdlOptionSent = wdl.wdlOption;
export const nextflowNewRunGroupId = nextflow.newRunGroupId;
export const nextflowRetriedRuns = nextflow.runUuids;
export const nextflowOptionSent = nextflow.nfOption;
