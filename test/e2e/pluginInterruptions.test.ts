// Exactly once through the plugin, from a Python and a YAML program: `pulumi up` (the real CLI as its own
// process group) is SIGKILLed after the emulator applied RetryRuns but before its answer arrived,
// and during the wait; then the user's next commands (`pulumi cancel` where the stack stays
// locked, `pulumi up`) end with exactly one RetryRuns applied, the RunRetryRecord's id equal to
// that group, and no plugin process left 10 s after the kill.
import * as assert from "node:assert/strict";
import { DEMO_CREDENTIALS, EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import type { RequestLogEntry } from "../../emulator/control/requestLog";
import { Backend } from "./support/engine";
import { type CliProcess, PulumiProject, useCliCleanup, waitUntil } from "./support/cliProcess";
import { pluginEnv } from "./support/plugin";

const RECORD = "tencentcloud-omics:index:RunRetryRecord";
const APPLIED = new Set(["success", "answer-lost", "dropped-after"]);

for (const [language, program] of [
    ["Python", "python-retry"],
    ["YAML", "yaml-retry"],
] as const)
    describe(`e2e: a killed \`pulumi up\` of a ${language} program never repeats or loses a retry (plugin)`, function () {
        this.timeout(240_000);
        useCliCleanup();
        let emulator: RunningEmulator;
        let control: EmulatorControl;
        let backend: Backend;

        before(async () => {
            emulator = await startEmulator({ clock: "manual" });
            control = new EmulatorControl(emulator.url);
            backend = new Backend();
        });
        after(async () => {
            await emulator?.stop();
            if (!process.env.OMICS_KEEP_E2E) backend?.cleanup();
        });
        afterEach(async () => control.clearFaults());

        async function scenario(stack: string, extra: Record<string, string> = {}) {
            const seeded = await control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
            const project = await PulumiProject.create(
                backend,
                program,
                stack,
                {
                    "tencentcloud-omics:region": "ap-guangzhou",
                    "tencentcloud-omics:endpoint": emulator.url,
                    "tencentcloud-omics:secretId": DEMO_CREDENTIALS.secretId,
                    "tencentcloud-omics:secretKey": { secret: DEMO_CREDENTIALS.secretKey },
                    runGroupId: seeded.RunGroupId,
                    ...extra,
                },
                { ...(await pluginEnv()), TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" },
            );
            const retries = async (): Promise<RequestLogEntry[]> =>
                (await control.requests("RetryRuns")).filter((r) => (r.params as { RunGroupId?: string }).RunGroupId === seeded.RunGroupId);
            return { project, seeded, retries };
        }

        /** The plugin process (`node .../lib/plugin/main.js`) ends with the engine. */
        async function assertPluginGone(up: CliProcess): Promise<void> {
            const plugin = () => up.survivors().filter((p) => p.cmdline.includes("lib/plugin/main.js"));
            await waitUntil(() => plugin().length === 0, 10_000, "the plugin to end after the engine died").catch(() => {
                throw new Error(
                    `still alive after the engine died:\n${plugin()
                        .map((p) => p.cmdline)
                        .join("\n")}`,
                );
            });
        }

        async function recover(s: Awaited<ReturnType<typeof scenario>>): Promise<string> {
            const next = await s.project.runAfterCrash(["up", "--yes", "--skip-preview"]);
            assert.equal(next.result.code, 0, next.result.output);
            const state = await s.project.exportState();
            const record = (state.deployment.resources ?? []).find((r) => r.type === RECORD);
            assert.ok(record?.id, "the retry is in state");
            return record.id;
        }

        async function assertExactlyOnce(s: Awaited<ReturnType<typeof scenario>>, id: string): Promise<void> {
            const applied = (await s.retries()).filter((r) => APPLIED.has(r.outcome));
            assert.equal(applied.length, 1, `RetryRuns applied: ${JSON.stringify(applied.map((r) => [r.outcome, r.response]))}`);
            assert.equal(id, applied[0]!.response?.RunGroupId, "the state's id is the group RetryRuns made");
        }

        it("SIGKILL after Tencent applied RetryRuns, before its answer arrived: the next up adopts that group", async () => {
            const s = await scenario("kill-applied");
            await control.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
            const up = s.project.startUp();
            await control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 60_000 });
            assert.ok(
                up.survivors().some((p) => p.cmdline.includes("lib/plugin/main.js")),
                "the plugin runs before the kill",
            );
            up.signalGroup("SIGKILL");
            await up.waitExit(10_000);
            await assertPluginGone(up);
            const id = await recover(s);
            await assertExactlyOnce(s, id);
        });

        it("SIGKILL during the wait: the next up waits again and never retries again", async () => {
            const s = await scenario("kill-wait", { waitForCompletion: "true" });
            const up = s.project.startUp();
            await waitUntil(async () => (await s.retries()).some((r) => r.outcome === "success"), 60_000, "RetryRuns");
            const group = (await s.retries())[0]!.response?.RunGroupId as string;
            await waitUntil(
                async () => (await control.requests("DescribeRunGroups")).filter((r) => JSON.stringify(r.params).includes(group)).length >= 2,
                30_000,
                "the wait to poll",
            );
            assert.ok(
                up.survivors().some((p) => p.cmdline.includes("lib/plugin/main.js")),
                "the plugin runs before the kill",
            );
            up.signalGroup("SIGKILL");
            await up.waitExit(10_000);
            await assertPluginGone(up);
            await control.advanceClock(3600);
            const id = await recover(s);
            await assertExactlyOnce(s, id);
            const outputs = JSON.parse((await s.project.runOk(["stack", "output", "--json"])).stdout) as { status: string };
            assert.match(outputs.status, /^COMPLETE/);
        });
    });
