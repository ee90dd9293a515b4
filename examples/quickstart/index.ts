// Quickstart: retry the failed runs of one run group, once, and wait for the new group to finish.
//
//   pulumi config set runGroupId run-ashamed-bleak-doggy-247963
//   pulumi config set tencentcloud:region ap-guangzhou
//   pulumi config set --plaintext tencentcloud:secretId AKID...   # the CLI asks for --plaintext: it looks like a key
//   pulumi config set --secret tencentcloud:secretKey ...
//   pulumi preview --diff      # shows which runs would be retried, and their current status
//   pulumi up                  # calls RetryRuns exactly once; later `up`s make no call
//
// To retry again on purpose, change `triggers` (e.g. bump "attempt").
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();

const retry = new omics.RunRetry("retry-failed-samples", {
    runGroupId: config.require("runGroupId"),
    // Only these runs of the group; leave out to retry every failed run.
    runUuids: config.getObject<string[]>("runUuids"),
    triggers: { attempt: config.get("attempt") ?? "1" },
    waitForCompletion: true,
});

export const newRunGroupId = retry.newRunGroupId;
export const status = retry.status;
export const runStatusCounts = retry.runStatusCounts;
