// Exactly once through the plugin, from a Python and a YAML program: `pulumi up` (the real CLI as its own
// process group) is SIGKILLed after the emulator applied RetryRuns but before its answer arrived,
// and during the wait; then the user's next commands (`pulumi cancel` where the stack stays
// locked, `pulumi up`) end with exactly one RetryRuns applied, the RunRetryRecord's id equal to
// that group, and no plugin process left 10 s after the kill.
import * as assert from "node:assert/strict";
import type { RequestLogEntry } from "../../emulator/control/requestLog";
import { PulumiProject, waitUntil } from "./support/cliProcess";
import { killGroup, useKillFixture, waitForWaitPolls } from "./support/killFixture";
import { pluginStackConfig } from "./support/stackConfig";
import { pluginEnv } from "./support/plugin";

const RECORD = "tencentcloud-omics:index:RunRetryRecord";
const APPLIED = new Set(["success", "answer-lost", "dropped-after"]);

for (const [language, program] of [
    ["Python", "python-retry"],
    ["YAML", "yaml-retry"],
] as const)
    describe(`e2e: a killed \`pulumi up\` of a ${language} program never repeats or loses a retry (plugin)`, function () {
        this.timeout(240_000);
        const fx = useKillFixture();

        async function scenario(stack: string, extra: Record<string, string> = {}) {
            const seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
            const project = await PulumiProject.create(
                fx.backend,
                program,
                stack,
                {
                    ...pluginStackConfig(fx.emulator.url),
                    runGroupId: seeded.RunGroupId,
                    ...extra,
                },
                { ...(await pluginEnv()), TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" },
            );
            const retries = async (): Promise<RequestLogEntry[]> =>
                (await fx.control.requests("RetryRuns")).filter((r) => (r.params as { RunGroupId?: string }).RunGroupId === seeded.RunGroupId);
            return { project, seeded, retries };
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
            await fx.control.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
            const up = s.project.startUp();
            await fx.control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 60_000 });
            await killGroup(up, { providerRunning: true });
            const id = await recover(s);
            await assertExactlyOnce(s, id);
        });

        it("SIGKILL during the wait: the next up waits again and never retries again", async () => {
            const s = await scenario("kill-wait", { waitForCompletion: "true" });
            const up = s.project.startUp();
            await waitUntil(async () => (await s.retries()).some((r) => r.outcome === "success"), 60_000, "RetryRuns");
            const group = (await s.retries())[0]!.response?.RunGroupId as string;
            await waitForWaitPolls(fx.control, group);
            await killGroup(up, { providerRunning: true });
            await fx.control.advanceClock(3600);
            const id = await recover(s);
            await assertExactlyOnce(s, id);
            const outputs = JSON.parse((await s.project.runOk(["stack", "output", "--json"])).stdout) as { status: string };
            assert.match(outputs.status, /^COMPLETE/);
        });
    });
