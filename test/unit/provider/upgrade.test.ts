import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runRetryProvider } from "../../../provider";
import fixture from "./fixtures/state-0.1.0.json";

type Bag = Record<string, unknown>;

/** Loads serialized provider text the way the dynamic-provider host does (require-from-string). */
function loadShim(text: string): Required<Pick<typeof runRetryProvider, "diff" | "check">> {
    const Module = require("node:module") as {
        new (
            id: string,
        ): { paths: string[]; filename: string; _compile(code: string, filename: string): void; exports: { handler: () => typeof runRetryProvider } };
        _nodeModulePaths(dir: string): string[];
    };
    const m = new Module("state-shim");
    const filename = path.join(path.dirname(require.resolve("../../../../package.json")), "state-shim.js");
    m.filename = filename;
    m.paths = Module._nodeModulePaths(path.dirname(filename));
    m._compile(text, filename);
    return m.exports.handler();
}

describe("state recorded by 0.1.0 keeps working", () => {
    const inputs = fixture.inputs as Bag;
    const outputs = fixture.outputs as Bag;
    // What the program declared (the engine sends these to check on the next up).
    const program: Bag = {
        runGroupId: inputs.runGroupId,
        triggers: inputs.triggers,
        waitForCompletion: inputs.waitForCompletion,
        waitTimeoutSeconds: inputs.waitTimeoutSeconds,
        terminateOnDelete: inputs.terminateOnDelete,
        __resourceName: inputs.__resourceName,
        __provider: inputs.__provider,
    };

    // Any API call would fail loudly: the endpoint is a closed loopback port.
    const values: Record<string, string> = {
        "tencentcloud:secretId": "AKIDUNITTEST0000000000",
        "tencentcloud:secretKey": "k-unit-0000",
        "tencentcloud-omics:endpoint": "http://127.0.0.1:1",
    };
    const unreachable = { config: { get: (k: string) => values[k], require: (k: string) => values[k]! } };
    before(async () => runRetryProvider.configure(unreachable));
    after(async () => runRetryProvider.configure({ config: { get: () => undefined, require: () => "" } }));

    it("the recorded __provider (an early, forwarding shim) loads the current package and serves requests", async () => {
        const shim = loadShim(inputs.__provider as string);
        await (shim as unknown as typeof runRetryProvider).configure(unreachable);
        const d = await shim.diff(fixture.id, outputs, { ...program, region: inputs.region });
        assert.equal(d.changes, false);
    });

    it("a no-op up against it calls nothing and diffs to no change", async () => {
        const checked = await runRetryProvider.check(inputs, program);
        assert.deepEqual(checked.failures, []);
        assert.deepEqual(checked.inputs.plan, inputs.plan);
        assert.equal(checked.inputs.region, inputs.region);
        const d = await runRetryProvider.diff(fixture.id, outputs, { ...checked.inputs, __provider: inputs.__provider });
        assert.equal(d.changes, false);
        assert.deepEqual(d.replaces, []);
    });

    it("update and delete (terminateOnDelete false) keep/forget it without a call", async () => {
        const u = await runRetryProvider.update(fixture.id, outputs, { ...inputs, terminateOnDelete: true });
        assert.equal(u.outs!.newRunGroupId, fixture.id);
        assert.equal(u.outs!.requestId, outputs.requestId);
        assert.equal(u.outs!.terminateOnDelete, true);
        await runRetryProvider.delete(fixture.id, outputs);
    });

    it("the recorded __provider is under 2 KB and holds no credential", () => {
        const text = inputs.__provider as string;
        assert.ok(text.length < 2048, `${text.length}`);
        assert.ok(!/AKID|secret/i.test(text));
    });
});
