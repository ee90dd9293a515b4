// A secret key never lands in our resources' state, engine output or logs.
//
// One engine behaviour bounds what "nowhere" can mean: since Pulumi 3.1xx the engine hands the
// WHOLE stack config to the default `pulumi-nodejs` provider (the one every dynamic resource
// uses) and records it as that provider resource's inputs. A key given as *secret stack config*
// is therefore stored there encrypted, and `pulumi stack export --show-secrets` decrypts it, as
// `pulumi config --show-secrets` does. Nothing in a dynamic provider can change that record.
// The engine's own verbose trace (`-v=7` and up) prints the config it sends that provider, in clear.
// A key given through the environment (or the SDK's profile/role chain) appears nowhere at all.
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { retriesConfig, useEngineFixture } from "./support/fixture";

interface ExportedResource {
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

/** Runs up, refresh and destroy with debug logs, returning everything the engine printed. */
async function lifecycleTranscript(stack: Stack, onExport: (exported: string) => void): Promise<string> {
    const transcript: string[] = [];
    const collect = (s: string) => transcript.push(s);
    const up = await stack.up({ onOutput: collect, debug: true, logToStdErr: true, logVerbosity: 9 });
    assert.equal(up.summary.result, "succeeded", "the canary credentials work, so calls were really signed with them");
    transcript.push(up.stdout, up.stderr);
    const refresh = await stack.refresh({ onOutput: collect });
    transcript.push(refresh.stdout, refresh.stderr);
    onExport(JSON.stringify(await stack.exportStack())); // `pulumi stack export --show-secrets`
    const destroy = await stack.destroy({ onOutput: collect });
    transcript.push(destroy.stdout, destroy.stderr);
    return transcript.join("\n");
}

function filesContaining(dir: string, needle: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((file) => {
            const full = path.join(dir, file);
            return fs.statSync(full).isFile() && fs.readFileSync(full, "utf8").includes(needle);
        });
}

for (const via of ["config", "env"] as const) {
    describe(`e2e: a secret key given through ${via === "config" ? "secret stack config" : "the environment"} stays secret`, function () {
        this.timeout(240_000);
        const canary = `canary-${crypto.randomBytes(12).toString("hex")}`;
        const fx = useEngineFixture({
            clock: "immediate",
            credentialsVia: via,
            credentials: [{ secretId: "AKIDCANARYOMICS0000000000000000000", secretKey: canary }],
        });

        it("never appears in engine output, debug logs, backend files, or any RunRetry state (even --show-secrets)", async () => {
            const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
            const stack = await fx.newStack("retries", `secrets-${via}`, retriesConfig({ main: { runGroupId: seeded.RunGroupId, waitForCompletion: true } }));
            let exported = "";
            const transcript = await lifecycleTranscript(stack, (e) => (exported = e));

            assert.ok(exported.includes(seeded.RunGroupId), "the export is real and holds the retry");
            const resources = JSON.parse(exported).deployment.resources as ExportedResource[];
            const runRetry = resources.find((r) => r.type.endsWith("omics:RunRetry"));
            assert.ok(runRetry);
            assert.ok(!JSON.stringify(runRetry).includes(canary), "canary in the RunRetry's state");
            const serializedProvider = JSON.stringify(runRetry.inputs?.__provider);
            assert.ok(serializedProvider.length < 2048, `__provider is ${serializedProvider.length} bytes`);

            const elsewhere = resources.filter((r) => JSON.stringify(r).includes(canary)).map((r) => r.type);
            if (via === "env") {
                assert.deepEqual(elsewhere, [], "with environment credentials the key is nowhere, even with --show-secrets");
            } else {
                // Only the engine's own record of the stack config, and only when decrypted.
                assert.deepEqual(elsewhere, ["pulumi:providers:pulumi-nodejs"]);
            }

            const leaking = transcript.split("\n").filter((line) => line.includes(canary));
            if (via === "env") {
                assert.deepEqual(leaking, [], "canary found in engine output or logs");
            } else {
                // Only the engine's verbose (-v=7 and up) trace of the config it hands the default provider.
                for (const line of leaking) {
                    const entry = JSON.parse(line) as { v?: number; msg?: string };
                    assert.ok((entry.v ?? 0) >= 7, `not a verbose engine trace: ${line}`);
                    assert.match(entry.msg ?? "", /CheckConfig|\.Configure\(\)|Planner decided to create '[^']*pulumi:providers:pulumi-nodejs::default'/, line);
                }
            }
            assert.deepEqual(filesContaining(fx.backend.dir, canary), [], "canary stored in clear in a backend file");
        });
    });
}
