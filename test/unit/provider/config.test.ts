import * as assert from "node:assert/strict";
import { isLoopbackHost, parseEndpoint } from "../../../provider/config/endpoint";
import { resolveSettings } from "../../../provider/config/settings";

const cfg = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

describe("endpoint", () => {
    it("accepts https anywhere and http only on loopback", () => {
        assert.deepEqual(parseEndpoint("https://omics.tencentcloudapi.com", "x"), { host: "omics.tencentcloudapi.com", protocol: "https://" });
        assert.deepEqual(parseEndpoint("omics.ap-guangzhou.tencentcloudapi.com", "x"), {
            host: "omics.ap-guangzhou.tencentcloudapi.com",
            protocol: "https://",
        });
        assert.deepEqual(parseEndpoint("http://127.0.0.1:8080", "x"), { host: "127.0.0.1:8080", protocol: "http://" });
        assert.deepEqual(parseEndpoint("http://localhost:9000/", "x"), { host: "localhost:9000", protocol: "http://" });
        assert.deepEqual(parseEndpoint("http://[::1]:9000", "x"), { host: "[::1]:9000", protocol: "http://" });
        assert.throws(
            () => parseEndpoint("http://10.0.0.5:8080", "tencentcloud-omics:endpoint"),
            /tencentcloud-omics:endpoint: refusing plain http:\/\/ to non-loopback host "10\.0\.0\.5"/,
        );
        assert.throws(() => parseEndpoint("http://127.0.0.1.evil.com", "x"), /refusing/);
        assert.throws(() => parseEndpoint("ftp://127.0.0.1", "x"), /unsupported scheme/);
        assert.throws(() => parseEndpoint("https://omics.tencentcloudapi.com/v3", "x"), /no path/);
    });

    it("recognises loopback hosts", () => {
        assert.ok(isLoopbackHost("127.0.0.1") && isLoopbackHost("127.1.2.3") && isLoopbackHost("localhost") && isLoopbackHost("[::1]"));
        assert.ok(!isLoopbackHost("128.0.0.1") && !isLoopbackHost("localhost.example.com"));
    });
});

describe("provider settings", () => {
    it("stack config wins over the environment, per setting", async () => {
        const s = resolveSettings(cfg({ "tencentcloud:region": "ap-shanghai", "tencentcloud:secretId": "AKIDcfg", "tencentcloud:secretKey": "cfgkey" }), {
            TENCENTCLOUD_REGION: "ap-beijing",
            TENCENTCLOUD_SECRET_ID: "AKIDenv",
            TENCENTCLOUD_SECRET_KEY: "envkey",
            TENCENTCLOUD_OMICS_ENDPOINT: "http://127.0.0.1:1234",
        });
        assert.equal(s.region, "ap-shanghai");
        assert.deepEqual(await s.credentials.getCredential(), { secretId: "AKIDcfg", secretKey: "cfgkey" });
        assert.deepEqual(s.endpoint, { host: "127.0.0.1:1234", protocol: "http://" });
        assert.equal(s.error, undefined);
    });

    it("falls back to the environment, with TENCENTCLOUD_SECURITY_TOKEN or TENCENTCLOUD_SESSION_TOKEN", async () => {
        const s = resolveSettings(cfg({}), {
            TENCENTCLOUD_REGION: "ap-beijing",
            TENCENTCLOUD_SECRET_ID: "AKIDenv",
            TENCENTCLOUD_SECRET_KEY: "envkey",
            TENCENTCLOUD_SESSION_TOKEN: "tok",
        });
        assert.equal(s.region, "ap-beijing");
        assert.deepEqual(await s.credentials.getCredential(), { secretId: "AKIDenv", secretKey: "envkey", token: "tok" });
        assert.deepEqual(s.endpoint, { host: "omics.tencentcloudapi.com", protocol: "https://" });
    });

    it("reads the namespaced keys, the way the dynamic provider host's Config resolves them", async () => {
        const { Config } = require("@pulumi/pulumi/cmd/dynamic-provider/config") as {
            Config: new (raw: Record<string, string>, project: string) => { get(k: string): string | undefined };
        };
        const hostConfig = new Config(
            {
                "tencentcloud:region": "ap-hongkong",
                "tencentcloud:secretId": "AKIDhost",
                "tencentcloud:secretKey": "hostkey",
                "tencentcloud:securityToken": "hosttok",
                "tencentcloud-omics:endpoint": "http://127.0.0.1:5",
            },
            "quickstart",
        );
        const s = resolveSettings(hostConfig, {});
        assert.equal(s.region, "ap-hongkong");
        assert.deepEqual(await s.credentials.getCredential(), { secretId: "AKIDhost", secretKey: "hostkey", token: "hosttok" });
        assert.equal(s.endpoint.host, "127.0.0.1:5");
    });

    it("retryLimit and listingSettleSeconds: stack config over the environment, defaults, bad values named by their source", () => {
        const keys = { "tencentcloud:secretId": "AKIDcfg", "tencentcloud:secretKey": "k" };
        const d = resolveSettings(cfg(keys), {});
        assert.equal(d.retryLimit, 3);
        assert.equal(d.listingSettleSeconds, 10);
        const e = resolveSettings(cfg(keys), { TENCENTCLOUD_OMICS_RETRY_LIMIT: "5", TENCENTCLOUD_OMICS_LISTING_SETTLE_SECONDS: "2.5" });
        assert.equal(e.retryLimit, 5);
        assert.equal(e.listingSettleSeconds, 2.5);
        const c = resolveSettings(cfg({ ...keys, "tencentcloud-omics:retryLimit": "7", "tencentcloud-omics:listingSettleSeconds": "0" }), {
            TENCENTCLOUD_OMICS_RETRY_LIMIT: "5",
            TENCENTCLOUD_OMICS_LISTING_SETTLE_SECONDS: "30",
        });
        assert.equal(c.retryLimit, 7);
        assert.equal(c.listingSettleSeconds, 0);
        assert.equal(c.error, undefined);
        const bad = resolveSettings(cfg({ ...keys, "tencentcloud-omics:listingSettleSeconds": "soon" }), { TENCENTCLOUD_OMICS_RETRY_LIMIT: "0" });
        assert.match(bad.error ?? "", /TENCENTCLOUD_OMICS_RETRY_LIMIT must be a whole number from 1 to 100, got "0"/);
        assert.match(bad.error ?? "", /tencentcloud-omics:listingSettleSeconds must be a number of seconds from 0 to 600, got "soon"/);
        assert.equal(bad.listingSettleSeconds, 10);
    });

    it("reports half-configured credentials and bad endpoints as a configuration error", () => {
        assert.match(
            resolveSettings(cfg({ "tencentcloud:secretId": "AKIDonly" }), {}).error ?? "",
            /only one of tencentcloud:secretId and tencentcloud:secretKey/,
        );
        assert.match(resolveSettings(cfg({}), { TENCENTCLOUD_SECRET_KEY: "k" }).error ?? "", /only one of TENCENTCLOUD_SECRET_ID/);
        assert.match(resolveSettings(cfg({ "tencentcloud-omics:endpoint": "http://omics.example.com" }), {}).error ?? "", /refusing plain http/);
    });

    it("uses the SDK credential chain when nothing is configured, and says what it tried", async function () {
        this.timeout(20_000); // the CVM provider asks a metadata server (bounded at 5 s)
        const savedHome = process.env.HOME;
        process.env.HOME = "/nonexistent-home-for-test";
        try {
            const s = resolveSettings(cfg({}), {});
            assert.equal(s.credentials.describe, "the Tencent Cloud SDK credential chain");
            const err = await s.credentials.getCredential().then(
                () => undefined,
                (e: unknown) => e as Error & { code?: string },
            );
            assert.ok(err, "expected no credentials in this environment");
            assert.equal(err.code, "MissingCredentials");
            assert.match(err.message, /profile file/);
            assert.match(err.message, /CVM instance role/);
        } finally {
            process.env.HOME = savedHome;
        }
    });
});

describe("credential parity with pulumi-tencentcloud: shared profile, assumed role, precedence", () => {
    const fs = require("node:fs") as typeof import("node:fs");
    const os = require("node:os") as typeof import("node:os");
    const path = require("node:path") as typeof import("node:path");
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-profile-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const writeProfile = (name: string, cred: Record<string, string>, region?: string): void => {
        fs.writeFileSync(path.join(dir, `${name}.credential`), JSON.stringify(cred));
        if (region) fs.writeFileSync(path.join(dir, `${name}.configure`), JSON.stringify({ _sys_param: { region, output: "json" } }));
    };

    it("reads a tccli profile named in stack config from the shared credentials dir, with its region", async () => {
        writeProfile("ci", { secretId: "AKIDprofile", secretKey: "profilekey", token: "ptok" }, "ap-singapore");
        const s = resolveSettings(cfg({ "tencentcloud:profile": "ci", "tencentcloud:sharedCredentialsDir": dir }), {});
        assert.equal(s.error, undefined);
        assert.equal(s.region, "ap-singapore");
        assert.deepEqual(await s.credentials.getCredential(), { secretId: "AKIDprofile", secretKey: "profilekey", token: "ptok" });
        assert.match(s.credentials.describe, /profile file .*ci\.credential/);
    });

    it("takes the profile and directory from TENCENTCLOUD_PROFILE / TENCENTCLOUD_SHARED_CREDENTIALS_DIR, and ~/.tccli/default by default", async () => {
        writeProfile("nightly", { secretId: "AKIDnightly", secretKey: "k1" });
        const s = resolveSettings(cfg({}), { TENCENTCLOUD_PROFILE: "nightly", TENCENTCLOUD_SHARED_CREDENTIALS_DIR: dir });
        assert.equal((await s.credentials.getCredential()).secretId, "AKIDnightly");
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "omics-home-"));
        fs.mkdirSync(path.join(home, ".tccli"));
        fs.writeFileSync(path.join(home, ".tccli", "default.credential"), JSON.stringify({ secretId: "AKIDdefault", secretKey: "k2" }));
        const savedHome = process.env.HOME;
        process.env.HOME = home;
        try {
            const d = resolveSettings(cfg({}), {});
            assert.equal((await d.credentials.getCredential()).secretId, "AKIDdefault");
        } finally {
            process.env.HOME = savedHome;
            fs.rmSync(home, { recursive: true, force: true });
        }
    });

    it("explicit keys win over a profile: stack config, then the environment", async () => {
        writeProfile("default", { secretId: "AKIDprofile", secretKey: "pk" }, "ap-beijing");
        const c = resolveSettings(cfg({ "tencentcloud:secretId": "AKIDcfg", "tencentcloud:secretKey": "ck", "tencentcloud:sharedCredentialsDir": dir }), {
            TENCENTCLOUD_SECRET_ID: "AKIDenv",
            TENCENTCLOUD_SECRET_KEY: "ek",
        });
        assert.equal((await c.credentials.getCredential()).secretId, "AKIDcfg");
        const e = resolveSettings(cfg({ "tencentcloud:sharedCredentialsDir": dir }), { TENCENTCLOUD_SECRET_ID: "AKIDenv", TENCENTCLOUD_SECRET_KEY: "ek" });
        assert.equal((await e.credentials.getCredential()).secretId, "AKIDenv");
        assert.equal(e.region, "ap-beijing", "the profile still gives the region when none is set");
        const r = resolveSettings(cfg({ "tencentcloud:sharedCredentialsDir": dir, "tencentcloud:region": "ap-shanghai" }), {
            TENCENTCLOUD_REGION: "ap-hongkong",
        });
        assert.equal(r.region, "ap-shanghai", "config region, then environment region, then the profile's");
    });

    it("names a missing or broken profile file in the configuration error", () => {
        assert.match(
            resolveSettings(cfg({ "tencentcloud:profile": "absent", "tencentcloud:sharedCredentialsDir": dir }), {}).error ?? "",
            /profile "absent": .*absent\.credential does not exist \(create it with `tccli configure --profile absent`\)/,
        );
        fs.writeFileSync(path.join(dir, "bad.credential"), "{not json");
        assert.match(
            resolveSettings(cfg({ "tencentcloud:profile": "bad", "tencentcloud:sharedCredentialsDir": dir }), {}).error ?? "",
            /bad\.credential is not valid JSON/,
        );
    });

    it("assumes a role from stack config, else the environment, else the profile; validates its fields", () => {
        writeProfile("default", { secretId: "AKIDp", secretKey: "pk", "role-arn": "qcs::cam::uin/1:roleName/from-profile", "role-session-name": "prof" });
        const base = { "tencentcloud:sharedCredentialsDir": dir };
        const fromConfig = resolveSettings(
            cfg({
                ...base,
                "tencentcloud:assumeRole": JSON.stringify({
                    roleArn: "qcs::cam::uin/1:roleName/from-config",
                    sessionName: "cfg",
                    sessionDuration: 900,
                    externalId: "ext-1",
                }),
            }),
            {
                TENCENTCLOUD_ASSUME_ROLE_ARN: "qcs::cam::uin/1:roleName/from-env",
                TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "env",
            },
        );
        assert.match(
            fromConfig.credentials.describe,
            /role qcs::cam::uin\/1:roleName\/from-config \(session cfg, from stack config tencentcloud:assumeRole\) assumed with profile file/,
        );
        const fromEnv = resolveSettings(cfg(base), {
            TENCENTCLOUD_ASSUME_ROLE_ARN: "qcs::cam::uin/1:roleName/from-env",
            TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME: "env",
            TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION: "1800",
        });
        assert.match(fromEnv.credentials.describe, /from-env \(session env, from TENCENTCLOUD_ASSUME_ROLE_ARN\)/);
        const fromProfile = resolveSettings(cfg(base), {});
        assert.match(fromProfile.credentials.describe, /from-profile \(session prof, from profile file/);
        assert.match(
            resolveSettings(cfg({ "tencentcloud:assumeRole": JSON.stringify({ roleArn: "x" }) }), {}).error ?? "",
            /tencentcloud:assumeRole needs roleArn and sessionName/,
        );
        assert.match(
            resolveSettings(cfg({ "tencentcloud:assumeRole": JSON.stringify({ roleArn: "x", sessionName: "s", sessionDuration: 99999 }) }), {}).error ?? "",
            /sessionDuration must be a whole number of seconds from 1 to 43200/,
        );
        assert.match(
            resolveSettings(cfg({ "tencentcloud:assumeRole": JSON.stringify({ roleArn: "x", sessionName: "s", role: "y" }) }), {}).error ?? "",
            /unknown field "role"/,
        );
        assert.match(
            resolveSettings(cfg({}), { TENCENTCLOUD_ASSUME_ROLE_ARN: "x" }).error ?? "",
            /set both TENCENTCLOUD_ASSUME_ROLE_ARN and TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME/,
        );
    });

    it("assumes roles at Tencent's STS, or at the emulator when Omics is pointed at a loopback endpoint", () => {
        assert.deepEqual(resolveSettings(cfg({}), {}).stsEndpoint, { host: "sts.tencentcloudapi.com", protocol: "https://" });
        assert.deepEqual(resolveSettings(cfg({ "tencentcloud-omics:endpoint": "http://127.0.0.1:4567" }), {}).stsEndpoint, {
            host: "127.0.0.1:4567",
            protocol: "http://",
        });
        assert.deepEqual(
            resolveSettings(cfg({ "tencentcloud-omics:endpoint": "https://omics.ap-guangzhou.tencentcloudapi.com" }), {}).stsEndpoint.host,
            "sts.tencentcloudapi.com",
        );
        assert.deepEqual(
            resolveSettings(cfg({ "tencentcloud-omics:stsEndpoint": "https://sts.internal.example.com" }), {}).stsEndpoint.host,
            "sts.internal.example.com",
        );
    });
});
