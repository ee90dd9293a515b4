// Stack reference, producer side: this stack retries a run group and exports the new group, so
// another stack (../consumer) can build on it without knowing how or when the retry was made.
//
//   cd producer
//   pulumi stack init prod
//   pulumi config set runGroupId run-ashamed-bleak-doggy-247963
//   pulumi up                  # one RetryRuns; exports newRunGroupId
//
// This stack does not wait for the new group: the consumer decides what to wait for.
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();

const retry = new omics.RunRetry("nightly-retry", {
    runGroupId: config.require("runGroupId"),
    // Bump to retry the same group again on purpose (a new RetryRuns; the consumer follows).
    triggers: { attempt: config.get("attempt") ?? "1" },
});

// What other stacks read through a StackReference.
export const newRunGroupId = retry.newRunGroupId;
export const retriedRunGroupId = retry.runGroupId;
export const region = retry.region;
