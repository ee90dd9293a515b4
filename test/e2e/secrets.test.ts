// A secret key given as secret stack config never lands in state, engine output or logs.
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startFixture, retriesConfig, EngineFixture } from "./support/fixture";

describe("e2e: credentials stay out of state and output", function () {
    this.timeout(240_000);
    let fx: EngineFixture;
    const canary = `canary-${crypto.randomBytes(12).toString("hex")}`;

    before(async () => {
        fx = await startFixture({ clock: "immediate", credentials: [{ secretId: "AKIDCANARYOMICS0000000000000000000", secretKey: canary }] });
    });
    after(async () => fx?.close());

    it("the canary key appears nowhere: stack export (even --show-secrets), up/refresh/destroy output, debug logs, backend files", async () => {
        const seeded = await fx.control.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const stack = await fx.newStack("retries", "secrets", retriesConfig({ main: { runGroupId: seeded.RunGroupId, waitForCompletion: true } }));
        const transcript: string[] = [];
        const collect = (s: string) => transcript.push(s);

        const up = await stack.up({ onOutput: collect, debug: true, logToStdErr: true, logVerbosity: 9 });
        assert.equal(up.summary.result, "succeeded", "the canary credentials work, so the call was really signed with them");
        transcript.push(up.stdout, up.stderr);
        const refresh = await stack.refresh({ onOutput: collect });
        transcript.push(refresh.stdout, refresh.stderr);

        const exported = JSON.stringify(await stack.exportStack()); // runs `pulumi stack export --show-secrets`
        assert.ok(exported.includes(seeded.RunGroupId), "the export is real and holds the retry");
        assert.ok(!exported.includes(canary), "canary found in `pulumi stack export --show-secrets`");

        const provider = JSON.parse(exported).deployment.resources.find((r: { type: string }) => r.type.endsWith("omics:RunRetry"));
        const serialized = JSON.stringify(provider.inputs.__provider ?? provider.outputs.__provider);
        assert.ok(serialized.length < 2048, `__provider is ${serialized.length} bytes`);

        const destroy = await stack.destroy({ onOutput: collect });
        transcript.push(destroy.stdout, destroy.stderr);
        assert.ok(!transcript.join("\n").includes(canary), "canary found in engine output or logs");

        for (const file of fs.readdirSync(fx.backend.dir, { recursive: true }).map(String)) {
            const full = path.join(fx.backend.dir, file);
            if (fs.statSync(full).isFile() && fs.statSync(full).size < 50_000_000) {
                assert.ok(!fs.readFileSync(full, "utf8").includes(canary), `canary found in ${file}`);
            }
        }
    });
});
