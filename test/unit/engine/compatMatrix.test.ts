// The compatibility matrix's project checks on made-up trees: a second @pulumi/pulumi anywhere in
// node_modules, or a node_modules above the project, must be seen.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const matrix = require(path.join(repoRoot, "scripts", "compat", "matrix.js")) as {
    installedCopies(projectDir: string, name: string): { dir: string; version: string }[];
    nodeModulesAbove(dir: string): string[];
};

function fakePackage(dir: string, name: string, version: string): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version }));
}

describe("compat matrix: project checks", () => {
    let root: string;
    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "omics-matrix-unit-"));
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it("finds every copy of a scoped package, nested ones included", () => {
        const nm = path.join(root, "project", "node_modules");
        fakePackage(path.join(nm, "@pulumi", "pulumi"), "@pulumi/pulumi", "3.139.0");
        fakePackage(path.join(nm, "pulumi-tencentcloud-omics"), "pulumi-tencentcloud-omics", "0.1.0");
        fakePackage(path.join(nm, "pulumi-tencentcloud-omics", "node_modules", "@pulumi", "pulumi"), "@pulumi/pulumi", "3.276.0");
        fakePackage(path.join(nm, "@pulumi", "other"), "@pulumi/other", "1.0.0");
        const copies = matrix.installedCopies(path.join(root, "project"), "@pulumi/pulumi");
        assert.deepEqual(copies.map((c) => c.version).sort(), ["3.139.0", "3.276.0"]);
        assert.equal(matrix.installedCopies(path.join(root, "project"), "pulumi-tencentcloud-omics").length, 1);
    });

    it("finds no copy in a project without node_modules", () => {
        fs.mkdirSync(path.join(root, "empty"));
        assert.deepEqual(matrix.installedCopies(path.join(root, "empty"), "@pulumi/pulumi"), []);
    });

    it("sees a node_modules in any folder above a project, not the project's own", () => {
        const project = path.join(root, "a", "b", "project");
        fs.mkdirSync(path.join(project, "node_modules"), { recursive: true });
        assert.deepEqual(
            matrix.nodeModulesAbove(project).filter((d) => d.startsWith(root)),
            [],
        );
        fs.mkdirSync(path.join(root, "a", "node_modules"));
        assert.deepEqual(
            matrix.nodeModulesAbove(project).filter((d) => d.startsWith(root)),
            [path.join(root, "a", "node_modules")],
        );
    });
});
