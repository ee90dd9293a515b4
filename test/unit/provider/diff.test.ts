import * as assert from "node:assert/strict";
import { runRetryProvider } from "../../../provider";
import { UNKNOWN } from "../../../provider/runRetry/inputs";

const GROUP = "run-ashamed-bleak-doggy-247963";
const UUID1 = "7b501b32-4e42-456a-9d54-aa3c9791beb0";
const UUID2 = "38b860fa-65d3-4adc-8000-4c0c31d2ff51";

const recorded = {
    runGroupId: GROUP,
    runUuids: [UUID2, UUID1].sort(),
    region: "ap-guangzhou",
    triggers: { build: 1 },
    waitForCompletion: false,
    waitTimeoutSeconds: 3600,
    terminateOnDelete: false,
    plan: { runGroupId: GROUP, groupStatus: "COMPLETE_ERROR", runs: [] },
    newRunGroupId: "run-greedy-ecru-bonobo-459181",
    requestId: "46520c37-4d28-49e1-a738-01f64ae1b06b",
    retriedAt: "2026-01-01T00:00:00.000Z",
    status: "RUNNING",
    runStatusCounts: { RUNNING: 2 },
    __provider: "shim",
};
const news = (over: Record<string, unknown>) => {
    const base: Record<string, unknown> = {
        runGroupId: GROUP,
        runUuids: [UUID1, UUID2],
        region: "ap-guangzhou",
        triggers: { build: 1 },
        waitForCompletion: false,
        waitTimeoutSeconds: 3600,
        terminateOnDelete: false,
        __provider: "shim",
    };
    return { ...base, ...over };
};
const diff = (n: Record<string, unknown>) => runRetryProvider.diff(recorded.newRunGroupId, recorded, n);

describe("diff rules", () => {
    it("no change: order/duplicates/case of runUuids, the plan, outputs and __provider never cause a diff", async () => {
        const d = await diff(news({ runUuids: [UUID2, UUID1, UUID1.toUpperCase()], plan: { other: true }, __provider: "a newer shim" }));
        assert.equal(d.changes, false);
        assert.deepEqual(d.replaces, []);
    });

    for (const [key, value] of [
        ["runGroupId", "run-lonely-orange-dodo-410909"],
        ["runUuids", [UUID1]],
        ["projectId", "prj-aggressive-lime-porcupine-752427"],
        ["wdlOption", { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: false }],
        ["nfOption", { resume: true }],
        ["region", "ap-shanghai"],
        ["triggers", { build: 2 }],
    ] as const) {
        it(`changing ${key} replaces, naming ${key}`, async () => {
            const d = await diff(news({ [key]: value }));
            assert.equal(d.changes, true);
            assert.deepEqual(d.replaces, [key]);
            assert.equal(d.deleteBeforeReplace, false);
        });
    }

    it("removing triggers or runUuids replaces", async () => {
        assert.deepEqual((await diff(news({ triggers: undefined }))).replaces, ["triggers"]);
        assert.deepEqual((await diff(news({ runUuids: undefined }))).replaces, ["runUuids"]);
    });

    it("a value unknown during preview in a retry-defining field replaces", async () => {
        assert.deepEqual((await diff(news({ runGroupId: UNKNOWN }))).replaces, ["runGroupId"]);
    });

    for (const [key, value] of [
        ["waitForCompletion", true],
        ["terminateOnDelete", true],
        ["waitTimeoutSeconds", 60],
    ] as const) {
        it(`changing ${key} updates in place`, async () => {
            const d = await diff(news({ [key]: value }));
            assert.equal(d.changes, true);
            assert.deepEqual(d.replaces, []);
        });
    }

    it("state from an older version without the settings compares them with their defaults", async () => {
        const old = { ...recorded } as Record<string, unknown>;
        delete old.waitForCompletion;
        delete old.waitTimeoutSeconds;
        delete old.terminateOnDelete;
        const d = await runRetryProvider.diff("x", old, news({}));
        assert.equal(d.changes, false);
    });
});
