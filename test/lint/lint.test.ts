// The codebase's own hygiene, as a test layer of `npm test` (`npm test -- lint`): Biome's linter
// and formatter agree with every source file, and the API reference builds from the TSDoc without
// a warning.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const bin = (name: string): string => path.join(repoRoot, "node_modules", ".bin", name);

function run(file: string, args: string[]): { code: number | null; output: string } {
    const r = spawnSync(file, args, { cwd: repoRoot, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("lint: the codebase's hygiene", function () {
    this.timeout(120_000);

    it("Biome finds no lint or format problem (`npx biome check .`; `npx biome check --write .` fixes most)", () => {
        const r = run(bin("biome"), ["ci", "--colors=off", "--error-on-warnings", "--max-diagnostics=50", "."]);
        assert.equal(r.code, 0, r.output.slice(-6000));
    });

    it("the API reference builds from the TSDoc without a warning (`npm run docs`)", () => {
        const r = run(bin("typedoc"), ["--emit", "none"]);
        assert.equal(r.code, 0, r.output.slice(-6000));
        assert.doesNotMatch(r.output, /\[warning\]|\[error\]/);
    });
});
