// The request-field check of request-fields.test.ts, for every other action of the API (the
// catalogue actions): every field of the official Python SDK's request model, and of the models
// nested in it at any depth, is sent through the SDK's typed model on top of a valid request (the
// success call of support/allActions.ts); the answer may be anything but `UnknownParameter`. A
// control field no model has (sent through the Node SDK, which does not filter) must be refused at
// each position, or the probe proves nothing there.
import { strict as assert } from "node:assert";
import { prepareAllActions } from "./support/allActions";
import { type ConformanceFixture, REGION, SETUP_TIMEOUT_MS, startConformanceFixture } from "./support/fixture";
import { nodeCall, type PyCall, pythonCalls, pythonModelFields } from "./support/peers";
import { declaredActions } from "./support/sdkDeclarations";

/** Covered by request-fields.test.ts. */
const COVERED = [
    "RetryRuns",
    "DescribeRunGroups",
    "DescribeRuns",
    "GetRunStatus",
    "TerminateRunGroup",
    "DescribeProjects",
    "DescribeEnvironments",
    "RunApplication",
    "RunWorkflow",
];
const SCALARS: Record<string, unknown> = { str: "x", int: 1, float: 1.5, bool: true, "list of str": ["x"], "list of int": [1] };

type Fields = Record<string, Record<string, string>>;
type Json = Record<string, unknown>;

/** Every model reachable from `roots` in the Python SDK, with its fields. */
async function modelsFrom(fx: ConformanceFixture, roots: string[]): Promise<Fields> {
    const all: Fields = {};
    let todo = roots;
    while (todo.length > 0) {
        const got = await pythonModelFields(fx.peers, todo);
        Object.assign(all, got);
        const next = new Set<string>();
        for (const fields of Object.values(got)) {
            for (const t of Object.values(fields)) {
                const inner = t.replace(/^list of /, "");
                if (!(inner in SCALARS) && !(t in SCALARS) && !(inner in all)) next.add(inner);
            }
        }
        todo = [...next].filter((m) => !(m in all));
    }
    return all;
}

/** A copy of `base` with `value` at `path` (through the first element of lists on the way). */
function setAt(base: Json, path: string[], value: unknown): Json {
    const copy = structuredClone(base);
    let cur: Json = copy;
    for (const [i, key] of path.entries()) {
        if (i === path.length - 1) cur[key] = value;
        else {
            const arr = Array.isArray(cur[key]);
            if (arr) cur[key] = [(cur[key] as Json[])[0] ?? {}];
            const holder = arr ? (cur[key] as Json[]) : undefined;
            if (!holder && (typeof cur[key] !== "object" || cur[key] === null)) cur[key] = {};
            cur = holder ? (holder[0] as Json) : (cur[key] as Json);
        }
    }
    return copy;
}

/** The value at `path` (through the first element of lists), or undefined. */
function valueAt(base: Json, path: string[]): unknown {
    let cur: unknown = base;
    for (const key of path) {
        if (Array.isArray(cur)) cur = cur[0];
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Json)[key];
    }
    return cur;
}

/** Probes (one per field, any depth) and controls (one unknown field per object position). */
function probesOf(
    models: Fields,
    model: string,
    base: Json,
    prefix: string[] = [],
): { probes: { label: string; params: Json }[]; controls: { label: string; params: Json }[] } {
    const probes: { label: string; params: Json }[] = [];
    const controls = [{ label: [...prefix, "NotAModelField"].join("."), params: setAt(base, [...prefix, "NotAModelField"], 1) }];
    for (const [field, type] of Object.entries(models[model] ?? {})) {
        const path = [...prefix, field];
        const inner = type.replace(/^list of /, "");
        if (type in SCALARS) probes.push({ label: path.join("."), params: setAt(base, path, SCALARS[type]) });
        else if (models[inner]) {
            const list = type.startsWith("list of ");
            // Along a path, setAt descends into the first element of a list.
            const sub = probesOf(models, inner, valueAt(base, path) === undefined ? setAt(base, path, list ? [{}] : {}) : base, path);
            probes.push(...sub.probes);
            controls.push(...sub.controls);
        }
    }
    return { probes, controls };
}

describe("conformance: every request field of the Python SDK's models is accepted, for the catalogue actions too", function () {
    this.timeout(180_000);
    let fx: ConformanceFixture;
    let bases: Record<string, Json>;
    let models: Fields;
    const actions = declaredActions().filter((a) => !COVERED.includes(a));

    before(async function () {
        this.timeout(SETUP_TIMEOUT_MS + 60_000);
        fx = await startConformanceFixture();
        const { calls } = await prepareAllActions(fx.ctl, fx.node);
        bases = {};
        for (const c of calls) if (!c.error && !bases[c.action]) bases[c.action] = c.params;
        models = await modelsFrom(
            fx,
            actions.map((a) => `${a}Request`),
        );
    });
    after(async () => {
        await fx?.close();
    });

    it("covers every action the SDK declares beyond request-fields.test.ts, with a model for each", () => {
        assert.equal(actions.length, declaredActions().length - COVERED.length);
        assert.deepEqual(
            actions.filter((a) => !models[`${a}Request`] || !bases[a]),
            [],
        );
    });

    it("no field of any request model (at any depth) is UnknownParameter; an unknown field at each position is", async () => {
        const rejected: string[] = [];
        const broken: string[] = [];
        const controlsFailed: string[] = [];
        let probed = 0;
        for (const action of actions) {
            const { probes, controls } = probesOf(models, `${action}Request`, bases[action] as Json);
            probed += probes.length;
            const results = await pythonCalls(
                fx.peers,
                fx.creds,
                fx.url,
                REGION,
                probes.map((p): PyCall => ({ action, params: p.params })),
            );
            results.forEach((r, i) => {
                if (!r.ok && r.code === "UnknownParameter") rejected.push(`${action} ${probes[i]?.label}: ${r.message}`);
                if (!r.ok && r.exception !== "TencentCloudSDKException") broken.push(`${action}: ${r.exception}: ${r.message}`);
            });
            for (const c of controls) {
                const n = await nodeCall(fx.node, action, c.params);
                if (n.code !== "UnknownParameter") controlsFailed.push(`${action} ${c.label}: ${n.code ?? "success"}`);
            }
        }
        assert.ok(probed > 100, `only ${probed} fields probed`);
        assert.deepEqual(broken, [], "answers the Python SDK could not read");
        assert.deepEqual(rejected, [], "fields of the official models answered UnknownParameter");
        assert.deepEqual(controlsFailed, [], "positions where an unknown field was not refused (the probe proves nothing there)");
    });
});
