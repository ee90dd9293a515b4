// provider/'s folders are layers and import downward only: a reader finds the place for a change
// from folder names, and a new host (the provider plugin) can take the core without cycles. The
// order, lowest first, is LAYERS; an import that runs back up fails this test, unless it is one of
// the known ones listed in UPWARD_KNOWN (debt to pay off: when one disappears, remove it here).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const providerDir = path.join(repoRoot, "provider");

/** provider/'s folders, lowest layer first. */
const LAYERS = ["shared", "host", "config", "omics", "wait", "runRetry", "intent"] as const;

/** Upward imports still there, as "from-file -> to-folder". */
const UPWARD_KNOWN = new Set([
    // Credential errors are Omics API errors (one error type for users); the class could move down.
    "config/credentials.ts -> omics",
]);

function importsOf(): { from: string; to: string }[] {
    const out: { from: string; to: string }[] = [];
    for (const folder of fs.readdirSync(providerDir)) {
        const dir = path.join(providerDir, folder);
        if (!fs.statSync(dir).isDirectory()) continue;
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
            const text = fs.readFileSync(path.join(dir, file), "utf8");
            for (const m of text.matchAll(/from "\.\.\/([A-Za-z]+)\//g)) out.push({ from: `${folder}/${file}`, to: m[1] as string });
        }
    }
    return out;
}

describe("lint: provider/ layers import downward only", () => {
    it("every folder of provider/ has a place in the layer order", () => {
        const folders = fs.readdirSync(providerDir).filter((f) => fs.statSync(path.join(providerDir, f)).isDirectory());
        assert.deepEqual([...folders].sort(), [...LAYERS].sort());
    });

    it("no import runs back up, except the known ones (which must still exist)", () => {
        const rank = (folder: string): number => LAYERS.indexOf(folder as (typeof LAYERS)[number]);
        const upward = importsOf()
            .filter((i) => rank(i.to) >= rank(i.from.split("/")[0] as string))
            .map((i) => `${i.from} -> ${i.to}`);
        const unknown = [...new Set(upward)].filter((u) => !UPWARD_KNOWN.has(u));
        assert.deepEqual(unknown, [], "imports that run back up: move the shared piece down instead");
        const gone = [...UPWARD_KNOWN].filter((k) => !upward.includes(k));
        assert.deepEqual(gone, [], "known upward imports that no longer exist: remove them from UPWARD_KNOWN");
    });
});
