#!/usr/bin/env node
// Makes the real Pulumi engine available offline: the `pulumi` CLI, the Node.js language host and
// the dynamic-provider host, all in one bin folder that callers put first on PATH.
//
// A `pulumi` on PATH is used when it is at least the pinned version and has its language host.
// Otherwise both Go programs are built from the Go module proxy (scripts/engine/cli and
// scripts/engine/language-nodejs are the pinned Go modules) into .tools/engine/bin, and a stamp
// records what was built, so the next run is instant.
//
// Other CLI versions (the compatibility matrix's newest, scripts/engine/cli-newest) are their own
// Go modules beside cli/: `ensureEngine({ cliModule: "cli-newest" })` builds exactly that version
// with the same language host into .tools/engine-v<version>/bin, never taking a CLI from PATH.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { spawn, execFileSync } = require("node:child_process");
const { step, withHeartbeat } = require("../lib/log");

const repoRoot = path.resolve(__dirname, "..", "..");
/** The Go module (folder beside this file) of the CLI the tests and the demo use. */
const DEFAULT_CLI_MODULE = "cli";
const defaultBinDir = path.join(repoRoot, ".tools", "engine", "bin");
const hostModule = path.join(__dirname, "language-nodejs");

function cliModuleDir(cliModule) {
    if (!/^cli(-[a-z0-9]+)*$/.test(cliModule)) throw new Error(`not a CLI module name: ${cliModule}`);
    return path.join(__dirname, cliModule);
}

/** The CLI version a module pins: its pkg/v3 requirement (for cli/, kept equal to @pulumi/pulumi). */
function pinnedCliVersion(cliModule = DEFAULT_CLI_MODULE) {
    const dir = cliModuleDir(cliModule);
    const goMod = fs.readFileSync(path.join(dir, "go.mod"), "utf8");
    const m = /github\.com\/pulumi\/pulumi\/pkg\/v3 v(\d+\.\d+\.\d+)/.exec(goMod);
    if (!m) throw new Error(`cannot find the pkg/v3 version in ${dir}/go.mod`);
    return m[1];
}

/** Where a module's engine is built: the default one in .tools/engine/bin, others per version. */
function engineBinDir(cliModule = DEFAULT_CLI_MODULE) {
    if (cliModule === DEFAULT_CLI_MODULE) return defaultBinDir;
    return path.join(repoRoot, ".tools", `engine-v${pinnedCliVersion(cliModule)}`, "bin");
}

function pinnedHostVersion() {
    const goMod = fs.readFileSync(path.join(hostModule, "go.mod"), "utf8");
    const m = /github\.com\/pulumi\/pulumi\/sdk\/v3 v(\d+\.\d+\.\d+)/.exec(goMod);
    if (!m) throw new Error(`cannot find the sdk/v3 version in ${hostModule}/go.mod`);
    return m[1];
}

function compareVersions(a, b) {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < 3; i++) {
        if (pa[i] !== pb[i]) return pa[i] - pb[i];
    }
    return 0;
}

function which(name) {
    for (const dir of (process.env.PATH || "").split(path.delimiter)) {
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            return candidate;
        } catch {
            // not here
        }
    }
    return undefined;
}

/** A `pulumi` already on PATH that is recent enough and has its Node language host next to it. */
function usablePulumiOnPath(minVersion) {
    const found = which("pulumi");
    if (!found || path.dirname(found) === defaultBinDir) return undefined;
    try {
        const version = execFileSync(found, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } })
            .trim()
            .replace(/^v/, "");
        const host = path.join(path.dirname(found), "pulumi-language-nodejs");
        if (compareVersions(version, minVersion) >= 0 && (fs.existsSync(host) || which("pulumi-language-nodejs"))) {
            return { pulumi: found, version };
        }
        step(`ignoring ${found} (v${version}): need v${minVersion}+ with pulumi-language-nodejs beside it`);
    } catch {
        // unusable: build our own
    }
    return undefined;
}

function stampFor(cliModule, cliVersion, hostVersion) {
    const hash = crypto.createHash("sha256");
    const cliDir = cliModuleDir(cliModule);
    for (const file of [path.join(cliDir, "go.mod"), path.join(cliDir, "go.sum"), path.join(hostModule, "go.mod"), path.join(hostModule, "go.sum")]) {
        hash.update(fs.readFileSync(file));
    }
    return `cli=${cliVersion} host=${hostVersion} mods=${hash.digest("hex").slice(0, 16)}`;
}

/** `go build` one main package, printing how many packages are compiled as it goes. */
function goBuild(label, moduleDir, pkg, output, ldflags, tags) {
    return withHeartbeat(
        `building ${label}`,
        () =>
            new Promise((resolve, reject) => {
                const args = ["build", "-v", "-trimpath", "-o", output, "-ldflags", ldflags];
                if (tags) args.push("-tags", tags);
                args.push(pkg);
                const child = spawn("go", args, { cwd: moduleDir, stdio: ["ignore", "inherit", "pipe"], env: { ...process.env, GOFLAGS: "-mod=readonly" } });
                let compiled = 0;
                let lastReport = 0;
                let tail = [];
                child.stderr.on("data", (chunk) => {
                    for (const line of chunk.toString().split("\n")) {
                        if (!line) continue;
                        tail = tail.concat(line).slice(-30);
                        if (!line.startsWith("go: ") && !line.includes(" ")) compiled++;
                        if (compiled - lastReport >= 200) {
                            lastReport = compiled;
                            step(`building ${label}: ${compiled} packages compiled`);
                        }
                    }
                });
                child.on("error", (err) =>
                    reject(
                        new Error(
                            `cannot run \`go\` (${err.message}); install Go 1.25+ (1.26.6+ for cli-newest) or put a pulumi v${pinnedCliVersion()} CLI on PATH`,
                        ),
                    ),
                );
                child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`go build of ${label} failed (exit ${code}):\n${tail.join("\n")}`))));
            }),
        30000,
    );
}

/** Puts the dynamic-provider host shipped in @pulumi/pulumi beside the CLI (the engine looks there). */
function linkDynamicProviderHost(binDir) {
    const source = path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "pulumi-resource-pulumi-nodejs");
    if (!fs.existsSync(source)) {
        throw new Error(`${source} is missing: run \`npm ci\` first`);
    }
    const target = path.join(binDir, "pulumi-resource-pulumi-nodejs");
    fs.rmSync(target, { force: true });
    fs.symlinkSync(source, target);
    fs.chmodSync(source, 0o755);
}

/**
 * Ensures the engine exists and returns the environment to run it offline with.
 * @param {{cliModule?: string}} [options] cliModule: the Go module folder beside this file whose
 *   CLI to use (default `cli`, the pinned one, which a recent enough `pulumi` on PATH may stand
 *   in for; any other module is built as pinned, whatever is on PATH).
 * @returns {Promise<{binDir: string, pulumi: string, version: string, env: Record<string,string>}>}
 */
async function ensureEngine(options = {}) {
    const cliModule = options.cliModule ?? DEFAULT_CLI_MODULE;
    const cliDir = cliModuleDir(cliModule);
    const cliVersion = pinnedCliVersion(cliModule);
    const hostVersion = pinnedHostVersion();
    const binDir = engineBinDir(cliModule);
    fs.mkdirSync(binDir, { recursive: true });
    linkDynamicProviderHost(binDir);

    let pulumi = path.join(binDir, "pulumi");
    let version = cliVersion;
    const onPath = cliModule === DEFAULT_CLI_MODULE ? usablePulumiOnPath(cliVersion) : undefined;
    if (onPath) {
        pulumi = onPath.pulumi;
        version = onPath.version;
        step(`using ${pulumi} (v${version}) from PATH`);
    } else {
        const stampFile = path.join(binDir, ".stamp");
        const wanted = stampFor(cliModule, cliVersion, hostVersion);
        const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8").trim() : "";
        if (have !== wanted || !fs.existsSync(pulumi) || !fs.existsSync(path.join(binDir, "pulumi-language-nodejs"))) {
            step(
                `building the Pulumi CLI v${cliVersion} and Node language host (v${hostVersion}) from Go modules; the first build takes several minutes, later runs reuse it`,
            );
            await goBuild(
                `pulumi CLI v${cliVersion}`,
                cliDir,
                "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
                pulumi,
                `-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${cliVersion}`,
                "osusergo,grpcnotrace",
            );
            await goBuild(
                `pulumi-language-nodejs v${hostVersion}`,
                hostModule,
                "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
                path.join(binDir, "pulumi-language-nodejs"),
                `-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${hostVersion}`,
            );
            fs.writeFileSync(stampFile, `${wanted}\n`);
        }
    }
    const env = engineEnv(binDir, path.dirname(pulumi));
    return { binDir, pulumi, version, env };
}

/** Offline settings for every engine run: no update check, no plugin downloads. */
function engineEnv(binDir, pulumiDir) {
    const dirs = [binDir];
    if (pulumiDir !== binDir) dirs.push(pulumiDir);
    return {
        PATH: [...dirs, process.env.PATH || ""].join(path.delimiter),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    };
}

module.exports = { ensureEngine, pinnedCliVersion, pinnedHostVersion, compareVersions, engineBinDir };

if (require.main === module) {
    // `node scripts/engine/ensure-engine.js [cli-module]`, e.g. `cli-newest`.
    ensureEngine({ cliModule: process.argv[2] }).then(
        (e) => step(`engine ready: ${e.pulumi} (v${e.version}); bin folder ${e.binDir}`),
        (err) => {
            console.error(`[omics] ${err.message}`);
            process.exit(1);
        },
    );
}
