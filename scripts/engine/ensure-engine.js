#!/usr/bin/env node
// Makes the real Pulumi engine available offline: the `pulumi` CLI, the Node.js language host and
// the dynamic-provider host, all in one bin folder that callers put first on PATH.
//
// A `pulumi` on PATH is used when it is at least the pinned version and has its language host.
// Otherwise both Go programs are built from the Go module proxy (scripts/engine/cli and
// scripts/engine/language-nodejs are the pinned Go modules) into .tools/engine/bin, and a stamp
// records what was built, so the next run is instant.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { spawn, execFileSync } = require("node:child_process");
const { step, withHeartbeat } = require("../lib/log");

const repoRoot = path.resolve(__dirname, "..", "..");
const binDir = path.join(repoRoot, ".tools", "engine", "bin");
const cliModule = path.join(__dirname, "cli");
const hostModule = path.join(__dirname, "language-nodejs");

/** The CLI version we pin: the pkg/v3 requirement of our Go module (kept equal to @pulumi/pulumi). */
function pinnedCliVersion() {
    const goMod = fs.readFileSync(path.join(cliModule, "go.mod"), "utf8");
    const m = /github\.com\/pulumi\/pulumi\/pkg\/v3 v(\d+\.\d+\.\d+)/.exec(goMod);
    if (!m) throw new Error(`cannot find the pkg/v3 version in ${cliModule}/go.mod`);
    return m[1];
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
    if (!found || path.dirname(found) === binDir) return undefined;
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

function stampFor(cliVersion, hostVersion) {
    const hash = crypto.createHash("sha256");
    for (const file of [path.join(cliModule, "go.mod"), path.join(cliModule, "go.sum"), path.join(hostModule, "go.mod"), path.join(hostModule, "go.sum")]) {
        hash.update(fs.readFileSync(file));
    }
    return `cli=${cliVersion} host=${hostVersion} mods=${hash.digest("hex").slice(0, 16)}`;
}

/** `go build` one main package, printing how many packages are compiled as it goes. */
function goBuild(label, moduleDir, pkg, output, ldflags, tags) {
    return withHeartbeat(`building ${label}`, () => new Promise((resolve, reject) => {
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
        child.on("error", (err) => reject(new Error(`cannot run \`go\` (${err.message}); install Go 1.25+ or put a pulumi v${pinnedCliVersion()} CLI on PATH`)));
        child.on("close", (code) => code === 0 ? resolve() : reject(new Error(`go build of ${label} failed (exit ${code}):\n${tail.join("\n")}`)));
    }), 30000);
}

/** Puts the dynamic-provider host shipped in @pulumi/pulumi beside the CLI (the engine looks there). */
function linkDynamicProviderHost() {
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
 * @returns {Promise<{binDir: string, pulumi: string, version: string, env: Record<string,string>}>}
 */
async function ensureEngine() {
    const cliVersion = pinnedCliVersion();
    const hostVersion = pinnedHostVersion();
    fs.mkdirSync(binDir, { recursive: true });
    linkDynamicProviderHost();

    let pulumi = path.join(binDir, "pulumi");
    let version = cliVersion;
    const onPath = usablePulumiOnPath(cliVersion);
    if (onPath) {
        pulumi = onPath.pulumi;
        version = onPath.version;
        step(`using ${pulumi} (v${version}) from PATH`);
    } else {
        const stampFile = path.join(binDir, ".stamp");
        const wanted = stampFor(cliVersion, hostVersion);
        const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8").trim() : "";
        if (have !== wanted || !fs.existsSync(pulumi) || !fs.existsSync(path.join(binDir, "pulumi-language-nodejs"))) {
            step(`building the Pulumi CLI v${cliVersion} and Node language host (v${hostVersion}) from Go modules; the first build takes several minutes, later runs reuse it`);
            await goBuild(`pulumi CLI v${cliVersion}`, cliModule, "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", pulumi,
                `-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${cliVersion}`, "osusergo,grpcnotrace");
            await goBuild(`pulumi-language-nodejs v${hostVersion}`, hostModule, "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
                path.join(binDir, "pulumi-language-nodejs"), `-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${hostVersion}`);
            fs.writeFileSync(stampFile, `${wanted}\n`);
        }
    }
    const env = engineEnv(path.dirname(pulumi));
    return { binDir, pulumi, version, env };
}

/** Offline settings for every engine run: no update check, no plugin downloads. */
function engineEnv(pulumiDir) {
    const dirs = [binDir];
    if (pulumiDir !== binDir) dirs.push(pulumiDir);
    return {
        PATH: [...dirs, process.env.PATH || ""].join(path.delimiter),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    };
}

module.exports = { ensureEngine, pinnedCliVersion, pinnedHostVersion, compareVersions };

if (require.main === module) {
    ensureEngine().then(
        (e) => step(`engine ready: ${e.pulumi} (v${e.version}); bin folder ${e.binDir}`),
        (err) => {
            console.error(`[omics] ${err.message}`);
            process.exit(1);
        },
    );
}
