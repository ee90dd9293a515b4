// Every Omics action, called by each official client that no one in this project wrote: the
// Python SDK (typed models), the Go SDK (CommonClient) and tccli. Each client gets a fresh emulator
// and the same scenario (support/allActions.ts): one success and one documented error per action.
// The list of actions is checked against the Node SDK's declarations, so no action can be left out.
import { strict as assert } from "node:assert";
import { type ActionCall, prepareAllActions } from "./support/allActions";
import { type ConformanceFixture, REGION, SETUP_TIMEOUT_MS, startConformanceFixture } from "./support/fixture";
import { goCalls, pythonCalls, tccli, UUID_V4 } from "./support/peers";
import { declaredActions } from "./support/sdkDeclarations";

interface Outcome {
    ok: boolean;
    code?: string;
    message?: string;
    requestId?: string;
    raw?: Record<string, unknown> | null;
}

/** Problems of a client's outcomes against the scenario's expectations. */
function check(calls: ActionCall[], outcomes: Outcome[]): string[] {
    const problems: string[] = [];
    calls.forEach((c, i) => {
        const o = outcomes[i];
        if (!o) problems.push(`${c.action}: no outcome`);
        else if (!c.error && !o.ok) problems.push(`${c.action}: failed ${o.code} ${o.message}`);
        else if (c.error && o.ok) problems.push(`${c.action}: succeeded, expected ${c.error}`);
        else if (c.error && o.code !== c.error) problems.push(`${c.action}: expected ${c.error}, got ${o.code} (${o.message})`);
        else if (c.error && !UUID_V4.test(o.requestId ?? "")) problems.push(`${c.action}: error without a RequestId`);
    });
    return problems;
}

function coversEveryAction(calls: ActionCall[]): void {
    const actions = declaredActions();
    for (const kind of ["success", "error"] as const) {
        const have = new Set(calls.filter((c) => (kind === "error") === (c.error !== undefined)).map((c) => c.action));
        assert.deepEqual(
            actions.filter((a) => !have.has(a)),
            [],
            `actions without a ${kind} call`,
        );
    }
}

function suite(name: string, run: (fx: ConformanceFixture, calls: ActionCall[]) => Promise<{ outcomes: Outcome[]; extra?: string[] }>): void {
    describe(`conformance: ${name} calls every Omics action (a success and a documented error each)`, function () {
        this.timeout(180_000);
        let fx: ConformanceFixture;
        let calls: ActionCall[];
        before(async function () {
            this.timeout(SETUP_TIMEOUT_MS + 60_000);
            fx = await startConformanceFixture();
            calls = (await prepareAllActions(fx.ctl, fx.node)).calls;
        });
        after(async () => {
            await fx?.close();
        });

        it(`${name}: every success call succeeds, every error call answers its Tencent code`, async () => {
            coversEveryAction(calls);
            const { outcomes, extra = [] } = await run(fx, calls);
            assert.deepEqual([...check(calls, outcomes), ...extra], []);
            // The calls really reached the emulator, each once, in order.
            const logged = (await fx.ctl.requests()).map((e) => e.action);
            const tail = logged.slice(-calls.length);
            assert.deepEqual(
                tail,
                calls.map((c) => c.action),
            );
        });
    });
}

suite("the official Python SDK (typed models)", async (fx, calls) => {
    const results = await pythonCalls(
        fx.peers,
        fx.creds,
        fx.url,
        REGION,
        calls.map((c) => ({ action: c.action, params: c.params })),
    );
    // The SDK's typed response models know every field the emulator answers.
    const extra = results
        .filter((r) => r.ok && (r.uselessFields ?? []).length > 0)
        .map((r) => `${r.action}: fields unknown to the Python models: ${r.uselessFields}`);
    return { outcomes: results, extra };
});

suite("the official Go SDK (CommonClient)", async (fx, calls) => {
    const results = await goCalls(
        fx.peers,
        fx.creds,
        fx.url,
        REGION,
        calls.map((c) => ({ action: c.action, params: c.params })),
    );
    return { outcomes: results };
});

suite("tccli", async (fx, calls) => {
    const outcomes: Outcome[] = [];
    for (const c of calls) {
        const r = await tccli(fx.peers, fx.creds, fx.url, REGION, c.action, c.params);
        outcomes.push(
            r.code === 0 && r.json
                ? { ok: true, raw: r.json, requestId: r.json.RequestId }
                : { ok: false, message: r.error?.message ?? r.stderr.slice(-500), ...(r.error ? { code: r.error.code, requestId: r.error.requestId } : {}) },
        );
    }
    return { outcomes };
});
