import * as pulumi from "@pulumi/pulumi";
import { overlapWarning } from "./overlap";
import { providerText, typeToken } from "./providerShim";
import { RunGroupWait } from "./RunGroupWait";
import { RunRetryIntent } from "./RunRetryIntent";
import type { NfOptionArgs, OmicsRegion, RecoveryPolicy, RunRetryArgs, RunRetryIntentRecord, RunRetryPlan, WdlOptionArgs } from "./types";

/** WdlOption is a WDL running option as recorded in state (plain values; unset fields absent). */
export type WdlOption = pulumi.Unwrap<WdlOptionArgs>;

/** NfOption is a Nextflow option as recorded in state (plain values; unset fields absent). */
export type NfOption = pulumi.Unwrap<NfOptionArgs>;

/** The type token of {@link RunRetry}. */
export const RUN_RETRY_TYPE = typeToken("RunRetry");

/**
 * The options a RunRetry passes on to its intent (a sibling: same parent, same ordering and
 * protection), and its `replacementTrigger`: a replacement that trigger forces is a new retry, so
 * the intent is replaced with it and records afresh. (The engine gives such a create no old state:
 * with the old intent, the create could not tell the replaced resource's own group from an
 * interrupted attempt's, and would record that group again, as a targeted `--replace` does.)
 */
function intentOptions(opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
    if (!opts) return {};
    // replacementTrigger is newer than the oldest @pulumi/pulumi this package supports.
    type WithTrigger = pulumi.CustomResourceOptions & { replacementTrigger?: unknown };
    const given = opts as WithTrigger;
    const out: WithTrigger = {};
    if (given.parent !== undefined) out.parent = given.parent;
    if (given.dependsOn !== undefined) out.dependsOn = given.dependsOn;
    if (given.protect !== undefined) out.protect = given.protect;
    if (given.retainOnDelete !== undefined) out.retainOnDelete = given.retainOnDelete;
    if (given.replacementTrigger !== undefined) out.replacementTrigger = given.replacementTrigger;
    return out;
}

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
 * Exactly once holds even when `pulumi up` is killed at any moment: each RunRetry first creates a
 * {@link RunRetryIntent} (same name) that records the source lineage before the first attempt, and
 * a later create that finds its own earlier attempt's group adopts it instead of retrying again
 * (`recovery`, `adoptRunGroupId`; the decision is shown in preview as `plan.recovery`). With
 * `waitForCompletion`, a {@link RunGroupWait} child waits for the new group as a separate step.
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
export class RunRetry extends pulumi.CustomResource {
    // Output properties are `declare`d: a class field (ES2022 define semantics) would overwrite the
    // Outputs that CustomResource assigns in the constructor with undefined.
    /**
     * newRunGroupId is the run group RetryRuns created (also the resource's id). With
     * `waitForCompletion`, it resolves once that group finished.
     */
    declare public readonly newRunGroupId: pulumi.Output<string>;
    /** requestId is the RequestId of the RetryRuns call that created the group. */
    declare public readonly requestId: pulumi.Output<string>;
    /** retriedAt is when RetryRuns succeeded (ISO 8601). */
    declare public readonly retriedAt: pulumi.Output<string>;
    /**
     * status is the new group's status: `SUBMITTED` when recorded, refreshed by `pulumi refresh`
     * (`NOT_FOUND` if deleted upstream). With `waitForCompletion`, the final status the wait saw.
     */
    declare public readonly status: pulumi.Output<string>;
    /** runStatusCounts counts the new group's runs by status (see `status` for when it is current). */
    declare public readonly runStatusCounts: pulumi.Output<Record<string, number>>;
    /** plan is what was found before the retry: the group, its status, the runs to retry, and the recovery decision. */
    declare public readonly plan: pulumi.Output<RunRetryPlan | undefined>;
    /** adopted is true when an earlier, interrupted attempt's group was recorded instead of calling RetryRuns. */
    declare public readonly adopted: pulumi.Output<boolean>;
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
    /** waitForCompletion is whether `up` waits for the new group to finish. */
    declare public readonly waitForCompletion: pulumi.Output<boolean>;
    /** waitTimeoutSeconds bounds that wait. */
    declare public readonly waitTimeoutSeconds: pulumi.Output<number>;
    /** terminateOnDelete is whether destroy terminates a still-running new group. */
    declare public readonly terminateOnDelete: pulumi.Output<boolean>;
    /** recovery is the policy for an earlier, interrupted attempt. */
    declare public readonly recovery: pulumi.Output<RecoveryPolicy>;

    /** intent is the companion that recorded the source lineage before the first attempt. */
    public readonly intent: RunRetryIntent;
    /** completion is the RunGroupWait created for `waitForCompletion` (undefined without it). */
    public readonly completion: RunGroupWait | undefined;

    /**
     * Creates a RunRetry (and its RunRetryIntent; with `waitForCompletion`, its RunGroupWait).
     *
     * @param name The unique name of the resource.
     * @param args What to retry and how; see {@link RunRetryArgs}.
     * @param opts Resource options. `customTimeouts` has no effect (use `waitTimeoutSeconds`);
     *   `replacementTrigger` retries again when it changes; `replaceOnChanges` has no effect on
     *   dynamic resources (change `triggers` to retry again).
     */
    constructor(name: string, args: RunRetryArgs, opts?: pulumi.CustomResourceOptions) {
        const intent = new RunRetryIntent(
            name,
            {
                runGroupId: args.runGroupId,
                runUuids: args.runUuids,
                projectId: args.projectId,
                wdlOption: args.wdlOption,
                nfOption: args.nfOption,
                region: args.region,
                triggers: args.triggers,
            },
            intentOptions(opts),
        );
        super(
            RUN_RETRY_TYPE,
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
                recovery: undefined,
                adoptRunGroupId: undefined,
                ...args,
                intent: intent.record as pulumi.Output<RunRetryIntentRecord>,
                // Shown in progress lines and error messages; dynamic providers are not told the URN.
                __resourceName: name,
                __provider: providerText("RunRetry"),
                newRunGroupId: undefined,
                requestId: undefined,
                retriedAt: undefined,
                status: undefined,
                runStatusCounts: undefined,
                plan: undefined,
                adopted: undefined,
            },
            opts,
        );
        this.intent = intent;
        // The plan's warnings (a likely futile retry, the lineage's last retry) as diagnostics on
        // this resource, in preview, where a reviewer decides. Recorded plans carry none.
        // Also, in preview, another RunRetry of this program that retries some of the same runs.
        if (pulumi.runtime.isDryRun()) {
            this.plan.apply((p) => {
                for (const w of p?.warnings ?? []) void pulumi.log.warn(`${name}: ${w}`, this);
                // The plan is the engine's unknown marker (a string) while its inputs are unknown.
                if (typeof p !== "object" || p === null || !Array.isArray(p.runs)) return;
                const overlap = overlapWarning(
                    name,
                    p.runGroupId,
                    p.runs.map((r) => r.runUuid),
                );
                if (overlap) void pulumi.log.warn(`${name}: ${overlap}`, this);
            });
        }
        const wanted = args.waitForCompletion;
        if (wanted === undefined || wanted === false) {
            this.completion = undefined;
            return;
        }
        const recorded = this.newRunGroupId;
        const wait = new RunGroupWait(
            name,
            {
                runGroupId: recorded,
                projectId: args.projectId,
                region: this.region,
                ...(args.waitTimeoutSeconds !== undefined ? { timeoutSeconds: args.waitTimeoutSeconds } : {}),
                // A computed waitForCompletion decides at deployment time.
                ...(wanted === true ? {} : { enabled: wanted }),
            },
            { parent: this },
        );
        this.completion = wait;
        // Consumers of these outputs start once the group finished, as when create itself waited.
        const self = this as unknown as Record<string, unknown>;
        self.newRunGroupId = wait.runGroupId;
        self.status = wait.status;
        self.runStatusCounts = wait.runStatusCounts;
    }
}
