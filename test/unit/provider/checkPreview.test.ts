import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { runRetryProvider } from "../../../provider";
import { UNKNOWN } from "../../../provider/runRetry/inputs";
import { retryPolicy } from "../../../provider/omics/retry";

const GROUP = "run-ashamed-bleak-doggy-247963";

/** Any API call would fail: the endpoint is a closed loopback port. */
async function configureUnreachable(): Promise<void> {
    const values: Record<string, string> = {
        "tencentcloud:region": "ap-guangzhou",
        "tencentcloud:secretId": "AKIDUNITTEST000000000000000000000000",
        "tencentcloud:secretKey": "unit-test-secret-key",
        "tencentcloud-omics:endpoint": "http://127.0.0.1:1",
    };
    await runRetryProvider.configure({ config: { get: (k) => values[k], require: (k) => values[k]! } });
}

describe("check without API calls", () => {
    const savedBudget = retryPolicy.unreachableBudgetMs;
    before(async () => {
        retryPolicy.unreachableBudgetMs = 300;
        await configureUnreachable();
    });
    after(async () => {
        retryPolicy.unreachableBudgetMs = savedBudget;
        await runRetryProvider.configure({ config: { get: () => undefined, require: () => "" } });
    });

    it("uses the same marker as pulumi.runtime.unknownValue", () => {
        assert.equal(UNKNOWN, pulumi.runtime.unknownValue);
    });

    it("preview with an unknown runGroupId (from another resource) skips planning and marks the plan unknown", async () => {
        const r = await runRetryProvider.check({}, { runGroupId: UNKNOWN, __provider: "p" });
        assert.deepEqual(r.failures, []);
        assert.equal(r.inputs.plan, UNKNOWN);
        assert.equal(r.inputs.region, "ap-guangzhou", "region defaults from provider config");
    });

    it("offline failures come before any call (the unreachable endpoint is never tried)", async () => {
        const r = await runRetryProvider.check({}, { runGroupId: "bad", __provider: "p" });
        assert.equal(r.failures.length, 1);
        assert.equal(r.failures[0]!.property, "runGroupId");
        assert.doesNotMatch(r.failures[0]!.reason, /ECONNREFUSED/);
    });

    it("a recorded resource with unchanged inputs carries its plan and keeps its region, calling nothing", async () => {
        const plan = { runGroupId: GROUP, groupStatus: "COMPLETE_ERROR", runs: [] };
        const olds = { runGroupId: GROUP, region: "ap-shanghai", waitForCompletion: false, waitTimeoutSeconds: 3600, terminateOnDelete: false, plan };
        const r = await runRetryProvider.check(olds, { runGroupId: GROUP, waitForCompletion: true, __provider: "p" });
        assert.deepEqual(r.failures, []);
        assert.deepEqual(r.inputs.plan, plan);
        assert.equal(r.inputs.region, "ap-shanghai", "an unset region keeps the recorded one, not the provider default");
    });

    it("a create that needs planning reports an unreachable endpoint as a failure with advice", async () => {
        const r = await runRetryProvider.check({}, { runGroupId: GROUP, __resourceName: "n", __provider: "p" });
        assert.equal(r.failures.length, 1);
        assert.match(
            r.failures[0]!.reason,
            /RunRetry "n": planning the retry \(read-only\): Describe\w+ failed: .*ECONNREFUSED.*Next: the endpoint could not be reached/,
        );
    });
});
