// Programs in other languages through the provider plugin: the Python and YAML language hosts
// (scripts/engine/ensure-languages.js, built by scripts/test.js before mocha starts), the plugin's
// executable (plugin/bin) and, for Python, the committed generated SDK (sdks/python, pip-installed
// into the virtualenv by ensure-languages).
import * as fs from "node:fs";
import * as path from "node:path";
import * as crypto from "node:crypto";
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import { DEMO_CREDENTIALS } from "../../../emulator";
import { type Backend, createStackIn, getEngine, repoRoot } from "./engine";
import { type EngineFixture, startFixture } from "./fixture";

const programsDir = path.join(repoRoot, "test", "e2e", "programs");

interface Languages {
    binDir: string;
    venvBin: string;
    python: string;
    pathDirs: string[];
}

let languages: Promise<Languages> | undefined;

export function getLanguages(): Promise<Languages> {
    if (!languages) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { ensureLanguages } = require(path.join(repoRoot, "scripts", "engine", "ensure-languages.js")) as { ensureLanguages(): Promise<Languages> };
        languages = ensureLanguages();
    }
    return languages;
}

/**
 * The environment of a plugin stack: the virtualenv and the hosts first on PATH, then the plugin
 * (unless `pluginOnPath` is false: a plugin installed with `pulumi plugin install` is used then).
 */
export async function pluginEnv(pluginOnPath = true): Promise<Record<string, string>> {
    const [engine, langs] = await Promise.all([getEngine(), getLanguages()]);
    return {
        PATH: [...langs.pathDirs, ...(pluginOnPath ? [path.join(repoRoot, "plugin", "bin")] : []), engine.env.PATH].join(path.delimiter),
        PYTHONDONTWRITEBYTECODE: "1",
    };
}

/** Provider configuration for the plugin (its own namespace), pointing it at the emulator. */
export function pluginConfig(emulatorUrl: string): ConfigMap {
    return {
        "tencentcloud-omics:region": { value: "ap-guangzhou" },
        "tencentcloud-omics:endpoint": { value: emulatorUrl },
        "tencentcloud-omics:secretId": { value: DEMO_CREDENTIALS.secretId },
        "tencentcloud-omics:secretKey": { value: DEMO_CREDENTIALS.secretKey, secret: true },
    };
}

/** Copies test/e2e/programs/<program> into the backend's folder and creates a plugin stack for it. */
export async function createPluginStack(
    backend: Backend,
    program: string,
    stackName: string,
    config: ConfigMap,
    extraEnv: Record<string, string> = {},
    pluginOnPath = true,
): Promise<Stack> {
    const workDir = path.join(backend.dir, `${program}-${stackName}-${crypto.randomBytes(3).toString("hex")}`);
    fs.cpSync(path.join(programsDir, program), workDir, { recursive: true });
    return createStackIn(backend, workDir, stackName, config, { ...(await pluginEnv(pluginOnPath)), ...extraEnv });
}

/** The resources of a stack's state whose type belongs to the plugin. */
export async function pluginResources(
    stack: Stack,
): Promise<Array<{ type: string; id?: string; urn: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }>> {
    const deployment = (await stack.exportStack()).deployment as { resources?: Array<{ type: string; id?: string; urn: string }> };
    return (deployment.resources ?? []).filter((r) => r.type.startsWith("tencentcloud-omics:"));
}

/** A suite's emulator and backend, and one plugin stack retrying a group seeded with 3 runs, 2 of them failed. */
export interface PluginRetrySuite {
    readonly fx: EngineFixture;
    readonly stack: Stack;
    readonly seeded: Awaited<ReturnType<EngineFixture["control"]["seedFailedRunGroup"]>>;
}

/**
 * Registers the suite's hooks (call it in a `describe`): before, a fixture on a manual clock and a
 * stack of test/e2e/programs/<program> (after `prepare` of its folder, when given); after, the
 * stack destroyed and the fixture closed. The fields are set once `before` ran.
 */
export function usePluginRetrySuite(program: string, stackName: string, prepare?: (workDir: string) => Promise<unknown>): PluginRetrySuite {
    const suite = {} as { fx: EngineFixture; stack: Stack; seeded: PluginRetrySuite["seeded"] };
    before(async () => {
        suite.fx = await startFixture({ clock: "manual" });
        suite.seeded = await suite.fx.control.seedFailedRunGroup({ runs: 3, failedRuns: 2 });
        suite.stack = await createPluginStack(suite.fx.backend, program, stackName, {
            ...pluginConfig(suite.fx.url),
            runGroupId: { value: suite.seeded.RunGroupId },
        });
        await prepare?.(suite.stack.workspace.workDir);
    });
    after(async () => {
        await suite.stack?.destroy().catch(() => undefined);
        await suite.fx?.close();
    });
    return suite;
}
