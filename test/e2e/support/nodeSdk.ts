// The generated Node SDK of the plugin (sdks/nodejs), built the way its README and docs/plugin.md
// tell a user to: its own tsconfig.json (strict), `tsc` to bin/, package.json copied into bin/
// (utilities.getVersion reads it there). Nothing is written to sdks/nodejs.
import * as fs from "node:fs";
import * as path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { repoRoot } from "./engine";

const exec = promisify(execFile);

/** The npm name of the generated SDK (plugin/schema.ts, language.nodejs.packageName). */
export const NODE_SDK_PACKAGE = "@pulumi-tencentcloud-omics/plugin-sdk";

export interface BuiltNodeSdk {
    /** The compiled package, as it would be published or `npm install`ed: bin/ with package.json and README.md. */
    packageDir: string;
    /** What tsc printed (empty when it compiled cleanly). */
    tscOutput: string;
}

let built: Promise<BuiltNodeSdk> | undefined;

/**
 * Compiles a copy of sdks/nodejs with the tsconfig.json it ships with, once per test process.
 * The copy lives in .tools/e2e (inside the repository), so `@pulumi/pulumi` and `@types/node`
 * resolve from the repository's node_modules, as they would from a user's project after
 * `npm install` of the SDK; the repository's TypeScript compiles it.
 */
export function buildNodeSdk(): Promise<BuiltNodeSdk> {
    if (!built) {
        built = (async () => {
            const workRoot = path.join(repoRoot, ".tools", "e2e");
            fs.mkdirSync(workRoot, { recursive: true });
            const dir = fs.mkdtempSync(path.join(workRoot, "node-sdk-"));
            process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
            const source = path.join(dir, "plugin-sdk");
            fs.cpSync(path.join(repoRoot, "sdks", "nodejs"), source, {
                recursive: true,
                filter: (f) => !["bin", "node_modules"].includes(path.relative(path.join(repoRoot, "sdks", "nodejs"), f).split(path.sep)[0]),
            });
            const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
            const { stdout, stderr } = await exec(process.execPath, [tsc, "-p", path.join(source, "tsconfig.json")], { cwd: source }).catch(
                (e: Error & { stdout?: string; stderr?: string }) => {
                    throw new Error(`the Node SDK does not compile with its tsconfig.json:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
                },
            );
            const packageDir = path.join(source, "bin");
            for (const f of ["package.json", "README.md"]) fs.copyFileSync(path.join(source, f), path.join(packageDir, f));
            return { packageDir, tscOutput: `${stdout}${stderr}` };
        })();
    }
    return built;
}

/**
 * Installs the built SDK into a program's node_modules as `npm install` of its packed tarball
 * does (docs/plugin.md): a plain copy at node_modules/@pulumi-tencentcloud-omics/plugin-sdk, so
 * the program imports it by name, offline. The e2e programs run inside the repository, so the
 * SDK's own `require("@pulumi/pulumi")` walks up to the repository's node_modules and finds the
 * very copy the program uses. A `file:` dependency would need `npm install` (and be a symlink,
 * resolved from its real path); NODE_PATH would hold only for the program's process.
 */
export async function installNodeSdk(programDir: string): Promise<string> {
    const { packageDir } = await buildNodeSdk();
    const target = path.join(programDir, "node_modules", ...NODE_SDK_PACKAGE.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(packageDir, target, { recursive: true });
    return target;
}
