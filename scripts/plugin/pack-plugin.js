#!/usr/bin/env node
// Builds the provider plugin's tarball, what a release would publish for
// `pulumi plugin install resource tencentcloud-omics <version> --file <tarball>`:
//
//   .tools/plugin/pulumi-resource-tencentcloud-omics-v<version>-<os>-<arch>.tar.gz
//     pulumi-resource-tencentcloud-omics   the executable the engine starts (runs node)
//     node_modules/                        this package (from `npm pack`) and its runtime dependencies
//
// No package.json or PulumiPlugin.yaml at the top: with them, `pulumi plugin install` runs
// `npm install` again, or treats the folder as a Node.js source plugin instead of an executable.
// `npm run plugin:pack` prints the tarball's path on its last line. Needs Node.js 20+ where the
// plugin runs (the engine starts it with the `node` on PATH).
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { step, withHeartbeat } = require("../lib/log");
const { run } = require("../lib/run");

const repoRoot = path.resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const outDir = path.join(repoRoot, ".tools", "plugin");

const LAUNCHER = `#!/bin/sh
# The tencentcloud-omics provider plugin, installed by \`pulumi plugin install\`: runs the plugin of
# the npm package pulumi-tencentcloud-omics bundled beside this file with the node on PATH.
here=$(dirname "$(readlink -f "$0")")
exec node "$here/node_modules/pulumi-tencentcloud-omics/lib/plugin/main.js" "$@"
`;

function platform() {
    const arch = { x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch;
    return `${process.platform === "win32" ? "windows" : process.platform}-${arch}`;
}

/** Builds the tarball; returns its path. */
async function packPlugin() {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), "omics-plugin-"));
    try {
        const { stdout } = await withHeartbeat("npm pack (compiles with tsc)", () =>
            run(npm, ["pack", "--silent", "--pack-destination", stage], { cwd: repoRoot, capture: true }),
        );
        const packed = path.join(stage, stdout.trim().split("\n").pop());
        const root = path.join(stage, "plugin");
        fs.mkdirSync(root);
        fs.writeFileSync(
            path.join(root, "package.json"),
            `${JSON.stringify({ name: "pulumi-resource-tencentcloud-omics", version, private: true, dependencies: { "pulumi-tencentcloud-omics": `file:${packed}` } }, null, 2)}\n`,
        );
        await withHeartbeat("installing the plugin's runtime dependencies (npm install --omit=dev)", () =>
            run(npm, ["install", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error", "--install-links"], { cwd: root }),
        );
        for (const f of ["package.json", "package-lock.json"]) fs.rmSync(path.join(root, f), { force: true });
        fs.writeFileSync(path.join(root, "pulumi-resource-tencentcloud-omics"), LAUNCHER, { mode: 0o755 });
        fs.mkdirSync(outDir, { recursive: true });
        const tarball = path.join(outDir, `pulumi-resource-tencentcloud-omics-v${version}-${platform()}.tar.gz`);
        await run("tar", ["-czf", tarball, "-C", root, "."]);
        return tarball;
    } finally {
        fs.rmSync(stage, { recursive: true, force: true });
    }
}

module.exports = { packPlugin };

if (require.main === module) {
    packPlugin().then(
        (tarball) => {
            step(`plugin tarball: install it with \`pulumi plugin install resource tencentcloud-omics <version> --file ${tarball}\``);
            process.stdout.write(`${tarball}\n`);
        },
        (err) => {
            console.error(`[omics] ${err.message}`);
            process.exit(1);
        },
    );
}
