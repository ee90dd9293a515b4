#!/usr/bin/env node
// `npm run bench`: installs and builds what a fresh clone lacks (as `npm test` does), makes sure the
// real Pulumi engine and tccli exist, starts the Omics emulator as its own process at Tencent's
// limit (20 requests/second per action), and runs lib/bench/run.js against it, which writes
// docs/bench.md and docs/bench.svg. Arguments go to the benchmark:
//
//   npm run bench                          N 1, 50, 200 at 0 and 100 ms round trip, 3 runs each (about an hour)
//   npm run bench -- --n 1,50 --runs 1     a quick look
//   npm run bench -- --from docs/bench.json   render docs/bench.md and the SVG again (no measuring)
"use strict";
const path = require("node:path");
const { setup, repoRoot } = require("./setup");
const { step } = require("./lib/log");
const { startEmulatorProcess } = require("./lib/emulator-process");

async function main() {
    await setup();
    const run = require(path.join(repoRoot, "lib", "bench", "run.js"));
    if (process.argv.includes("--from")) return run.main("", process.argv.slice(2));
    await require("./engine/ensure-engine").ensureEngine();
    // The plugin path's Python host, virtualenv and SDK (skipped with --no-plugin).
    if (!process.argv.includes("--no-plugin")) await require("./engine/ensure-languages").ensureLanguages();
    step("starting the Omics emulator (20 requests/second per action)");
    const emulator = await startEmulatorProcess(repoRoot, ["--port", "0", "--clock", "immediate", "--rate-limit", "20"]);
    try {
        await run.main(emulator.url, process.argv.slice(2));
    } finally {
        await emulator.stop();
    }
}

main().catch((err) => {
    console.error(`[omics] bench failed: ${err.stack || err.message}`);
    process.exit(1);
});
