/**
 * Seeded fault probabilities, the timing faults that watch the client (holdMs, answerDelayMs),
 * and the in-flight list, through the official SDK (in-process, and in a client process that is
 * killed mid-request).
 */
import * as assert from "node:assert/strict";
import { startEmulator } from "../../../emulator";
import { eventually, killClient, sdkError, spawnSdkCall, startTestEmulator, type TestEmulator } from "./helpers";

/** Outcome pattern of `n` DescribeProjects calls ("ok" or the error code). */
async function pattern(t: TestEmulator, n: number): Promise<string[]> {
    const c = t.client();
    const out: string[] = [];
    for (let i = 0; i < n; i++)
        out.push(
            await c.DescribeProjects({}).then(
                () => "ok",
                (e: { code?: string }) => e.code ?? "?",
            ),
        );
    return out;
}

describe("emulator fault timing, seeds and in-flight requests", function () {
    this.timeout(30_000);
    let t: TestEmulator;
    afterEach(async () => {
        await t.emu.stop();
    });

    describe("seeded probabilities", () => {
        const coinFlip = { action: "DescribeProjects", error: { code: "InternalError" }, probability: 0.5 } as const;

        it("the same seed and the same requests give the same decisions; another seed others", async () => {
            t = await startTestEmulator({ faultSeed: 12345, rateLimitPerSecond: false });
            assert.equal(await t.ctl.faultSeed(), 12345, "GET /_emulator/faults reports the seed");
            await t.ctl.addFault(coinFlip);
            const first = await pattern(t, 24);
            assert.ok(first.includes("ok") && first.includes("InternalError"), `a fair coin over 24 calls: ${first.join(",")}`);

            // Setting the seed restarts its sequence: the same rule and calls decide the same way.
            await t.ctl.setFaultSeed(12345);
            assert.deepEqual(await pattern(t, 24), first);
            // Reset clears the rules and restarts the current seed's sequence too.
            await t.ctl.reset();
            await t.ctl.addFault(coinFlip);
            assert.deepEqual(await pattern(t, 24), first);

            await t.ctl.setFaultSeed(54321);
            assert.equal(await t.ctl.faultSeed(), 54321);
            assert.notDeepEqual(await pattern(t, 24), first);
            await t.emu.stop();

            // A separate emulator (another process would do the same) started with the seed replays it.
            t = await startTestEmulator({ faultSeed: 12345, rateLimitPerSecond: false });
            await t.ctl.addFault(coinFlip);
            assert.deepEqual(await pattern(t, 24), first);
        });

        it("without a seed a random one is used and reported; bad seeds are refused", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.faultSeed();
            assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff, String(seed));
            await assert.rejects(t.ctl.setFaultSeed(-1), /seed/);
            await assert.rejects(t.ctl.setFaultSeed(2 ** 32), /seed/);
            await assert.rejects(t.ctl.setFaultSeed(1.5), /seed/);
            assert.equal(await t.ctl.faultSeed(), seed, "a refused seed changes nothing");
            await assert.rejects(startEmulator({ faultSeed: -3 }), /faultSeed/);
        });
    });

    describe("holdMs", () => {
        beforeEach(async () => {
            t = await startTestEmulator({ rateLimitPerSecond: false });
        });

        it("a client killed while its RetryRuns is held: nothing processed, outcome client-gone", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", holdMs: 60_000, count: 1 });
            const call = spawnSdkCall(t.port, "RetryRuns", { RunGroupId: seed.RunGroupId });
            const held = await t.ctl.waitForInflight({ action: "RetryRuns", phase: "holding" });
            assert.deepEqual(held.params, { RunGroupId: seed.RunGroupId });
            assert.equal(held.region, "ap-guangzhou");
            await killClient(call);
            await eventually(async () => (await t.ctl.requests("RetryRuns")).length === 1, "the held request to be logged");
            const [entry] = await t.ctl.requests("RetryRuns");
            assert.equal(entry?.outcome, "client-gone");
            assert.equal(entry?.response, undefined);
            assert.deepEqual(Object.keys((await t.ctl.state()).runGroups), [seed.RunGroupId], "no retry happened");
            assert.deepEqual(await t.ctl.inflight(), []);
            // The rule was used up; the next call goes through.
            assert.ok((await t.client().RetryRuns({ RunGroupId: seed.RunGroupId })).RunGroupId);
        });

        it("a client that waits gets the answer after the hold; a hold combines with an error", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", holdMs: 400, count: 1 });
            const t0 = Date.now();
            const ok = await t.client().RetryRuns({ RunGroupId: seed.RunGroupId });
            assert.ok(Date.now() - t0 >= 380, `answered after ${Date.now() - t0} ms`);
            assert.ok(ok.RunGroupId);
            await t.ctl.addFault({ action: "DescribeRuns", holdMs: 200, error: { code: "InternalError" }, count: 1 });
            assert.equal((await sdkError(t.client().DescribeRuns({}))).code, "InternalError");
            assert.deepEqual(
                (await t.ctl.requests()).map((e) => e.outcome),
                ["success", "error"],
            );
        });

        it("stopping the emulator drops held requests at once instead of waiting them out", async () => {
            await t.ctl.addFault({ action: "DescribeProjects", holdMs: 60_000 });
            const pending = sdkError(t.client().DescribeProjects({}));
            await t.ctl.waitForInflight({ phase: "holding" });
            const t0 = Date.now();
            await t.emu.stop();
            assert.ok(Date.now() - t0 < 5000, `stop took ${Date.now() - t0} ms`);
            const e = await pending;
            assert.ok(!e.code, `a network error, not a Tencent answer: ${e.message}`);
        });
    });

    describe("answerDelayMs", () => {
        beforeEach(async () => {
            t = await startTestEmulator({ rateLimitPerSecond: false });
        });

        it("processed and persisted before the answer; a client gone meanwhile: outcome answer-lost, state stays changed", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", answerDelayMs: 60_000, count: 1 });
            const call = spawnSdkCall(t.port, "RetryRuns", { RunGroupId: seed.RunGroupId });
            await t.ctl.waitForInflight({ action: "RetryRuns", phase: "answer-delayed" });
            const groups = Object.values((await t.ctl.state()).runGroups);
            assert.equal(groups.length, 2, "applied while the answer waits");
            await killClient(call);
            await eventually(async () => (await t.ctl.requests("RetryRuns")).length === 1, "the lost answer to be logged");
            const [entry] = await t.ctl.requests("RetryRuns");
            assert.equal(entry?.outcome, "answer-lost");
            const created = groups.find((g) => g.RunGroupId !== seed.RunGroupId);
            assert.equal(entry?.response?.RunGroupId, created?.RunGroupId, "the log says what the lost answer held");
            assert.equal(Object.keys((await t.ctl.state()).runGroups).length, 2);
        });

        it("an SDK client that times out during the delay loses the answer; one that waits gets it", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", answerDelayMs: 3000, count: 1 });
            const e = await sdkError(t.client({ reqTimeoutSeconds: 1 }).RetryRuns({ RunGroupId: seed.RunGroupId }));
            assert.ok(!e.code, `a timeout, not a Tencent answer: ${e.message}`);
            await eventually(async () => (await t.ctl.requests("RetryRuns")).length === 1, "the lost answer to be logged");
            assert.equal((await t.ctl.requests("RetryRuns"))[0]?.outcome, "answer-lost");

            await t.ctl.addFault({ action: "DescribeRunGroups", answerDelayMs: 300, count: 1 });
            const t0 = Date.now();
            assert.equal((await t.client().DescribeRunGroups({})).TotalCount, 2);
            assert.ok(Date.now() - t0 >= 280, `answered after ${Date.now() - t0} ms`);
            assert.equal((await t.ctl.requests("DescribeRunGroups"))[0]?.outcome, "success");
        });

        it("delays error answers too, and combines with drop after (processed, delayed, then cut)", async () => {
            await t.ctl.addFault({ action: "GetRunStatus", answerDelayMs: 200, count: 1 });
            const t0 = Date.now();
            assert.equal((await sdkError(t.client().GetRunStatus({ RunUuid: "7b501b32-4e42-456a-9d54-aa3c9791beb0" }))).code, "ResourceNotFound.RunNotExist");
            assert.ok(Date.now() - t0 >= 180);
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", answerDelayMs: 200, drop: "after", count: 1 });
            const e = await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }));
            assert.ok(!e.code);
            assert.equal((await t.ctl.requests("RetryRuns"))[0]?.outcome, "dropped-after");
            assert.equal(Object.keys((await t.ctl.state()).runGroups).length, 2);
        });
    });

    describe("latencyMs keeps its meaning", () => {
        it("a client killed during latency does not stop the processing", async () => {
            t = await startTestEmulator();
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", latencyMs: 500, count: 1 });
            const call = spawnSdkCall(t.port, "RetryRuns", { RunGroupId: seed.RunGroupId });
            await t.ctl.waitForInflight({ action: "RetryRuns", phase: "latency" });
            await killClient(call);
            await eventually(async () => (await t.ctl.requests("RetryRuns")).length === 1, "the request to finish");
            assert.equal((await t.ctl.requests("RetryRuns"))[0]?.outcome, "success");
            assert.equal(Object.keys((await t.ctl.state()).runGroups).length, 2);
        });
    });

    describe("in-flight list and rule validation", () => {
        beforeEach(async () => {
            t = await startTestEmulator();
        });

        it("lists unanswered requests with phase, since, redacted params and the caller", async () => {
            assert.deepEqual(await t.ctl.inflight(), []);
            const env = (await t.client().DescribeEnvironments({})).Environments?.[0]?.EnvironmentId as string;
            await t.ctl.addFault({ action: "RunWorkflow", holdMs: 60_000, count: 1 });
            const call = spawnSdkCall(t.port, "RunWorkflow", {
                Name: "wf",
                EnvironmentId: env,
                Type: "NEXTFLOW",
                NFOption: {},
                InputCosUri: "cos://b/k",
                GitSource: { GitHttpPath: "https://git.example/x.git", GitTokenOrPassword: "hunter2" },
            });
            const held = await t.ctl.waitForInflight({ action: "RunWorkflow", phase: "holding" });
            assert.equal((held.params as { GitSource: { GitTokenOrPassword: string } }).GitSource.GitTokenOrPassword, "***");
            assert.ok(!Number.isNaN(Date.parse(held.since)) && held.since >= held.arrived);
            assert.equal(held.secretId, "AKIDOMICSEMULATORDEMO00000000000000");
            const raw = await (await fetch(`${t.emu.url}/_emulator/requests/inflight`)).text();
            assert.ok(!raw.includes("hunter2"));
            await killClient(call);
            await eventually(async () => (await t.ctl.inflight()).length === 0, "the in-flight list to empty");
            await assert.rejects(t.ctl.waitForInflight({ action: "RunWorkflow" }, { timeoutMs: 100 }), /no in-flight request/);
        });

        it("a rule may carry only timing effects; values are checked", async () => {
            for (const only of [{ holdMs: 1 }, { answerDelayMs: 1 }, { holdMs: 0, answerDelayMs: 600_000 }]) {
                assert.ok(await t.ctl.addFault(only), JSON.stringify(only));
            }
            assert.equal((await t.ctl.faults()).length, 3);
            await assert.rejects(t.ctl.addFault({ holdMs: 600_001 }), /holdMs/);
            await assert.rejects(t.ctl.addFault({ answerDelayMs: -1 }), /answerDelayMs/);
            await assert.rejects(t.ctl.addFault({ holdMs: "5" as unknown as number }), /holdMs/);
            await assert.rejects(t.ctl.addFault({ drop: "before", answerDelayMs: 10 }), /drop/);
        });
    });
});
