#!/usr/bin/env node
// Generates the provider plugin's SDKs from plugin/schema.json into sdks/python,
// sdks/go/tencentcloudomics and sdks/nodejs, with scripts/gen-sdk (a small Go program on the pinned
// pkg/v3's codegen, built once into .tools/gen-sdk; `pulumi package gen-sdk` cannot be used with the
// v3.68 hosts).
//
//   npm run gen:sdk            regenerate the committed SDKs (run `npm run gen:schema` first)
//   npm run gen:sdk -- --check fail when a committed SDK differs from a fresh generation
//
// Hand-written files beside the generated ones are kept: sdks/go/go.mod and go.sum. The Node SDK's
// build output and dependencies (sdks/nodejs/bin, node_modules: ignored by its generated .gitignore)
// are neither compared nor removed.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");
const { step, withHeartbeat } = require("../lib/log");
const { run } = require("../lib/run");

const repoRoot = path.resolve(__dirname, "..", "..");
const generatorModule = path.join(repoRoot, "scripts", "gen-sdk");
const generatorBin = path.join(repoRoot, ".tools", "gen-sdk", "gen-sdk");
const schemaFile = path.join(repoRoot, "plugin", "schema.json");
const sdksDir = path.join(repoRoot, "sdks");
/** The generated part of each SDK folder (relative to sdks/): replaced as a whole. */
const GENERATED = { python: ["python"], go: ["go/tencentcloudomics", "go/.gitattributes"], nodejs: ["nodejs"] };
/** Hand-written files inside a generated part, never touched. */
const KEPT = new Set(["go/go.mod", "go/go.sum"]);

/** Builds the generator unless the stamp says this source was built. */
async function ensureGenerator() {
    const hash = crypto.createHash("sha256");
    for (const f of ["go.mod", "go.sum", "main.go"]) hash.update(fs.readFileSync(path.join(generatorModule, f)));
    const wanted = hash.digest("hex").slice(0, 16);
    const stampFile = `${generatorBin}.stamp`;
    if (fs.existsSync(generatorBin) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === wanted) return;
    fs.mkdirSync(path.dirname(generatorBin), { recursive: true });
    await withHeartbeat("building the SDK generator (pkg/v3 codegen; about a minute the first time)", () =>
        run("go", ["build", "-trimpath", "-o", generatorBin, "."], { cwd: generatorModule, env: { ...process.env, GOFLAGS: "-mod=readonly" } }),
    );
    fs.writeFileSync(stampFile, `${wanted}\n`);
}

/** Generates every SDK into `outDir` (outDir/python, outDir/go/..., outDir/nodejs). */
async function generate(outDir) {
    await ensureGenerator();
    await run(generatorBin, [schemaFile, outDir], { capture: true });
}

/** Every file under `dir` (relative paths), or none when it does not exist; skips what no generation writes. */
function filesUnder(dir) {
    if (!fs.existsSync(dir)) return [];
    if (fs.statSync(dir).isFile()) return [""];
    const out = [];
    const walk = (rel) => {
        for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
            const f = path.join(rel, entry.name);
            if (entry.isDirectory()) {
                // Python's caches and egg-info; the Node SDK's build output and dependencies (sdks/nodejs/bin, node_modules).
                if (entry.name === "__pycache__" || entry.name.endsWith(".egg-info") || entry.name === "node_modules") continue;
                if (rel === "" && entry.name === "bin" && path.basename(dir) === "nodejs") continue;
                walk(f);
            } else if (entry.isFile()) out.push(f);
        }
    };
    walk("");
    return out.sort();
}

/** The differences between a fresh generation in `freshDir` and the committed SDKs. */
function differences(freshDir) {
    const out = [];
    for (const parts of Object.values(GENERATED)) {
        for (const part of parts) {
            const fresh = new Set(filesUnder(path.join(freshDir, part)).map((f) => path.join(part, f)));
            const committed = new Set(filesUnder(path.join(sdksDir, part)).map((f) => path.join(part, f)));
            for (const f of fresh) {
                if (!committed.has(f)) out.push(`missing: sdks/${f}`);
                else if (!fs.readFileSync(path.join(freshDir, f)).equals(fs.readFileSync(path.join(sdksDir, f)))) out.push(`stale: sdks/${f}`);
            }
            for (const f of committed) if (!fresh.has(f) && !KEPT.has(f)) out.push(`not generated: sdks/${f}`);
        }
    }
    return out;
}

/** Regenerates into a temporary folder and returns the differences with the committed SDKs. */
async function checkSdks() {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omics-gen-sdk-"));
    try {
        await generate(tmp);
        return differences(tmp);
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** Regenerates the committed SDKs in place. */
async function writeSdks() {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "omics-gen-sdk-"));
    try {
        await generate(tmp);
        for (const parts of Object.values(GENERATED)) {
            for (const part of parts) {
                const target = path.join(sdksDir, part);
                for (const f of filesUnder(target)) if (!KEPT.has(path.join(part, f))) fs.rmSync(path.join(target, f));
                fs.cpSync(path.join(tmp, part), target, { recursive: true });
            }
        }
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

module.exports = { checkSdks, writeSdks, ensureGenerator };

if (require.main === module) {
    const check = process.argv.includes("--check");
    (check ? checkSdks() : writeSdks()).then(
        (diffs) => {
            if (check && diffs.length > 0) {
                console.error(`[omics] the committed SDKs are stale (run \`npm run gen:sdk\`):\n  ${diffs.join("\n  ")}`);
                process.exit(1);
            }
            step(check ? "the committed SDKs are current" : "wrote sdks/python, sdks/go/tencentcloudomics and sdks/nodejs");
        },
        (err) => {
            console.error(`[omics] ${err.message}`);
            process.exit(1);
        },
    );
}
