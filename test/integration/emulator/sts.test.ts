/**
 * STS AssumeRole on the emulator's port: the official SDK's STSCredential obtains a temporary
 * credential, the official omics Client uses it; negative cases through the official STS client.
 */
import * as assert from "node:assert/strict";
import { STSCredential } from "tencentcloud-sdk-nodejs/tencentcloud/common/credential";
import { Client as StsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client";
import { DEMO_CREDENTIALS, startEmulator } from "../../../emulator";
import { errorCode, OmicsClient, rawRequest, sdkError, startTestEmulator, type TestEmulator } from "./helpers";

const ROLE = "qcs::cam::uin/100000000001:roleName/omics-operator";
const GUARDED = "qcs::cam::uin/100000000001:role/4611686018427397919";
const OTHER = { secretId: "AKIDOTHERCALLER000000000000000000000", secretKey: "other-caller-key" };

describe("emulator STS AssumeRole", function () {
    this.timeout(20_000);
    let t: TestEmulator;
    const profile = () => ({ httpProfile: { endpoint: `127.0.0.1:${t.port}`, protocol: "http://", reqTimeout: 10 } });
    /** The official STS client, signing with `cred` (demo by default). */
    const sts = (cred: { secretId: string; secretKey: string; token?: string } = DEMO_CREDENTIALS) =>
        new StsClient({ credential: cred, region: "ap-guangzhou", profile: profile() });
    /** The official omics client with any credential (static or a provider such as STSCredential). */
    const omics = (credential: ConstructorParameters<typeof OmicsClient>[0]["credential"]) =>
        new OmicsClient({ credential, region: "ap-guangzhou", profile: profile() });

    beforeEach(async () => {
        t = await startTestEmulator({
            credentials: [{ ...DEMO_CREDENTIALS }, { ...OTHER }],
            roles: [{ roleArn: ROLE }, { roleArn: GUARDED, externalId: "ext-42", trustedSecretIds: [OTHER.secretId] }],
            stsMinDurationSeconds: 1,
        });
    });
    afterEach(async () => {
        await t.emu.stop();
    });

    it("STSCredential pointed at the emulator: the omics Client works with the temporary credential; the log names the role", async () => {
        const stsCred = new STSCredential(
            { credential: { ...DEMO_CREDENTIALS }, region: "ap-guangzhou", profile: profile() },
            { RoleArn: ROLE, RoleSessionName: "pulumi-omics" },
        );
        const tmp = await stsCred.getCredential();
        assert.match(tmp.secretId ?? "", /^AKID\w+$/);
        assert.notEqual(tmp.secretId, DEMO_CREDENTIALS.secretId);
        assert.ok(tmp.secretKey && tmp.token, "a key and a token");
        const seed = await t.ctl.seedFailedRunGroup({});
        const groups = await omics(stsCred).DescribeRunGroups({});
        assert.deepEqual(
            groups.RunGroups?.map((g) => g.RunGroupId),
            [seed.RunGroupId],
        );

        const [assume] = await t.ctl.requests("AssumeRole");
        assert.equal(assume?.outcome, "success");
        assert.equal(assume?.secretId, DEMO_CREDENTIALS.secretId);
        assert.deepEqual(assume?.params, { RoleArn: ROLE, RoleSessionName: "pulumi-omics" });
        const answer = assume?.response as { Credentials: Record<string, string> };
        assert.deepEqual(answer.Credentials, { Token: "***", TmpSecretId: tmp.secretId, TmpSecretKey: "***" });
        const [describe] = await t.ctl.requests("DescribeRunGroups");
        assert.equal(describe?.secretId, tmp.secretId);
        assert.deepEqual(describe?.assumedRole, { roleArn: ROLE, sessionName: "pulumi-omics" });
        const raw = await (await fetch(`${t.emu.url}/_emulator/requests`)).text();
        assert.ok(!raw.includes(tmp.secretKey as string) && !raw.includes(tmp.token as string), "no temporary secret in the log");
    });

    it("answers Credentials, ExpiredTime (Unix s) and Expiration (ISO UTC); DurationSeconds defaults to 7200", async () => {
        const before = Math.floor(Date.now() / 1000);
        const r = await sts().AssumeRole({ RoleArn: ROLE, RoleSessionName: "s1" });
        const after = Math.ceil(Date.now() / 1000);
        assert.match(r.Credentials?.TmpSecretId ?? "", /^AKID/);
        assert.ok((r.Credentials?.TmpSecretKey ?? "").length >= 32 && (r.Credentials?.Token ?? "").length >= 32);
        assert.ok(r.ExpiredTime !== undefined && r.ExpiredTime >= before + 7200 && r.ExpiredTime <= after + 7200, String(r.ExpiredTime));
        assert.match(r.Expiration ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.equal(Date.parse(r.Expiration as string) / 1000, r.ExpiredTime);
        const short = await sts().AssumeRole({ RoleArn: ROLE, RoleSessionName: "s2", DurationSeconds: 43200 });
        assert.ok((short.ExpiredTime as number) >= before + 43200);
        const again = await sts().AssumeRole({ RoleArn: ROLE, RoleSessionName: "s1" });
        assert.notEqual(again.Credentials?.TmpSecretId, r.Credentials?.TmpSecretId, "each call issues a new credential");
    });

    it("the temporary credential needs its X-TC-Token, and its own key", async () => {
        const r = await sts().AssumeRole({ RoleArn: ROLE, RoleSessionName: "s1" });
        const c = { secretId: r.Credentials?.TmpSecretId as string, secretKey: r.Credentials?.TmpSecretKey as string };
        assert.equal((await omics({ ...c, token: r.Credentials?.Token as string }).DescribeProjects({})).TotalCount, 1);
        assert.equal((await sdkError(omics({ ...c, token: "not-the-token" }).DescribeProjects({}))).code, "AuthFailure.TokenFailure");
        assert.equal((await sdkError(omics(c).DescribeProjects({}))).code, "AuthFailure.TokenFailure");
        assert.equal(
            (await sdkError(omics({ ...c, secretKey: "wrong", token: r.Credentials?.Token as string }).DescribeProjects({}))).code,
            "AuthFailure.SignatureFailure",
        );
        const logged = await t.ctl.requests("DescribeProjects");
        assert.ok(
            logged.every((e) => e.assumedRole?.sessionName === "s1"),
            "failed calls with the credential name its role too",
        );
    });

    it("after ExpiredTime the temporary credential gets AuthFailure.TokenFailure (short duration via stsMinDurationSeconds)", async () => {
        const r = await sts().AssumeRole({ RoleArn: ROLE, RoleSessionName: "brief", DurationSeconds: 3 });
        const cred = {
            secretId: r.Credentials?.TmpSecretId as string,
            secretKey: r.Credentials?.TmpSecretKey as string,
            token: r.Credentials?.Token as string,
        };
        assert.equal((await omics(cred).DescribeProjects({})).TotalCount, 1, "valid before ExpiredTime");
        const wait = (r.ExpiredTime as number) * 1000 - Date.now() + 50;
        await new Promise((res) => setTimeout(res, Math.max(0, wait)));
        const e = await sdkError(omics(cred).DescribeProjects({}));
        assert.equal(e.code, "AuthFailure.TokenFailure");
        assert.match(e.message, /expired/);
    });

    it("error codes: unknown role, trust (ExternalId, principals), duration, session name, policy, parameters", async () => {
        const code = async (p: Parameters<StsClient["AssumeRole"]>[0], cred?: { secretId: string; secretKey: string }) =>
            (await sdkError(sts(cred).AssumeRole(p))).code;
        assert.equal(await code({ RoleArn: `${ROLE}-nope`, RoleSessionName: "s1" }), "ResourceNotFound.RoleNotFound");
        assert.equal(await code({ RoleArn: GUARDED, RoleSessionName: "s1", ExternalId: "ext-42" }), "UnauthorizedOperation", "demo is no principal");
        assert.equal(await code({ RoleArn: GUARDED, RoleSessionName: "s1", ExternalId: "ext-41" }, OTHER), "UnauthorizedOperation");
        assert.equal(await code({ RoleArn: GUARDED, RoleSessionName: "s1" }, OTHER), "UnauthorizedOperation", "ExternalId required");
        assert.ok((await sts(OTHER).AssumeRole({ RoleArn: GUARDED, RoleSessionName: "s1", ExternalId: "ext-42" })).Credentials);
        assert.equal(await code({ RoleArn: ROLE, RoleSessionName: "s1", DurationSeconds: 43201 }), "InvalidParameter.OverTimeError");
        assert.equal(await code({ RoleArn: ROLE, RoleSessionName: "s1", DurationSeconds: 0 }), "InvalidParameter.ParamError");
        assert.equal(await code({ RoleArn: ROLE, RoleSessionName: "x" }), "InvalidParameter.ParamError");
        assert.equal(await code({ RoleArn: ROLE, RoleSessionName: "has space" }), "InvalidParameter.ParamError");
        assert.equal(await code({ RoleArn: ROLE, RoleSessionName: "s1", Policy: "{not json" }), "InvalidParameter.StrategyFormatError");
        const principal = encodeURIComponent(
            JSON.stringify({ version: "2.0", statement: [{ effect: "allow", action: ["omics:*"], resource: ["*"], principal: { qcs: ["x"] } }] }),
        );
        assert.equal(await code({ RoleArn: ROLE, RoleSessionName: "s1", Policy: principal }), "InvalidParameter.StrategyInvalid");
        const policy = encodeURIComponent(
            JSON.stringify({ version: "2.0", statement: [{ effect: "allow", action: ["omics:DescribeRunGroups"], resource: ["*"] }] }),
        );
        assert.ok((await sts().AssumeRole({ RoleArn: ROLE, RoleSessionName: "s1", Policy: policy, Tags: [{ Key: "team", Value: "genomics" }] })).Credentials);
        assert.equal(
            await code({
                RoleArn: ROLE,
                RoleSessionName: "s1",
                Tags: [
                    { Key: "a", Value: "1" },
                    { Key: "a", Value: "2" },
                ],
            }),
            "InvalidParameter.ParamError",
        );
        assert.equal(await code({ RoleArn: ROLE } as Parameters<StsClient["AssumeRole"]>[0]), "MissingParameter");
        assert.equal(
            errorCode(
                await rawRequest(t.port, {
                    action: "AssumeRole",
                    version: "2018-08-13",
                    body: JSON.stringify({ RoleArn: ROLE, RoleSessionName: "s1", Nope: 1 }),
                }),
            ),
            "UnknownParameter",
        );
    });

    it("STSCredential surfaces the failure (its own message wrapping the emulator's)", async () => {
        const bad = new STSCredential(
            { credential: { ...DEMO_CREDENTIALS }, region: "ap-guangzhou", profile: profile() },
            { RoleArn: `${ROLE}-nope`, RoleSessionName: "s1" },
        );
        await assert.rejects(bad.getCredential(), /Get STS AssumeRole failed: .*does not exist/);
    });

    it("the version selects the service: AssumeRole is sts 2018-08-13 only; omics actions stay on 2022-11-28", async () => {
        const body = JSON.stringify({ RoleArn: ROLE, RoleSessionName: "s1" });
        assert.equal(errorCode(await rawRequest(t.port, { action: "AssumeRole", version: "2018-08-13", body })), undefined);
        assert.equal(errorCode(await rawRequest(t.port, { action: "AssumeRole", version: "2022-11-28", body })), "NoSuchVersion");
        assert.equal(errorCode(await rawRequest(t.port, { action: "RetryRuns", version: "2018-08-13" })), "NoSuchVersion");
        assert.equal(errorCode(await rawRequest(t.port, { action: "GetCallerIdentity", version: "2018-08-13" })), "InvalidAction");
        assert.equal(
            errorCode(await rawRequest(t.port, { action: "AssumeRole", version: "2018-08-13", region: "ap-tokyo", body })),
            undefined,
            "an STS region without Omics",
        );
        assert.equal(errorCode(await rawRequest(t.port, { action: "DescribeProjects", region: "ap-tokyo" })), "UnsupportedRegion");
        assert.equal(errorCode(await rawRequest(t.port, { action: "AssumeRole", version: "2018-08-13", region: "mars-1", body })), "UnsupportedRegion");
        assert.equal(
            errorCode(await rawRequest(t.port, { action: "AssumeRole", version: "2018-08-13", body, secretKey: "wrong" })),
            "AuthFailure.SignatureFailure",
        );
    });

    it("a temporary credential may assume a role too; the trust check sees the long-term SecretId behind it", async () => {
        const first = await sts(OTHER).AssumeRole({ RoleArn: ROLE, RoleSessionName: "hop-1" });
        const viaTemp = {
            secretId: first.Credentials?.TmpSecretId as string,
            secretKey: first.Credentials?.TmpSecretKey as string,
            token: first.Credentials?.Token as string,
        };
        const second = await sts(viaTemp).AssumeRole({ RoleArn: GUARDED, RoleSessionName: "hop-2", ExternalId: "ext-42" });
        assert.ok(second.Credentials?.TmpSecretId);
        const log = await t.ctl.requests("AssumeRole");
        assert.deepEqual(log[1]?.assumedRole, { roleArn: ROLE, sessionName: "hop-1" }, "the chained call was made with the first session");
    });

    it("roles through the control plane; rate limit per SecretId like omics", async () => {
        const added = "qcs::cam::uin/100000000002:roleName/ci";
        assert.equal((await sdkError(sts().AssumeRole({ RoleArn: added, RoleSessionName: "s1" }))).code, "ResourceNotFound.RoleNotFound");
        assert.deepEqual(await t.ctl.addRole({ roleArn: added, externalId: "ci-ext" }), { roleArn: added, externalId: "ci-ext" });
        assert.ok((await sts().AssumeRole({ RoleArn: added, RoleSessionName: "s1", ExternalId: "ci-ext" })).Credentials);
        assert.deepEqual((await t.ctl.roles()).map((r) => r.roleArn).sort(), [GUARDED, ROLE, added].sort());
        await assert.rejects(t.ctl.addRole({ roleArn: "arn:aws:iam::1:role/x" }), /roleArn/);
        await assert.rejects(t.ctl.addRole({ roleArn: added, externalId: "x" }), /externalId/);
        await t.ctl.reset();
        assert.equal((await t.ctl.roles()).length, 3, "reset keeps roles (identity configuration, not resource state)");
        await t.emu.stop();

        t = await startTestEmulator({ roles: [{ roleArn: ROLE }], rateLimitPerSecond: 3 });
        const codes: (string | undefined)[] = [];
        for (let i = 0; i < 4; i++)
            codes.push(
                await sts()
                    .AssumeRole({ RoleArn: ROLE, RoleSessionName: "s1" })
                    .then(
                        () => undefined,
                        (e: { code?: string }) => e.code,
                    ),
            );
        assert.deepEqual(codes, [undefined, undefined, undefined, "RequestLimitExceeded"]);
    });

    it("Tencent's minimum applies unless lowered; bad role options refuse to start", async () => {
        const plain = await startEmulator({ roles: [{ roleArn: ROLE }] });
        try {
            const client = new StsClient({
                credential: DEMO_CREDENTIALS,
                region: "ap-guangzhou",
                profile: { httpProfile: { endpoint: plain.url.slice("http://".length), protocol: "http://" } },
            });
            assert.equal(
                (await sdkError(client.AssumeRole({ RoleArn: ROLE, RoleSessionName: "s1", DurationSeconds: 899 }))).code,
                "InvalidParameter.ParamError",
            );
            assert.ok((await client.AssumeRole({ RoleArn: ROLE, RoleSessionName: "s1", DurationSeconds: 900 })).Credentials);
        } finally {
            await plain.stop();
        }
        await assert.rejects(startEmulator({ stsMinDurationSeconds: 0 }), /stsMinDurationSeconds/);
        await assert.rejects(startEmulator({ roles: [{ roleArn: "not-an-arn" }] }), /roleArn/);
    });
});
