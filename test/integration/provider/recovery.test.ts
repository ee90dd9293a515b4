// Recovery of an interrupted create, provider ↔ emulator over HTTP: the intent records the source
// lineage first; a later create (a new provider process) adopts its own earlier attempt's group,
// never a look-alike, and stops when the evidence is ambiguous. "A new process" is simulated by
// forgetting what this process remembers (intents it recorded, groups it claimed).
import * as assert from "node:assert/strict";
import {
    PROVIDER_TEXT,
    attempt,
    lostAttempt,
    checkRetry as check,
    newProcess,
    recordIntent,
    rejection,
    runRetryProvider,
    startEnv,
    type Bag,
    type Env,
    retriesOf,
} from "./helpers";

describe("RunRetry provider ↔ emulator: recovery of an interrupted create", function () {
    this.timeout(30_000);
    let env: Env;
    beforeEach(newProcess);
    afterEach(async () => env?.stop());

    it("the intent records the source and its look-alikes with read-only calls", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        await env.ctl.clearRequests();
        const record = await recordIntent({ runGroupId: seed.RunGroupId, __resourceName: "r" });
        assert.equal(record.sourceRunGroupId, seed.RunGroupId);
        assert.equal(record.projectId, seed.ProjectId);
        assert.deepEqual(record.lookalike, { applicationId: seed.ApplicationId, name: "seeded-run-group", type: "WDL" });
        assert.deepEqual(record.seenRecent, [seed.RunGroupId]);
        assert.ok(typeof record.seenUntil === "string");
        const calls = await env.ctl.requests();
        assert.ok(calls.length > 0 && calls.every((c) => c.action.startsWith("Describe")), calls.map((c) => c.action).join());
    });

    it("through the runs alone, the intent still finds the source", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const record = await recordIntent({ runUuids: [seed.FailedRunUuids[0]!], __resourceName: "r" });
        assert.equal(record.sourceRunGroupId, seed.RunGroupId);
    });

    it("a source that does not exist is recorded as not found (the RunRetry's plan reports it)", async () => {
        env = await startEnv();
        const record = await recordIntent({ runGroupId: "run-missing-group-000001", __resourceName: "r" });
        assert.equal(record.sourceRunGroupId, undefined);
        const c = await check({ runGroupId: "run-missing-group-000001", intent: record });
        assert.equal(c.failures[0]?.property, "runGroupId");
        assert.match(c.failures[0]!.reason, /does not exist/);
    });

    it("a create interrupted after RetryRuns took effect is adopted by the next one, shown in preview first: no second RetryRuns", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const news = { runGroupId: seed.RunGroupId, __resourceName: "nightly-fix" };
        const intent = await recordIntent(news);
        const first = await check({ ...news, intent });
        assert.equal((first.inputs.plan as Bag & { recovery: Bag }).recovery.decision, "retry");
        assert.match(String((first.inputs.plan as Bag & { recovery: Bag }).recovery.why), /first attempt/);
        const lost = await runRetryProvider.create({ ...first.inputs, __provider: PROVIDER_TEXT }); // the engine never records this

        newProcess();
        await env.ctl.clearRequests();
        const preview = await check({ ...news, intent });
        assert.deepEqual(preview.failures, []);
        const recovery = (preview.inputs.plan as Bag & { recovery: Bag }).recovery;
        assert.equal(recovery.decision, "adopt");
        assert.equal(recovery.runGroupId, lost.id);
        assert.match(String(recovery.createTime), /^\d{4}-\d\d-\d\dT/);
        assert.match(
            String(recovery.why),
            /this retry was already made: run-\S+ \(created .*\), after its intent was recorded \(an earlier attempt interrupted after RetryRuns took effect/,
        );

        const adopted = await runRetryProvider.create({ ...preview.inputs, __provider: PROVIDER_TEXT });
        assert.equal(adopted.id, lost.id);
        assert.equal(adopted.outs.adopted, true);
        assert.match(String(adopted.outs.requestId), /adopted/);
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0, "no second RetryRuns");
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [lost.id]);
    });

    it("a nightly look-alike submitted between a crash before RetryRuns and the recovery is not adopted: the retry is made", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const news = { runGroupId: seed.RunGroupId, __resourceName: "r" };
        const intent = await recordIntent(news); // then the process dies before RetryRuns
        newProcess();
        const nightlyFailed = await env.ctl.seedLookalike({ of: seed.RunGroupId, runs: "failed" });
        const nightlyAll = await env.ctl.seedLookalike({ of: seed.RunGroupId, runs: "all" });
        const c = await check({ ...news, intent });
        assert.deepEqual(c.failures, []);
        const recovery = (c.inputs.plan as Bag & { recovery: Bag }).recovery;
        assert.equal(recovery.decision, "retry");
        assert.match(String(recovery.why), /2 newer group\(s\) are other work/);
        const made = await runRetryProvider.create({ ...c.inputs, __provider: PROVIDER_TEXT });
        assert.notEqual(made.id, nightlyFailed.RunGroupId);
        assert.notEqual(made.id, nightlyAll.RunGroupId);
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [made.id]);
        assert.equal(made.outs.adopted, false);
    });

    it("after a crash after RetryRuns, the earlier attempt is adopted and later look-alikes with other inputs are ignored", async () => {
        env = await startEnv();
        const { seed, news, intent, lost } = await lostAttempt(env, "r");
        await env.ctl.seedLookalike({ of: seed.RunGroupId, runs: "failed" });
        await env.ctl.seedLookalike({ of: seed.RunGroupId, runs: "all" });
        const adopted = await attempt({ ...news, intent });
        assert.equal(adopted.id, lost.id);
        assert.equal((await retriesOf(env, seed.RunGroupId)).length, 1);
    });

    it("a re-submission of the whole group with the same inputs is partial evidence (the run count differs): recovery stops until the user chooses", async () => {
        env = await startEnv();
        const { seed, news, intent, lost } = await lostAttempt(env, "r");
        const whole = await env.ctl.seedLookalike({ of: seed.RunGroupId, runs: "all", sameInputs: true });
        const c = await check({ ...news, intent });
        assert.equal(c.failures[0]?.property, "recovery");
        const reason = c.failures[0]!.reason;
        assert.ok(reason.includes(lost.id) && reason.includes(whole.RunGroupId), reason);
        assert.match(
            reason,
            new RegExp(
                `${whole.RunGroupId} \\(created [^;]*; partial evidence: matched [^;]*2 of 3 run\\(s\\) agree[^;]*; differs or unknown: 1 run\\(s\\) match no planned run; 3 run\\(s\\) where 2 were planned`,
            ),
        );
        assert.match(reason, new RegExp(`${lost.id} \\(created [^;]*; strong evidence`));
        const chosen = await attempt({ ...news, intent, adoptRunGroupId: lost.id });
        assert.equal(chosen.id, lost.id);
        assert.equal((await retriesOf(env, seed.RunGroupId)).length, 1);
    });

    it("an identical re-submission makes two candidates: preview fails listing both and how to choose; adoptRunGroupId picks one", async () => {
        env = await startEnv();
        const { seed, news, intent, lost } = await lostAttempt(env, "twin");
        const twin = await env.ctl.seedLookalike({ of: seed.RunGroupId, runs: "failed", sameInputs: true });
        await env.ctl.clearRequests();
        const c = await check({ ...news, intent });
        assert.equal(c.failures.length, 1);
        assert.equal(c.failures[0]!.property, "recovery");
        const reason = c.failures[0]!.reason;
        assert.match(reason, /RunRetry "twin": 2 group\(s\) created since the intent was recorded could be an earlier attempt of this retry of run-/);
        assert.ok(reason.includes(lost.id) && reason.includes(twin.RunGroupId), reason);
        assert.match(reason, /set adoptRunGroupId to its ID; to retry anyway, set recovery: "retry"/);
        const refused = await rejection(runRetryProvider.create({ ...c.inputs, __provider: PROVIDER_TEXT }));
        assert.match(refused.message, /Not retrying/);
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0);

        const chosen = await attempt({ ...news, intent, adoptRunGroupId: lost.id });
        assert.equal(chosen.id, lost.id);
        const wrong = await check({ ...news, intent, adoptRunGroupId: seed.RunGroupId });
        assert.equal(wrong.failures[0]?.property, "adoptRunGroupId");
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0);
    });

    it("runs without a sample ID are partial evidence: preview fails instead of guessing", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 2, userDefinedIds: false });
        const news = { runGroupId: seed.RunGroupId, __resourceName: "weak" };
        const intent = await recordIntent(news);
        const lost = await attempt({ ...news, intent });
        newProcess();
        const c = await check({ ...news, intent });
        assert.equal(c.failures[0]?.property, "recovery");
        assert.match(c.failures[0]!.reason, /evidence is not conclusive/);
        assert.match(
            c.failures[0]!.reason,
            /partial evidence: .*differs or unknown: the planned runs carry no sample ID \(UserDefinedId\); its runs carry no sample ID/,
        );
        assert.ok(c.failures[0]!.reason.includes(lost.id));
        const chosen = await attempt({ ...news, intent, adoptRunGroupId: lost.id });
        assert.equal(chosen.id, lost.id, "the user can still pick it by hand");
    });

    it('recovery "fail" stops whenever a candidate exists; "retry" always calls RetryRuns', async () => {
        env = await startEnv();
        const { seed, news, intent, lost } = await lostAttempt(env, "p");
        const failing = await check({ ...news, intent, recovery: "fail" });
        assert.equal(failing.failures[0]?.property, "recovery");
        assert.match(failing.failures[0]!.reason, /recovery is "fail"/);
        const again = await attempt({ ...news, intent, recovery: "retry" });
        assert.notEqual(again.id, lost.id);
        assert.equal((await retriesOf(env, seed.RunGroupId)).length, 2);
    });

    it("a create with the recorded intent (a targeted `--replace`, a taint) records its group again; check leaves recorded inputs as they were", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const news = { runGroupId: seed.RunGroupId, __resourceName: "forced" };
        const intent = await recordIntent(news);
        const recorded = await attempt({ ...news, intent });
        newProcess();
        // A later update's check returns exactly the recorded inputs: the engine then writes no
        // checkpoint for the unchanged resource.
        const c = await check({ ...news, intent }, recorded.inputs);
        assert.deepEqual({ ...c.inputs, __provider: PROVIDER_TEXT }, recorded.inputs);
        // The engine gives a forced replacement's check no old state: it cannot be told from the
        // recovery of an interrupted attempt, so the existing group is recorded again.
        const replacement = await attempt({ ...news, intent });
        assert.equal(replacement.id, recorded.id);
        assert.match(String((replacement.outs.plan as Bag & { recovery: Bag }).recovery.why), /already made/);
        assert.equal((await retriesOf(env, seed.RunGroupId)).length, 1);
    });

    it("an ambiguous RetryRuns answer is reconciled against the intent: adopted once, never sent twice", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        const news = { runGroupId: seed.RunGroupId, __resourceName: "lost-answer" };
        const intent = await recordIntent(news);
        await env.ctl.addFault({ action: "RetryRuns", drop: "after", count: 1 });
        const made = await attempt({ ...news, intent });
        assert.deepEqual(
            (await env.ctl.requests("RetryRuns")).map((r) => r.outcome),
            ["dropped-after"],
        );
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [made.id]);
    });

    it("the source must still be retryable when create runs: nothing is sent otherwise", async () => {
        env = await startEnv({ clock: "manual" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        const news = { runGroupId: seed.RunGroupId, __resourceName: "stale" };
        const intent = await recordIntent(news);
        void intent;
        const c = await check({ ...news, intent });
        // A plan made while the group was finished, acted on after it started running again.
        const other = await env.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1, status: "RUNNING" });
        const otherIntent = await recordIntent({ runGroupId: other.RunGroupId });
        newProcess(); // an intent from an earlier up: create looks at the source before sending
        const plan = { runGroupId: other.RunGroupId, groupStatus: "COMPLETE_ERROR", runs: [], projectId: other.ProjectId };
        const err = await rejection(
            runRetryProvider.create({ ...c.inputs, runGroupId: other.RunGroupId, intent: otherIntent, plan, __provider: PROVIDER_TEXT }),
        );
        assert.match(err.message, /is now RUNNING .* Nothing was retried; run preview again/);
        assert.equal((await env.ctl.requests("RetryRuns")).length, 0);
    });
});
