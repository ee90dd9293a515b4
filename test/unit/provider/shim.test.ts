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

    it("serializes to under 2 KB", () => {
        assert.ok(Buffer.byteLength(text, "utf8") < 2048, `serialized shim is ${Buffer.byteLength(text)} bytes`);
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

    it("forwards to the installed package's provider when loaded the way the host loads it", async () => {
        // The host evaluates the text with require-from-string; here the text's require resolves
        // the package by name through package self-reference (exports "./provider").
        const Module = require("node:module") as { new (id: string): { paths: string[]; _compile(code: string, filename: string): void; exports: { handler: () => pulumi.dynamic.ResourceProvider } }; _nodeModulePaths(dir: string): string[] };
        const m = new Module("shim");
        const filename = require.resolve("../../../../package.json").replace(/package\.json$/, "shim-under-test.js");
        m.paths = Module._nodeModulePaths(filename.replace(/[^/]*$/, ""));
        m._compile(text, filename);
        const provider = m.exports.handler();
        const diff = await provider.diff!("run-x", { runGroupId: "run-a-b-c-000001", region: "ap-guangzhou" }, { runGroupId: "run-a-b-c-000002", region: "ap-guangzhou" });
        assert.deepEqual(diff.replaces, ["runGroupId"]);
    });
});
