// Bad input fails `preview` with a message naming the field, before anything reaches the API.
import * as assert from "node:assert/strict";
import { retriesConfig, useEngineFixture } from "./support/fixture";
import { countingCalls } from "./support/requests";

describe("e2e: bad input is caught by preview", function () {
    this.timeout(240_000);
    const fx = useEngineFixture({ clock: "immediate" });

    const cases: [string, Record<string, unknown>, RegExp][] = [
        ["a malformed run UUID", { runUuids: ["not-a-uuid"] }, /runUuids/],
        ["neither a group nor runs", { projectId: "prj-aggressive-lime-porcupine-752427" }, /runGroupId|runUuids/],
        [
            "an unknown failure mode",
            { runGroupId: "run-ashamed-bleak-doggy-247963", wdlOption: { failureMode: "Sometimes", useCallCache: true, useErrorOnHold: false } },
            /failureMode/,
        ],
        ["an unsupported region", { runGroupId: "run-ashamed-bleak-doggy-247963", region: "mars-north-1" }, /region/],
    ];
    for (const [label, args, field] of cases) {
        it(`${label}: preview fails naming the field, and the emulator sees no call`, async () => {
            const stack = await fx.newStack("retries", `bad-${label.replace(/\W+/g, "-")}`, retriesConfig({ bad: args }));
            const { result, calls } = await countingCalls(fx.control, () =>
                stack.preview().then(
                    () => undefined,
                    (e: Error) => e,
                ),
            );
            assert.ok(result instanceof Error, "preview must fail");
            assert.match(result.message, field);
            assert.deepEqual(calls, []);
        });
    }

    it("a run group that does not exist fails preview (read-only check), with no RetryRuns", async () => {
        const stack = await fx.newStack("retries", "bad-missing-group", retriesConfig({ missing: { runGroupId: "run-ashamed-bleak-doggy-247963" } }));
        const { result, calls } = await countingCalls(fx.control, () =>
            stack.preview().then(
                () => undefined,
                (e: Error) => e,
            ),
        );
        assert.ok(result instanceof Error, "preview must fail");
        assert.match(result.message, /ResourceNotFound\.RunGroupNotExist|does not exist/);
        assert.ok(calls.every((c) => c.action !== "RetryRuns"));
    });
});
