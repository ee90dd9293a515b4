// The compatibility matrix: which Node, @pulumi/pulumi and Pulumi CLI each cell runs the packed
// package with, and how a cell's user project is made (test/e2e/compat.test.ts drives them).
//
// The oldest @pulumi/pulumi is not restated here: it is the floor of the package's own caret
// range in package.json, so the range we publish is the one we test.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFile } = require("node:child_process");
const { run } = require("../lib/run");

const repoRoot = path.resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"];

/**
 * The newest @pulumi/pulumi on the npm registry when the matrix was last bumped (it requires
 * Node 22, as every release from 3.249.0 on does). Exact, so a new upstream release cannot turn
 * CI red overnight; bump it deliberately (`npm view @pulumi/pulumi version`).
 */
const NEWEST_PULUMI_SDK = "3.276.0";

/** The floor of package.json's `"@pulumi/pulumi": "^X.Y.Z"`. */
function oldestSupportedPulumiSdk() {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    const range = pkg.dependencies["@pulumi/pulumi"];
    const m = /^\^(\d+\.\d+\.\d+)$/.exec(range);
    if (!m) throw new Error(`package.json's @pulumi/pulumi must be a caret range ^X.Y.Z, is ${range}`);
    return m[1];
}

/**
 * The cells. OMICS_COMPAT_OLDEST_SDK / OMICS_COMPAT_NEWEST_SDK override the @pulumi/pulumi of a
 * cell, to probe other versions without editing anything.
 * @returns {{name: string, nodeMajor: number, pulumiSdk: string, cliModule: string}[]}
 */
function compatCells() {
    return [
        // What the machines here run: Node 20, so the oldest @pulumi/pulumi we accept, on the CLI we pin.
        { name: "node20-oldest-sdk", nodeMajor: 20, pulumiSdk: process.env.OMICS_COMPAT_OLDEST_SDK || oldestSupportedPulumiSdk(), cliModule: "cli" },
        // What users run: Node 22, the newest @pulumi/pulumi, the newest CLI the Go module proxy builds.
        { name: "node22-newest-sdk", nodeMajor: 22, pulumiSdk: process.env.OMICS_COMPAT_NEWEST_SDK || NEWEST_PULUMI_SDK, cliModule: "cli-newest" },
    ];
}

/**
 * `npm pack` of the repository (its prepack compiles lib/ with tsc) into `dest`; returns the
 * tarball's path. A failure carries tsc's own output (which it prints on stdout).
 */
function packRepo(dest) {
    return new Promise((resolve, reject) => {
        execFile(npm, ["pack", "--silent", "--pack-destination", dest], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
            if (err) {
                const tail = `${stdout}\n${stderr}`.trim().split("\n").slice(-30).join("\n");
                return reject(new Error(`npm pack failed (exit ${err.code}):\n${tail}`));
            }
            resolve(path.join(dest, stdout.trim().split("\n").pop()));
        });
    });
}

let packedOnce;
/** One `npm pack` per process, shared by every cell (into a temp folder removed at exit). */
function packRepoOnce() {
    if (!packedOnce) {
        const dest = fs.mkdtempSync(path.join(os.tmpdir(), "omics-compat-pack-"));
        process.once("exit", () => fs.rmSync(dest, { recursive: true, force: true }));
        packedOnce = packRepo(dest);
    }
    return packedOnce;
}

/** Folders above `dir` holding a node_modules that Node's resolution could fall back to. */
function nodeModulesAbove(dir) {
    const found = [];
    for (let d = path.dirname(path.resolve(dir)); ; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, "node_modules"))) found.push(path.join(d, "node_modules"));
        if (path.dirname(d) === d) return found;
    }
}

/**
 * A user's project outside the repository: the program in `programDir`, and `npm install` of the
 * tarball with @pulumi/pulumi@`pulumiSdk`, as a user adds us to a project that has its own SDK.
 */
async function createUserProject({ name, tarball, pulumiSdk, programDir }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `omics-compat-${name}-`));
    const leaks = nodeModulesAbove(dir);
    if (leaks.length) throw new Error(`${dir} would resolve packages from ${leaks.join(", ")}; remove them or set TMPDIR elsewhere`);
    fs.cpSync(programDir, dir, { recursive: true });
    const pkgFile = path.join(dir, "package.json");
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
    pkg.dependencies = { "@pulumi/pulumi": pulumiSdk, "pulumi-tencentcloud-omics": `file:${tarball}` };
    fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
    const started = Date.now();
    await run(npm, ["install", ...NPM_QUIET], { cwd: dir, capture: true });
    return { dir, installSeconds: (Date.now() - started) / 1000 };
}

/** Every installed copy of `name` under `projectDir`'s node_modules, nested ones included. */
function installedCopies(projectDir, name) {
    const copies = [];
    const walk = (nodeModules) => {
        let entries;
        try {
            entries = fs.readdirSync(nodeModules, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries) {
            if (!e.isDirectory() || e.name.startsWith(".")) continue;
            const pkgDirs = e.name.startsWith("@")
                ? fs.readdirSync(path.join(nodeModules, e.name)).map((s) => path.join(nodeModules, e.name, s))
                : [path.join(nodeModules, e.name)];
            for (const pkgDir of pkgDirs) {
                const manifest = path.join(pkgDir, "package.json");
                if (fs.existsSync(manifest) && path.relative(nodeModules, pkgDir).split(path.sep).join("/") === name) {
                    copies.push({ dir: pkgDir, version: JSON.parse(fs.readFileSync(manifest, "utf8")).version });
                }
                walk(path.join(pkgDir, "node_modules"));
            }
        }
    };
    walk(path.join(projectDir, "node_modules"));
    return copies;
}

module.exports = { compatCells, oldestSupportedPulumiSdk, NEWEST_PULUMI_SDK, packRepo, packRepoOnce, createUserProject, installedCopies, nodeModulesAbove };
