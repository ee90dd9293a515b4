import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

describe("sdk: RunRetry resource", () => {
    const registered: Registered[] = [];
    before(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
                    if (args.type.endsWith(":RunRetryIntent")) {
                        return {
                            id: "rri-0123456789abcdef",
                            state: { ...args.inputs, record: { intentId: "rri-0123456789abcdef", region: "ap-guangzhou", seenRecent: [] } },
                        };
                    }
                    return {
                        id: "run-greedy-ecru-bonobo-459181",
                        state: { ...args.inputs, newRunGroupId: "run-greedy-ecru-bonobo-459181", status: "RUNNING" },
                    };
                },
                call: () => ({}),
            },
            "project",
            "stack",
            false,
        );
    });

    it("registers the intent, then pulumi-nodejs:dynamic/omics:RunRetry with the tiny shim, the inputs and the resource name, then the wait", async function () {
        this.timeout(30_000);
        const { RunRetry, RUN_RETRY_TYPE, RUN_RETRY_INTENT_TYPE, RUN_GROUP_WAIT_TYPE } = await import("../../../sdk");
        const r = new RunRetry("retry-failed-samples", {
            runGroupId: "run-ashamed-bleak-doggy-247963",
            runUuids: [pulumi.output("7b501b32-4e42-456a-9d54-aa3c9791beb0")],
            waitForCompletion: true,
        });
        const id = await new Promise<string>((resolve) => r.newRunGroupId.apply((v) => resolve(v)));
        assert.equal(id, "run-greedy-ecru-bonobo-459181");
        const status = await new Promise<string>((resolve) => r.status.apply((v) => resolve(v)));
        assert.equal(status, "RUNNING");
        const plain = new RunRetry("no-wait", { runGroupId: "run-ashamed-bleak-doggy-247963" });
        assert.equal(plain.completion, undefined, "no RunGroupWait without waitForCompletion");
        const reg = registered.find((x) => x.name === "retry-failed-samples" && x.type === RUN_RETRY_TYPE);
        assert.ok(reg);
        assert.equal(reg.type, RUN_RETRY_TYPE);
        assert.equal(reg.type, "pulumi-nodejs:dynamic/omics:RunRetry");
        assert.equal(reg.inputs.runGroupId, "run-ashamed-bleak-doggy-247963");
        assert.deepEqual(reg.inputs.runUuids, ["7b501b32-4e42-456a-9d54-aa3c9791beb0"]);
        assert.equal(reg.inputs.__resourceName, "retry-failed-samples");
        const shim = reg.inputs.__provider as string;
        assert.equal(typeof shim, "string");
        assert.ok(shim.length < 2048, `__provider is ${shim.length} chars`);
        assert.match(shim, /pulumi-tencentcloud-omics\/provider/);
        assert.deepEqual(
            (reg.inputs.intent as { intentId?: string }).intentId,
            "rri-0123456789abcdef",
            "the intent's record is an input of the RunRetry (so the intent is created first)",
        );
        const intent = registered.find((x) => x.type === RUN_RETRY_INTENT_TYPE);
        assert.ok(intent, "a RunRetryIntent is registered");
        assert.equal(intent.name, "retry-failed-samples");
        assert.equal(intent.inputs.runGroupId, "run-ashamed-bleak-doggy-247963");
        assert.ok(registered.indexOf(intent) < registered.indexOf(reg), "the intent registers before its RunRetry");
        const wait = registered.find((x) => x.type === RUN_GROUP_WAIT_TYPE);
        assert.ok(wait, "waitForCompletion adds a RunGroupWait");
        assert.equal(wait.inputs.runGroupId, "run-greedy-ecru-bonobo-459181");
        assert.ok(r.completion, "exposed as completion");
        for (const x of [intent, wait]) assert.match(x.inputs.__provider as string, new RegExp(`providerFor\\("${x.type.split(":").pop()}"\\)`));
        // Every output exists even when its input was not given.
        for (const k of ["region", "projectId", "triggers", "plan", "requestId", "retriedAt", "runStatusCounts", "terminateOnDelete"]) {
            assert.ok(pulumi.Output.isInstance((r as unknown as Record<string, unknown>)[k]), k);
        }
    });
});

describe("sdk: state types are the plain forms of the Args types", () => {
    it("WdlOption/NfOption accept plain values and reject what the Args reject (checked by tsc)", () => {
        const wdl: import("../../../sdk").WdlOption = { failureMode: "NoNewCalls", useCallCache: true, useErrorOnHold: false };
        const nf: import("../../../sdk").NfOption = { nfVersion: "23.10.1", resume: true };
        // @ts-expect-error failureMode is an enum
        const badWdl: import("../../../sdk").WdlOption = { failureMode: "Sometimes", useCallCache: true, useErrorOnHold: false };
        // @ts-expect-error useCallCache is required
        const missing: import("../../../sdk").WdlOption = { failureMode: "NoNewCalls", useErrorOnHold: false };
        assert.deepEqual([wdl.failureMode, nf.nfVersion, badWdl.useCallCache, missing.useErrorOnHold], ["NoNewCalls", "23.10.1", true, false]);
    });
});
