import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginConfigReader, pluginKeyNames, unwrapSecrets } from "../../../plugin/config";
import { nameOfUrn, pluginProvider, typeOfUrn } from "../../../plugin/provider";
import { packageSchema, RUN_GROUP_WAIT, RUN_RETRY, RUN_RETRY_RECORD } from "../../../plugin/schema";
import { CONFIG_KEYS, resolveSettings } from "../../../provider/config/settings";

const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" };

describe("plugin: configuration from the engine's Configure request", () => {
    it("answers the core's keys with the plugin's own (variables first, then typed args)", () => {
        const reader = pluginConfigReader(new Map([["tencentcloud-omics:config:region", "ap-beijing"]]), {
            region: "ap-shanghai",
            endpoint: "http://127.0.0.1:9",
            retryLimit: 5,
            secretKey: SECRET,
            assumeRole: { roleArn: "qcs::cam::uin/1:roleName/r", sessionName: "s" },
        });
        assert.equal(reader.get("tencentcloud:region"), "ap-beijing");
        assert.equal(reader.get("tencentcloud-omics:endpoint"), "http://127.0.0.1:9");
        assert.equal(reader.get("tencentcloud-omics:retryLimit"), "5");
        assert.equal(reader.get("tencentcloud:secretKey"), "s3cr3t", "secret wrappers are removed");
        assert.deepEqual(JSON.parse(reader.get("tencentcloud:assumeRole") ?? "null"), { roleArn: "qcs::cam::uin/1:roleName/r", sessionName: "s" });
        assert.equal(reader.get("tencentcloud:profile"), undefined);
    });

    it("keeps the core's precedence: plugin config over the environment, the environment when config is unset", () => {
        const env = { TENCENTCLOUD_REGION: "ap-hongkong", TENCENTCLOUD_SECRET_ID: "AKIDenv", TENCENTCLOUD_SECRET_KEY: "envkey", HOME: "/nonexistent" };
        const fromConfig = resolveSettings(pluginConfigReader(new Map(), { region: "ap-singapore", retryLimit: "7" }), env);
        assert.equal(fromConfig.region, "ap-singapore");
        assert.equal(fromConfig.retryLimit, 7);
        const fromEnv = resolveSettings(pluginConfigReader(new Map(), {}), env);
        assert.equal(fromEnv.region, "ap-hongkong");
        assert.match(fromEnv.credentials.describe, /environment/);
    });

    it("names the plugin's keys in configuration errors", () => {
        const s = resolveSettings(pluginConfigReader(new Map(), { secretId: "AKIDonly" }), { HOME: "/nonexistent" });
        assert.ok(s.error);
        const message = pluginKeyNames(s.error);
        assert.match(message, /tencentcloud-omics:secretId and tencentcloud-omics:secretKey/);
        assert.doesNotMatch(message, /(^|[^-])tencentcloud:/);
    });

    it("unwraps nested secrets", () => {
        assert.deepEqual(unwrapSecrets({ a: [SECRET], b: { c: SECRET } }), { a: ["s3cr3t"], b: { c: "s3cr3t" } });
    });
});

describe("plugin: URNs", () => {
    it("takes the type and name of a child of a component", () => {
        const urn = "urn:pulumi:dev::proj::tencentcloud-omics:index:RunRetry$tencentcloud-omics:index:RunRetryRecord::nightly";
        assert.equal(typeOfUrn(urn), RUN_RETRY_RECORD);
        assert.equal(nameOfUrn(urn), "nightly");
    });
});

describe("plugin: provider object", () => {
    const provider = pluginProvider("0.0.1-test");

    it("validates offline with field-named failures and never stores the hidden name", async () => {
        const urn = "urn:pulumi:dev::proj::tencentcloud-omics:index:RunRetry$tencentcloud-omics:index:RunRetryRecord::bad";
        const r = await provider.check!(urn, {}, { runGroupId: "not-a-group", waitTimeoutSeconds: -1, region: "ap-guangzhou" });
        const props = (r.failures ?? []).map((f) => f.property).sort();
        assert.ok(props.includes("runGroupId"), JSON.stringify(r.failures));
        assert.ok(props.includes("waitTimeoutSeconds"), JSON.stringify(r.failures));
        assert.ok((r.failures ?? []).some((f) => f.reason.includes('RunRetry "bad"') || f.property === "runGroupId"));
        assert.equal((r.inputs as Record<string, unknown>).__resourceName, undefined);
    });

    it("refuses types it does not serve", async () => {
        await assert.rejects(provider.check!("urn:pulumi:dev::proj::tencentcloud-omics:index:Nope::x", {}, {}), /unknown resource type/);
    });

    it("serves the schema of its version", () => {
        const schema = JSON.parse(provider.schema ?? "{}");
        assert.equal(schema.version, "0.0.1-test");
        assert.equal(schema.resources[RUN_RETRY].isComponent, true);
    });
});

describe("plugin: schema", () => {
    const schema = packageSchema("1.2.3") as {
        config: { variables: Record<string, { secret?: boolean; description?: string }> };
        provider: { inputProperties: Record<string, { secret?: boolean }> };
        resources: Record<string, { inputProperties: Record<string, { description?: string }>; properties: Record<string, { description?: string }> }>;
        types: Record<string, { properties: Record<string, { description?: string }> }>;
    };

    it("is committed as plugin/schema.json, current with plugin/schema.ts (npm run gen:schema)", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { schemaText, schemaFile } = require(path.join(repoRoot, "scripts", "plugin", "gen-schema.js")) as { schemaText(): string; schemaFile: string };
        assert.equal(fs.readFileSync(schemaFile, "utf8"), schemaText(), "plugin/schema.json is stale: run `npm run gen:schema`");
    });

    it("documents every input and output of every resource and type", () => {
        for (const [token, r] of Object.entries(schema.resources)) {
            for (const [k, p] of Object.entries({ ...r.inputProperties, ...r.properties })) assert.ok(p.description, `${token}.${k} has a description`);
        }
        for (const [token, t] of Object.entries(schema.types)) {
            for (const [k, p] of Object.entries(t.properties)) assert.ok(p.description, `${token}.${k} has a description`);
        }
    });

    it("has the provider configuration of the dynamic provider, credentials marked secret", () => {
        // Every key the core reads (provider/config/settings.ts), by its bare name, and no other.
        assert.deepEqual(Object.keys(schema.config.variables).sort(), Object.keys(CONFIG_KEYS).sort());
        assert.deepEqual(Object.keys(schema.provider.inputProperties).sort(), Object.keys(CONFIG_KEYS).sort());
        assert.equal(schema.provider.inputProperties.secretKey.secret, true);
        assert.equal(schema.provider.inputProperties.securityToken.secret, true);
        assert.equal(schema.provider.inputProperties.secretId.secret, undefined);
    });

    it("gives RunRetry every input of the TypeScript RunRetryArgs (sdk/types.ts), and RunGroupWait those of RunGroupWaitArgs", () => {
        const types = fs.readFileSync(path.join(repoRoot, "sdk", "types.ts"), "utf8");
        const fieldsOf = (iface: string): string[] => {
            const body = types.slice(types.indexOf(`export interface ${iface} {`));
            const end = body.indexOf("\n}");
            return [...body.slice(0, end).matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]).sort();
        };
        assert.deepEqual(Object.keys(schema.resources[RUN_RETRY].inputProperties).sort(), fieldsOf("RunRetryArgs"));
        assert.deepEqual(Object.keys(schema.resources[RUN_GROUP_WAIT].inputProperties).sort(), fieldsOf("RunGroupWaitArgs"));
    });
});
