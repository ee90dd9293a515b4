// A retry of a retry: the second resource retries the run group the first one created.
import * as pulumi from "@pulumi/pulumi";
import * as omics from "pulumi-tencentcloud-omics";

const config = new pulumi.Config();

const first = new omics.RunRetry("first", {
    runGroupId: config.require("runGroupId"),
    triggers: { attempt: config.get("attempt") ?? "1" },
    waitForCompletion: true,
});
const second = new omics.RunRetry("second", {
    runGroupId: first.newRunGroupId,
    waitForCompletion: true,
});

export const firstRunGroupId = first.newRunGroupId;
export const secondRunGroupId = second.newRunGroupId;
