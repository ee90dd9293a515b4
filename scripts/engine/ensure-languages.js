#!/usr/bin/env node
// Makes the Python and YAML language hosts available offline, for programs that use the provider
// plugin (plugin/) from other languages, all in .tools/languages (ignored by git):
//
//   bin/pulumi-language-python       from sdk/v3 v3.68.0 (scripts/engine/language-python; the host's
//   bin/pulumi-language-python-exec  own module is refused by the module proxy), with its exec script
//   bin/pulumi-language-yaml         from github.com/pulumi/pulumi-yaml (scripts/engine/language-yaml)
//   venv/                            a virtualenv with `pulumi` from PyPI at the CLI's version
//
// The Python host ignores `runtime.options.virtualenv`: callers put venv/bin first on PATH (the
// returned env does). A stamp per part records what was built, so the next run is instant.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { execFileSync } = require("node:child_process");
const { step, withHeartbeat } = require("../lib/log");
const { run } = require("../lib/run");
const { pinnedCliVersion } = require("./ensure-engine");

const repoRoot = path.resolve(__dirname, "..", "..");
const toolsDir = path.join(repoRoot, ".tools", "languages");
const binDir = path.join(toolsDir, "bin");
const venvDir = path.join(toolsDir, "venv");

function hashOf(files) {
    const hash = crypto.createHash("sha256");
    for (const f of files) hash.update(fs.readFileSync(f));
    return hash.digest("hex").slice(0, 16);
}

function moduleStamp(moduleName) {
    const dir = path.join(__dirname, moduleName);
    return `${moduleName} ${hashOf([path.join(dir, "go.mod"), path.join(dir, "go.sum")])}`;
}

/** Runs `build` unless the stamp file says `wanted` was built and `outputs` exist. */
async function once(name, wanted, outputs, build) {
    const stampFile = path.join(toolsDir, `.stamp-${name}`);
    const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8").trim() : "";
    if (have === wanted && outputs.every((o) => fs.existsSync(o))) return;
    await build();
    fs.writeFileSync(stampFile, `${wanted}\n`);
}

/** `go build` of one main package of a pinned module (quiet; the heartbeat shows progress). */
function goBuild(label, moduleName, pkg, output, version) {
    const args = ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "-o", output];
    if (version) args.push("-ldflags", `-w -s -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}`);
    args.push(pkg);
    return withHeartbeat(
        `building ${label}`,
        () => run("go", args, { cwd: path.join(__dirname, moduleName), env: { ...process.env, GOFLAGS: "-mod=readonly" } }),
        30000,
    );
}

function goModuleVersion(moduleName, modulePath) {
    const goMod = fs.readFileSync(path.join(__dirname, moduleName, "go.mod"), "utf8");
    const m = new RegExp(`${modulePath.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} v(\\d+\\.\\d+\\.\\d+)`).exec(goMod);
    if (!m) throw new Error(`cannot find ${modulePath} in scripts/engine/${moduleName}/go.mod`);
    return m[1];
}

async function ensurePythonHost() {
    const version = goModuleVersion("language-python", "github.com/pulumi/pulumi/sdk/v3");
    const host = path.join(binDir, "pulumi-language-python");
    const exec = path.join(binDir, "pulumi-language-python-exec");
    await once("python-host", moduleStamp("language-python"), [host, exec], async () => {
        await goBuild(
            `pulumi-language-python v${version}`,
            "language-python",
            "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python",
            host,
            version,
        );
        // The exec script ships beside the host's source, in the same module.
        const sdkDir = execFileSync("go", ["list", "-m", "-f", "{{.Dir}}", "github.com/pulumi/pulumi/sdk/v3"], {
            cwd: path.join(__dirname, "language-python"),
            encoding: "utf8",
        }).trim();
        fs.copyFileSync(path.join(sdkDir, "python", "cmd", "pulumi-language-python-exec"), exec);
        fs.chmodSync(exec, 0o755);
    });
}

async function ensureYamlHost() {
    const version = goModuleVersion("language-yaml", "github.com/pulumi/pulumi-yaml");
    const host = path.join(binDir, "pulumi-language-yaml");
    await once("yaml-host", moduleStamp("language-yaml"), [host], () =>
        goBuild(
            `pulumi-language-yaml v${version} (about 90 s the first time)`,
            "language-yaml",
            "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
            host,
        ),
    );
}

function python() {
    for (const candidate of ["python3", "python"]) {
        try {
            execFileSync(candidate, ["--version"], { stdio: "ignore" });
            return candidate;
        } catch {
            // try the next
        }
    }
    throw new Error("no python3 on PATH: the Python end-to-end tests need Python 3.9+");
}

/**
 * The virtualenv with `pulumi` at the CLI's version (what the Python host runs programs with) and
 * the committed Python SDK of the plugin (sdks/python), installed editable as a user's
 * `pip install` would, so it always reflects the committed files.
 */
async function ensureVenv() {
    const cliVersion = pinnedCliVersion();
    const venvPython = path.join(venvDir, "bin", "python");
    const sdkDir = path.join(repoRoot, "sdks", "python");
    const wanted = `pulumi==${cliVersion} sdk=${hashOf([path.join(sdkDir, "pyproject.toml")])}`;
    await once("venv", wanted, [venvPython], async () => {
        fs.rmSync(venvDir, { recursive: true, force: true });
        await withHeartbeat("creating the Python virtualenv", () => run(python(), ["-m", "venv", venvDir]));
        await withHeartbeat(`installing pulumi==${cliVersion} from PyPI into it`, () =>
            run(venvPython, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `pulumi==${cliVersion}`]),
        );
        await withHeartbeat("installing the plugin's Python SDK (sdks/python, editable) into it", () =>
            run(venvPython, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--editable", sdkDir]),
        );
    });
}

/**
 * Ensures the hosts and the virtualenv exist; returns the bin folders to put first on PATH (the
 * virtualenv's first) and the virtualenv's python.
 * @returns {Promise<{binDir: string, venvBin: string, python: string, pathDirs: string[]}>}
 */
async function ensureLanguages() {
    fs.mkdirSync(binDir, { recursive: true });
    await ensurePythonHost();
    await ensureYamlHost();
    await ensureVenv();
    const venvBin = path.join(venvDir, "bin");
    return { binDir, venvBin, python: path.join(venvBin, "python"), pathDirs: [venvBin, binDir] };
}

module.exports = { ensureLanguages, languagesBinDir: binDir, venvDir };

if (require.main === module) {
    ensureLanguages().then(
        (l) => step(`language hosts ready in ${l.binDir}; virtualenv ${venvDir}`),
        (err) => {
            console.error(`[omics] ${err.message}`);
            process.exit(1);
        },
    );
}
