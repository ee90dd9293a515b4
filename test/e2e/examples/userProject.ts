// An example as a user gets it: its folder copied outside the repository (os.tmpdir()) and the
// package installed from the tarball `npm pack` made (once per test run), next to the
// @pulumi/pulumi the repository pins, which the example's caret range must accept.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/engine";

/* eslint-disable @typescript-eslint/no-require-imports */
const matrix = require(path.join(repoRoot, "scripts", "compat", "matrix.js")) as {
    packRepoOnce(): Promise<string>;
    createUserProject(o: { name: string; tarball: string; pulumiSdk: string; programDir: string }): Promise<{ dir: string; installSeconds: number }>;
    installedCopies(projectDir: string, name: string): { dir: string; version: string }[];
    nodeModulesAbove(dir: string): string[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const examplesDir = path.join(repoRoot, "examples");

interface PackageJson {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
}

function readJson<T>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** The @pulumi/pulumi the repository installs (the SDK of the pinned CLI; it runs on Node 20). */
export function pinnedPulumiSdk(): string {
    return readJson<PackageJson>(path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json")).version;
}

/** Whether `version` satisfies a caret range `^X.Y.Z` (npm's rule, 0.x included). */
export function satisfiesCaret(version: string, range: string): boolean {
    const r = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
    const v = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
    if (!r || !v) return false;
    const [rM, rm, rp] = r.slice(1).map(Number);
    const [vM, vm, vp] = v.slice(1).map(Number);
    const atLeast = vM !== rM ? vM > rM : vm !== rm ? vm > rm : vp >= rp;
    if (!atLeast) return false;
    if (rM > 0) return vM === rM;
    if (rm > 0) return vM === 0 && vm === rm;
    return vM === 0 && vm === 0 && vp === rp;
}

/**
 * Checks an example's package.json: exactly the package and @pulumi/pulumi as dependencies, with
 * caret ranges that accept this repository's version and the pinned SDK.
 */
export function checkExampleManifest(relDir: string): PackageJson {
    const manifest = readJson<PackageJson>(path.join(examplesDir, relDir, "package.json"));
    const ours = readJson<PackageJson>(path.join(repoRoot, "package.json"));
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}).sort(), ["@pulumi/pulumi", "pulumi-tencentcloud-omics"], `${relDir}/package.json dependencies`);
    assert.equal(manifest.dependencies?.["@pulumi/pulumi"], "^3.139.0", `${relDir}: @pulumi/pulumi caret range`);
    const range = manifest.dependencies?.["pulumi-tencentcloud-omics"] ?? "";
    assert.ok(satisfiesCaret(ours.version, range), `${relDir}: pulumi-tencentcloud-omics ${range} must accept this version, ${ours.version}`);
    assert.ok(satisfiesCaret(pinnedPulumiSdk(), "^3.139.0"));
    return manifest;
}

/** `tsc --noEmit` of the installed example (strict, against the packed package's declarations). */
function typecheck(dir: string): void {
    try {
        execFileSync(path.join(dir, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        throw new Error(`the example in ${dir} does not type-check:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    }
}

export interface UserProject {
    dir: string;
    installSeconds: number;
    remove(): void;
}

/** Copies examples/<relDir> into a fresh folder under os.tmpdir() and installs it from the packed tarball. */
export async function installExample(relDir: string): Promise<UserProject> {
    checkExampleManifest(relDir);
    const tarball = await matrix.packRepoOnce();
    const name = relDir.replace(/[^a-z0-9]+/gi, "-");
    const project = await matrix.createUserProject({
        name: `example-${name}`,
        tarball,
        pulumiSdk: pinnedPulumiSdk(),
        programDir: path.join(examplesDir, relDir),
    });
    assert.deepEqual(matrix.nodeModulesAbove(project.dir), [], "nothing above the user's project can be resolved");
    assert.equal(matrix.installedCopies(project.dir, "pulumi-tencentcloud-omics").length, 1);
    typecheck(project.dir);
    return {
        ...project,
        remove: () => {
            if (!process.env.OMICS_KEEP_E2E) fs.rmSync(project.dir, { recursive: true, force: true });
        },
    };
}
