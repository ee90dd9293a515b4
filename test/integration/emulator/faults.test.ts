/** Fault injection and the rate limit, observed through the official SDK and the request log. */
import * as assert from "node:assert/strict";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { errorCode, rawRequest, sdkError, startTestEmulator, type TestEmulator } from "./helpers";

describe("emulator faults and rate limit", () => {
    let t: TestEmulator;
    afterEach(async () => {
        await t.emu.stop();
    });

    describe("faults", () => {
        beforeEach(async () => {
            t = await startTestEmulator({ rateLimitPerSecond: false });
        });

        it("error code: answered instead of processing, `count` times, then normal again", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", error: { code: "RequestLimitExceeded", message: "slow down" }, count: 2 });
            const c = t.client();
            for (let i = 0; i < 2; i++) {
                const e = await sdkError(c.RetryRuns({ RunGroupId: seed.RunGroupId }));
                assert.equal(e.code, "RequestLimitExceeded");
                assert.equal(e.message, "slow down");
            }
            assert.equal((await t.ctl.faults()).length, 0, "rule removed after its count");
            assert.ok((await c.RetryRuns({ RunGroupId: seed.RunGroupId })).RunGroupId);
            const log = await t.ctl.requests("RetryRuns");
            assert.deepEqual(
                log.map((l) => l.outcome),
                ["error", "error", "success"],
            );
            assert.equal(log[0]?.errorCode, "RequestLimitExceeded");
            assert.deepEqual(log[0]?.params, { RunGroupId: seed.RunGroupId }, "faulted requests still log their parameters");
            assert.ok(log[0]?.faultId);
        });

        it("a rule for one action leaves the others alone; the first matching rule wins", async () => {
            await t.ctl.addFault({ action: "DescribeRuns", error: { code: "InternalError" } });
            await t.ctl.addFault({ error: { code: "ResourceUnavailable" } });
            const c = t.client();
            assert.equal((await sdkError(c.DescribeRuns({}))).code, "InternalError");
            assert.equal((await sdkError(c.DescribeProjects({}))).code, "ResourceUnavailable");
            await t.ctl.clearFaults();
            assert.equal((await c.DescribeProjects({})).TotalCount, 1);
        });

        it("HTTP 5xx: the SDK sees httpCode 503 and no Tencent code; nothing was processed", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", httpStatus: 503, count: 1 });
            const e = await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }));
            assert.equal(e.httpCode, 503);
            assert.ok(!e.code, `no Tencent code, got ${String(e.code)}`);
            assert.equal(Object.keys((await t.ctl.state()).runGroups).length, 1);
            assert.equal((await t.ctl.requests("RetryRuns"))[0]?.outcome, "http-error");
        });

        it("latency delays the answer by about latencyMs", async () => {
            await t.ctl.addFault({ action: "DescribeProjects", latencyMs: 300, count: 1 });
            const c = t.client();
            const t0 = Date.now();
            assert.equal((await c.DescribeProjects({})).TotalCount, 1);
            assert.ok(Date.now() - t0 >= 280, `took ${Date.now() - t0} ms`);
            const t1 = Date.now();
            await c.DescribeProjects({});
            assert.ok(Date.now() - t1 < 250);
        });

        it("drop before: connection reset, nothing processed", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", drop: "before", count: 1 });
            const e = await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }));
            assert.ok(!e.code, `no Tencent code, got ${String(e.code)}`);
            assert.match(e.message, /socket|reset|closed|fetch|hang up|terminated/i);
            assert.equal(Object.keys((await t.ctl.state()).runGroups).length, 1);
            assert.equal((await t.ctl.requests("RetryRuns"))[0]?.outcome, "dropped-before");
        });

        it("drop after: processed and persisted, then the connection is destroyed (the ambiguous case)", async () => {
            const seed = await t.ctl.seedFailedRunGroup({});
            await t.ctl.addFault({ action: "RetryRuns", drop: "after", count: 1 });
            const e = await sdkError(t.client().RetryRuns({ RunGroupId: seed.RunGroupId }));
            assert.ok(!e.code, `no Tencent code, got ${String(e.code)}`);
            const groups = Object.values((await t.ctl.state()).runGroups);
            assert.equal(groups.length, 2, "the retry happened");
            const log = await t.ctl.requests("RetryRuns");
            assert.equal(log[0]?.outcome, "dropped-after");
            const created = groups.find((g) => g.RunGroupId !== seed.RunGroupId);
            assert.equal(log[0]?.response?.RunGroupId, created?.RunGroupId);
        });

        it("probability 0 never fires, 1 always fires", async () => {
            await t.ctl.addFault({ action: "DescribeProjects", error: { code: "InternalError" }, probability: 0 });
            const c = t.client();
            for (let i = 0; i < 5; i++) assert.equal((await c.DescribeProjects({})).TotalCount, 1);
            await t.ctl.clearFaults();
            await t.ctl.addFault({ action: "DescribeProjects", error: { code: "InternalError" }, probability: 1 });
            for (let i = 0; i < 3; i++) assert.equal((await sdkError(c.DescribeProjects({}))).code, "InternalError");
        });

        it("bad fault rules are refused with 400", async () => {
            await assert.rejects(t.ctl.addFault({ httpStatus: 200 }), /httpStatus/);
            await assert.rejects(t.ctl.addFault({ error: { code: "InternalError" }, drop: "before" }), /at most one/);
            await assert.rejects(t.ctl.addFault({ probability: 2, latencyMs: 1 }), /probability/);
            await assert.rejects(t.ctl.addFault({}), /needs/);
        });
    });

    describe("rate limit", () => {
        it("21st request in a second of one action and credential gets RequestLimitExceeded; other actions and credentials are counted apart", async () => {
            t = await startTestEmulator({
                credentials: [{ ...DEMO_CREDENTIALS }, { secretId: "AKIDOTHER", secretKey: "other" }],
            });
            const started = Date.now();
            const burst = await Promise.all(Array.from({ length: 25 }, () => rawRequest(t.port, { action: "DescribeProjects" })));
            const codes = burst.map(errorCode);
            const limited = codes.filter((c) => c === "RequestLimitExceeded").length;
            assert.equal(codes.filter((c) => c === undefined).length, 25 - limited);
            assert.equal(errorCode(await rawRequest(t.port, { action: "DescribeRuns" })), undefined);
            assert.equal(errorCode(await rawRequest(t.port, { action: "DescribeProjects", secretId: "AKIDOTHER", secretKey: "other" })), undefined);
            const sdkCall = await t
                .client()
                .DescribeProjects({})
                .then(
                    () => undefined,
                    (err: { code?: string }) => err,
                );
            // 25 loopback requests take ~50 ms; only a machine stalled for a whole second could spread
            // them over two windows, and then the exact counts below would not apply.
            if (Date.now() - started < 1000) {
                assert.equal(limited, 5, "exactly the 5 requests over 20 in the second are refused");
                assert.equal(sdkCall?.code, "RequestLimitExceeded", "the official SDK sees the Tencent error");
            } else {
                assert.ok(limited <= 5, `burst spread over ${Date.now() - started} ms`);
            }
            await new Promise((r) => setTimeout(r, 1100));
            assert.equal((await t.client().DescribeProjects({})).TotalCount, 1);
        });

        it("is configurable (3 per second) and can be turned off", async () => {
            t = await startTestEmulator({ rateLimitPerSecond: 3 });
            const codes = [];
            for (let i = 0; i < 5; i++) codes.push(errorCode(await rawRequest(t.port)));
            assert.deepEqual(codes, [undefined, undefined, undefined, "RequestLimitExceeded", "RequestLimitExceeded"]);
            await t.emu.stop();
            t = await startTestEmulator({ rateLimitPerSecond: false });
            const all = await Promise.all(Array.from({ length: 40 }, () => rawRequest(t.port)));
            assert.equal(all.filter((r) => errorCode(r) !== undefined).length, 0);
        });
    });
});
