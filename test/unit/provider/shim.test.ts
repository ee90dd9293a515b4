import * as assert from "node:assert/strict";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { providerText, type OmicsResourceType } from "../../../sdk/providerShim";

const TYPES: OmicsResourceType[] = ["RunRetry", "RunRetryIntent", "RunGroupWait"];

/** Evaluates a `__provider` text exactly as the dynamic-provider host does (require-from-string, from the program's directory). */
function loadLikeTheHost(text: string): pulumi.dynamic.ResourceProvider {
    const requireFromString = require("require-from-string") as (code: string, filename?: string) => { handler(): pulumi.dynamic.ResourceProvider };
    const programDir = path.resolve(__dirname, "..", "..", "..", "..");
    return requireFromString(text, path.join(programDir, "__provider.js")).handler();
}

describe("provider shim (the __provider text stored in state)", () => {
    for (const type of TYPES) {
        describe(type, () => {
            const text = providerText(type);

            it("is a few hundred bytes, also as JSON in a state file", () => {
                assert.ok(Buffer.byteLength(text, "utf8") < 700, `shim is ${Buffer.byteLength(text)} bytes`);
                assert.ok(JSON.stringify(text).length < 800, `shim is ${JSON.stringify(text).length} bytes as JSON`);
            });

            it("requires the installed package by name and captures no module, client or credential", () => {
                assert.match(text, /require\("pulumi-tencentcloud-omics\/provider"\)\.providerFor\("[A-Za-z]+"\)/);
                assert.ok(text.includes(JSON.stringify(type)));
                for (const forbidden of ["tencentcloud-sdk", "AKID", "secretKey", "secretId", "omics-emulator-demo", "TENCENTCLOUD_", "Client"]) {
                    assert.ok(!text.includes(forbidden), `shim text contains ${forbidden}`);
                }
            });

            it("before configure, every method fails with a message saying what is wrong", async () => {
                const p = loadLikeTheHost(text);
                for (const m of ["check", "diff", "create", "read", "update", "delete"] as const) {
                    assert.throws(() => (p[m] as () => unknown)(), /did not call configure/, m);
                }
            });

            it("configure installs this type's provider of the installed package", async () => {
                const p = loadLikeTheHost(text);
                await p.configure!({ config: { get: () => undefined, require: () => "" } });
                const { providerFor } = require("pulumi-tencentcloud-omics/provider") as { providerFor(t: OmicsResourceType): pulumi.dynamic.ResourceProvider };
                const real = providerFor(type);
                for (const m of ["check", "diff", "create", "read", "update", "delete"] as const) assert.equal(p[m], real[m], m);
            });
        });
    }

    it("the three texts differ, so the host caches and configures one provider per type", () => {
        assert.equal(new Set(TYPES.map(providerText)).size, 3);
    });

    it("RunRetry's text still differs from what 0.1.0 recorded, which keeps loading runRetryProvider", async () => {
        const { runRetryProvider, providerFor } = require("pulumi-tencentcloud-omics/provider") as {
            runRetryProvider: pulumi.dynamic.ResourceProvider;
            providerFor(t: OmicsResourceType): pulumi.dynamic.ResourceProvider;
        };
        assert.equal(providerFor("RunRetry"), runRetryProvider);
    });
});
