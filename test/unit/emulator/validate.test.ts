/** The parameter schema: Missing/Unknown/InvalidParameter/InvalidParameterValue naming the field. */
import * as assert from "node:assert/strict";
import { declaredActions } from "../../conformance/support/sdkDeclarations";
import { ACTIONS } from "../../../emulator/actions";
import { validate } from "../../../emulator/actions/validate";

const codeOf = (f: () => unknown): { code: string; message: string } => {
    try {
        f();
    } catch (e) {
        return e as { code: string; message: string };
    }
    throw new Error("expected an error");
};

describe("emulator parameter validation (unit)", () => {
    const retry = ACTIONS.get("RetryRuns");
    assert.ok(retry);
    const schema = retry.schema;

    it("accepts the seed page's three request shapes", () => {
        validate(schema, { ProjectId: "prj-a-b-c-000001", RunGroupId: "run-a-b-c-000001" });
        validate(schema, { ProjectId: "prj-a-b-c-000001", RunUuids: ["7b501b32-4e42-456a-9d54-aa3c9791beb0"] });
        validate(schema, { ProjectId: "p", RunGroupId: "r", RunUuids: ["a", "b"] });
    });

    it("names the field in each error", () => {
        const cases: [unknown, string, RegExp][] = [
            [{ Foo: 1 }, "UnknownParameter", /`Foo`/],
            [{ RunGroupId: 5 }, "InvalidParameter", /`RunGroupId`/],
            [{ RunGroupId: "" }, "InvalidParameterValue", /`RunGroupId`/],
            [{ RunUuids: [1] }, "InvalidParameter", /`RunUuids\.0`/],
            [{ RunUuids: [] }, "InvalidParameterValue", /`RunUuids`/],
            [{ WDLOption: [] }, "InvalidParameter", /`WDLOption`/],
            [{ WDLOption: { FailureMode: "X", UseCallCache: true, UseErrorOnHold: true } }, "InvalidParameterValue", /`WDLOption\.FailureMode`/],
            [{ WDLOption: { FailureMode: "NoNewCalls", UseCallCache: "yes", UseErrorOnHold: true } }, "InvalidParameter", /`WDLOption\.UseCallCache`/],
            [{ WDLOption: { FailureMode: "NoNewCalls", UseCallCache: true } }, "MissingParameter", /`WDLOption\.UseErrorOnHold`/],
            [{ NFOption: { NFVersion: "24.04.0" } }, "InvalidParameterValue", /`NFOption\.NFVersion`/],
            [{ NFOption: { Shiny: true } }, "UnknownParameter", /`NFOption\.Shiny`/],
            ["text", "InvalidParameter", /JSON object/],
        ];
        for (const [params, code, msg] of cases) {
            const e = codeOf(() => validate(schema, params));
            assert.equal(e.code, code, JSON.stringify(params));
            assert.match(e.message, msg, JSON.stringify(params));
        }
    });

    it("NFVersion and FailureMode accept exactly the documented values", () => {
        for (const v of ["22.10.7", "23.10.1"]) validate(schema, { NFOption: { NFVersion: v } });
        for (const m of ["ContinueWhilePossible", "NoNewCalls"]) {
            validate(schema, { WDLOption: { FailureMode: m, UseCallCache: false, UseErrorOnHold: false } });
        }
    });

    it("integer bounds and filters", () => {
        const runs = ACTIONS.get("DescribeRuns");
        assert.ok(runs);
        assert.equal(codeOf(() => validate(runs.schema, { Limit: 0 })).code, "InvalidParameterValue");
        assert.equal(codeOf(() => validate(runs.schema, { Limit: 1.5 })).code, "InvalidParameter");
        assert.equal(codeOf(() => validate(runs.schema, { Offset: -1 })).code, "InvalidParameterValue");
        assert.equal(codeOf(() => validate(runs.schema, { Filters: [{ Name: "Status" }] })).code, "MissingParameter");
        assert.equal(codeOf(() => validate(runs.schema, { Filters: [{ Name: "Status", Values: [] }] })).code, "InvalidParameterValue");
        validate(runs.schema, { Limit: 100, Offset: 0, Filters: [{ Name: "Status", Values: ["SUCCESS"] }] });
    });

    it("registers exactly the actions the official Node SDK's omics client declares", () => {
        assert.deepEqual([...ACTIONS.keys()].sort(), declaredActions());
        assert.equal(ACTIONS.size, 32);
    });
});
