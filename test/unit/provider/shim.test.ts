import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../../../sdk/providerShim";

describe("provider shim (the __provider closure stored in state)", () => {
    let text: string;
    before(async function () {
        this.timeout(30_000);
        // Exactly what pulumi.dynamic.Resource serializes: `() => provider`, provider a plain local.
        const provider: pulumi.dynamic.ResourceProvider = providerShim;
        const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
        text = sf.text;
        assert.equal(sf.containsSecrets, false);
    });

    it("serializes to well under 2 KB, also as JSON in a state file", () => {
        assert.ok(Buffer.byteLength(text, "utf8") < 1500, `serialized shim is ${Buffer.byteLength(text)} bytes`);
        assert.ok(JSON.stringify(text).length < 2048, `serialized shim is ${JSON.stringify(text).length} bytes as JSON`);
    });

    it("requires the installed package by name and captures no module, client or credential", () => {
        assert.match(text, /require\("pulumi-tencentcloud-omics\/provider"\)/);
        for (const forbidden of ["tencentcloud-sdk-nodejs", "AKID", "secretKey", "secretId", "omics-emulator-demo", "TENCENTCLOUD_", "Client"]) {
            assert.ok(!text.includes(forbidden), `shim text contains ${forbidden}`);
        }
    });

    it("exposes every provider method", () => {
        for (const m of ["configure", "check", "diff", "create", "read", "update", "delete"]) {
            assert.equal(typeof (providerShim as unknown as Record<string, unknown>)[m], "function", m);
        }
    });

    it("before configure, every method fails with a message saying what is wrong", async () => {
        await assert.rejects(async () => providerShim.create({}), /did not call configure/);
    });

    it("configure installs the installed package's provider when loaded the way the host loads it", async () => {
        // The host evaluates the text with require-from-string; here the text's require resolves
        // the package by name through package self-reference (exports "./provider").
        const Module = require("node:module") as { new (id: string): { paths: string[]; _compile(code: string, filename: string): void; exports: { handler: () => pulumi.dynamic.ResourceProvider } }; _nodeModulePaths(dir: string): string[] };
        const m = new Module("shim");
        const filename = require.resolve("../../../../package.json").replace(/package\.json$/, "shim-under-test.js");
        m.paths = Module._nodeModulePaths(filename.replace(/[^/]*$/, ""));
        m._compile(text, filename);
        const provider = m.exports.handler();
        // The host calls configure once, right after deserializing, before anything else.
        await provider.configure!({ config: { get: () => undefined, require: () => "" } });
        const { runRetryProvider } = require("pulumi-tencentcloud-omics/provider") as { runRetryProvider: pulumi.dynamic.ResourceProvider };
        assert.equal(provider.check, runRetryProvider.check);
        assert.equal(provider.read, runRetryProvider.read);
        const diff = await provider.diff!("run-x", { runGroupId: "run-a-b-c-000001", region: "ap-guangzhou" }, { runGroupId: "run-a-b-c-000002", region: "ap-guangzhou" });
        assert.deepEqual(diff.replaces, ["runGroupId"]);
    });
});
