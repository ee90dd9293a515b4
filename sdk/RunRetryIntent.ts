import * as pulumi from "@pulumi/pulumi";
import { providerText, typeToken } from "./providerShim";
import type { RunRetryIntentArgs, RunRetryIntentRecord } from "./types";

/** The type token of {@link RunRetryIntent}. */
export const RUN_RETRY_INTENT_TYPE = typeToken("RunRetryIntent");

/**
 * RunRetryIntent records, before the first attempt of a {@link RunRetry}, what the retried group's
 * lineage looks like (read-only calls). Every RunRetry creates one, under the same name, and the
 * engine records it before the RunRetry's create starts; after a crash, the RunRetry's next create
 * compares against it to tell its own earlier attempt from someone else's look-alike group. It is
 * replaced together with its RunRetry (the same inputs); refresh and destroy make no call. You do
 * not create one yourself.
 */
export class RunRetryIntent extends pulumi.CustomResource {
    /** record is the recorded state of the source lineage. */
    declare public readonly record: pulumi.Output<RunRetryIntentRecord>;

    /**
     * @param name The name of the RunRetry this intent belongs to.
     * @param args What the RunRetry retries.
     * @param opts Resource options (the RunRetry passes its parent, dependsOn, protect and retainOnDelete).
     */
    constructor(name: string, args: RunRetryIntentArgs, opts?: pulumi.CustomResourceOptions) {
        super(RUN_RETRY_INTENT_TYPE, name, { ...args, __resourceName: name, __provider: providerText("RunRetryIntent"), record: undefined }, opts);
    }
}
