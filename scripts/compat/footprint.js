#!/usr/bin/env node
// What installing this package adds to a user's project that already has @pulumi/pulumi:
// megabytes, files and install seconds, measured on a real `npm install` of the packed tarball.
//
//   node scripts/compat/footprint.js                 the package as `npm pack` makes it now
//   node scripts/compat/footprint.js --add SPEC ...  any npm specs instead (e.g. to size a
//                                                    dependency before adopting it)
//   --pulumi VERSION   the @pulumi/pulumi the project starts from (default: the lockfile's)
//   --json             one JSON object on stdout instead of the table
//
// The project is made in the system temp folder, so nothing from this repository's node_modules
// can be resolved or deduplicated against. npm's cache is the user's usual one: with a warm cache
// the seconds are unpacking and linking, which is what a repeat install costs.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { run } = require("../lib/run");
const { step } = require("../lib/log");
const { packRepo } = require("./matrix");

const repoRoot = path.resolve(__dirname, "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"];

/**
 * Regular files under `dir` (symlinks not followed): their count, their content bytes, and the
 * disk they take (`du`'s figure: whole blocks, so many small files weigh more than their bytes).
 */
function measureTree(dir) {
    let bytes = 0;
    let diskBytes = 0;
    let files = 0;
    const walk = (d) => {
        let entries;
        try {
            entries = fs.readdirSync(d, { withFileTypes: true });
        } catch {
            return;
        }
        for (const e of entries) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.isFile()) {
                const st = fs.lstatSync(p);
                bytes += st.size;
                diskBytes += st.blocks * 512;
                files++;
            }
        }
    };
    walk(dir);
    return { bytes, diskBytes, files };
}

/** Top-level package folders of node_modules (scoped ones as `@scope/name`). */
function installedPackages(nodeModules) {
    const names = [];
    if (!fs.existsSync(nodeModules)) return names;
    for (const e of fs.readdirSync(nodeModules)) {
        if (e.startsWith(".")) continue;
        if (e.startsWith("@")) {
            for (const s of fs.readdirSync(path.join(nodeModules, e))) names.push(`${e}/${s}`);
        } else {
            names.push(e);
        }
    }
    return names.sort();
}

function lockfilePulumiVersion() {
    const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8"));
    return lock.packages["node_modules/@pulumi/pulumi"].version;
}

/**
 * Installs `specs` into a fresh project that already has @pulumi/pulumi@`pulumiVersion`.
 * @returns {Promise<{pulumiVersion: string, specs: string[], addedMB: number, addedDiskMB: number, addedFiles: number, installSeconds: number, addedPackages: string[], baseline: {MB: number, files: number}}>}
 */
async function measureFootprint({ specs, pulumiVersion, workDir }) {
    const project = fs.mkdtempSync(path.join(workDir, "project-"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "footprint-probe", private: true }, null, 2));
    await run(npm, ["install", ...NPM_QUIET, `@pulumi/pulumi@${pulumiVersion}`], { cwd: project, capture: true });
    const nodeModules = path.join(project, "node_modules");
    const before = measureTree(nodeModules);
    const packagesBefore = new Set(installedPackages(nodeModules));

    const started = process.hrtime.bigint();
    await run(npm, ["install", ...NPM_QUIET, ...specs], { cwd: project, capture: true });
    const installSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const after = measureTree(nodeModules);
    const addedPackages = installedPackages(nodeModules).filter((p) => !packagesBefore.has(p));
    const mb = (b) => Math.round((b / 1e6) * 10) / 10;
    return {
        pulumiVersion,
        specs,
        addedMB: mb(after.bytes - before.bytes),
        addedDiskMB: mb(after.diskBytes - before.diskBytes),
        addedFiles: after.files - before.files,
        installSeconds: Math.round(installSeconds * 10) / 10,
        addedPackages,
        baseline: { MB: mb(before.bytes), files: before.files },
    };
}

function parseArgs(argv) {
    const opts = { add: [], pulumi: undefined, json: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--json") opts.json = true;
        else if (a === "--pulumi") opts.pulumi = argv[++i];
        else if (a === "--add") {
            while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) opts.add.push(argv[++i]);
        } else throw new Error(`unknown argument ${a}`);
    }
    return opts;
}

async function main() {
    const opts = parseArgs(process.argv.slice(2));
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "omics-footprint-"));
    try {
        let specs = opts.add;
        let label = specs.join(" ");
        if (!specs.length) {
            step("packing the repository (npm pack; prepack compiles lib/)");
            const tarball = await packRepo(workDir);
            const tarSize = fs.statSync(tarball).size;
            step(`${path.basename(tarball)}: ${(tarSize / 1e6).toFixed(2)} MB packed`);
            specs = [tarball];
            label = path.basename(tarball);
        }
        const pulumiVersion = opts.pulumi ?? lockfilePulumiVersion();
        step(`measuring: @pulumi/pulumi@${pulumiVersion} project, then npm install ${label}`);
        const result = await measureFootprint({ specs, pulumiVersion, workDir });
        if (opts.json) {
            process.stdout.write(`${JSON.stringify({ ...result, specs: [label] }, null, 2)}\n`);
        } else {
            process.stdout.write(
                [
                    `installing ${label} into a project with @pulumi/pulumi@${pulumiVersion} (${result.baseline.MB} MB, ${result.baseline.files} files) adds:`,
                    `  ${result.addedMB} MB of files (${result.addedDiskMB} MB on disk, as du counts)`,
                    `  ${result.addedFiles} files`,
                    `  ${result.addedPackages.length} packages: ${result.addedPackages.join(", ")}`,
                    `  ${result.installSeconds} s install time`,
                    "",
                ].join("\n"),
            );
        }
    } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
    }
}

module.exports = { measureFootprint, measureTree };

if (require.main === module) {
    main().catch((err) => {
        console.error(`[omics] ${err.message}`);
        process.exit(1);
    });
}
