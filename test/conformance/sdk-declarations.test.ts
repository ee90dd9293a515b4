// Conformance with what the official Node SDK declares (tencentcloud-sdk-nodejs, the pinned
// devDependency): every action of its omics Client is served, and every field of every response
// model is answered with a value of its declared type, at every depth. Both lists come from the
// SDK's .d.ts files (support/sdkDeclarations.ts), so an SDK bump that adds an action or a field
// fails here, naming it. Each action is called through the SDK's own typed method.
import { strict as assert } from "node:assert";
import { DEMO_CREDENTIALS, EmulatorControl, startEmulator, type RunningEmulator } from "../../emulator";
import { type ActionCall, prepareAllActions } from "./support/allActions";
import { REGION } from "./support/fixture";
import { nodeClient } from "./support/peers";
import { checkAgainstModel, declaredActions, declaredModels, reachableModels } from "./support/sdkDeclarations";

describe("conformance: the Node SDK's declarations (every action, every response field)", function () {
    this.timeout(60_000);
    const actions = declaredActions();
    const models = declaredModels();
    let emu: RunningEmulator;
    let calls: ActionCall[] = [];
    let node: ReturnType<typeof nodeClient>;
    const answers = new Map<string, Record<string, unknown>>();
    const failures = new Map<string, { code?: string; message: string }>();

    before(async () => {
        emu = await startEmulator({ clock: "manual", rateLimitPerSecond: false });
        node = nodeClient({ ...DEMO_CREDENTIALS }, emu.url, REGION);
        calls = (await prepareAllActions(new EmulatorControl(emu.url), node)).calls;
        for (const [i, c] of calls.entries()) {
            const method = (node as unknown as Record<string, (p: unknown) => Promise<Record<string, unknown>>>)[c.action];
            if (typeof method !== "function") continue;
            try {
                const out = await method.call(node, c.params);
                if (!c.error) answers.set(c.action, out);
                else failures.set(`${i}`, { message: `succeeded: ${JSON.stringify(out).slice(0, 300)}` });
            } catch (e) {
                failures.set(`${i}`, e as { code?: string; message: string });
            }
        }
    });
    after(async () => {
        await emu?.stop();
    });

    it("reads the SDK's declarations (sanity: the parser finds what it must)", () => {
        assert.ok(actions.length >= 32, `only ${actions.length} actions parsed`);
        assert.ok(actions.includes("RetryRuns") && actions.includes("GetRunCalls"));
        assert.ok((models.get("RunGroup") ?? []).some((f) => f.name === "RunGroupId" && f.type === "string"));
        assert.equal(models.get("DescribeRunGroupsResponse")?.find((f) => f.name === "RunGroups")?.type, "Array<RunGroup>");
    });

    it("every action the SDK declares has a success and an error call in the conformance scenario", () => {
        const ok = new Set(calls.filter((c) => !c.error).map((c) => c.action));
        const err = new Set(calls.filter((c) => c.error).map((c) => c.action));
        assert.deepEqual(
            actions.filter((a) => !ok.has(a)),
            [],
            "actions with no success call",
        );
        assert.deepEqual(
            actions.filter((a) => !err.has(a)),
            [],
            "actions with no error call",
        );
        assert.deepEqual(
            [...ok].filter((a) => !actions.includes(a)),
            [],
            "calls of actions the SDK does not declare",
        );
    });

    it("every action succeeds through the SDK's typed method, and every error call answers its documented code", () => {
        const problems: string[] = [];
        calls.forEach((c, i) => {
            const f = failures.get(`${i}`);
            if (!c.error && f) problems.push(`${c.action}: failed ${f.code ?? ""} ${f.message}`);
            if (c.error && f?.code !== c.error) problems.push(`${c.action}: expected ${c.error}, got ${f?.code ?? "no error"} (${f?.message ?? ""})`);
        });
        assert.deepEqual(problems, []);
    });

    it("every response field of every action is present and of its declared type, at every depth", () => {
        const problems: string[] = [];
        const seen = new Map<string, number>();
        for (const action of actions) {
            const answer = answers.get(action);
            if (!answer) {
                problems.push(`${action}: no answer`);
                continue;
            }
            checkAgainstModel(models, `${action}Response`, answer, action, seen, problems);
        }
        assert.deepEqual(problems, []);
        // Every model a response can contain was seen at least once (no field went unchecked behind an empty list).
        const reachable = new Set(actions.flatMap((a) => [...reachableModels(models, `${a}Response`)]));
        assert.deepEqual([...reachable].filter((m) => !seen.has(m)).sort(), [], "models never seen in an answer");
    });

    it("the check is not vacuous: a field the SDK declares but the answer lacks is reported", () => {
        const problems: string[] = [];
        const answer = structuredClone(answers.get("DescribeRunGroups")) as { RunGroups: Record<string, unknown>[] };
        delete answer.RunGroups[0]?.Volumes;
        (answer.RunGroups[0] as Record<string, unknown>).TotalRun = "3";
        checkAgainstModel(models, "DescribeRunGroupsResponse", answer, "DescribeRunGroups", new Map(), problems);
        assert.ok(
            problems.some((p) => /RunGroups\[0\]\.Volumes \(Array<VolumeInfo>\) is absent/.test(p)),
            problems.join("\n"),
        );
        assert.ok(
            problems.some((p) => /RunGroups\[0\]\.TotalRun: expected number/.test(p)),
            problems.join("\n"),
        );
    });
});
