import * as assert from "node:assert/strict";
import { normalize, UNKNOWN } from "../../../provider/runRetry/inputs";
import { validate } from "../../../provider/runRetry/validate";

const GROUP = "run-ashamed-bleak-doggy-247963";
const UUID1 = "7b501b32-4e42-456a-9d54-aa3c9791beb0";
const UUID2 = "38b860fa-65d3-4adc-8000-4c0c31d2ff51";

const props = (inputs: Record<string, unknown>): string[] =>
    validate(normalize(inputs))
        .map((f) => f.property)
        .sort();

describe("validate (offline check)", () => {
    it("accepts the documented examples", () => {
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou" }), []);
        assert.deepEqual(props({ runUuids: [UUID1, UUID2], projectId: "prj-aggressive-lime-porcupine-752427", region: "ap-shanghai" }), []);
        assert.deepEqual(
            props({
                runGroupId: GROUP,
                region: "eu-frankfurt",
                wdlOption: { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: false, finalWorkflowOutputsDir: "/out" },
            }),
            [],
        );
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-beijing", nfOption: { nfVersion: "23.10.1", resume: true, profile: "docker" } }), []);
    });

    it("requires runGroupId or runUuids", () => {
        const f = validate(normalize({ region: "ap-guangzhou" }));
        assert.equal(f.length, 1);
        assert.equal(f[0]!.property, "runGroupId");
        assert.match(f[0]!.reason, /runGroupId, runUuids, or both/);
        assert.deepEqual(props({ region: "ap-guangzhou", runUuids: [] }), ["runGroupId"], "an empty list is unset");
    });

    it("checks only what is certain about IDs (prefix, characters, length) and names the field", () => {
        assert.deepEqual(props({ runGroupId: "rg-123", region: "ap-guangzhou" }), ["runGroupId"], "wrong prefix");
        assert.deepEqual(props({ runGroupId: "run-", region: "ap-guangzhou" }), ["runGroupId"], "nothing after the prefix");
        assert.deepEqual(props({ runGroupId: "run-has space", region: "ap-guangzhou" }), ["runGroupId"], "a space");
        assert.deepEqual(props({ runGroupId: `run-${"a".repeat(125)}`, region: "ap-guangzhou" }), ["runGroupId"], "longer than 128");
        assert.deepEqual(props({ runGroupId: GROUP, projectId: "project-1", region: "ap-guangzhou" }), ["projectId"]);
        const f = validate(normalize({ runUuids: [UUID2, "not-a-uuid", "7b501b32-4e42-456a-9d54-aa3c9791beb"], region: "ap-guangzhou" }));
        assert.equal(f.length, 1);
        assert.equal(f[0]!.property, "runUuids");
        assert.match(f[0]!.reason, /"not-a-uuid"/);
        assert.match(f[0]!.reason, /aa3c9791beb"/, "a UUID one digit short");
        assert.ok(!f[0]!.reason.includes(UUID2), "valid UUIDs are not listed");
    });

    it("accepts IDs of other plausible shapes than the documentation's examples (existence is the plan's job)", () => {
        for (const id of ["run-abc123", "run-ashamed-bleak-doggy-24796", "run-0a1b2c3d4e", "run-Upper_Case-1", `run-${"a".repeat(124)}`]) {
            assert.deepEqual(props({ runGroupId: id, region: "ap-guangzhou" }), [], id);
        }
        assert.deepEqual(props({ runGroupId: GROUP, projectId: "prj-7f3a9c", region: "ap-guangzhou" }), []);
        const v1 = "7b501b32-4e42-156a-9d54-aa3c9791beb0";
        assert.deepEqual(props({ runUuids: [v1, UUID1.toUpperCase()], region: "ap-guangzhou" }), [], "any UUID version, any case");
    });

    it("checks the recovery settings", () => {
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", recovery: "sometimes" }), ["recovery"]);
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", recovery: "fail", adoptRunGroupId: "run-abc-1" }), []);
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", adoptRunGroupId: "group-1" }), ["adoptRunGroupId"]);
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", intent: "by hand" }), ["intent"]);
    });

    it("checks the region against the Omics region list", () => {
        const f = validate(normalize({ runGroupId: GROUP, region: "us-east-1" }));
        assert.equal(f[0]!.property, "region");
        assert.match(f[0]!.reason, /ap-guangzhou/);
        assert.deepEqual(props({ runGroupId: GROUP }), ["region"], "no region anywhere");
    });

    it("checks enums, required and typed option fields, and option exclusivity", () => {
        assert.deepEqual(
            props({ runGroupId: GROUP, region: "ap-guangzhou", wdlOption: { failureMode: "StopNow", useCallCache: true, useErrorOnHold: false } }),
            ["wdlOption.failureMode"],
        );
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", wdlOption: { failureMode: "NoNewCalls" } }), [
            "wdlOption.useCallCache",
            "wdlOption.useErrorOnHold",
        ]);
        assert.deepEqual(
            props({ runGroupId: GROUP, region: "ap-guangzhou", wdlOption: { failureMode: "NoNewCalls", useCallCache: "yes", useErrorOnHold: false } }),
            ["wdlOption.useCallCache"],
        );
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", nfOption: { nfVersion: "24.04.0" } }), ["nfOption.nfVersion"]);
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", nfOption: { colour: "red" } }), ["nfOption.colour"]);
        assert.deepEqual(
            props({
                runGroupId: GROUP,
                region: "ap-guangzhou",
                nfOption: { resume: true },
                wdlOption: { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: true },
            }),
            ["nfOption"],
        );
    });

    it("checks waitTimeoutSeconds and the boolean settings", () => {
        for (const bad of [0, -1, 1.5, "1h", 604801]) {
            assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", waitTimeoutSeconds: bad }), ["waitTimeoutSeconds"], String(bad));
        }
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", waitTimeoutSeconds: 604800 }), []);
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", waitForCompletion: "true", terminateOnDelete: 1 }), [
            "terminateOnDelete",
            "waitForCompletion",
        ]);
    });

    it("rejects unknown properties (typos) by name", () => {
        assert.deepEqual(props({ runGroupID: GROUP, runGroupId: GROUP, region: "ap-guangzhou" }), ["runGroupID"]);
    });

    it("skips values unknown during preview", () => {
        assert.deepEqual(props({ runGroupId: UNKNOWN, region: UNKNOWN, projectId: UNKNOWN }), []);
        assert.deepEqual(props({ runUuids: [UNKNOWN, UUID1], region: "ap-guangzhou" }), []);
        assert.deepEqual(
            props({ runGroupId: GROUP, region: "ap-guangzhou", wdlOption: { failureMode: UNKNOWN, useCallCache: true, useErrorOnHold: true } }),
            [],
        );
        assert.deepEqual(props({ runGroupId: GROUP, region: "ap-guangzhou", waitTimeoutSeconds: UNKNOWN }), []);
    });
});

describe("normalize", () => {
    it("sorts, deduplicates and lower-cases runUuids", () => {
        const n = normalize({ runUuids: [UUID2, UUID1.toUpperCase(), ` ${UUID2} `] });
        assert.deepEqual(n.runUuids, [UUID2, UUID1].sort());
    });

    it("applies defaults and drops unset members, empty options and output properties", () => {
        const n = normalize({
            runGroupId: ` ${GROUP} `,
            projectId: "",
            nfOption: { config: "", resume: null },
            wdlOption: { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: false, finalWorkflowOutputsDir: undefined },
            newRunGroupId: "run-x",
            plan: { runs: [] },
            __provider: "text",
        });
        assert.deepEqual(n, {
            runGroupId: GROUP,
            wdlOption: { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: false },
            waitForCompletion: false,
            waitTimeoutSeconds: 3600,
            terminateOnDelete: false,
            recovery: "adopt",
        });
    });

    it("keeps unknown values untouched", () => {
        const n = normalize({ runUuids: [UNKNOWN, UUID1], runGroupId: UNKNOWN });
        assert.deepEqual(n.runUuids, [UNKNOWN, UUID1]);
        assert.equal(n.runGroupId, UNKNOWN);
    });
});
