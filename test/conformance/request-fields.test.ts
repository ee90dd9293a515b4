// Conformance of the emulator's request schemas with the official Python SDK's request models.
//
// The emulator answers `UnknownParameter` for a field an action does not have (at any depth). Real
// Tencent accepts every field its published models carry, so the emulator must never call one of
// them unknown. For each action we use, every field of the SDK's request model (and every field
// of the nested models RunOption, NFOption, GitInfo, Filter) is sent through the Python SDK's typed
// model on top of a request that is otherwise valid; the answer may be success or any error but
// `UnknownParameter`. A control probe (a field no model has, sent through the Node SDK, which
// does not filter fields) must get `UnknownParameter` at each position, or the probe proves nothing.
import { strict as assert } from "node:assert";
import { type ConformanceFixture, REGION, SETUP_TIMEOUT_MS, startConformanceFixture } from "./support/fixture";
import { nodeCall, type PyCall, pythonCalls, pythonModelFields } from "./support/peers";

const NESTED = ["RunOption", "NFOption", "GitInfo", "Filter"];

function dummy(type: string): unknown {
    switch (type) {
        case "str":
            return "x";
        case "int":
            return 1;
        case "float":
            return 1.5;
        case "bool":
            return true;
        case "list of str":
            return ["x"];
        case "list of Filter":
            return [{ Name: "Name", Values: ["x"] }];
        default:
            if (NESTED.includes(type)) return {};
            throw new Error(`no dummy value for SDK type ${type}`);
    }
}

describe("conformance: every request field of the official Python SDK's models is accepted", function () {
    let fx: ConformanceFixture;
    let bases: Record<string, Record<string, unknown>>;
    let fields: Record<string, Record<string, string>>;

    before(async function () {
        this.timeout(SETUP_TIMEOUT_MS + 60_000);
        fx = await startConformanceFixture();
        const seed = await fx.seed();
        const b64 = Buffer.from(JSON.stringify({ "main.sample": "s" })).toString("base64");
        // Requests that pass schema validation (they may still fail later, e.g. ResourceNotFound).
        bases = {
            RetryRuns: { ProjectId: seed.ProjectId, RunGroupId: seed.RunGroupId },
            DescribeRunGroups: {},
            DescribeRuns: {},
            GetRunStatus: { RunUuid: seed.RunUuids[0] },
            TerminateRunGroup: { RunGroupId: "run-absent-grey-mole-000001" },
            DescribeProjects: {},
            DescribeEnvironments: {},
            RunApplication: { ApplicationId: "app-absent-grey-mole-000001", Name: "probe", EnvironmentId: "env-00000000", InputBase64: b64 },
            RunWorkflow: {
                Name: "probe",
                EnvironmentId: "env-00000000",
                GitSource: { GitHttpPath: "https://git.example.invalid/flow.git" },
                Type: "NEXTFLOW",
                NFOption: {},
                InputBase64: b64,
            },
        };
        fields = await pythonModelFields(fx.peers, [...Object.keys(bases).map((a) => `${a}Request`), ...NESTED]);
    });
    after(async () => {
        await fx?.close();
    });
    this.timeout(120_000);

    it("the bases are valid requests (no schema error) through the Python SDK", async () => {
        const results = await pythonCalls(
            fx.peers,
            fx.creds,
            fx.url,
            REGION,
            Object.entries(bases).map(([action, params]) => ({ action, params })),
        );
        for (const r of results) {
            assert.ok(
                r.ok || !["UnknownParameter", "MissingParameter", "InvalidParameter"].includes(String(r.code)),
                `${r.action} base rejected: ${r.code} ${r.message}`,
            );
        }
    });

    for (const action of [
        "RetryRuns",
        "DescribeRunGroups",
        "DescribeRuns",
        "GetRunStatus",
        "TerminateRunGroup",
        "DescribeProjects",
        "DescribeEnvironments",
        "RunApplication",
        "RunWorkflow",
    ]) {
        it(`${action}: no field of ${action}Request (or its nested models) is UnknownParameter`, async () => {
            const model = fields[`${action}Request`];
            assert.ok(model && Object.keys(model).length > 0, `the SDK has no ${action}Request model`);
            const probes: { label: string; call: PyCall }[] = [];
            const controls: { label: string; params: Record<string, unknown> }[] = [
                { label: "NotAModelField", params: { ...bases[action], NotAModelField: 1 } },
            ];
            for (const [field, type] of Object.entries(model)) {
                if (NESTED.includes(type)) {
                    for (const [sub, subType] of Object.entries(fields[type])) {
                        const value = { ...((bases[action][field] as object) ?? {}), [sub]: dummy(subType) };
                        probes.push({ label: `${field}.${sub}`, call: { action, params: { ...bases[action], [field]: value } } });
                    }
                    controls.push({
                        label: `${field}.NotAModelField`,
                        params: { ...bases[action], [field]: { ...((bases[action][field] as object) ?? {}), NotAModelField: 1 } },
                    });
                } else if (!(field in bases[action])) {
                    probes.push({ label: field, call: { action, params: { ...bases[action], [field]: dummy(type) } } });
                    if (type === "list of Filter")
                        controls.push({
                            label: `${field}.0.NotAModelField`,
                            params: { ...bases[action], [field]: [{ Name: "Name", Values: ["x"], NotAModelField: 1 }] },
                        });
                }
            }
            const results = await pythonCalls(
                fx.peers,
                fx.creds,
                fx.url,
                REGION,
                probes.map((p) => p.call),
            );
            const rejected = results
                .map((r, i) => ({ r, label: probes[i].label }))
                .filter(({ r }) => !r.ok && r.code === "UnknownParameter")
                .map(({ r, label }) => `${label} (${r.message})`);
            const broken = results.filter((r) => !r.ok && r.exception !== "TencentCloudSDKException").map((r) => `${r.exception}: ${r.message}`);
            assert.deepEqual(broken, [], "answers the Python SDK could not read");
            assert.deepEqual(rejected, [], `${action}: fields of the official model answered UnknownParameter`);

            for (const c of controls) {
                const n = await nodeCall(fx.node, action, c.params);
                assert.equal(n.code, "UnknownParameter", `control ${action} ${c.label}: ${n.code ?? "success"} (the probe at this position proves nothing)`);
            }
        });
    }
});
