import * as assert from "node:assert/strict";
import { isLoopbackHost, parseEndpoint } from "../../../provider/config/endpoint";
import { resolveSettings } from "../../../provider/config/settings";

const cfg = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

describe("endpoint", () => {
    it("accepts https anywhere and http only on loopback", () => {
        assert.deepEqual(parseEndpoint("https://omics.tencentcloudapi.com", "x"), { host: "omics.tencentcloudapi.com", protocol: "https://" });
        assert.deepEqual(parseEndpoint("omics.ap-guangzhou.tencentcloudapi.com", "x"), { host: "omics.ap-guangzhou.tencentcloudapi.com", protocol: "https://" });
        assert.deepEqual(parseEndpoint("http://127.0.0.1:8080", "x"), { host: "127.0.0.1:8080", protocol: "http://" });
        assert.deepEqual(parseEndpoint("http://localhost:9000/", "x"), { host: "localhost:9000", protocol: "http://" });
        assert.deepEqual(parseEndpoint("http://[::1]:9000", "x"), { host: "[::1]:9000", protocol: "http://" });
        assert.throws(() => parseEndpoint("http://10.0.0.5:8080", "tencentcloud-omics:endpoint"), /tencentcloud-omics:endpoint: refusing plain http:\/\/ to non-loopback host "10\.0\.0\.5"/);
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
        const s = resolveSettings(
            cfg({ "tencentcloud:region": "ap-shanghai", "tencentcloud:secretId": "AKIDcfg", "tencentcloud:secretKey": "cfgkey" }),
            { TENCENTCLOUD_REGION: "ap-beijing", TENCENTCLOUD_SECRET_ID: "AKIDenv", TENCENTCLOUD_SECRET_KEY: "envkey", TENCENTCLOUD_OMICS_ENDPOINT: "http://127.0.0.1:1234" },
        );
        assert.equal(s.region, "ap-shanghai");
        assert.deepEqual(await s.credentials.getCredential(), { secretId: "AKIDcfg", secretKey: "cfgkey" });
        assert.deepEqual(s.endpoint, { host: "127.0.0.1:1234", protocol: "http://" });
        assert.equal(s.error, undefined);
    });

    it("falls back to the environment, with TENCENTCLOUD_SECURITY_TOKEN or TENCENTCLOUD_SESSION_TOKEN", async () => {
        const s = resolveSettings(cfg({}), { TENCENTCLOUD_REGION: "ap-beijing", TENCENTCLOUD_SECRET_ID: "AKIDenv", TENCENTCLOUD_SECRET_KEY: "envkey", TENCENTCLOUD_SESSION_TOKEN: "tok" });
        assert.equal(s.region, "ap-beijing");
        assert.deepEqual(await s.credentials.getCredential(), { secretId: "AKIDenv", secretKey: "envkey", token: "tok" });
        assert.deepEqual(s.endpoint, { host: "omics.tencentcloudapi.com", protocol: "https://" });
    });

    it("reads the namespaced keys, the way the dynamic provider host's Config resolves them", async () => {
        const { Config } = require("@pulumi/pulumi/cmd/dynamic-provider/config") as { Config: new (raw: Record<string, string>, project: string) => { get(k: string): string | undefined } };
        const hostConfig = new Config(
            { "tencentcloud:region": "ap-hongkong", "tencentcloud:secretId": "AKIDhost", "tencentcloud:secretKey": "hostkey", "tencentcloud:securityToken": "hosttok", "tencentcloud-omics:endpoint": "http://127.0.0.1:5" },
            "quickstart",
        );
        const s = resolveSettings(hostConfig, {});
        assert.equal(s.region, "ap-hongkong");
        assert.deepEqual(await s.credentials.getCredential(), { secretId: "AKIDhost", secretKey: "hostkey", token: "hosttok" });
        assert.equal(s.endpoint.host, "127.0.0.1:5");
    });

    it("reports half-configured credentials and bad endpoints as a configuration error", () => {
        assert.match(resolveSettings(cfg({ "tencentcloud:secretId": "AKIDonly" }), {}).error ?? "", /only one of tencentcloud:secretId and tencentcloud:secretKey/);
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
            const err = await s.credentials.getCredential().then(() => undefined, (e: unknown) => e as Error & { code?: string });
            assert.ok(err, "expected no credentials in this environment");
            assert.equal(err.code, "MissingCredentials");
            assert.match(err.message, /profile file/);
            assert.match(err.message, /CVM instance role/);
        } finally {
            process.env.HOME = savedHome;
        }
    });
});
