#!/usr/bin/env node
// `npm test`: installs what a fresh clone lacks, builds, makes sure the real Pulumi engine exists,
// then runs every test layer with mocha in one process and ends with the plain summary line
// `N passed, N failed` that CI reads.
//
//   npm test                    all layers
//   npm test -- unit e2e        only these layers (lint, unit, integration, conformance, e2e)
//   npm test -- --grep refresh  mocha's grep
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { setup, repoRoot } = require("./setup");
const { step } = require("./lib/log");

const LAYERS = ["lint", "unit", "integration", "conformance", "e2e"];

function testFiles(layer) {
    const dir = path.join(repoRoot, "lib", "test", layer);
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith(".test.js"))
        .sort()
        .map((f) => path.join(dir, f));
}

async function main() {
    const args = process.argv.slice(2);
    const grepIndex = args.indexOf("--grep");
    const grep = grepIndex >= 0 ? args[grepIndex + 1] : undefined;
    const chosen = args.filter((a, i) => LAYERS.includes(a) && (grepIndex < 0 || i !== grepIndex + 1));
    const layers = chosen.length ? chosen : LAYERS;

    await setup();
    if (layers.includes("e2e")) {
        // Built (or found) before mocha starts, so no test's timeout covers a first-time Go build.
        // The e2e support asks ensureEngine again; with the stamp in place that answer is instant.
        await require("./engine/ensure-engine").ensureEngine();
        // The Python and YAML language hosts (and a virtualenv) for the provider plugin's programs.
        await require("./engine/ensure-languages").ensureLanguages();
        // The SDK generator the staleness test runs (a Go build of about a minute the first time).
        await require("./plugin/gen-sdk").ensureGenerator();
        // The compatibility matrix's Node 22 and newer CLI, for the same reason.
        await require("./compat/prepare").prepareCompat();
    }

    const Mocha = require("mocha");
    const mocha = new Mocha({ timeout: 20000, reporter: "spec", grep });
    for (const layer of layers) {
        const files = testFiles(layer);
        step(`${layer}: ${files.length} test files`);
        for (const f of files) mocha.addFile(f);
    }
    await mocha.loadFilesAsync();
    const runner = mocha.run();
    runner.on("end", () => {
        const { passes = 0, failures = 0, pending = 0 } = runner.stats || {};
        // Pending (skipped) tests are reported, never counted as passed.
        const summary = `${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}`;
        process.stdout.write(`\n${summary}\n`);
        process.exit(failures > 0 || passes === 0 ? 1 : 0);
    });
}

main().catch((err) => {
    console.error(`[omics] ${err.stack || err.message}`);
    process.stdout.write("\n0 passed, 1 failed\n");
    process.exit(1);
});
