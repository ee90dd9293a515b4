// Coalesced fresh reads, provider ↔ emulator over HTTP: concurrent callers share one listing, and a
// caller never gets data from a listing that started before it asked.
import * as assert from "node:assert/strict";
import { findRunGroup, freshList } from "../../../provider/omics/batcher";
import { startEnv, type Env } from "./helpers";

describe("RunRetry provider ↔ emulator: coalesced reads", function () {
    this.timeout(30_000);
    let env: Env;
    afterEach(async () => env?.stop());

    it("50 concurrent reads of 50 groups make one listing, and each caller gets its own group", async () => {
        env = await startEnv();
        const seeds = [];
        for (let i = 0; i < 50; i++) seeds.push(await env.ctl.seedFailedRunGroup({ runs: 1, failedRuns: 1 }));
        await env.ctl.clearRequests();
        const found = await Promise.all(seeds.map((s) => findRunGroup("ap-guangzhou", undefined, s.RunGroupId)));
        assert.deepEqual(
            found.map((g) => g?.RunGroupId),
            seeds.map((s) => s.RunGroupId),
        );
        assert.equal((await env.ctl.requests("DescribeRunGroups")).length, 1);
    });

    it("a listing of several pages reads the first, then all the others together (two round trips, every item once)", async () => {
        env = await startEnv();
        const seeds = new Set<string>();
        for (let i = 0; i < 350; i++) seeds.add((await env.ctl.seedFailedRunGroup({ runs: 1, failedRuns: 1 })).RunGroupId);
        await env.ctl.addFault({ action: "DescribeRunGroups", latencyMs: 300 });
        await env.ctl.clearRequests();
        const { describeRunGroups } = await import("../../../provider/omics/client");
        const all = await describeRunGroups("ap-guangzhou", undefined, []);
        assert.equal(all.length, 350);
        assert.deepEqual(new Set(all.map((g) => g.RunGroupId)), seeds);
        const calls = (await env.ctl.requests("DescribeRunGroups")).map((e) => ({ offset: (e.params as { Offset: number }).Offset, at: Date.parse(e.time) }));
        assert.deepEqual(
            calls.map((c) => c.offset),
            [0, 100, 200, 300],
        );
        const [first, ...rest] = calls;
        const restAt = rest.map((c) => c.at);
        // One after another they would arrive 300 ms apart; together, within a fraction of that.
        assert.ok(Math.min(...restAt) - first!.at >= 300, "the other pages are asked after the first answered (it tells the total)");
        assert.ok(Math.max(...restAt) - Math.min(...restAt) < 150, `pages 2 to 4 sent together (spread ${Math.max(...restAt) - Math.min(...restAt)} ms)`);
    });

    it("more than 100 values are split into several calls", async () => {
        env = await startEnv();
        const ids = Array.from({ length: 150 }, (_, i) => `run-absent-group-${String(i).padStart(6, "0")}`);
        await env.ctl.clearRequests();
        const found = await Promise.all(ids.map((id) => findRunGroup("ap-guangzhou", undefined, id)));
        assert.ok(found.every((g) => g === undefined));
        assert.equal((await env.ctl.requests("DescribeRunGroups")).length, 2);
    });

    it("a caller that asks while a listing is in flight is served by a later listing (fresh, never older than its request)", async () => {
        env = await startEnv();
        const a = await env.ctl.seedFailedRunGroup({ runs: 1, failedRuns: 1 });
        await env.ctl.addFault({ action: "DescribeRunGroups", latencyMs: 400, count: 1 });
        await env.ctl.clearRequests();
        const first = findRunGroup("ap-guangzhou", undefined, a.RunGroupId);
        await new Promise((r) => setTimeout(r, 150)); // the first listing is now on the wire
        const b = await env.ctl.seedFailedRunGroup({ runs: 1, failedRuns: 1 });
        const second = await findRunGroup("ap-guangzhou", undefined, b.RunGroupId);
        assert.equal(second?.RunGroupId, b.RunGroupId, "created after the first listing started: found by a later one");
        assert.equal((await first)?.RunGroupId, a.RunGroupId);
        assert.equal((await env.ctl.requests("DescribeRunGroups")).length, 2);
    });

    it("callers with different filters share one listing of the union", async () => {
        env = await startEnv();
        const x = await env.ctl.seedFailedRunGroup({ name: "nightly-x" });
        const y = await env.ctl.seedFailedRunGroup({ name: "nightly-y" });
        await env.ctl.clearRequests();
        const [gx, gy] = await Promise.all([
            freshList("DescribeRunGroups", "ap-guangzhou", undefined, [
                { Name: "Name", Values: ["nightly-x"] },
                { Name: "ApplicationId", Values: [x.ApplicationId] },
            ]),
            freshList("DescribeRunGroups", "ap-guangzhou", undefined, [{ Name: "Name", Values: ["nightly-y"] }]),
        ]);
        assert.deepEqual(
            gx.map((g) => g.RunGroupId),
            [x.RunGroupId],
        );
        assert.deepEqual(
            gy.map((g) => g.RunGroupId),
            [y.RunGroupId],
        );
        const calls = await env.ctl.requests("DescribeRunGroups");
        assert.equal(calls.length, 1);
        assert.deepEqual((calls[0]!.params as { Filters: unknown }).Filters, [{ Name: "Name", Values: ["nightly-x", "nightly-y"] }]);
    });
});
