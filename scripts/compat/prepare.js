#!/usr/bin/env node
// Brings in what the compatibility matrix (test/e2e/compat.test.ts) runs on, before any test
// timeout starts: each cell's Node (Node 22 from the npm registry) and Pulumi CLI (built from Go
// modules on first use: minutes on a machine with empty Go caches). Cached; later runs are instant.
//
//   node scripts/compat/prepare.js
"use strict";
const { compatCells } = require("./matrix");
const { nodeOfMajor } = require("./ensure-node");
const { ensureEngine } = require("../engine/ensure-engine");
const { step } = require("../lib/log");

async function prepareCompat() {
    for (const cell of compatCells()) {
        const node = await nodeOfMajor(cell.nodeMajor);
        const engine = await ensureEngine({ cliModule: cell.cliModule });
        step(`compat cell ${cell.name}: Node v${node.version}, pulumi v${engine.version}, @pulumi/pulumi ${cell.pulumiSdk}`);
    }
}

module.exports = { prepareCompat };

if (require.main === module) {
    prepareCompat().catch((err) => {
        console.error(`[omics] ${err.message}`);
        process.exit(1);
    });
}
