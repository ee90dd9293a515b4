// RunRetry from Pulumi YAML and Python programs, through the provider plugin (plugin/), the
// language hosts built here (scripts/engine/ensure-languages.js), the generated Python SDK and the
// real engine, against the emulator: preview, up, no-op up, destroy, and bad input refused at
// preview before any API call. Both programs read the same config: runGroupId, region,
// waitTimeoutSeconds.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ConfigMap, EngineEvent } from "@pulumi/pulumi/automation";
import { DEMO_CREDENTIALS } from "../../emulator";
import { countingCalls, only } from "./support/requests";
import { upRetriesOnce } from "./support/retryAssertions";
import { createPluginStack, pluginConfig, pluginResources, usePluginRetrySuite } from "./support/plugin";

const T = "tencentcloud-omics:index:";

for (const [language, program] of [
    ["YAML", "yaml-retry"],
    ["Python", "python-retry"],
] as const)
    describe(`e2e: plugin from a ${language} program`, function () {
        this.timeout(240_000);
        const suite = usePluginRetrySuite(program, "lifecycle");
        let newId: string;

        it("preview shows the reviewed plan (per-run errors, retries used) and makes no RetryRuns call", async () => {
            const events: EngineEvent[] = [];
            const { result, calls } = await countingCalls(suite.fx.control, () => suite.stack.preview({ diff: true, onEvent: (e) => events.push(e) }));
            assert.equal(result.changeSummary.create, 3, "the stack, the RunRetry's RunRetryIntent and RunRetryRecord (no component resource)");
            assert.equal(only(calls, "RetryRuns").length, 0);
            const types = events.map((e) => e.resourcePreEvent?.metadata?.type).filter(Boolean);
            for (const t of ["RunRetryIntent", "RunRetryRecord"]) assert.ok(types.includes(`${T}${t}`), `a step for ${t}`);
            assert.ok(!types.includes(`${T}RunRetry`), "no step for a RunRetry component: its steps take its place");
            assert.match(result.stdout, /2 of 3 runs failed: executor error/);
            assert.match(result.stdout, /retriesUsed\s*: 0/);
            assert.match(result.stdout, /errorMessage\s*: "executor error/);
            assert.match(result.stdout, /first attempt/);
        });

        it("up calls RetryRuns exactly once and exports newRunGroupId; the secret key is not in the state in clear", async () => {
            const { newId: made, result } = await upRetriesOnce(suite.fx.control, suite.stack, suite.seeded.RunGroupId);
            newId = made;
            const record = (await pluginResources(suite.stack)).find((r) => r.type === `${T}RunRetryRecord`);
            assert.equal(record?.id, newId, "the RunRetryRecord's id is the new group");
            const stateDir = path.join(suite.fx.backend.dir, "state");
            const inClear = fs
                .readdirSync(stateDir, { recursive: true })
                .map(String)
                .filter(
                    (f) => fs.statSync(path.join(stateDir, f)).isFile() && fs.readFileSync(path.join(stateDir, f), "utf8").includes(DEMO_CREDENTIALS.secretKey),
                );
            assert.deepEqual(inClear, [], "the secret key is encrypted in every state file");
            assert.ok(!result.stdout.includes(DEMO_CREDENTIALS.secretKey) && !result.stderr.includes(DEMO_CREDENTIALS.secretKey), "nor in the output");
        });

        it("a second up changes nothing and makes no API call", async () => {
            const { result, calls } = await countingCalls(suite.fx.control, () => suite.stack.up());
            assert.equal(result.summary.result, "succeeded");
            assert.deepEqual(result.summary.resourceChanges, { same: 3 });
            assert.deepEqual(calls, []);
            assert.equal(result.outputs.newRunGroupId.value, newId);
        });

        it("refresh reads the new group's status without a RetryRuns and keeps the retry", async () => {
            await suite.fx.control.advanceClock(3600);
            const { result, calls } = await countingCalls(suite.fx.control, () => suite.stack.refresh());
            assert.equal(result.summary.result, "succeeded");
            assert.equal(only(calls, "RetryRuns").length, 0);
            assert.ok(calls.length > 0, "refresh read the group");
            const record = (await pluginResources(suite.stack)).find((r) => r.type === `${T}RunRetryRecord`);
            assert.equal(record?.id, newId);
            assert.match(String(record?.outputs?.status), /^COMPLETE/, "the finished group's status");
        });

        it("destroy forgets the retry without a RetryRuns or TerminateRunGroup", async () => {
            const { result, calls } = await countingCalls(suite.fx.control, () => suite.stack.destroy());
            assert.equal(result.summary.result, "succeeded");
            assert.equal(result.summary.resourceChanges?.delete, 3);
            assert.equal(only(calls, "RetryRuns").length + only(calls, "TerminateRunGroup").length, 0);
            assert.equal((await pluginResources(suite.stack)).length, 0);
        });

        for (const [label, config, property] of [
            ["a malformed runGroupId", { runGroupId: { value: "group-42" } }, "runGroupId"],
            ["a region where Omics is not offered", { region: { value: "mars-north-1" } }, "region"],
            ["a wait timeout out of range", { waitTimeoutSeconds: { value: "0" } }, "waitTimeoutSeconds"],
        ] as const) {
            it(`bad input (${label}) fails the preview naming ${property}, before any API call`, async () => {
                const cfg: ConfigMap = { ...pluginConfig(suite.fx.url), runGroupId: { value: suite.seeded.RunGroupId } };
                const bad = await createPluginStack(suite.fx.backend, program, `bad-${property}`, Object.assign(cfg, config));
                const { result, calls } = await countingCalls(suite.fx.control, () =>
                    bad.preview().then(
                        () => assert.fail("the preview should fail"),
                        (e: Error) => e,
                    ),
                );
                assert.match(result.message, new RegExp(`property ${property} value .* has a problem`));
                assert.deepEqual(calls, [], "no API call at all");
            });
        }
    });
