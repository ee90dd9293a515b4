import * as assert from "node:assert/strict";
import { forgetPlannedRuns, overlapWarning } from "../../../sdk/overlap";

describe("sdk: runs retried by two resources of one program", () => {
    beforeEach(forgetPlannedRuns);
    const g = "run-ashamed-bleak-doggy-247963";

    it("the second resource planning a run is told which resource planned it first", () => {
        assert.equal(overlapWarning("a", g, ["u1", "u2"]), undefined);
        const w = overlapWarning("b", g, ["u2", "u3"]);
        assert.match(w ?? "", /^the same failed runs of run-ashamed-bleak-doggy-247963 are also retried by RunRetry "a" \(run u2\) in this stack/);
        // u3 is now b's: a third resource hears about both.
        assert.match(overlapWarning("c", g, ["u1", "u3"]) ?? "", /RunRetry "a" \(run u1\) and RunRetry "b" \(run u3\)/);
    });

    it("the same resource checked again (preview, then the update), other groups and other runs are not overlaps", () => {
        assert.equal(overlapWarning("a", g, ["u1"]), undefined);
        assert.equal(overlapWarning("a", g, ["u1"]), undefined);
        assert.equal(overlapWarning("b", "run-other-group-000001", ["u1"]), undefined);
        assert.equal(overlapWarning("c", g, ["u9"]), undefined);
    });
});
