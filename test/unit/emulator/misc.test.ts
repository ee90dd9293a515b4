/** Small parts: CLI argument parsing, fault registry, rate limiter, log redaction, errors. */
import * as assert from "node:assert/strict";
import { HELP, parseArgs, UsageError } from "../../../emulator/cli";
import { FaultRegistry, validateFaultSpec } from "../../../emulator/control/faults";
import { isOmicsEmulatorError, OmicsEmulatorError } from "../../../emulator/errors";
import { redact } from "../../../emulator/http/api";
import { RateLimiter } from "../../../emulator/http/rateLimit";

describe("emulator parts (unit)", () => {
    it("CLI: defaults (realtime clock), every flag, repeatable credentials", () => {
        assert.deepEqual(parseArgs([]).options, { clock: "realtime" });
        const { options, help } = parseArgs([
            "--host",
            "0.0.0.0",
            "--port=8080",
            "--credentials",
            "A:B",
            "--credentials",
            "C:D:TOK",
            "--read-only-credentials",
            "E:F",
            "--state",
            "/tmp/s.json",
            "--seed",
            "seed.json",
            "--clock",
            "manual",
            "--rate-limit",
            "off",
            "--retry-limit",
            "5",
            "--body-limit",
            "2048",
        ]);
        assert.equal(help, false);
        assert.deepEqual(options, {
            host: "0.0.0.0",
            port: 8080,
            clock: "manual",
            statePath: "/tmp/s.json",
            seedPath: "seed.json",
            rateLimitPerSecond: false,
            retryLimit: 5,
            bodyLimitBytes: 2048,
            credentials: [
                { secretId: "A", secretKey: "B" },
                { secretId: "C", secretKey: "D", token: "TOK" },
                { secretId: "E", secretKey: "F", readOnly: true },
            ],
        });
        assert.equal(parseArgs(["--help"]).help, true);
        for (const bad of [["--port", "x"], ["--credentials", "nokey"], ["--clock", "fast"], ["--wat"], ["--port"], ["--rate-limit", "0"]]) {
            assert.throws(() => parseArgs(bad), UsageError, bad.join(" "));
        }
        assert.match(HELP, /--credentials/);
    });

    it("CLI usage errors never echo a secret key", () => {
        try {
            parseArgs(["--credentials", "ID:s3cr3t:TOKEN:EXTRA"]);
            assert.fail("expected a usage error");
        } catch (e) {
            assert.ok(!(e as Error).message.includes("s3cr3t"));
        }
    });

    it("faults: first match wins, count exhausts, action scoping", () => {
        const f = new FaultRegistry();
        f.add({ action: "RetryRuns", error: { code: "A" }, count: 1 });
        f.add({ error: { code: "B" } });
        assert.equal(f.take("RetryRuns")?.error?.code, "A");
        assert.equal(f.take("RetryRuns")?.error?.code, "B");
        assert.equal(f.take("DescribeRuns")?.error?.code, "B");
        assert.equal(f.list().length, 1);
        f.clear();
        assert.equal(f.take("RetryRuns"), undefined);
        assert.throws(() => validateFaultSpec({ drop: "sideways" }), /drop/);
        assert.throws(() => validateFaultSpec({ count: 0, latencyMs: 5 }), /count/);
    });

    it("rate limiter: N per second per action and credential, sliding window", () => {
        const r = new RateLimiter(2);
        assert.equal(r.allow("A", "k", 1000), true);
        assert.equal(r.allow("A", "k", 1100), true);
        assert.equal(r.allow("A", "k", 1200), false);
        assert.equal(r.allow("B", "k", 1200), true);
        assert.equal(r.allow("A", "j", 1200), true);
        assert.equal(r.allow("A", "k", 2001), true);
        assert.equal(new RateLimiter(false).allow("A", "k"), true);
    });

    it("redact masks passwords, tokens and secrets at any depth", () => {
        assert.deepEqual(redact({ a: 1, GitSource: { GitTokenOrPassword: "x", GitHttpPath: "p" }, L: [{ SecretKey: "s" }] }), {
            a: 1,
            GitSource: { GitTokenOrPassword: "***", GitHttpPath: "p" },
            L: [{ SecretKey: "***" }],
        });
    });

    it("isOmicsEmulatorError recognises by name (survives copies of the module)", () => {
        assert.equal(isOmicsEmulatorError(new OmicsEmulatorError("InternalError", "x")), true);
        assert.equal(isOmicsEmulatorError({ name: "OmicsEmulatorError", code: "X", message: "m" }), true);
        assert.equal(isOmicsEmulatorError(new Error("x")), false);
    });
});
