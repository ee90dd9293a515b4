/** State model: ID formats, transition tables, clock modes, atomic persistence, seed fixtures. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isoTime, plainTime } from "../../../emulator/state/clock";
import { environmentId, ID_PATTERNS, uuid, wordId } from "../../../emulator/state/ids";
import { readState, writeStateAtomic } from "../../../emulator/state/persistence";
import { applySeedFile, seedFailedRunGroup, validateSeedOptions } from "../../../emulator/state/seed";
import { Store } from "../../../emulator/state/store";
import { FAILED_RUN_STATUSES, RETRYABLE_GROUP_STATUSES, RUN_GROUP_TRANSITIONS, RUN_TRANSITIONS } from "../../../emulator/state/transitions";

describe("emulator state (unit)", () => {
    it("IDs follow the documented formats", () => {
        for (let i = 0; i < 50; i++) {
            assert.match(wordId("run"), ID_PATTERNS.runGroup);
            assert.match(wordId("prj"), ID_PATTERNS.project);
            assert.match(wordId("app"), ID_PATTERNS.application);
            assert.match(environmentId(), ID_PATTERNS.environment);
            assert.match(uuid(), ID_PATTERNS.uuidV4);
        }
        assert.match("run-ashamed-bleak-doggy-247963", ID_PATTERNS.runGroup);
        assert.match("env-05d0g0w2", ID_PATTERNS.environment);
    });

    it("times are in China Standard Time in the documented formats", () => {
        const ms = Date.UTC(2023, 2, 15, 12, 52, 56);
        assert.equal(isoTime(ms), "2023-03-15T20:52:56+08:00");
        assert.equal(plainTime(ms), "2023-03-15 20:52:56");
    });

    it("transition tables: final statuses, retryable statuses", () => {
        assert.equal(RUN_TRANSITIONS.SUCCESS, null);
        assert.equal(RUN_TRANSITIONS.EXECUTOR_ERROR, null);
        assert.equal(RUN_TRANSITIONS.TERMINATED, null);
        assert.ok(RUN_TRANSITIONS.WAITING && RUN_TRANSITIONS.RUNNING);
        assert.equal(RUN_GROUP_TRANSITIONS.COMPLETE, null);
        assert.deepEqual([...RETRYABLE_GROUP_STATUSES].sort(), ["COMPLETE_ERROR", "TERMINATED"]);
        assert.deepEqual([...FAILED_RUN_STATUSES].sort(), ["EXECUTOR_ERROR", "TERMINATED"]);
    });

    it("manual clock: runs move WAITING -> RUNNING -> outcome only as time is advanced", () => {
        const store = new Store({ clock: "manual", retryLimit: 3 });
        const s = seedFailedRunGroup(store, { status: "RUNNING", runs: 2, failedRuns: 1 });
        const statuses = () =>
            store
                .runsOf(s.RunGroupId)
                .map((r) => r.Status)
                .sort();
        store.tick();
        assert.deepEqual(statuses(), ["WAITING", "WAITING"]);
        store.clock.advance(store.state.settings.waitingSeconds);
        store.tick();
        assert.deepEqual(statuses(), ["RUNNING", "RUNNING"]);
        assert.equal(store.state.runGroups[s.RunGroupId]?.Status, "RUNNING");
        store.clock.advance(store.state.settings.runningSeconds);
        store.tick();
        assert.deepEqual(statuses(), ["EXECUTOR_ERROR", "SUCCESS"]);
        assert.equal(store.state.runGroups[s.RunGroupId]?.Status, "COMPLETE_ERROR");
    });

    it("immediate clock: everything final at the next tick", () => {
        const store = new Store({ clock: "immediate", retryLimit: 3 });
        const s = seedFailedRunGroup(store, { status: "RUNNING", runs: 3, failedRuns: 0 });
        store.tick();
        assert.equal(store.state.runGroups[s.RunGroupId]?.Status, "COMPLETE");
    });

    it("fresh state: one default project and environment per region", () => {
        const st = Store.freshState(Date.now());
        const regions = Object.values(st.projects)
            .map((p) => p.Region)
            .sort();
        assert.equal(new Set(regions).size, regions.length);
        assert.equal(Object.values(st.environments).filter((e) => e.IsDefault).length, regions.length);
    });

    it("atomic persistence: file replaced whole, no temp file left, round trip", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-state-"));
        try {
            const file = path.join(dir, "nested", "state.json");
            const st = Store.freshState(0);
            writeStateAtomic(file, st);
            writeStateAtomic(file, st);
            assert.deepEqual(fs.readdirSync(path.dirname(file)), ["state.json"]);
            assert.deepEqual(readState(file), st);
            assert.equal(readState(path.join(dir, "missing.json")), undefined);
            fs.writeFileSync(path.join(dir, "bad.json"), '{"version": 9}');
            assert.throws(() => readState(path.join(dir, "bad.json")), /version 1/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("seed options are validated; seed files apply groups and environments", () => {
        assert.throws(() => validateSeedOptions({ runs: 0 }), /runs/);
        assert.throws(() => validateSeedOptions({ colour: "red" }), /colour/);
        assert.throws(() => validateSeedOptions({ retryOutcome: "MAYBE" }), /retryOutcome/);
        const store = new Store({ clock: "manual", retryLimit: 3 });
        const out = applySeedFile(store, {
            environments: [{ name: "offline", available: false }],
            failedRunGroups: [{ runs: 2, failedRuns: 2 }, { type: "NEXTFLOW" }],
        });
        assert.equal(out.length, 2);
        assert.equal(out[0]?.FailedRunUuids.length, 2);
        assert.ok(Object.values(store.state.environments).some((e) => e.Name === "offline" && !e.Available));
        assert.throws(() => applySeedFile(store, { groups: [] }), /unknown field groups/);
    });
});
