#!/usr/bin/env node
// Brings a fresh clone to a runnable state: npm dependencies, the TypeScript build, and a link
// that lets Pulumi programs inside this repo `require("pulumi-tencentcloud-omics")` exactly as
// a user's program would after `npm install pulumi-tencentcloud-omics`.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { run } = require("./lib/run");
const { step, withHeartbeat } = require("./lib/log");

const repoRoot = path.resolve(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function lockHash() {
    return crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(repoRoot, "package-lock.json")))
        .digest("hex");
}

/** `npm ci` when node_modules is missing or was installed from another lock file. */
async function ensureDependencies() {
    const marker = path.join(repoRoot, "node_modules", ".omics-lock-hash");
    const wanted = lockHash();
    if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === wanted) return;
    // npm 11 holds back dependencies' install scripts unless approved; the only one in our tree
    // (protobufjs' postinstall) just prints a version warning, so nothing is lost.
    await withHeartbeat("installing npm dependencies (npm ci)", () => run(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: repoRoot }));
    fs.writeFileSync(marker, wanted);
}

/** Compiles sdk/, provider/, emulator/ and test/ to lib/. */
async function build() {
    await withHeartbeat("compiling TypeScript (tsc)", () =>
        run(process.execPath, [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(repoRoot, "tsconfig.json")], { cwd: repoRoot }),
    );
}

/** node_modules/pulumi-tencentcloud-omics -> repo root, so examples import the package by name. */
function linkSelf() {
    const link = path.join(repoRoot, "node_modules", "pulumi-tencentcloud-omics");
    try {
        if (fs.readlinkSync(link) === "..") return;
    } catch {
        // missing or not a link
    }
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync("..", link, "dir");
}

async function setup() {
    await ensureDependencies();
    linkSelf();
    await build();
}

module.exports = { setup, ensureDependencies, build, linkSelf, repoRoot };

if (require.main === module) {
    setup().then(
        () => step("setup done"),
        (err) => {
            console.error(`[omics] setup failed: ${err.message}`);
            process.exit(1);
        },
    );
}
