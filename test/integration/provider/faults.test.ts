import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { PROVIDER_TEXT, checkAndCreate, rejection, runRetryProvider, startEnv, type Bag, type Env, retriesOf } from "./helpers";

async function checked(news: Bag): Promise<Bag> {
    const r = await runRetryProvider.check({}, { ...news, __provider: PROVIDER_TEXT });
    assert.deepEqual(r.failures, []);
    return { ...r.inputs, __provider: PROVIDER_TEXT };
}

describe("RunRetry provider ↔ emulator: faults", function () {
    this.timeout(30_000);
    let env: Env;
    afterEach(async () => env?.stop());

    it("RequestLimitExceeded on RetryRuns is retried with backoff and succeeds with exactly one new group", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const inputs = await checked({ runGroupId: seed.RunGroupId });
        await env.ctl.addFault({ action: "RetryRuns", error: { code: "RequestLimitExceeded" }, count: 2 });
        const created = await runRetryProvider.create(inputs);
        const log = await env.ctl.requests("RetryRuns");
        assert.deepEqual(
            log.map((e) => e.outcome),
            ["error", "error", "success"],
        );
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [created.id]);
    });

    it("an answer lost after RetryRuns was applied (drop after) is reconciled: the group is adopted, never retried twice", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const inputs = await checked({ runGroupId: seed.RunGroupId, __resourceName: "lost" });
        await env.ctl.addFault({ action: "RetryRuns", drop: "after", count: 1 });
        const created = await runRetryProvider.create(inputs);
        const log = await env.ctl.requests("RetryRuns");
        assert.deepEqual(
            log.map((e) => e.outcome),
            ["dropped-after"],
        );
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [created.id]);
        assert.equal(created.id, (log[0]!.response as Bag).RunGroupId);
        assert.match(created.outs.requestId as string, /UNKNOWN/);
        assert.ok(
            env.logs.some((l) => l.includes(`RetryRuns had been applied: recording run group ${created.id}`)),
            env.logs.join("\n"),
        );
    });

    it("an answer lost before RetryRuns was applied (drop before) is proven not applied and sent exactly once more", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const inputs = await checked({ runGroupId: seed.RunGroupId });
        await env.ctl.addFault({ action: "RetryRuns", drop: "before", count: 1 });
        const created = await runRetryProvider.create(inputs);
        assert.deepEqual(
            (await env.ctl.requests("RetryRuns")).map((e) => e.outcome),
            ["dropped-before", "success"],
        );
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [created.id]);
    });

    it("a gateway error (HTTP 502) on RetryRuns is treated as ambiguous and reconciled, not blindly resent", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const inputs = await checked({ runGroupId: seed.RunGroupId });
        await env.ctl.addFault({ action: "RetryRuns", httpStatus: 502, count: 1 });
        const created = await runRetryProvider.create(inputs);
        assert.deepEqual(
            (await env.ctl.requests("RetryRuns")).map((e) => e.outcome),
            ["http-error", "success"],
        );
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [created.id]);
        assert.ok(
            env.logs.some((l) => l.includes("was not applied")),
            env.logs.join("\n"),
        );
    });

    it("when reconciliation itself fails after a lost answer, create fails explaining and does not resend", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const inputs = await checked({ runGroupId: seed.RunGroupId, __resourceName: "unsure" });
        await env.ctl.addFault({ action: "RetryRuns", drop: "after", count: 1 });
        // The snapshot before RetryRuns succeeds; every DescribeRunGroups after the lost answer fails
        // (the fault is added during the pause before reconciling).
        const originalTiming = (await import("../../../provider/shared/timing")).timing;
        const clock = originalTiming.clock;
        originalTiming.clock = {
            now: clock.now,
            sleep: async (ms) => {
                await env.ctl.addFault({ action: "DescribeRunGroups", error: { code: "InternalError" } });
                await clock.sleep(ms);
            },
        };
        try {
            const err = await rejection(runRetryProvider.create(inputs));
            assert.match(err.message, /RunRetry "unsure"/);
            assert.match(err.message, /Nothing more was sent\. The next preview or up looks for the group first/);
            assert.equal(err.id, undefined, "no partial state: the provider does not know the group");
        } finally {
            originalTiming.clock = clock;
        }
        assert.equal((await env.ctl.requests("RetryRuns")).length, 1, "must not resend without reconciling");
        assert.equal((await retriesOf(env, seed.RunGroupId)).length, 1);
    });

    it("when two groups that look like the lost retry appear, create stops listing them instead of guessing or resending", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const inputs = await checked({ runGroupId: seed.RunGroupId, __resourceName: "twins" });
        await env.ctl.addFault({ action: "RetryRuns", drop: "after", count: 1 });
        const { Client } =
            require("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client") as typeof import("tencentcloud-sdk-nodejs/tencentcloud/services/omics/v20221128/omics_client");
        const someoneElse = new Client({
            credential: { secretId: DEMO_CREDENTIALS.secretId, secretKey: DEMO_CREDENTIALS.secretKey },
            region: "ap-guangzhou",
            profile: { httpProfile: { endpoint: env.emu.url.replace(/^http:\/\//, ""), protocol: "http://" } },
        });
        const { timing } = await import("../../../provider/shared/timing");
        const clock = timing.clock;
        // While the provider pauses before reconciling, another actor retries the same runs.
        timing.clock = {
            now: clock.now,
            sleep: async (ms) => {
                await someoneElse.RetryRuns({ RunGroupId: seed.RunGroupId });
                await clock.sleep(ms);
            },
        };
        try {
            const err = await rejection(runRetryProvider.create(inputs));
            const groups = await retriesOf(env, seed.RunGroupId);
            assert.equal(groups.length, 2);
            assert.match(err.message, /RunRetry "twins": RetryRuns got no usable answer .* 2 run group\(s\) that could be its result/);
            for (const g of groups) assert.ok(err.message.includes(g), `${g} not listed`);
            assert.match(err.message, /Not retrying again/);
        } finally {
            timing.clock = clock;
        }
        assert.equal((await env.ctl.requests("RetryRuns")).length, 2, "the provider sent one, the other actor one");
    });

    for (const code of [
        "FailedOperation.RetryLimitExceeded",
        "FailedOperation.StatusNotSupported",
        "InvalidParameterValue.EnvironmentNotAvailable",
        "ResourceNotFound.EnvironmentNotExist",
        "ResourceNotFound.ProjectNotExist",
        "ResourceNotFound.RunGroupNotExist",
        "ResourceNotFound.RunNotExist",
        "AuthFailure",
        "InternalError",
        "InvalidParameter",
        "InvalidParameterValue",
        "OperationDenied",
        "ResourceNotFound",
        "UnauthorizedOperation",
        "LimitExceeded",
    ]) {
        it(`RetryRuns error ${code} becomes a message naming the resource, the code, the RequestId and what to do next`, async () => {
            env = await startEnv();
            const seed = await env.ctl.seedFailedRunGroup({});
            const inputs = await checked({ runGroupId: seed.RunGroupId, __resourceName: "coded" });
            await env.ctl.addFault({ action: "RetryRuns", error: { code, message: `injected ${code}` }, count: code === "InternalError" ? 3 : 1 });
            const err = await rejection(runRetryProvider.create(inputs));
            const log = await env.ctl.requests("RetryRuns");
            assert.match(err.message, /^RunRetry "coded": /);
            assert.ok(err.message.includes(`[${code}]`), err.message);
            assert.ok(err.message.includes(`RequestId: ${log[log.length - 1]!.requestId}`), err.message);
            assert.match(err.message, /Next: \S/);
            if (code === "InternalError") {
                // Tencent's InternalError may hide an applied request: each time reconciled, found
                // none, sent again, up to three sends (the fault counts 3: all fail).
                assert.equal(log.length, 3);
                assert.ok(err.message.includes(`RequestId: ${log[2]!.requestId}`), err.message);
                assert.match(err.message, /may have been applied: the next preview or up looks for its group/);
            } else {
                assert.equal(log.length, 1);
                assert.equal(err.id, undefined);
            }
            assert.ok(!err.message.includes(DEMO_CREDENTIALS.secretKey));
        });
    }

    it("credentials that may retry but not list environments still plan (the environment check is best effort)", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        await env.ctl.addFault({ action: "DescribeEnvironments", error: { code: "UnauthorizedOperation", message: "no omics:DescribeEnvironments" } });
        const r = await runRetryProvider.check({}, { runGroupId: seed.RunGroupId, __provider: PROVIDER_TEXT });
        assert.deepEqual(r.failures, []);
        assert.equal((await env.ctl.requests("DescribeEnvironments")).length, 1);
    });

    it("create makes no call after RetryRuns answered, so a failing read cannot undo or hide the retry", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const inputs = await checked({ runGroupId: seed.RunGroupId, __resourceName: "quick" });
        await env.ctl.clearRequests();
        // The look before RetryRuns passes; any read after it would fail.
        await env.ctl.addFault({ action: "DescribeRunGroups", latencyMs: 0, count: 1 });
        await env.ctl.addFault({ action: "DescribeRunGroups", error: { code: "InternalError", message: "backend down" } });
        const created = await runRetryProvider.create(inputs);
        const log = await env.ctl.requests();
        assert.equal(log[log.length - 1]!.action, "RetryRuns");
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [created.id]);
        assert.equal(created.outs.status, "SUBMITTED");
    });

    it("a failed listing before RetryRuns fails create without retrying anything", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const inputs = await checked({ runGroupId: seed.RunGroupId });
        await env.ctl.addFault({ action: "DescribeRunGroups", error: { code: "AuthFailure.SignatureExpire" } });
        const err = await rejection(runRetryProvider.create(inputs));
        assert.match(err.message, /nothing was retried/);
        assert.match(err.message, /clock/);
        assert.equal(err.id, undefined);
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0);
    });

    it("wrong credentials fail check with the Tencent code, the RequestId and advice, before any RetryRuns", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        await env.configure({ "tencentcloud:secretKey": "wrong-secret-key-0000000000" });
        const r = await runRetryProvider.check({}, { runGroupId: seed.RunGroupId, __resourceName: "auth", __provider: PROVIDER_TEXT });
        assert.equal(r.failures.length, 1);
        assert.equal(r.failures[0]!.property, "credentials");
        assert.match(r.failures[0]!.reason, /AuthFailure\.SignatureFailure/);
        assert.match(r.failures[0]!.reason, /RequestId: [0-9a-f-]{36}/);
        assert.match(r.failures[0]!.reason, /tencentcloud:secretKey/);
        assert.ok(!r.failures[0]!.reason.includes("wrong-secret-key"), "secret leaked");
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0);
    });

    it("missing credentials fail check clearly (no stack config, no environment, no profile)", async () => {
        env = await startEnv();
        const savedHome = process.env.HOME;
        process.env.HOME = "/nonexistent-home-for-test";
        try {
            await env.configure({ "tencentcloud:secretId": "", "tencentcloud:secretKey": "" });
            const r = await runRetryProvider.check({}, { runGroupId: "run-ashamed-bleak-doggy-247963", __provider: PROVIDER_TEXT });
            assert.equal(r.failures.length, 1);
            assert.equal(r.failures[0]!.property, "credentials");
            assert.match(r.failures[0]!.reason, /no Tencent Cloud credentials found/);
            assert.match(r.failures[0]!.reason, /TENCENTCLOUD_SECRET_ID/);
        } finally {
            process.env.HOME = savedHome;
        }
        assert.deepEqual(await env.ctl.requests(), []);
    });

    it("credentials from the environment work when stack config has none; temporary token via TENCENTCLOUD_SECURITY_TOKEN", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        process.env.TENCENTCLOUD_SECRET_ID = DEMO_CREDENTIALS.secretId;
        process.env.TENCENTCLOUD_SECRET_KEY = DEMO_CREDENTIALS.secretKey;
        await env.configure({ "tencentcloud:secretId": "", "tencentcloud:secretKey": "" });
        const { id } = await checkAndCreate({ runGroupId: seed.RunGroupId });
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [id]);
        const log = await env.ctl.requests("RetryRuns");
        assert.equal(log[0]!.secretId, DEMO_CREDENTIALS.secretId);
    });

    it("credentials from the SDK chain (profile file ~/.tencentcloud/credentials) work when config and environment have none", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({});
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "omics-home-"));
        fs.mkdirSync(path.join(home, ".tencentcloud"));
        fs.writeFileSync(
            path.join(home, ".tencentcloud", "credentials"),
            `[default]\nsecret_id = ${DEMO_CREDENTIALS.secretId}\nsecret_key = ${DEMO_CREDENTIALS.secretKey}\n`,
        );
        const savedHome = process.env.HOME;
        process.env.HOME = home;
        try {
            await env.configure({ "tencentcloud:secretId": "", "tencentcloud:secretKey": "" });
            const { id } = await checkAndCreate({ runGroupId: seed.RunGroupId });
            assert.deepEqual(await retriesOf(env, seed.RunGroupId), [id]);
        } finally {
            process.env.HOME = savedHome;
            fs.rmSync(home, { recursive: true, force: true });
        }
    });

    it("an http:// endpoint that is not loopback is refused with a clear message and no request", async () => {
        env = await startEnv();
        await env.configure({ "tencentcloud-omics:endpoint": "http://omics.example.com:8080" });
        const r = await runRetryProvider.check({}, { runGroupId: "run-ashamed-bleak-doggy-247963", __provider: PROVIDER_TEXT });
        assert.equal(r.failures.length, 1);
        assert.match(r.failures[0]!.reason, /refusing plain http:\/\/ to non-loopback host "omics\.example\.com"/);
        const err = await rejection(
            runRetryProvider.create({ runGroupId: "run-ashamed-bleak-doggy-247963", region: "ap-guangzhou", __provider: PROVIDER_TEXT }),
        );
        assert.match(err.message, /refusing plain http/);
        assert.deepEqual(await env.ctl.requests(), []);
    });

    it("45 plans at once share one look at the project: 3 listings, not 3 calls per plan", async function () {
        this.timeout(60_000);
        env = await startEnv({ rateLimitPerSecond: 20 });
        const seeds = [];
        for (let i = 0; i < 15; i++) seeds.push(await env.ctl.seedFailedRunGroup({ name: `batch-${i}` }));
        await env.ctl.clearRequests();
        const results = await Promise.all(
            seeds.flatMap((s) => [1, 2, 3].map((t) => runRetryProvider.check({}, { runGroupId: s.RunGroupId, triggers: t, __provider: PROVIDER_TEXT }))),
        );
        assert.ok(
            results.every((r) => r.failures.length === 0),
            JSON.stringify(results.find((r) => r.failures.length > 0)?.failures),
        );
        const log = await env.ctl.requests();
        assert.deepEqual(log.map((e) => e.action).sort(), ["DescribeEnvironments", "DescribeRunGroups", "DescribeRuns"]);
    });

    it("many simultaneous reads stay under 20 requests/second per action (no RequestLimitExceeded)", async function () {
        this.timeout(60_000);
        env = await startEnv({ rateLimitPerSecond: 20 });
        const seed = await env.ctl.seedFailedRunGroup({});
        await new Promise((r) => setTimeout(r, 1100)); // let earlier calls leave the window
        await env.ctl.clearRequests();
        const started = Date.now();
        const { describeRunGroups, filters } = await import("../../../provider/omics/client");
        await Promise.all(Array.from({ length: 45 }, () => describeRunGroups("ap-guangzhou", undefined, filters({ RunGroupId: [seed.RunGroupId] }))));
        const log = await env.ctl.requests();
        // Without the limiter 45 simultaneous calls of one action draw ~25 RequestLimitExceeded. The
        // limiter spaces the starts (20 per 1.15 s); only network jitter beyond the margin (a loaded
        // machine) can still let one through, and that one is retried.
        const limited = log.filter((e) => e.errorCode === "RequestLimitExceeded").length;
        assert.ok(limited <= 2, `${limited} RequestLimitExceeded answers`);
        assert.equal(log.filter((e) => e.outcome === "success").length, 45);
        assert.ok(Date.now() - started >= 2000, "45 calls of one action need more than 2 s at 20/s");
    });
});
