// RunRetry from TypeScript through the tencentcloud-omics provider plugin: the generated Node SDK
// (sdks/nodejs, package @pulumi-tencentcloud-omics/plugin-sdk), not the dynamic RunRetry of
// `pulumi-tencentcloud-omics`. The test compiles the SDK and copies it into this program's
// node_modules (test/e2e/support/nodeSdk.ts), as `npm install` of the packed SDK would.
// Config: runGroupId (required); optional region, waitTimeoutSeconds, waitForCompletion.
import * as pulumi from "@pulumi/pulumi";
import * as omics from "@pulumi-tencentcloud-omics/plugin-sdk";

const config = new pulumi.Config();

const retry = new omics.RunRetry("retry", {
    runGroupId: config.require("runGroupId"),
    region: config.get("region"),
    waitTimeoutSeconds: config.getNumber("waitTimeoutSeconds"),
    waitForCompletion: config.getBoolean("waitForCompletion") ?? false,
});

export const newRunGroupId = retry.newRunGroupId;
export const status = retry.status;
