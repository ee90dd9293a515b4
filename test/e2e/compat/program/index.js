// A user's program, in JavaScript so the project needs no TypeScript toolchain: one RunRetry, as
// in the quickstart. The test fills in package.json's dependencies for each matrix cell.
"use strict";
const pulumi = require("@pulumi/pulumi");
const omics = require("pulumi-tencentcloud-omics");

const config = new pulumi.Config();
const retry = new omics.RunRetry("compat-retry", {
    runGroupId: config.require("runGroupId"),
    triggers: { attempt: "1" },
    waitForCompletion: true,
});

exports.newRunGroupId = retry.newRunGroupId;
exports.status = retry.status;
// Which Node and which @pulumi/pulumi really ran this program: the cell's, or the test proves it wrong.
exports.nodeVersion = process.version;
exports.pulumiSdkVersion = require("@pulumi/pulumi/package.json").version;
exports.omicsResolvedFrom = require.resolve("pulumi-tencentcloud-omics");
