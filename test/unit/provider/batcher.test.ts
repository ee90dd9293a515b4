import * as assert from "node:assert/strict";
import { chunkFilters, matches, mergeFilters, MAX_FILTER_VALUES } from "../../../provider/omics/batcher";

describe("coalesced reads: merging filters", () => {
    it("keeps only the filter names every request uses, with all their values", () => {
        const merged = mergeFilters([
            [
                { Name: "ApplicationId", Values: ["app-a"] },
                { Name: "Name", Values: ["nightly"] },
                { Name: "Type", Values: ["WDL"] },
            ],
            [
                { Name: "Name", Values: ["weekly"] },
                { Name: "Type", Values: ["WDL"] },
            ],
        ]);
        assert.deepEqual(merged, [
            { Name: "Name", Values: ["nightly", "weekly"] },
            { Name: "Type", Values: ["WDL"] },
        ]);
    });

    it("is a superset of every request: each item a request matches, the merged filter matches", () => {
        const requests = [
            [{ Name: "RunGroupId", Values: ["run-a-1"] }],
            [
                { Name: "RunGroupId", Values: ["run-b-2", "run-c-3"] },
                { Name: "Status", Values: ["RUNNING"] },
            ],
        ];
        const merged = mergeFilters(requests);
        const items = [
            { RunGroupId: "run-a-1", Status: "COMPLETE" },
            { RunGroupId: "run-b-2", Status: "RUNNING" },
            { RunGroupId: "run-c-3", Status: "COMPLETE" },
        ];
        for (const r of requests) {
            for (const it of items.filter((i) => matches("DescribeRunGroups", i, r))) assert.ok(matches("DescribeRunGroups", it, merged), JSON.stringify(it));
        }
        assert.deepEqual(
            items.filter((i) => matches("DescribeRunGroups", i, requests[1]!)).map((i) => i.RunGroupId),
            ["run-b-2"],
            "each caller gets only its own matches",
        );
    });

    it("requests without filters merge into an unfiltered listing", () => {
        assert.deepEqual(mergeFilters([[{ Name: "RunGroupId", Values: ["run-a"] }], []]), []);
    });

    it("splits long value lists into calls of at most MAX_FILTER_VALUES values", () => {
        const ids = Array.from({ length: 250 }, (_, i) => `run-x-${i}`);
        const parts = chunkFilters([
            { Name: "RunGroupId", Values: ids },
            { Name: "Status", Values: ["RUNNING"] },
        ]);
        assert.equal(parts.length, 3);
        for (const p of parts) {
            assert.ok(p.every((f) => f.Values.length <= MAX_FILTER_VALUES));
            assert.deepEqual(p.find((f) => f.Name === "Status")?.Values, ["RUNNING"]);
        }
        assert.deepEqual(
            parts.flatMap((p) => p.find((f) => f.Name === "RunGroupId")!.Values),
            ids,
        );
    });

    it("matches runs by their own fields", () => {
        const run = { RunUuid: "u1", RunGroupId: "run-a", Status: "EXECUTOR_ERROR", UserDefinedId: "s1" };
        assert.ok(
            matches("DescribeRuns", run, [
                { Name: "RunGroupId", Values: ["run-a", "run-b"] },
                { Name: "Status", Values: ["EXECUTOR_ERROR"] },
            ]),
        );
        assert.ok(!matches("DescribeRuns", run, [{ Name: "UserDefinedId", Values: ["s2"] }]));
        assert.ok(!matches("DescribeRuns", run, [{ Name: "Unknown", Values: ["x"] }]), "an unknown filter name matches nothing");
    });
});
