/**
 * pulumi-tencentcloud-omics: Tencent Cloud Omics' RetryRuns as a declarative Pulumi resource.
 *
 * - {@link RunRetry}: retry the failed runs of a run group (or chosen runs), exactly once.
 * - {@link RunGroupWait}: wait for a run group to finish, as a step of its own.
 * - {@link RunRetryIntent}: the record each RunRetry makes before its first attempt (created for you).
 */
export { RunRetry, RUN_RETRY_TYPE, type NfOption, type WdlOption } from "./RunRetry";
export { RunGroupWait, RUN_GROUP_WAIT_TYPE } from "./RunGroupWait";
export { RunRetryIntent, RUN_RETRY_INTENT_TYPE } from "./RunRetryIntent";

export type {
    NfOptionArgs,
    NfVersion,
    OmicsRegion,
    RecoveryPolicy,
    RunGroupWaitArgs,
    RunRetryArgs,
    RunRetryIntentArgs,
    RunRetryIntentLookalike,
    RunRetryIntentRecord,
    RunRetryPlan,
    RunRetryPlanRun,
    RunRetryRecovery,
    RunRetryState,
    WdlFailureMode,
    WdlOptionArgs,
} from "./types";
