// Credential parity with pulumi-tencentcloud, provider ↔ emulator over HTTP: a tccli profile alone,
// and a role assumed through STS alone, each carry a retry; temporary keys never leak.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { PROVIDER_TEXT, fakeConfig, rejection, runRetryProvider, startEnv, type Bag, type Env } from "./helpers";

const ROLE = "qcs::cam::uin/100000000001:roleName/omics-deployer";
const READ_ONLY = { secretId: "AKIDREADONLYBASE000000000000000000", secretKey: "read-only-base-secret-key-000000", readOnly: true };

/** Configures the provider as a stack would: read-only base keys, and ROLE to assume with `role`'s settings. */
async function configureWithRole(env: Env, role: { sessionDuration?: number; externalId: string }): Promise<void> {
    await runRetryProvider.configure({
        config: fakeConfig({
            "tencentcloud:region": "ap-guangzhou",
            "tencentcloud:secretId": READ_ONLY.secretId,
            "tencentcloud:secretKey": READ_ONLY.secretKey,
            "tencentcloud:assumeRole": JSON.stringify({ roleArn: ROLE, sessionName: "omics-ci", ...role }),
            "tencentcloud-omics:endpoint": env.emu.url,
        }),
    });
}

describe("RunRetry provider ↔ emulator: shared profile and assumed role", function () {
    this.timeout(30_000);
    let env: Env;
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-cred-"));
    });
    afterEach(async () => {
        fs.rmSync(dir, { recursive: true, force: true });
        await env?.stop();
    });

    async function retry(news: Bag): Promise<{ id: string; outs: Bag }> {
        const c = await runRetryProvider.check({}, { ...news, __provider: PROVIDER_TEXT });
        assert.deepEqual(c.failures, []);
        return runRetryProvider.create({ ...c.inputs, __provider: PROVIDER_TEXT });
    }

    it("a tccli profile alone (no keys in config or environment) carries a retry, with the profile's region", async () => {
        env = await startEnv();
        fs.writeFileSync(path.join(dir, "ci.credential"), JSON.stringify({ secretId: DEMO_CREDENTIALS.secretId, secretKey: DEMO_CREDENTIALS.secretKey }));
        fs.writeFileSync(path.join(dir, "ci.configure"), JSON.stringify({ _sys_param: { region: "ap-guangzhou" } }));
        await runRetryProvider.configure({
            config: fakeConfig({ "tencentcloud:profile": "ci", "tencentcloud:sharedCredentialsDir": dir, "tencentcloud-omics:endpoint": env.emu.url }),
        });
        const seed = await env.ctl.seedFailedRunGroup({});
        await env.ctl.clearRequests();
        const made = await retry({ runGroupId: seed.RunGroupId });
        const sent = await env.ctl.requests("RetryRuns");
        assert.equal(sent.length, 1);
        assert.equal(sent[0]!.secretId, DEMO_CREDENTIALS.secretId);
        assert.equal(made.outs.region, "ap-guangzhou", "the region came from the profile");
    });

    it("an assumed role alone carries a retry: read-only base keys assume a role whose temporary keys may retry", async () => {
        env = await startEnv({ credentials: [DEMO_CREDENTIALS, READ_ONLY], roles: [{ roleArn: ROLE, externalId: "pipeline-7" }] });
        await configureWithRole(env, { sessionDuration: 3600, externalId: "pipeline-7" });
        const seed = await env.ctl.seedFailedRunGroup({});
        await env.ctl.clearRequests();
        const made = await retry({ runGroupId: seed.RunGroupId, __resourceName: "role" });
        const assume = await env.ctl.requests("AssumeRole");
        assert.equal(assume.length, 1, "one AssumeRole for the whole process (the SDK caches the temporary keys)");
        assert.equal(assume[0]!.secretId, READ_ONLY.secretId);
        assert.deepEqual((assume[0]!.params as Bag).DurationSeconds, 3600);
        const sent = await env.ctl.requests("RetryRuns");
        assert.equal(sent.length, 1);
        assert.equal(sent[0]!.outcome, "success");
        assert.deepEqual(sent[0]!.assumedRole, { roleArn: ROLE, sessionName: "omics-ci" });
        assert.notEqual(sent[0]!.secretId, READ_ONLY.secretId, "signed with the temporary key");
        const everything = JSON.stringify({ outs: made.outs, logs: env.logs, requests: await env.ctl.requests() });
        const tmpKey = (assume[0]!.response as Bag | undefined)?.Credentials as Bag | undefined;
        assert.equal(tmpKey?.TmpSecretKey, "***", "the emulator's own log masks the temporary key");
        assert.ok(!everything.includes(READ_ONLY.secretKey), "the base key appears nowhere");
    });

    it("a role that cannot be assumed fails before any RetryRuns, naming the role and what to check", async () => {
        env = await startEnv({ credentials: [DEMO_CREDENTIALS, READ_ONLY], roles: [{ roleArn: ROLE, externalId: "pipeline-7" }] });
        await configureWithRole(env, { externalId: "wrong" });
        const seed = await env.ctl.seedFailedRunGroup({});
        const c = await runRetryProvider.check({}, { runGroupId: seed.RunGroupId, __resourceName: "bad-role", __provider: PROVIDER_TEXT });
        assert.equal(c.failures[0]?.property, "credentials");
        assert.match(
            c.failures[0]!.reason,
            /assuming role qcs::cam::uin\/100000000001:roleName\/omics-deployer \(from stack config tencentcloud:assumeRole\) failed/,
        );
        assert.match(c.failures[0]!.reason, /Next: the role could not be assumed: check tencentcloud:assumeRole/);
        const err = await rejection(runRetryProvider.create({ runGroupId: seed.RunGroupId, region: "ap-guangzhou", __provider: PROVIDER_TEXT }));
        assert.match(err.message, /AssumeRoleFailed|assuming role/);
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0);
    });
});
