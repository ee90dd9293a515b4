import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "./providerShim";
import type {
    NfOptionArgs,
    OmicsRegion,
    RunRetryArgs,
    RunRetryPlan,
    WdlOptionArgs,
} from "./types";

export type {
    NfOptionArgs,
    NfVersion,
    OmicsRegion,
    RunRetryArgs,
    RunRetryPlan,
    RunRetryPlanRun,
    RunRetryState,
    WdlFailureMode,
    WdlOptionArgs,
} from "./types";

/** WdlOption is a WDL running option as recorded in state (plain values; unset fields absent). */
export type WdlOption = pulumi.Unwrap<WdlOptionArgs>;

/** NfOption is a Nextflow option as recorded in state (plain values; unset fields absent). */
export type NfOption = pulumi.Unwrap<NfOptionArgs>;

/** The type token of {@link RunRetry}. */
export const RUN_RETRY_TYPE = "pulumi-nodejs:dynamic/omics:RunRetry";

/**
 * RunRetry declares one RetryRuns call on Tencent Cloud Omics.
 *
 * `pulumi preview` checks the inputs offline, then (only when the resource is about to be created
 * or replaced) confirms with read-only calls that the group and runs exist and can be retried,
 * showing the concrete `plan`. `pulumi up` calls RetryRuns exactly once and records the new run
 * group as the resource's id; later `up`s make no API call until an input that defines the retry
 * changes (which replaces the resource: a new retry). Destroying only forgets the retry, unless
 * `terminateOnDelete` is set.
 *
 * Credentials and region come from stack config (`tencentcloud:secretId`, `tencentcloud:secretKey`,
 * `tencentcloud:securityToken`, `tencentcloud:region`), the environment
 * (`TENCENTCLOUD_SECRET_ID`, ...) or the Tencent Cloud SDK's credential chain; they never reach
 * state. The whole behaviour is described in `sdk/RunRetry.md`.
 *
 * @example
 * ```ts
 * const retry = new RunRetry("retry-failed-samples", {
 *     runGroupId: "run-ashamed-bleak-doggy-247963",
 *     runUuids: ["7b501b32-4e42-456a-9d54-aa3c9791beb0"],
 * });
 * export const newRunGroupId = retry.newRunGroupId;
 * ```
 */
export class RunRetry extends pulumi.dynamic.Resource {
    // Output properties are `declare`d: a class field (ES2022 define semantics) would overwrite the
    // Outputs that CustomResource assigns in the constructor with undefined.
    /** newRunGroupId is the run group RetryRuns created (also the resource's id). */
    declare public readonly newRunGroupId: pulumi.Output<string>;
    /** requestId is the RequestId of the RetryRuns call that created the group. */
    declare public readonly requestId: pulumi.Output<string>;
    /** retriedAt is when RetryRuns succeeded (ISO 8601, UTC). */
    declare public readonly retriedAt: pulumi.Output<string>;
    /** status is the new group's status; refreshed by `pulumi refresh`, `NOT_FOUND` if deleted upstream. */
    declare public readonly status: pulumi.Output<string>;
    /** runStatusCounts counts the new group's runs by status; refreshed by `pulumi refresh`. */
    declare public readonly runStatusCounts: pulumi.Output<Record<string, number>>;
    /** plan is what was found before the retry: the group, its status, the runs to retry. */
    declare public readonly plan: pulumi.Output<RunRetryPlan | undefined>;
    /** runGroupId is the retried group, as given. */
    declare public readonly runGroupId: pulumi.Output<string | undefined>;
    /** runUuids are the retried runs, sorted and deduplicated. */
    declare public readonly runUuids: pulumi.Output<string[] | undefined>;
    /** projectId is the project, as given. */
    declare public readonly projectId: pulumi.Output<string | undefined>;
    /** wdlOption is the WDL option sent, if any. */
    declare public readonly wdlOption: pulumi.Output<WdlOption | undefined>;
    /** nfOption is the Nextflow option sent, if any. */
    declare public readonly nfOption: pulumi.Output<NfOption | undefined>;
    /** region is the region the retry was made in. */
    declare public readonly region: pulumi.Output<OmicsRegion>;
    /** triggers are the values that, when changed, cause a new retry. */
    declare public readonly triggers: pulumi.Output<unknown>;
    /** waitForCompletion is whether `up` waited for the new group to finish. */
    declare public readonly waitForCompletion: pulumi.Output<boolean>;
    /** waitTimeoutSeconds bounds that wait. */
    declare public readonly waitTimeoutSeconds: pulumi.Output<number>;
    /** terminateOnDelete is whether destroy terminates a still-running new group. */
    declare public readonly terminateOnDelete: pulumi.Output<boolean>;

    /**
     * Creates a RunRetry.
     *
     * @param name The unique name of the resource.
     * @param args What to retry and how; see {@link RunRetryArgs}.
     * @param opts Resource options. `customTimeouts` has no effect (use `waitTimeoutSeconds`).
     */
    constructor(name: string, args: RunRetryArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            providerShim,
            name,
            {
                // Every input is also an output; list them so unset ones still get an Output.
                runGroupId: undefined,
                runUuids: undefined,
                projectId: undefined,
                wdlOption: undefined,
                nfOption: undefined,
                region: undefined,
                triggers: undefined,
                waitForCompletion: undefined,
                waitTimeoutSeconds: undefined,
                terminateOnDelete: undefined,
                ...args,
                // Shown in progress lines and error messages; dynamic providers are not told the URN.
                __resourceName: name,
                newRunGroupId: undefined,
                requestId: undefined,
                retriedAt: undefined,
                status: undefined,
                runStatusCounts: undefined,
                plan: undefined,
            },
            opts,
            "omics",
            "RunRetry",
        );
    }
}
