// Fail safe under undocumented Tencent behaviour through the plugin, from the Python program: the
// emulator names the retried group differently from its source (`retriedGroupName: "suffix"`), and
// `pulumi up` (the real CLI as its own process group) is SIGKILLed after the emulator applied
// RetryRuns but before its answer arrived. After `pulumi cancel`, the next `preview` and `up` stop
// without any RetryRuns, naming that group and the choices; the documented choice (adoptRunGroupId)
// then records it with no RetryRuns, and one more `up` makes no call. The same kill through the
// TypeScript RunRetry (test/e2e/undocumented.test.ts covers its recovery) gives the same message,
// word for word but for IDs and times.
import * as assert from "node:assert/strict";
import type { RequestLogEntry } from "../../emulator/control/requestLog";
import { PulumiProject, waitUntil } from "./support/cliProcess";
import { killGroup, useKillFixture } from "./support/killFixture";
import { dynamicStackConfig, pluginStackConfig } from "./support/stackConfig";
import { pluginEnv } from "./support/plugin";

const RECORD = "tencentcloud-omics:index:RunRetryRecord";
const INTENT = "tencentcloud-omics:index:RunRetryIntent";
const APPLIED = new Set(["success", "answer-lost", "dropped-after"]);
/** The RunRetry's name in both programs, so the messages name the same resource. */
const NAME = "retry";
/** The refusal as the provider core words it (provider/runRetry/recovery.ts, decide), one line. */
const REFUSAL = new RegExp(
    `RunRetry "${NAME}": \\d+ group\\(s\\) created since the intent was recorded could be an earlier attempt of this retry[^\\n]*?left alone\\.`,
);

type Path = "plugin" | "typescript";

describe("e2e: a renamed retried group fails safe through the plugin (Python, killed `pulumi up`, cancel, preview + up stop, adoptRunGroupId)", function () {
    this.timeout(300_000);
    const fx = useKillFixture();

    /** A stack retrying a fresh failed group, seeded while the emulator renames retried groups. */
    async function scenario(path: Path, stack: string) {
        assert.equal((await fx.control.setBehaviour({ retriedGroupName: "suffix" })).retriedGroupName, "suffix");
        const seeded = await fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const project =
            path === "plugin"
                ? await PulumiProject.create(
                      fx.backend,
                      "python-retry",
                      stack,
                      {
                          ...pluginStackConfig(fx.emulator.url),
                          runGroupId: seeded.RunGroupId,
                      },
                      { ...(await pluginEnv()), TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" },
                  )
                : await PulumiProject.create(
                      fx.backend,
                      "retries",
                      stack,
                      {
                          ...dynamicStackConfig(fx.emulator.url),
                          retries: JSON.stringify({ [NAME]: { runGroupId: seeded.RunGroupId } }),
                      },
                      { TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250" },
                  );
        const retries = async (): Promise<RequestLogEntry[]> =>
            (await fx.control.requests("RetryRuns")).filter((r) => (r.params as { RunGroupId?: string }).RunGroupId === seeded.RunGroupId);
        return { path, project, seeded, retries };
    }
    type Scenario = Awaited<ReturnType<typeof scenario>>;

    /**
     * `up` SIGKILLed as a process group once the emulator applied RetryRuns and holds its answer;
     * checks that no provider process is left 10 s after the kill, cancels the stale lock, and
     * returns the group the killed attempt made (the candidate).
     */
    async function killAfterApplied(s: Scenario): Promise<string> {
        await fx.control.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
        const up = s.project.startUp();
        await fx.control.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" }, { timeoutMs: 90_000 });
        await killGroup(up, { providerRunning: true });
        // The held answer is logged once the provider's connection closed.
        await waitUntil(async () => (await s.retries()).some((r) => APPLIED.has(r.outcome)), 10_000, "the applied RetryRuns in the log");
        const log = await s.retries();
        assert.equal(log.length, 1, `one RetryRuns so far: ${JSON.stringify(log.map((r) => r.outcome))}`);
        const group = log[0]!.response?.RunGroupId as string;
        assert.match(group, /^run-/);
        assert.notEqual(group, s.seeded.RunGroupId);
        // The switch took effect: the candidate does not carry its source's name.
        const groups = (await fx.control.state()).runGroups;
        assert.equal(groups[group]?.Name, `${groups[s.seeded.RunGroupId]?.Name}-retry-1`, "the retried group is renamed");
        // The killed CLI leaves its lock behind; the user's next command is `pulumi cancel`.
        const cancelled = await s.project.cancelIfStaleLock();
        console.log(`      ${s.path}: ${cancelled ? "the stack was locked: pulumi cancel" : "the stack was not locked"}`);
        assert.deepEqual(s.project.locks(), [], "no lock left");
        return group;
    }

    /** The refusal in a command's output (the first, when the engine repeats it in its summary). */
    function refusalIn(output: string): string {
        const m = REFUSAL.exec(output);
        assert.ok(m, `no refusal naming the earlier attempt in:\n${output}`);
        return m[0];
    }

    it("preview and up stop without RetryRuns, naming the killed attempt's group and the choices; adoptRunGroupId records it with no RetryRuns; one more up makes no call", async () => {
        const s = await scenario("plugin", "renamed");
        const group = await killAfterApplied(s);
        const allRetries = async () => (await fx.control.requests("RetryRuns")).length;
        const before = await allRetries();

        // The intent was checkpointed before RetryRuns; the record never was.
        const killed = (await s.project.exportState()).deployment.resources ?? [];
        assert.ok(
            killed.some((r) => r.type === INTENT),
            "the intent is in state",
        );
        assert.ok(!killed.some((r) => r.type === RECORD && r.id), "no record of the retry in state");

        const preview = await s.project.run(["preview"]);
        assert.notEqual(preview.code, 0, `preview must stop:\n${preview.output}`);
        const up = await s.project.run(["up", "--yes", "--skip-preview"]);
        assert.notEqual(up.code, 0, `up must stop:\n${up.output}`);
        for (const [command, output] of [
            ["preview", preview.output],
            ["up", up.output],
        ] as const) {
            const message = refusalIn(output);
            // What test/e2e/undocumented.test.ts expects of the TypeScript path's refusal.
            assert.match(message, /could be an earlier attempt of this retry/, command);
            assert.ok(message.includes(group), `${command}'s refusal names ${group}:\n${message}`);
            assert.match(message, /partial evidence/, command);
            assert.match(message, /set adoptRunGroupId to its ID/, command);
            // And precisely: the group, why it is not conclusive, and both choices.
            assert.match(message, new RegExp(`of this retry of ${s.seeded.RunGroupId}, and the evidence is not conclusive`), command);
            assert.match(message, new RegExp(`: ${group} \\(created [^;]*; partial evidence: matched application ${s.seeded.ApplicationId}`), command);
            assert.match(message, /differs or unknown: name "[^"]+-retry-1" \(the source's is "[^"]+"\)/, command);
            assert.match(
                message,
                /Not retrying\. To keep one of them as this retry, set adoptRunGroupId to its ID; to retry anyway, set recovery: "retry"/,
                command,
            );
        }
        assert.equal(refusalIn(up.output), refusalIn(preview.output), "up says what preview said");
        assert.equal(await allRetries(), before, "no RetryRuns from preview or up");
        assert.equal((await s.retries()).length, 1);
        const stopped = (await s.project.exportState()).deployment.resources ?? [];
        assert.ok(!stopped.some((r) => r.type === RECORD && r.id), "still no record of the retry");

        // The documented choice: adoptRunGroupId names the candidate.
        await s.project.runOk(["config", "set", "adoptRunGroupId", group]);
        await s.project.runOk(["up", "--yes"]);
        assert.equal(await allRetries(), before, "adopting made no RetryRuns");
        assert.equal((await s.retries()).length, 1, "exactly one RetryRuns in all");
        const outputs = JSON.parse((await s.project.runOk(["stack", "output", "--json"])).stdout) as { newRunGroupId: string };
        assert.equal(outputs.newRunGroupId, group, "newRunGroupId is the killed attempt's group");
        const record = ((await s.project.exportState()).deployment.resources ?? []).find((r) => r.type === RECORD);
        assert.equal(record?.id, group, "the RunRetryRecord's id is the group");
        assert.equal(record?.outputs?.adopted, true);
        // The record's plan as the provider wrote it (a Python stack output would name its keys in snake_case).
        const recovery = (record?.outputs?.plan as { recovery?: { decision?: string; runGroupId?: string; why?: string } } | undefined)?.recovery;
        assert.equal(recovery?.decision, "adopt");
        assert.equal(recovery?.runGroupId, group);
        assert.match(recovery?.why ?? "", /^adoptRunGroupId names /, "the TypeScript path's wording for an adoption by hand");

        const seen = (await fx.control.requests()).length;
        await s.project.runOk(["up", "--yes"]);
        const calls = (await fx.control.requests()).slice(seen);
        assert.deepEqual(
            calls.map((c) => c.action),
            [],
            "a further up makes no API call",
        );
        const again = JSON.parse((await s.project.runOk(["stack", "output", "--json"])).stdout) as { newRunGroupId: string };
        assert.equal(again.newRunGroupId, group);
    });

    it("the TypeScript RunRetry's preview stops with the same message, word for word but for IDs and times", async () => {
        const messages: Record<Path, string> = { plugin: "", typescript: "" };
        for (const path of ["plugin", "typescript"] as const) {
            const s = await scenario(path, `same-message-${path}`);
            const group = await killAfterApplied(s);
            const preview = await s.project.run(["preview"]);
            assert.notEqual(preview.code, 0, `${path} preview must stop:\n${preview.output}`);
            assert.equal((await s.retries()).length, 1, `${path}: no RetryRuns from preview`);
            const groups = (await fx.control.state()).runGroups;
            const source = groups[s.seeded.RunGroupId]!;
            const made = groups[group]!;
            // What differs between two stacks by construction, longest first.
            const replacements: [string, string][] = [
                [group, "<candidate>"],
                [s.seeded.RunGroupId, "<source>"],
                [s.seeded.ApplicationId, "<application>"],
                [made.CreateTime, "<createTime>"],
                [made.Name, "<name>-retry-1"],
                [source.Name, "<name>"],
            ];
            let message = refusalIn(preview.output);
            for (const [from, to] of replacements) message = message.split(from).join(to);
            messages[path] = message;
        }
        console.log(`      ${messages.plugin}`);
        assert.match(messages.plugin, /<candidate> \(created <createTime>/);
        assert.equal(messages.plugin, messages.typescript, "both languages say the same thing");
    });
});
