// `npm run bench` at the smallest size, so CI proves the benchmark still works (a benchmark, not a
// timed test: no figure is compared with a limit here). The same code as the published run: the
// real engine, the emulator as its own process at Tencent's 20 requests/second, tccli.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../bench/run";
import type { BenchResults } from "../../bench/model";
import { STEPS } from "../../bench/model";
import { repoRoot } from "./support/engine";

interface RunningEmulator {
    url: string;
    stop(): Promise<unknown>;
}

describe("e2e: npm run bench (N = 1, one run)", function () {
    this.timeout(900_000);
    let emulator: RunningEmulator;
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "omics-bench-"));
    before(async () => {
        const { startEmulatorProcess } = require(path.join(repoRoot, "scripts", "lib", "emulator-process.js")) as {
            startEmulatorProcess(root: string, args: string[]): Promise<RunningEmulator>;
        };
        emulator = await startEmulatorProcess(repoRoot, ["--port", "0", "--clock", "immediate", "--rate-limit", "20"]);
    });
    after(async () => {
        await emulator?.stop();
        fs.rmSync(out, { recursive: true, force: true });
    });

    it("measures every step for RunRetry, the plugin path and both baselines, counts API calls, and writes the report, the JSON and the chart", async () => {
        const md = path.join(out, "bench.md");
        const svg = path.join(out, "bench.svg");
        await main(emulator.url, ["--n", "1", "--rtt", "0", "--runs", "1", "--out", md, "--svg", svg]);
        const results = JSON.parse(fs.readFileSync(path.join(out, "bench.json"), "utf8")) as BenchResults;
        assert.equal(results.cells.length, 1);
        const [cell] = results.cells;
        for (const step of STEPS) {
            for (const who of ["ours", "base", "base2"] as const) {
                assert.equal(cell!.steps[step][who].length, 1, `${step} ${who}`);
                assert.ok(cell!.steps[step][who][0]!.ms > 0, `${step} ${who}`);
            }
        }
        assert.equal(cell!.steps.up.ours[0]!.calls.RetryRuns, 1, "the measured up retried once");
        assert.equal(cell!.steps["up --skip-preview"].ours[0]!.calls.RetryRuns, 1, "after destroy, up --skip-preview retried once more");
        assert.deepEqual(cell!.steps["no-op up"].ours[0]!.calls, {}, "a no-op up makes no call");
        assert.ok(cell!.steps.up.ours[0]!.providerPeakMiB! > 10, "the provider's peak memory was sampled");
        assert.ok(cell!.stateBytes.ours[0]! > cell!.stateBytes.base[0]!, "state bytes measured for both");
        assert.equal(cell!.tccliMs.length, 1, "the tccli loop ran");
        // The plugin path: the same RunRetry from a Python program through the provider plugin.
        for (const step of STEPS) assert.equal(cell!.steps[step].plugin?.length, 1, `${step} plugin`);
        assert.equal(cell!.steps.up.plugin?.[0]?.calls.RetryRuns, 1, "the plugin's measured up retried once");
        assert.deepEqual(cell!.steps["no-op up"].plugin?.[0]?.calls, {}, "the plugin's no-op up makes no call");
        // Results kept while running (for a run that dies late) go once the report is written.
        assert.equal(fs.existsSync(path.join(out, "bench.partial.json")), false, "bench.partial.json removed");

        const report = fs.readFileSync(md, "utf8");
        assert.match(report, /^# Benchmark/);
        assert.match(report, /\| `?preview`? \|/);
        assert.match(report, /tccli omics RetryRuns/);
        assert.match(report, /Plugin path \(a Python program through the provider plugin\)/);
        // The plugin path's targets: its ratios against the dynamic path's, met or missed.
        assert.match(
            report,
            /\| plugin path: up --skip-preview of 1 at 0 ms \| ≤ the dynamic path's ratio to the do-nothing one \| [\d.]+x \(dynamic [\d.]+x\) \| (met|\*\*missed\*\*) \|/,
        );
        assert.match(report, /\| plugin path: no-op up of 1 at 0 ms \|/);
        assert.match(fs.readFileSync(svg, "utf8"), /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

        // The report renders again from the JSON alone.
        fs.rmSync(md);
        await main("", ["--from", path.join(out, "bench.json"), "--out", md, "--svg", svg]);
        assert.equal(fs.readFileSync(md, "utf8"), report);
    });
});
