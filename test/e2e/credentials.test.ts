// Credential parity through the real engine: a tccli profile alone, and a role assumed through
// STS alone, each carry `pulumi up` to exactly one RetryRuns; no credential reaches the state.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEMO_CREDENTIALS } from "../../emulator";
import { createStack } from "./support/engine";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls, only } from "./support/requests";

const ROLE = "qcs::cam::uin/100000000001:roleName/omics-deployer";
const READ_ONLY = { secretId: "AKIDREADONLYBASE000000000000000000", secretKey: "read-only-base-secret-key-000000", readOnly: true };

describe("e2e: credentials from a shared profile or an assumed role", function () {
    this.timeout(300_000);
    const fx = useEngineFixture({ clock: "immediate", credentials: [DEMO_CREDENTIALS, READ_ONLY] });

    it("a tccli profile alone (stack config names it; no keys anywhere else) carries up to exactly one RetryRuns", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const dir = path.join(fx.backend.dir, "tccli");
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, "pipeline.credential"), JSON.stringify({ secretId: DEMO_CREDENTIALS.secretId, secretKey: DEMO_CREDENTIALS.secretKey }));
        fs.writeFileSync(path.join(dir, "pipeline.configure"), JSON.stringify({ _sys_param: { region: "ap-guangzhou" } }));
        const stack = await createStack(fx.backend, "retries", "profile", {
            "tencentcloud-omics:endpoint": { value: fx.url },
            "tencentcloud:profile": { value: "pipeline" },
            "tencentcloud:sharedCredentialsDir": { value: dir },
            ...retriesConfig({ main: { runGroupId: seeded.RunGroupId } }),
        });
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        const sent = only(calls, "RetryRuns");
        assert.equal(sent.length, 1);
        assert.equal(sent[0]!.outcome, "success");
        assert.equal((sent[0] as unknown as { secretId: string }).secretId, DEMO_CREDENTIALS.secretId);
        const state = JSON.stringify(await stack.exportStack());
        assert.ok(!state.includes(DEMO_CREDENTIALS.secretKey), "no key in state");
        await stack.destroy();
    });

    it("an assumed role alone (read-only base keys in the environment, the role in stack config) carries up to exactly one RetryRuns", async () => {
        await fx.control.addRole({ roleArn: ROLE, externalId: "pipeline-7" });
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await createStack(
            fx.backend,
            "retries",
            "role",
            {
                "tencentcloud:region": { value: "ap-guangzhou" },
                "tencentcloud-omics:endpoint": { value: fx.url },
                ...retriesConfig({ main: { runGroupId: seeded.RunGroupId } }),
            },
            { TENCENTCLOUD_SECRET_ID: READ_ONLY.secretId, TENCENTCLOUD_SECRET_KEY: READ_ONLY.secretKey },
        );
        // As users set an object in stack config: pulumi config set --path tencentcloud:assumeRole.roleArn ...
        await stack.setConfig("tencentcloud:assumeRole.roleArn", { value: ROLE }, true);
        await stack.setConfig("tencentcloud:assumeRole.sessionName", { value: "omics-ci" }, true);
        await stack.setConfig("tencentcloud:assumeRole.externalId", { value: "pipeline-7" }, true);
        const { result, calls } = await countingCalls(fx.control, () => stack.up());
        assert.equal(result.summary.result, "succeeded");
        const sent = only(calls, "RetryRuns");
        assert.equal(sent.length, 1);
        assert.equal(sent[0]!.outcome, "success");
        assert.deepEqual((sent[0] as unknown as { assumedRole: unknown }).assumedRole, { roleArn: ROLE, sessionName: "omics-ci" });
        assert.ok(only(calls, "AssumeRole").length >= 1);
        const state = JSON.stringify(await stack.exportStack());
        assert.ok(!state.includes(READ_ONLY.secretKey), "no key in state");
        await stack.destroy();
    });
});
