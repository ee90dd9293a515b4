// Drives the real Pulumi engine (CLI + Node language host + dynamic-provider host) through the
// Automation API, on a throw-away local file backend, against programs in test/e2e/programs.
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import { LocalWorkspace, PulumiCommand, Stack, type ConfigMap } from "@pulumi/pulumi/automation";

/** The repository root, seen from lib/test/e2e/support/. */
export const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");
const programsDir = path.join(repoRoot, "test", "e2e", "programs");
const workRoot = path.join(repoRoot, ".tools", "e2e");

export const TEST_PASSPHRASE = "omics-e2e-passphrase";

interface EngineInfo {
    pulumi: string;
    env: Record<string, string>;
}

let engine: Promise<EngineInfo> | undefined;

/** The engine built by scripts/engine/ensure-engine.js (scripts/test.js builds it before mocha starts). */
export function getEngine(): Promise<EngineInfo> {
    if (!engine) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { ensureEngine } = require(path.join(repoRoot, "scripts", "engine", "ensure-engine.js")) as {
            ensureEngine(): Promise<EngineInfo>;
        };
        engine = ensureEngine();
    }
    return engine;
}

/** A backend folder several stacks can share (StackReference needs them on one backend). */
export class Backend {
    readonly dir: string;
    constructor() {
        fs.mkdirSync(workRoot, { recursive: true });
        this.dir = fs.mkdtempSync(path.join(workRoot, "run-"));
        fs.mkdirSync(path.join(this.dir, "state"));
        fs.mkdirSync(path.join(this.dir, "home"));
    }
    get url(): string {
        return `file://${path.join(this.dir, "state")}`;
    }
    cleanup(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/**
 * Copies a program from test/e2e/programs into the backend's folder (inside the repo, so the
 * program resolves `pulumi-tencentcloud-omics` and `@pulumi/pulumi` from the repo's node_modules
 * exactly like an installed package) and creates a stack for it.
 */
export async function createStack(
    backend: Backend,
    program: string,
    stackName: string,
    config: ConfigMap,
    extraEnv: Record<string, string> = {},
): Promise<Stack> {
    const workDir = path.join(backend.dir, `${program}-${stackName}-${crypto.randomBytes(3).toString("hex")}`);
    fs.cpSync(path.join(programsDir, program), workDir, { recursive: true });
    return createStackIn(backend, workDir, stackName, config, extraEnv);
}

/** Creates a stack for the Pulumi project already in `workDir` (anywhere on disk). */
export async function createStackIn(
    backend: Backend,
    workDir: string,
    stackName: string,
    config: ConfigMap,
    extraEnv: Record<string, string> = {},
): Promise<Stack> {
    const info = await getEngine();
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(path.dirname(info.pulumi)), skipVersionCheck: true });
    const ws = await LocalWorkspace.create({
        workDir,
        pulumiHome: path.join(backend.dir, "home"),
        pulumiCommand,
        envVars: {
            ...info.env,
            PULUMI_BACKEND_URL: backend.url,
            PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
            ...extraEnv,
        },
    });
    const stack = await Stack.create(stackName, ws);
    await stack.setAllConfig(config);
    return stack;
}
