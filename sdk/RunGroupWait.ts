import * as pulumi from "@pulumi/pulumi";
import { providerText, typeToken } from "./providerShim";
import type { RunGroupWaitArgs } from "./types";

/** The type token of {@link RunGroupWait}. */
export const RUN_GROUP_WAIT_TYPE = typeToken("RunGroupWait");

/**
 * RunGroupWait waits for a run group to finish, as a step of its own: `pulumi up` polls the group
 * (printing a line when its status or counts change) until it is `COMPLETE`, `COMPLETE_ERROR` or
 * `TERMINATED`, and records that. It returns at once when the group already finished. Killed or
 * cancelled, it records nothing and the next `up` simply waits again; a cancelled `up` stops it
 * promptly. Refresh re-reads the status; destroy only forgets.
 *
 * A {@link RunRetry} with `waitForCompletion: true` creates one as its child; it can be used on
 * its own for any run group, e.g. to make resources start after a group finished.
 *
 * @example
 * ```ts
 * const done = new RunGroupWait("nightly-finished", { runGroupId: "run-ashamed-bleak-doggy-247963", timeoutSeconds: 6 * 3600 });
 * export const finalStatus = done.status;
 * ```
 */
export class RunGroupWait extends pulumi.CustomResource {
    /** runGroupId is the group waited for (also the resource's id). */
    declare public readonly runGroupId: pulumi.Output<string>;
    /** projectId is the group's project, as given. */
    declare public readonly projectId: pulumi.Output<string | undefined>;
    /** region is the group's region. */
    declare public readonly region: pulumi.Output<string>;
    /** status is the group's final status (or, with `enabled: false`, the status read). */
    declare public readonly status: pulumi.Output<string>;
    /** runStatusCounts counts the group's runs by status. */
    declare public readonly runStatusCounts: pulumi.Output<Record<string, number>>;
    /** endTime is when the group finished (Tencent's ExecutionTime.EndTime), when known. */
    declare public readonly endTime: pulumi.Output<string | undefined>;
    /** timeoutSeconds bounds the wait. */
    declare public readonly timeoutSeconds: pulumi.Output<number>;
    /** enabled is whether create waits. */
    declare public readonly enabled: pulumi.Output<boolean>;

    constructor(name: string, args: RunGroupWaitArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            RUN_GROUP_WAIT_TYPE,
            name,
            {
                projectId: undefined,
                region: undefined,
                timeoutSeconds: undefined,
                enabled: undefined,
                ...args,
                __resourceName: name,
                __provider: providerText("RunGroupWait"),
                status: undefined,
                runStatusCounts: undefined,
                endTime: undefined,
            },
            opts,
        );
    }
}
