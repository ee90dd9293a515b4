#!/usr/bin/env node
// Writes plugin/schema.json from plugin/schema.ts (compiled to lib/), the one source of the
// plugin's documentation. `--check` fails instead when the committed file differs (the unit
// test test/unit/pluginSchema.test.ts does the same).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { step } = require("../lib/log");

const repoRoot = path.resolve(__dirname, "..", "..");
const schemaFile = path.join(repoRoot, "plugin", "schema.json");

/** The schema text, as committed. */
function schemaText() {
    const { packageSchema } = require(path.join(repoRoot, "lib", "plugin", "schema.js"));
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    return `${JSON.stringify(packageSchema(version), null, 2)}\n`;
}

module.exports = { schemaText, schemaFile };

if (require.main === module) {
    const text = schemaText();
    if (process.argv.includes("--check")) {
        if (fs.readFileSync(schemaFile, "utf8") !== text) {
            console.error("[omics] plugin/schema.json is stale: run `npm run gen:schema`");
            process.exit(1);
        }
        step("plugin/schema.json is current");
    } else {
        fs.writeFileSync(schemaFile, text);
        step(`wrote ${path.relative(repoRoot, schemaFile)}`);
    }
}
