/**
 * The switches for undocumented Tencent behaviour (emulator/README.md, "Assumptions you can switch"),
 * observed through the official Node SDK: each changes what RetryRuns makes or what listings show,
 * the defaults stay as documented, and bad values are refused naming the field.
 */
import * as assert from "node:assert/strict";
import { DEFAULT_BEHAVIOUR, EmulatorControlError } from "../../../emulator";
import { HELP, parseArgs, UsageError } from "../../../emulator/cli";
import { startTestEmulator, type TestEmulator } from "./helpers";

describe("emulator behaviour switches", () => {
    let t: TestEmulator;
    afterEach(async () => t?.emu.stop());

    async function retried(t: TestEmulator) {
        const seed = await t.ctl.seedFailedRunGroup({ runs: 3, failedRuns: 2, name: "nightly" });
        const c = t.client();
        const { RunGroupId } = await c.RetryRuns({ RunGroupId: seed.RunGroupId });
        const groups = (await c.DescribeRunGroups({ ProjectId: seed.ProjectId, Limit: 100 })).RunGroups ?? [];
        const runs = (await c.DescribeRuns({ ProjectId: seed.ProjectId, Limit: 100 })).Runs ?? [];
        return {
            seed,
            source: groups.find((g) => g.RunGroupId === seed.RunGroupId),
            group: groups.find((g) => g.RunGroupId === RunGroupId),
            oldRuns: runs.filter((r) => r.RunGroupId === seed.RunGroupId && seed.FailedRunUuids.includes(r.RunUuid ?? "")),
            newRuns: runs.filter((r) => r.RunGroupId === RunGroupId),
            id: RunGroupId as string,
        };
    }

    it("defaults: same name, every run field and the option copied, listed at once, CreateTime to the second", async () => {
        t = await startTestEmulator();
        assert.deepEqual(await t.ctl.behaviour(), DEFAULT_BEHAVIOUR);
        const r = await retried(t);
        assert.equal(r.group?.Name, "nightly");
        assert.deepEqual(r.group?.Option, r.source?.Option);
        assert.deepEqual(
            r.newRuns.map((x) => [x.UserDefinedId, x.TableRowUuid, x.Input]).sort(),
            r.oldRuns.map((x) => [x.UserDefinedId, x.TableRowUuid, x.Input]).sort(),
        );
        assert.match(r.group?.CreateTime ?? "", /T\d\d:\d\d:\d\d\+08:00$/);
    });

    it("renamed group, run fields and option left out, coarse CreateTime (set at start)", async () => {
        t = await startTestEmulator({
            behaviour: { retriedGroupName: "suffix", retryCopiesRunFields: ["TableRowUuid"], retryOption: "omit", createTimeGranularity: "hour" },
        });
        const r = await retried(t);
        assert.equal(r.group?.Name, "nightly-retry-1");
        assert.equal(r.group?.Option, undefined);
        assert.deepEqual(
            r.newRuns.map((x) => x.UserDefinedId),
            ["", ""],
        );
        assert.deepEqual(
            r.newRuns.map((x) => x.Input),
            ["", ""],
        );
        assert.deepEqual(r.newRuns.map((x) => x.TableRowUuid).sort(), r.oldRuns.map((x) => x.TableRowUuid).sort());
        assert.match(r.group?.CreateTime ?? "", /T\d\d:00:00\+08:00$/);
        assert.match(r.source?.CreateTime ?? "", /T\d\d:00:00\+08:00$/, "seeded groups follow the granularity too");
        // The second retry of the same group gets the next number.
        await t.ctl.setBehaviour({ retryCopiesRunFields: [] });
        const again = await t.client().RetryRuns({ RunGroupId: r.seed.RunGroupId });
        const second = (await t.client().DescribeRunGroups({ Filters: [{ Name: "RunGroupId", Values: [again.RunGroupId ?? ""] }] })).RunGroups?.[0];
        assert.equal(second?.Name, "nightly-retry-2");
    });

    it("listing delay: a new group and its runs are missing from listings for that long, then appear", async () => {
        t = await startTestEmulator();
        const seed = await t.ctl.seedFailedRunGroup({ runs: 2, failedRuns: 1 });
        assert.equal((await t.ctl.setBehaviour({ listingDelaySeconds: 1 })).listingDelaySeconds, 1);
        const c = t.client();
        const { RunGroupId } = await c.RetryRuns({ RunGroupId: seed.RunGroupId });
        const listed = async () => ({
            groups: ((await c.DescribeRunGroups({ ProjectId: seed.ProjectId })).RunGroups ?? []).map((g) => g.RunGroupId),
            runs: ((await c.DescribeRuns({ ProjectId: seed.ProjectId, Filters: [{ Name: "RunGroupId", Values: [RunGroupId ?? ""] }] })).Runs ?? []).length,
        });
        const early = await listed();
        assert.ok(!early.groups.includes(RunGroupId) && early.groups.includes(seed.RunGroupId), JSON.stringify(early));
        assert.equal(early.runs, 0);
        await new Promise((r) => setTimeout(r, 1200));
        const late = await listed();
        assert.ok(late.groups.includes(RunGroupId));
        assert.equal(late.runs, 1);
    });

    it("bad values are refused naming the field; reset keeps the switches", async () => {
        t = await startTestEmulator();
        for (const [body, field] of [
            [{ retriedGroupName: "other" }, /retriedGroupName must be one of same, suffix/],
            [{ retryCopiesRunFields: ["Status"] }, /retryCopiesRunFields\[\] must be one of UserDefinedId, TableRowUuid, Input/],
            [{ listingDelaySeconds: -1 }, /listingDelaySeconds must be a number of seconds from 0 to 3600/],
            [{ wat: 1 }, /unknown behaviour wat/],
        ] as const) {
            const e = await t.ctl.setBehaviour(body as never).then(
                () => undefined,
                (err: unknown) => err,
            );
            assert.ok(e instanceof EmulatorControlError, JSON.stringify(body));
            assert.match(e.message, field);
        }
        await t.ctl.setBehaviour({ retryOption: "omit" });
        await t.ctl.reset();
        assert.equal((await t.ctl.behaviour()).retryOption, "omit");
        await assert.rejects(
            startTestEmulator({ behaviour: { createTimeGranularity: "day" as never } }),
            /startEmulator: behaviour: createTimeGranularity must be one of second, minute, hour/,
        );
    });

    it("CLI flags set every switch; bad ones exit with usage errors", () => {
        const { options } = parseArgs([
            "--retried-group-name",
            "suffix",
            "--retry-copies",
            "UserDefinedId,Input",
            "--retry-option=omit",
            "--listing-delay",
            "2.5",
            "--create-time-granularity",
            "minute",
            "--listing-order",
            "oldest-first",
        ]);
        assert.deepEqual(options.behaviour, {
            retriedGroupName: "suffix",
            retryCopiesRunFields: ["UserDefinedId", "Input"],
            retryOption: "omit",
            listingDelaySeconds: 2.5,
            createTimeGranularity: "minute",
            listingOrder: "oldest-first",
        });
        assert.deepEqual(parseArgs(["--retry-copies", "none"]).options.behaviour, { retryCopiesRunFields: [] });
        for (const bad of [
            ["--retry-copies", "Status"],
            ["--listing-delay", "soon"],
            ["--retried-group-name", "x"],
        ]) {
            assert.throws(() => parseArgs(bad), UsageError, bad.join(" "));
        }
        assert.match(HELP, /--retried-group-name <same\|suffix>/);
    });
});
