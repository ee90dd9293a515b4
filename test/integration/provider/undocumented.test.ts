// Recovery when Tencent behaves otherwise than the emulator assumes by default, provider ↔ emulator
// over HTTP. Each case switches one undocumented behaviour of RetryRuns or of listings, loses a
// RetryRuns' answer (a crash after Tencent applied it), and runs the next create in "a new process".
// Every case ends with one RetryRuns: adopted when the evidence is strong, otherwise the update
// stops naming the earlier attempt's group, and adoptRunGroupId then records it without a call.
import * as assert from "node:assert/strict";
import { type Behaviour, DEFAULT_BEHAVIOUR } from "../../../emulator";
import { runRetryIntentProvider } from "../../../provider";
import { PROVIDER_TEXT, attempt, checkRetry as check, newProcess, recordIntent, rejection, runRetryProvider, startEnv, type Env, retriesOf } from "./helpers";

describe("RunRetry provider ↔ emulator: recovery under each undocumented Tencent behaviour", function () {
    this.timeout(60_000);
    let env: Env;
    beforeEach(newProcess);
    afterEach(async () => env?.stop());

    /** A retry whose first attempt was applied and its answer lost; returns what the recovery sees. */
    async function lostAttempt(behaviour: Partial<Behaviour>, name: string) {
        env = await startEnv();
        // A listing delay is switched on once the source exists (it would hide the source itself).
        const { listingDelaySeconds, ...rest } = behaviour;
        assert.deepEqual(await env.ctl.setBehaviour(rest), { ...DEFAULT_BEHAVIOUR, ...rest });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        if (listingDelaySeconds !== undefined) await env.ctl.setBehaviour({ listingDelaySeconds });
        const news = { runGroupId: seed.RunGroupId, __resourceName: name };
        const intent = await recordIntent(news);
        const lost = await attempt({ ...news, intent });
        newProcess();
        // A nightly re-submission of the same samples with other inputs is never a candidate.
        const nightly = await env.ctl.seedLookalike({ of: seed.RunGroupId, runs: "failed" });
        return { seed, news: { ...news, intent }, lost, nightly };
    }

    const partialCases: { what: string; behaviour: Partial<Behaviour>; differs: RegExp }[] = [
        {
            what: "the retried group is renamed",
            behaviour: { retriedGroupName: "suffix" },
            differs: /name "seeded-run-group-retry-1" \(the source's is "seeded-run-group"\)/,
        },
        {
            what: "the retried runs lose their sample ID",
            behaviour: { retryCopiesRunFields: ["TableRowUuid", "Input"] },
            differs: /its runs carry no sample ID \(UserDefinedId\)/,
        },
        {
            what: "the retried runs lose their table row",
            behaviour: { retryCopiesRunFields: ["UserDefinedId", "Input"] },
            differs: /the runs do not pair one to one by sample ID, input and table row/,
        },
        {
            what: "the retried runs lose their input",
            behaviour: { retryCopiesRunFields: ["UserDefinedId", "TableRowUuid"] },
            differs: /the runs do not pair one to one by sample ID, input and table row/,
        },
        {
            what: "the retried runs carry nothing to compare",
            behaviour: { retryCopiesRunFields: [] },
            differs: /its runs carry no sample ID/,
        },
        {
            what: "the retried group does not carry the running option",
            behaviour: { retryOption: "omit" },
            differs: /running option \(FailureMode, UseCallCache, UseErrorOnHold differ from what this retry sends\)/,
        },
        {
            what: "everything differs at once (name, option, run fields)",
            behaviour: { retriedGroupName: "suffix", retryOption: "omit", retryCopiesRunFields: [] },
            differs: /carry no sample ID, input or table row to compare.*name "seeded-run-group-retry-1".*running option/,
        },
    ];

    for (const c of partialCases) {
        it(`${c.what}: preview and create stop naming the earlier attempt (partial evidence); adoptRunGroupId records it; 1 RetryRuns`, async () => {
            const { seed, news, lost, nightly } = await lostAttempt(c.behaviour, "r");
            const checked = await check(news);
            assert.equal(checked.failures.length, 1, JSON.stringify(checked.failures));
            assert.equal(checked.failures[0]!.property, "recovery");
            const reason = checked.failures[0]!.reason;
            assert.match(reason, new RegExp(`${lost.id} \\(created [^;]*; partial evidence: matched application `));
            assert.match(reason, c.differs);
            assert.ok(!reason.includes(nightly.RunGroupId), "the nightly look-alike with other inputs is not a candidate");
            assert.match(reason, /set adoptRunGroupId to its ID; to retry anyway, set recovery: "retry"/);
            // create decides again from a fresh listing, and refuses too.
            const refused = await rejection(runRetryProvider.create({ ...checked.inputs, __provider: PROVIDER_TEXT }));
            assert.match(refused.message, /Not retrying/);
            assert.ok(refused.message.includes(lost.id));
            assert.deepEqual(await retriesOf(env, seed.RunGroupId), [lost.id]);

            const adopted = await attempt({ ...news, adoptRunGroupId: lost.id });
            assert.equal(adopted.id, lost.id);
            assert.equal(adopted.outs.adopted, true);
            assert.deepEqual(await retriesOf(env, seed.RunGroupId), [lost.id], "no second RetryRuns");
        });
    }

    for (const granularity of ["minute", "hour"] as const) {
        it(`CreateTime to the ${granularity}: the earlier attempt is still told apart from older groups and adopted (strong evidence)`, async () => {
            const { seed, news, lost } = await lostAttempt({ createTimeGranularity: granularity }, "r");
            const adopted = await attempt(news);
            assert.equal(adopted.id, lost.id);
            assert.deepEqual(await retriesOf(env, seed.RunGroupId), [lost.id]);
            const group = (await env.ctl.state()).runGroups[lost.id]!;
            assert.match(group.CreateTime, granularity === "minute" ? /:00\+08:00$/ : /:00:00\+08:00$/);
        });
    }

    it("a new group listed only after a delay: create waits for listings to settle (listingSettleSeconds) and adopts it", async () => {
        const { seed, news, lost } = await lostAttempt({ listingDelaySeconds: 2 }, "late");
        await env.configure({ "tencentcloud-omics:listingSettleSeconds": "4" });
        const started = Date.now();
        const adopted = await attempt(news);
        assert.equal(adopted.id, lost.id);
        assert.ok(Date.now() - started >= 1500, "it waited for the listing");
        assert.ok(
            env.logs.some((l) => /no earlier attempt of this retry is listed yet; .* looking again in \d/.test(l)),
            env.logs.join("\n"),
        );
        assert.deepEqual(await retriesOf(env, seed.RunGroupId), [lost.id]);
    });

    it("the documented limit: a listing delay longer than listingSettleSeconds lets a second RetryRuns through", async () => {
        const { seed, news, lost } = await lostAttempt({ listingDelaySeconds: 5 }, "too-late");
        await env.configure({ "tencentcloud-omics:listingSettleSeconds": "0" });
        const again = await attempt(news);
        assert.notEqual(again.id, lost.id);
        assert.equal((await retriesOf(env, seed.RunGroupId)).length, 2);
    });

    it("an answer lost on the wire while listings lag: the group is looked for after the settle time, found, and never sent twice", async () => {
        env = await startEnv();
        await env.configure({ "tencentcloud-omics:listingSettleSeconds": "3" });
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        await env.ctl.setBehaviour({ listingDelaySeconds: 2 });
        const news = { runGroupId: seed.RunGroupId, __resourceName: "wire" };
        const intent = await recordIntent(news);
        await env.ctl.addFault({ action: "RetryRuns", drop: "after", count: 1 });
        const made = await attempt({ ...news, intent });
        const retries = await retriesOf(env, seed.RunGroupId);
        assert.deepEqual(retries, [made.id], "one RetryRuns, reconciled after the listing caught up");
    });

    for (const order of ["newest-first", "oldest-first"] as const) {
        it(`a long history listed ${order}: the recovery ${order === "newest-first" ? "reads only the recent page" : "reads every page (the order is not newest first)"} and adopts`, async () => {
            env = await startEnv({ clock: "manual" });
            await env.ctl.setBehaviour({ listingOrder: order });
            for (let i = 0; i < 120; i++) await env.ctl.seedFailedRunGroup({ runs: 1, failedRuns: 1, name: `old-${i}` });
            // Yesterday's history: well before the intent's margin.
            await env.ctl.advanceClock(24 * 3600);
            const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
            const news = { runGroupId: seed.RunGroupId, __resourceName: "history" };
            const intent = await recordIntent(news);
            const lost = await attempt({ ...news, intent });
            newProcess();
            const c = await check({ ...news, intent });
            assert.deepEqual(c.failures, []);
            await env.ctl.clearRequests();
            const adopted = await runRetryProvider.create({ ...c.inputs, __provider: PROVIDER_TEXT });
            assert.equal(adopted.id, lost.id);
            const offsets = (await env.ctl.requests("DescribeRunGroups"))
                .map((r) => r.params as { Offset?: number; Filters?: unknown })
                .filter((p) => p.Filters === undefined)
                .map((p) => p.Offset);
            assert.deepEqual(offsets, order === "newest-first" ? [0] : [0, 100]);
            assert.deepEqual(await retriesOf(env, seed.RunGroupId), [lost.id]);
        });
    }

    it("PULUMI_SKIP_CHECKPOINTS: a new retry is refused at check (intent and RunRetry) and create, naming the setting, before any call", async () => {
        env = await startEnv();
        const seed = await env.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        await env.ctl.clearRequests();
        const saved = process.env.PULUMI_SKIP_CHECKPOINTS;
        process.env.PULUMI_SKIP_CHECKPOINTS = "true";
        try {
            const news = { runGroupId: seed.RunGroupId, __resourceName: "fast" };
            const i = await runRetryIntentProvider.check({}, { ...news, __provider: PROVIDER_TEXT });
            assert.equal(i.failures[0]?.property, "PULUMI_SKIP_CHECKPOINTS");
            assert.match(i.failures[0]!.reason, /RunRetry "fast": PULUMI_SKIP_CHECKPOINTS=true is set: .*Nothing was retried\. Run this update without it/);
            const r = await check(news);
            assert.equal(r.failures[0]?.property, "PULUMI_SKIP_CHECKPOINTS");
            const refused = await rejection(runRetryProvider.create({ ...news, __provider: PROVIDER_TEXT }));
            assert.match(refused.message, /PULUMI_SKIP_CHECKPOINTS=true is set/);
            assert.deepEqual(await env.ctl.requests(), [], "no API call at all");
            process.env.PULUMI_SKIP_CHECKPOINTS = "0";
            assert.deepEqual((await runRetryIntentProvider.check({}, { ...news, __provider: PROVIDER_TEXT })).failures, []);
        } finally {
            if (saved === undefined) delete process.env.PULUMI_SKIP_CHECKPOINTS;
            else process.env.PULUMI_SKIP_CHECKPOINTS = saved;
        }
    });
});
