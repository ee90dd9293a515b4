// Retry chain: retry the failed runs of a group, wait until the new group finished, then retry
// what failed in it once more, all in one `pulumi up`. The second RunRetry reads the first's
// `newRunGroupId`, which (with `waitForCompletion`) resolves only once the first new group
// finished, so the second retry is planned and sent after that wait, never while the group runs.
//
//   pulumi config set runGroupId run-ashamed-bleak-doggy-247963
//   pulumi preview --diff   # the first retry's plan; the second's group is known only during up
//   pulumi up               # RetryRuns, wait, RetryRuns on the first's new group, wait
//
// When the first retry succeeds completely there is nothing left to retry: `up` then fails at
// `retry-again` ("every run succeeded, so there is nothing to retry",
// FailedOperation.StatusNotSupported) and the first retry stays recorded. Remove `retry-again`
// from the program then.
//
// Each retry counts against the runs' retry limit (`tencentcloud-omics:retryLimit`, default 3):
// a retry whose lineage reached it fails its check (in preview, or during `up` for the second
// retry) before any RetryRuns.
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();
// How long each wait may take before `up` gives up (the retry itself stays recorded).
const waitTimeoutSeconds = config.getNumber("waitTimeoutSeconds") ?? 6 * 3600;

const first = new omics.RunRetry("retry", {
    runGroupId: config.require("runGroupId"),
    waitForCompletion: true,
    waitTimeoutSeconds,
});

const again = new omics.RunRetry("retry-again", {
    // Resolves after first's wait: this retry is planned against the finished group.
    runGroupId: first.newRunGroupId,
    waitForCompletion: true,
    waitTimeoutSeconds,
});

export const firstRunGroupId = first.newRunGroupId;
export const firstStatus = first.status;
export const firstRunStatusCounts = first.runStatusCounts;
export const secondRunGroupId = again.newRunGroupId;
export const secondStatus = again.status;
export const secondRunStatusCounts = again.runStatusCounts;
