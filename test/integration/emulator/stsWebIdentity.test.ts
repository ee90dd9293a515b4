/**
 * STS AssumeRoleWithWebIdentity on the emulator's port: the official SDK's OIDCRoleArnCredential
 * (in its TKE mode: TKE_* variables only, the exchange routed to the emulator through
 * `profile.httpProfile`) obtains a temporary credential that the omics Client uses; refused tokens
 * through the official STS client (unsigned, `Authorization: SKIP`, as the SDK sends it).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OIDCRoleArnCredential } from "tencentcloud-sdk-nodejs/tencentcloud/common/credential";
import { Client as StsClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_client";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { errorCode, OmicsClient, rawRequest, sdkError, startTestEmulator, type TestEmulator } from "./helpers";

const ROLE = "qcs::cam::uin/100000000001:roleName/ci-deployer";
const OTHER_ROLE = "qcs::cam::uin/100000000001:roleName/other";
const PROVIDER = "ci-oidc";

describe("emulator STS AssumeRoleWithWebIdentity (OIDC)", function () {
    this.timeout(20_000);
    let t: TestEmulator;
    let dir: string;
    const saved: Record<string, string | undefined> = {};
    const TKE = ["TKE_REGION", "TKE_PROVIDER_ID", "TKE_WEB_IDENTITY_TOKEN_FILE", "TKE_ROLE_ARN"];
    const profile = () => ({ httpProfile: { endpoint: `127.0.0.1:${t.port}`, protocol: "http://", reqTimeout: 10 } });
    /** The official STS client; its credential is not used by AssumeRoleWithWebIdentity (unsigned). */
    const sts = () => new StsClient({ credential: { ...DEMO_CREDENTIALS }, region: "ap-guangzhou", profile: profile() });
    const exchange = (p: Record<string, unknown>) =>
        sts().AssumeRoleWithWebIdentity({ ProviderId: PROVIDER, RoleArn: ROLE, RoleSessionName: "ci-job", WebIdentityToken: "", ...p } as never);

    beforeEach(async () => {
        t = await startTestEmulator({
            roles: [{ roleArn: ROLE }, { roleArn: OTHER_ROLE }],
            oidcProviders: [{ providerId: PROVIDER, roleArns: [ROLE] }],
        });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-oidc-"));
        for (const k of TKE) saved[k] = process.env[k];
    });
    afterEach(async () => {
        for (const k of TKE) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
        fs.rmSync(dir, { recursive: true, force: true });
        await t.emu.stop();
    });

    it("the SDK's OIDCRoleArnCredential (TKE_* variables only) exchanges the token file; the omics Client works with the result", async () => {
        const tokenFile = path.join(dir, "token");
        fs.writeFileSync(tokenFile, await t.ctl.oidcToken(PROVIDER, { subject: "project/pipeline:main" }));
        Object.assign(process.env, { TKE_REGION: "ap-guangzhou", TKE_PROVIDER_ID: PROVIDER, TKE_WEB_IDENTITY_TOKEN_FILE: tokenFile, TKE_ROLE_ARN: ROLE });
        // Its TKE mode is the constructor with a client config and no parameters (the .d.ts declares
        // only 0 or 2 arguments; the JavaScript reads the TKE_* variables whenever the parameters are absent).
        const TkeCredential = OIDCRoleArnCredential as unknown as new (clientConfig: object) => OIDCRoleArnCredential;
        const credential = new TkeCredential({ profile: profile() });
        const omics = new OmicsClient({ credential, region: "ap-guangzhou", profile: profile() });
        const projects = await omics.DescribeProjects({});
        assert.ok((projects.TotalCount ?? 0) >= 1);
        const [exchangeEntry] = await t.ctl.requests("AssumeRoleWithWebIdentity");
        assert.equal(exchangeEntry?.outcome, "success");
        assert.equal(exchangeEntry?.secretId, undefined, "sent unsigned");
        assert.equal(((exchangeEntry?.params ?? {}) as Record<string, unknown>).WebIdentityToken, "***", "the token is redacted in the request log");
        assert.equal(((exchangeEntry?.params ?? {}) as Record<string, unknown>).ProviderId, PROVIDER);
        const [described] = await t.ctl.requests("DescribeProjects");
        assert.deepEqual(described?.assumedRole?.roleArn, ROLE);
        assert.match(String(described?.secretId), /^AKID/);
    });

    it("refuses expired, forged, foreign and malformed tokens with InvalidParameter.WebIdentityTokenError", async () => {
        const expired = await t.ctl.oidcToken(PROVIDER, { expiresInSeconds: -10 });
        const e1 = await sdkError(exchange({ WebIdentityToken: expired }));
        assert.equal(e1.code, "InvalidParameter.WebIdentityTokenError");
        assert.match(e1.message, /expired/);
        const good = await t.ctl.oidcToken(PROVIDER);
        const [h, c] = good.split(".");
        const forged = `${h}.${c}.${Buffer.from("not the signature").toString("base64url")}`;
        assert.match((await sdkError(exchange({ WebIdentityToken: forged }))).message, /signature/);
        await t.ctl.addOidcProvider({ providerId: "other-idp" });
        const foreign = await t.ctl.oidcToken("other-idp");
        assert.equal((await sdkError(exchange({ WebIdentityToken: foreign }))).code, "InvalidParameter.WebIdentityTokenError", "another provider's token");
        const wrongAudience = await t.ctl.oidcToken(PROVIDER, { audience: "someone-else" });
        assert.match((await sdkError(exchange({ WebIdentityToken: wrongAudience }))).message, /audience/);
        assert.equal((await sdkError(exchange({ WebIdentityToken: "not-a-jwt" }))).code, "InvalidParameter.WebIdentityTokenError");
    });

    it("checks provider, role, trust, session name and duration; a valid exchange answers Tencent's shape", async () => {
        const token = await t.ctl.oidcToken(PROVIDER);
        assert.equal((await sdkError(exchange({ WebIdentityToken: token, ProviderId: "nope" }))).code, "InvalidParameter.ParamError");
        assert.equal((await sdkError(exchange({ WebIdentityToken: token, RoleArn: "qcs::cam::uin/1:roleName/none" }))).code, "ResourceNotFound.RoleNotFound");
        assert.equal((await sdkError(exchange({ WebIdentityToken: token, RoleArn: OTHER_ROLE }))).code, "UnauthorizedOperation");
        assert.equal((await sdkError(exchange({ WebIdentityToken: token, RoleArn: "ci-deployer" }))).code, "InvalidParameter.ParamError");
        assert.equal((await sdkError(exchange({ WebIdentityToken: token, RoleSessionName: "x" }))).code, "InvalidParameter.ParamError");
        assert.equal((await sdkError(exchange({ WebIdentityToken: token, DurationSeconds: 50_000 }))).code, "InvalidParameter.OverTimeError");
        const ok = await exchange({ WebIdentityToken: token, DurationSeconds: 1800 });
        assert.match(ok.Credentials?.TmpSecretId ?? "", /^AKID[0-9A-Za-z]{32}$/);
        assert.ok(Math.abs((ok.ExpiredTime ?? 0) - (Date.now() / 1000 + 1800)) < 5);
        assert.match(ok.Expiration ?? "", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });

    it("only AssumeRoleWithWebIdentity may be unsigned: Authorization SKIP on another action is InvalidAuthorization", async () => {
        const r = await rawRequest(t.port, { action: "DescribeProjects", headers: { Authorization: "SKIP" } });
        assert.equal(errorCode(r), "AuthFailure.InvalidAuthorization");
    });
});
