// The intent record's view of the project (pure functions): which groups may have appeared after
// it, whatever their name, and where a newest-first listing may stop.
import * as assert from "node:assert/strict";
import { appearedAfter, listingBound, SEEN_MARGIN_MS, seenState, tiesAtProjectSeenUntil, type IntentRecord } from "../../../provider/runRetry/intentRecord";

const at = (iso: string) => `${iso}+08:00`;
const group = (id: string, time: string, name = "nightly") => ({ RunGroupId: id, CreateTime: at(time), Name: name, ApplicationId: "app-a", Type: "WDL" });
const lookalike = { applicationId: "app-a", name: "nightly", type: "WDL" };

describe("intent record (unit)", () => {
    const before = [
        group("run-old", "2026-12-01T10:00:00"),
        group("run-source", "2026-12-05T09:55:00"),
        group("run-sibling", "2026-12-05T09:59:00", "other-name"),
        group("run-same-second", "2026-12-05T10:00:00", "other-name"),
        group("run-newest", "2026-12-05T10:00:00", "third-name"),
    ];
    const state = seenState(before, lookalike);
    const record: IntentRecord = { intentId: "rri-1", recordedAt: "x", region: "ap-guangzhou", sourceRunGroupId: "run-source", lookalike, ...state };

    it("keeps look-alike IDs within the margin, and the project's newest time with its tie count", () => {
        assert.equal(state.seenUntil, at("2026-12-05T09:55:00"));
        assert.deepEqual(state.seenRecent, ["run-source"]);
        assert.equal(state.projectSeenUntil, at("2026-12-05T10:00:00"));
        assert.equal(state.projectSeenAtUntil, 2);
    });

    it("a renamed group created after the project's newest is new; older other-named groups are not", () => {
        assert.equal(appearedAfter(record, group("run-renamed", "2026-12-05T10:00:01", "nightly-retry-1")), true);
        assert.equal(appearedAfter(record, before[2]!), false);
        assert.equal(appearedAfter(record, before[0]!), false);
        assert.equal(appearedAfter(record, before[1]!), false, "never the source");
    });

    it("groups at the project's newest time are new only when there are more of them now than then", () => {
        const tie = group("run-tie", "2026-12-05T10:00:00", "nightly-retry-1");
        const now = [...before, tie];
        assert.equal(tiesAtProjectSeenUntil(record, before), 2);
        assert.equal(appearedAfter(record, before[3]!, tiesAtProjectSeenUntil(record, before)), false);
        assert.equal(tiesAtProjectSeenUntil(record, now), 3);
        assert.equal(appearedAfter(record, tie, 3), true);
        assert.equal(appearedAfter(record, before[3]!, 3), true, "a tie cannot be told apart: all are weighed");
    });

    it("look-alikes keep the margin: one created within it, not recorded, is new", () => {
        assert.equal(appearedAfter(record, group("run-late-clock", "2026-12-05T09:50:00")), true);
        assert.equal(appearedAfter(record, group("run-too-old", "2026-12-05T09:40:00")), false);
    });

    it("a listing may stop at the earlier of the look-alike margin and the project's newest time", () => {
        assert.equal(listingBound(record), Date.parse(at("2026-12-05T09:55:00")) - SEEN_MARGIN_MS);
        const far: IntentRecord = { ...record, seenUntil: at("2026-12-05T11:00:00") };
        assert.equal(listingBound(far), Date.parse(at("2026-12-05T10:00:00")));
        assert.equal(listingBound({ ...record, seenUntil: undefined } as IntentRecord), Number.NEGATIVE_INFINITY);
    });

    it("a record of 0.2.0 (no project time) weighs other-named groups within the look-alike margin", () => {
        const old: IntentRecord = { ...record, projectSeenUntil: undefined, projectSeenAtUntil: undefined } as IntentRecord;
        assert.equal(appearedAfter(old, before[2]!), true);
        assert.equal(appearedAfter(old, before[0]!), false);
    });
});
