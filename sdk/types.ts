import type * as pulumi from "@pulumi/pulumi";

/** FailureMode values RetryRuns accepts in a WDL run option. */
export type WdlFailureMode = "ContinueWhilePossible" | "NoNewCalls";

/** Nextflow versions RetryRuns accepts in a Nextflow option. */
export type NfVersion = "22.10.7" | "23.10.1";

/** What create does about a group that looks like an earlier, interrupted attempt of the same retry. */
export type RecoveryPolicy = "adopt" | "retry" | "fail";

/** Regions where Tencent Cloud Omics is offered (per Tencent's API pages). */
export type OmicsRegion = "ap-beijing" | "ap-guangzhou" | "ap-shanghai" | "ap-hongkong" | "ap-singapore" | "eu-frankfurt";

/**
 * WdlOptionArgs is the WDL running option (`WDLOption`, Tencent type `RunOption`) sent with
 * RetryRuns. When omitted, the retried run group's own option is used.
 */
export interface WdlOptionArgs {
    /** failureMode (`FailureMode`): what the workflow does after a call fails. Required. */
    failureMode: pulumi.Input<WdlFailureMode>;
    /** useCallCache (`UseCallCache`): reuse results of calls that already succeeded. Required. */
    useCallCache: pulumi.Input<boolean>;
    /** useErrorOnHold (`UseErrorOnHold`): hold failed calls instead of ending them. Required. */
    useErrorOnHold: pulumi.Input<boolean>;
    /** finalWorkflowOutputsDir (`FinalWorkflowOutputsDir`): where final outputs are copied. @default unset */
    finalWorkflowOutputsDir?: pulumi.Input<string>;
    /** useRelativeOutputPaths (`UseRelativeOutputPaths`): keep the outputs' relative paths. @default unset */
    useRelativeOutputPaths?: pulumi.Input<boolean>;
    /** addRunInfoToOutputDir (`AddRunInfoToOutputDir`): add run information to the output directory. @default unset */
    addRunInfoToOutputDir?: pulumi.Input<boolean>;
}

/**
 * NfOptionArgs is the Nextflow running option (`NFOption`) sent with RetryRuns. Every field is
 * optional; when the whole option is omitted, the retried run group's own option is used.
 */
export interface NfOptionArgs {
    /** config (`Config`): Nextflow configuration text. @default unset */
    config?: pulumi.Input<string>;
    /** profile (`Profile`): Nextflow profile(s) to activate. @default unset */
    profile?: pulumi.Input<string>;
    /** report (`Report`): produce the Nextflow execution report. @default unset */
    report?: pulumi.Input<boolean>;
    /** resume (`Resume`): resume from Nextflow's cache. @default unset */
    resume?: pulumi.Input<boolean>;
    /** nfVersion (`NFVersion`): `"22.10.7"` or `"23.10.1"`. @default unset */
    nfVersion?: pulumi.Input<NfVersion>;
    /** launchDir (`LaunchDir`): the Nextflow launch directory. @default unset */
    launchDir?: pulumi.Input<string>;
}

/**
 * RunRetryArgs are the inputs of a {@link RunRetry}.
 *
 * Every field that defines *what is retried* (`runGroupId`, `runUuids`, `projectId`, `wdlOption`,
 * `nfOption`, `region`, `triggers`) replaces the resource when it changes, which calls RetryRuns
 * again. The other fields (`waitForCompletion`, `waitTimeoutSeconds`, `terminateOnDelete`) update
 * in place without any API call.
 */
export interface RunRetryArgs {
    /**
     * runGroupId is the run group to retry, e.g. `run-ashamed-bleak-doggy-247963`. Its failed
     * runs are retried (or only `runUuids`, when given). At least one of `runGroupId` and
     * `runUuids` is required. Changing it replaces the resource (a new retry).
     * @default unset
     */
    runGroupId?: pulumi.Input<string>;
    /**
     * runUuids limits the retry to these runs (UUID v4). Order and duplicates do not matter.
     * At least one of `runGroupId` and `runUuids` is required. Changing the set replaces the
     * resource.
     * @default unset (every failed run of the group)
     */
    runUuids?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * projectId is the Omics project holding the run group, e.g.
     * `prj-aggressive-lime-porcupine-752427`. Changing it replaces the resource.
     * @default unset (the region's default project)
     */
    projectId?: pulumi.Input<string>;
    /**
     * wdlOption overrides the WDL running option of the retry. Mutually exclusive with
     * `nfOption`. Changing it replaces the resource.
     * @default unset (the retried group's option)
     */
    wdlOption?: pulumi.Input<WdlOptionArgs>;
    /**
     * nfOption overrides the Nextflow option of the retry. Mutually exclusive with `wdlOption`.
     * Changing it replaces the resource.
     * @default unset (the retried group's option)
     */
    nfOption?: pulumi.Input<NfOptionArgs>;
    /**
     * region is the Tencent Cloud region of the run group. Changing it replaces the resource.
     * @default stack config `tencentcloud:region`, else `TENCENTCLOUD_REGION`; once a retry is
     * recorded, an unset region keeps the region it was made in.
     */
    region?: pulumi.Input<OmicsRegion>;
    /**
     * triggers are arbitrary values; changing any of them replaces the resource, which is the
     * deliberate way to retry the same runs again.
     * @default unset
     */
    triggers?: pulumi.Input<unknown>;
    /**
     * waitForCompletion makes `pulumi up` wait until the new run group finishes, printing
     * progress: the RunRetry then creates a {@link RunGroupWait} child (its `completion`) that
     * waits as a step of its own, after the retry is recorded, so killing or cancelling the wait
     * never endangers the retry. `newRunGroupId`, `status` and `runStatusCounts` of the RunRetry
     * object then resolve from that wait, once the group finished, so resources that use them
     * start after it. Changing it updates in place (no API call).
     * @default false
     */
    waitForCompletion?: pulumi.Input<boolean>;
    /**
     * waitTimeoutSeconds bounds the wait of `waitForCompletion` (Pulumi does not pass
     * `customTimeouts` to dynamic providers). A whole number from 1 to 604800 (7 days). When it
     * expires the retry stays recorded, `up` reports the error and the next `up` waits again.
     * Changing it updates in place (no API call).
     * @default 3600
     */
    waitTimeoutSeconds?: pulumi.Input<number>;
    /**
     * recovery decides what create does when a group appears to be the result of an earlier,
     * interrupted attempt of this very retry (a `pulumi up` killed after RetryRuns took effect but
     * before the engine recorded it). `adopt` records that group as this retry when the evidence
     * designates exactly one (and stops otherwise, listing the candidates); `retry` always calls
     * RetryRuns; `fail` stops whenever such a group exists. The decision is shown in preview as
     * `plan.recovery`. Changing it never causes a diff.
     * @default "adopt"
     */
    recovery?: pulumi.Input<RecoveryPolicy>;
    /**
     * adoptRunGroupId picks, by hand, which earlier attempt to record as this retry, when preview
     * listed several candidates. It must be one of them. Changing it never causes a diff.
     * @default unset
     */
    adoptRunGroupId?: pulumi.Input<string>;
    /**
     * terminateOnDelete makes destroying (or replacing) this resource call TerminateRunGroup on
     * the new run group when it is still running. Changing it updates in place (no API call).
     * @default false (delete only forgets: a retry cannot be undone)
     */
    terminateOnDelete?: pulumi.Input<boolean>;
}

/** RunRetryRecovery is the plan's decision about an earlier, interrupted attempt of the retry. */
export interface RunRetryRecovery {
    /** decision: `retry` calls RetryRuns; `adopt` records an earlier attempt's group instead. */
    decision: "retry" | "adopt";
    /** runGroupId is the adopted group (decision `adopt`). */
    runGroupId?: string;
    /** createTime is when the adopted group was created (Tencent's clock). */
    createTime?: string;
    /** why explains the decision. */
    why: string;
}

/** RunRetryPlanRun is one run the retry will (or did) resubmit, as seen before the retry. */
export interface RunRetryPlanRun {
    /** runUuid is the run's UUID. */
    runUuid: string;
    /** status is the run's status when the plan was made, e.g. `EXECUTOR_ERROR`. */
    status: string;
    /** userDefinedId is the run's user-defined ID (first column of a batch table), if any. */
    userDefinedId?: string;
    /** errorMessage is why the run failed (Tencent's ErrorMessage, clipped to 200 characters). */
    errorMessage?: string;
    /**
     * retriesUsed ESTIMATES how many retries the run's lineage has used: Tencent reports no count.
     * It counts the failed runs listed with the same sample ID, input and table row in groups of the
     * same application, name and type, minus the first; absent without a sample ID.
     */
    retriesUsed?: number;
}

/**
 * RunRetryPlan is what `check` found, with read-only calls, when the resource was about to be
 * created or replaced: the retried group, its status, and the runs that will be retried. It is
 * shown in preview and never itself causes a replacement.
 */
export interface RunRetryPlan {
    /** runGroupId is the group being retried. */
    runGroupId: string;
    /** projectId is the project the group belongs to. */
    projectId?: string;
    /** groupStatus is the group's status when planned, e.g. `COMPLETE_ERROR`. */
    groupStatus: string;
    /** groupName is the group's name (used to reconcile an ambiguous RetryRuns). */
    groupName?: string;
    /** applicationId is the group's application, if any. */
    applicationId?: string;
    /** type is `WDL` or `NEXTFLOW`. */
    type?: string;
    /** runs are the runs that will be retried, sorted by UUID. */
    runs: RunRetryPlanRun[];
    /** recovery says whether an earlier, interrupted attempt of this retry exists and what happens to it. */
    recovery?: RunRetryRecovery;
    /** summary is one line about the group, e.g. `2 of 4 runs failed: executor error: task exited with status 1 (2)`. */
    summary?: string;
    /** retryLimit is the limit per run lineage the counts are compared with (`tencentcloud-omics:retryLimit`, default 3). */
    retryLimit?: number;
    /** warnings say why the retry may be futile; shown in preview (also as diagnostics on the resource), not recorded. */
    warnings?: string[];
    /** limitReached explains which runs already used the retry limit (the preview fails unless an earlier attempt is adopted). */
    limitReached?: string;
}

/** RunRetryState is the whole recorded state of a RunRetry (inputs after normalization plus outputs). */
export interface RunRetryState {
    /** newRunGroupId is the run group RetryRuns created; also the resource's id. */
    newRunGroupId: string;
    /** requestId is the RequestId of the successful RetryRuns call. */
    requestId: string;
    /** retriedAt is when RetryRuns succeeded (ISO 8601, UTC). */
    retriedAt: string;
    /** status is the new group's status, kept current by `pulumi refresh`; `NOT_FOUND` if it is gone upstream. */
    status: string;
    /** runStatusCounts counts the new group's runs by status, kept current by `pulumi refresh`. */
    runStatusCounts: Record<string, number>;
    /** adopted is true when create recorded an earlier attempt's group instead of calling RetryRuns. */
    adopted: boolean;
}

/**
 * RunGroupWaitArgs are the inputs of a {@link RunGroupWait}.
 */
export interface RunGroupWaitArgs {
    /** runGroupId is the run group to wait for, e.g. a RunRetry's `newRunGroupId`. Changing it replaces the wait. */
    runGroupId: pulumi.Input<string>;
    /**
     * projectId is the group's project. Changing it replaces the wait.
     * @default unset (the region's default project)
     */
    projectId?: pulumi.Input<string>;
    /**
     * region is the group's region. Changing it replaces the wait.
     * @default stack config `tencentcloud:region`, else `TENCENTCLOUD_REGION`
     */
    region?: pulumi.Input<OmicsRegion>;
    /**
     * timeoutSeconds bounds the wait: a whole number from 1 to 604800 (7 days). When it expires,
     * `up` fails, nothing is recorded, and the next `up` waits again. Changing it updates in place.
     * @default 3600
     */
    timeoutSeconds?: pulumi.Input<number>;
    /**
     * enabled: when false, create reads the group's status once instead of waiting (lets a program
     * switch waiting on and off without replacing anything). Changing it updates in place; turning
     * it on while the recorded group still runs makes that update wait.
     * @default true
     */
    enabled?: pulumi.Input<boolean>;
}

/** RunRetryIntentArgs are the inputs of a {@link RunRetryIntent}: what its RunRetry retries. */
export type RunRetryIntentArgs = Pick<RunRetryArgs, "runGroupId" | "runUuids" | "projectId" | "wdlOption" | "nfOption" | "region" | "triggers">;

/** RunRetryIntentLookalike are the traits a retry's group shares with its source. */
export interface RunRetryIntentLookalike {
    /** applicationId is the source group's application. */
    applicationId?: string;
    /** name is the source group's name. */
    name?: string;
    /** type is `WDL` or `NEXTFLOW`. */
    type?: string;
}

/**
 * RunRetryIntentRecord is what a RunRetryIntent recorded before the first attempt of its retry:
 * the source lineage as it was, judged on Tencent's clock.
 */
export interface RunRetryIntentRecord {
    /** intentId identifies the record (also the resource's id). */
    intentId: string;
    /** recordedAt is when it was recorded (this machine's clock; informative). */
    recordedAt: string;
    /** region is the region of the retried group. */
    region: string;
    /** projectId is the project of the retried group. */
    projectId?: string;
    /** sourceRunGroupId is the retried group; absent when it could not be found. */
    sourceRunGroupId?: string;
    /** lookalike are the source's traits, shared by its retries (and by look-alike submissions). */
    lookalike?: RunRetryIntentLookalike;
    /** seenUntil is the newest creation time among those groups. */
    seenUntil?: string;
    /** seenRecent are the groups created shortly before seenUntil. */
    seenRecent: string[];
}
