/** Seeded fault draws, fault rule timing fields, identities (roles, temporary credentials), CLI flags, look-alike inputs. */
import * as assert from "node:assert/strict";
import { HELP, parseArgs, UsageError } from "../../../emulator/cli";
import { FaultRegistry, validateFaultSpec } from "../../../emulator/control/faults";
import { InflightRegistry } from "../../../emulator/control/inflight";
import { isFaultSeed, SeededRandom } from "../../../emulator/control/random";
import { redact } from "../../../emulator/http/api";
import { IdentityStore, roleProblem } from "../../../emulator/state/identities";
import { stampSubmittedAt } from "../../../emulator/state/lookalike";

const ROLE = "qcs::cam::uin/100000000001:roleName/omics-operator";

describe("emulator extensions (unit)", () => {
    it("SeededRandom: same seed same sequence, in [0, 1), roughly uniform; seeds are uint32", () => {
        const a = new SeededRandom(7);
        const b = new SeededRandom(7);
        const xs = Array.from({ length: 1000 }, () => a.next());
        assert.deepEqual(
            Array.from({ length: 1000 }, () => b.next()),
            xs,
        );
        assert.ok(xs.every((x) => x >= 0 && x < 1));
        const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
        assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
        assert.notDeepEqual(
            Array.from({ length: 20 }, () => new SeededRandom(8).next()),
            xs.slice(0, 20),
        );
        assert.equal(isFaultSeed(0), true);
        assert.equal(isFaultSeed(0xffffffff), true);
        for (const bad of [-1, 2 ** 32, 1.5, "3", NaN]) assert.equal(isFaultSeed(bad), false, String(bad));
        assert.throws(() => new SeededRandom(-1), RangeError);
    });

    it("FaultRegistry: probability decisions replay with the seed (reseed, restart); draws only for matching rules", () => {
        const decide = (f: FaultRegistry, n: number, action = "A") => Array.from({ length: n }, () => (f.take(action) ? 1 : 0)).join("");
        const f = new FaultRegistry(99);
        assert.equal(f.seed, 99);
        f.add({ action: "A", error: { code: "X" }, probability: 0.3 });
        const run = decide(f, 40);
        assert.match(run, /1/);
        assert.match(run, /0/);
        f.restart();
        assert.equal(decide(f, 40), run);
        // Requests of other actions draw nothing, so they do not shift the sequence.
        f.reseed(99);
        assert.equal(decide(f, 5, "B"), "00000");
        assert.equal(decide(f, 40), run);
        const g = new FaultRegistry();
        assert.ok(isFaultSeed(g.seed));
        assert.throws(() => f.reseed(-5), /seed/);
    });

    it("fault specs: timing-only rules, bounds, drop before without an answer delay", () => {
        assert.deepEqual(validateFaultSpec({ holdMs: 10 }), { holdMs: 10 });
        assert.deepEqual(validateFaultSpec({ answerDelayMs: 10, drop: "after" }), { answerDelayMs: 10, drop: "after" });
        assert.ok(validateFaultSpec({ holdMs: 5, latencyMs: 5, error: { code: "X" }, count: 2, probability: 0.5, action: "RetryRuns" }));
        assert.throws(() => validateFaultSpec({ holdMs: 600_001 }), /holdMs/);
        assert.throws(() => validateFaultSpec({ answerDelayMs: Infinity }), /answerDelayMs/);
        assert.throws(() => validateFaultSpec({ drop: "before", answerDelayMs: 1 }), /drop/);
        assert.throws(() => validateFaultSpec({ count: 1 }), /needs/);
    });

    it("in-flight registry: begin, phase with its time, end; lists copies", () => {
        const r = new InflightRegistry();
        const e = r.begin({ requestId: "r1", action: "RetryRuns", region: "ap-guangzhou" });
        assert.equal(r.list()[0]?.phase, "processing");
        r.setPhase(e, "holding");
        const [copy] = r.list();
        assert.equal(copy?.phase, "holding");
        if (copy) copy.phase = "latency";
        assert.equal(r.list()[0]?.phase, "holding", "a copy, not the live record");
        r.end(e);
        assert.deepEqual(r.list(), []);
    });

    it("identities: long-term and temporary credentials resolve; roles are validated and replaced by ARN", () => {
        const ids = new IdentityStore([{ secretId: "AKIDA", secretKey: "k" }], [{ roleArn: ROLE }], 60);
        assert.equal(ids.resolve("AKIDA")?.temporary, undefined);
        assert.equal(ids.resolve("AKIDNOPE"), undefined);
        const now = Date.UTC(2025, 0, 1, 0, 0, 0, 400);
        const t = ids.issue({ role: ids.role(ROLE) ?? { roleArn: ROLE }, sessionName: "s", principalSecretId: "AKIDA", durationSeconds: 900, nowMs: now });
        assert.match(t.secretId, /^AKID[A-Za-z0-9]{32}$/);
        assert.equal(t.expiresAtMs, Date.UTC(2025, 0, 1, 0, 15, 0), "whole seconds: ExpiredTime is Unix seconds");
        assert.equal(ids.resolve(t.secretId)?.temporary?.assumedRole.sessionName, "s");
        assert.equal(ids.minDurationSeconds, 60);
        ids.addRole({ roleArn: ROLE, externalId: "ext-1" });
        assert.deepEqual(ids.roles(), [{ roleArn: ROLE, externalId: "ext-1" }]);
        assert.equal(roleProblem({ roleArn: "qcs::cam::uin/1:role/tencentcloudServiceRole/4611686018427397920" }), undefined, "service role");
        assert.match(roleProblem({ roleArn: "nope" }) ?? "", /roleArn/);
        assert.match(roleProblem({ roleArn: ROLE, externalId: "a" }) ?? "", /externalId/);
        assert.match(roleProblem({ roleArn: ROLE, trustedSecretIds: [""] }) ?? "", /trustedSecretIds/);
        assert.match(roleProblem({ roleArn: ROLE, x: 1 }) ?? "", /unknown/);
    });

    it("redact keeps key IDs (TmpSecretId) and masks keys and tokens", () => {
        assert.deepEqual(redact({ Credentials: { Token: "t", TmpSecretId: "AKIDx", TmpSecretKey: "k" }, SecretId: "AKIDy" }), {
            Credentials: { Token: "***", TmpSecretId: "AKIDx", TmpSecretKey: "***" },
            SecretId: "AKIDy",
        });
    });

    it("CLI: --fault-seed, repeatable --role with an optional ExternalId, --sts-min-duration", () => {
        const { options } = parseArgs([
            "--fault-seed",
            "4294967295",
            "--role",
            ROLE,
            "--role",
            `qcs::cam::uin/2:role/4611686018427397919:ext:with/colon`,
            "--sts-min-duration=5",
        ]);
        assert.equal(options.faultSeed, 4294967295);
        assert.equal(options.stsMinDurationSeconds, 5);
        assert.deepEqual(options.roles, [{ roleArn: ROLE }, { roleArn: "qcs::cam::uin/2:role/4611686018427397919", externalId: "ext:with/colon" }]);
        for (const bad of [
            ["--fault-seed", "4294967296"],
            ["--fault-seed", "-1"],
            ["--role", "arn:aws:iam::1:role/x"],
            ["--role", `${ROLE}:e`],
            ["--sts-min-duration", "901"],
            ["--sts-min-duration", "0"],
        ]) {
            assert.throws(() => parseArgs(bad), UsageError, bad.join(" "));
        }
        assert.match(HELP, /--fault-seed/);
        assert.match(HELP, /--role/);
        assert.match(HELP, /--sts-min-duration/);
    });

    it("look-alike inputs: submittedAt added to an object or to each object of an array; other text unchanged", () => {
        assert.equal(stampSubmittedAt('{"a":1}', "T"), '{"a":1,"submittedAt":"T"}');
        assert.equal(stampSubmittedAt('[{"a":1},{"b":2}]', "T"), '[{"a":1,"submittedAt":"T"},{"b":2,"submittedAt":"T"}]');
        assert.equal(stampSubmittedAt("", "T"), "");
        assert.equal(stampSubmittedAt("not json", "T"), "not json");
    });
});
