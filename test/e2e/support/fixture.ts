// One emulator + one local backend per suite, and the stack config that points the provider at it.
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, EmulatorControl, DEMO_CREDENTIALS } from "../../../emulator";
import * as path from "node:path";
import { Backend, createStack, createStackIn, repoRoot } from "./engine";

export interface EngineFixture {
    url: string;
    control: EmulatorControl;
    backend: Backend;
    /** Stack config every test stack starts from: region, endpoint, credentials (key as secret). */
    baseConfig: ConfigMap;
    newStack(program: string, stackName: string, config: ConfigMap, extraEnv?: Record<string, string>): Promise<Stack>;
    /** A stack of a project that already sits in `workDir` (e.g. a user's project outside the repo). */
    stackIn(workDir: string, stackName: string, config: ConfigMap): Promise<Stack>;
    close(): Promise<void>;
}

export interface FixtureOptions {
    clock?: "immediate" | "realtime" | "manual";
    credentials?: { secretId: string; secretKey: string; readOnly?: boolean }[];
    /** How the provider gets its key: secret stack config (default) or the process environment. */
    credentialsVia?: "config" | "env";
    /**
     * Run the emulator as its own process (the `omics-emulator` bin), as users do. Needed where
     * arrival times matter: in-process, a busy test process would delay and bunch requests.
     */
    ownProcess?: boolean;
}

interface RunningEmulator {
    url: string;
    stop(): Promise<unknown>;
}

function startEmulatorFor(options: FixtureOptions, credentials: { secretId: string; secretKey: string; readOnly?: boolean }[]): Promise<RunningEmulator> {
    const clock = options.clock ?? "immediate";
    if (!options.ownProcess) return startEmulator({ clock, credentials });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startEmulatorProcess } = require(path.join(repoRoot, "scripts", "lib", "emulator-process.js")) as {
        startEmulatorProcess(root: string, args: string[]): Promise<RunningEmulator>;
    };
    const args = ["--port", "0", "--clock", clock, ...credentials.flatMap((c) => ["--credentials", `${c.secretId}:${c.secretKey}`])];
    return startEmulatorProcess(repoRoot, args);
}

export async function startFixture(options: FixtureOptions = {}): Promise<EngineFixture> {
    const credentials = options.credentials ?? [DEMO_CREDENTIALS];
    const emulator = await startEmulatorFor(options, credentials);
    const control = new EmulatorControl(emulator.url);
    const backend = new Backend();
    const stacks: Stack[] = [];
    const baseConfig: ConfigMap = {
        "tencentcloud:region": { value: "ap-guangzhou" },
        "tencentcloud-omics:endpoint": { value: emulator.url },
    };
    const credentialEnv: Record<string, string> = {};
    if (options.credentialsVia === "env") {
        credentialEnv.TENCENTCLOUD_SECRET_ID = credentials[0].secretId;
        credentialEnv.TENCENTCLOUD_SECRET_KEY = credentials[0].secretKey;
    } else {
        baseConfig["tencentcloud:secretId"] = { value: credentials[0].secretId };
        baseConfig["tencentcloud:secretKey"] = { value: credentials[0].secretKey, secret: true };
    }
    return {
        url: emulator.url,
        control,
        backend,
        baseConfig,
        async newStack(program, stackName, config, extraEnv) {
            const stack = await createStack(backend, program, stackName, { ...baseConfig, ...config }, { ...credentialEnv, ...extraEnv });
            stacks.push(stack);
            return stack;
        },
        async stackIn(workDir, stackName, config) {
            const stack = await createStackIn(backend, workDir, stackName, { ...baseConfig, ...config }, credentialEnv);
            stacks.push(stack);
            return stack;
        },
        async close() {
            for (const stack of stacks.reverse()) {
                // Whatever a test left behind; failures here must not hide the test's own result.
                await stack.destroy().catch(() => undefined);
            }
            await emulator.stop();
            if (!process.env.OMICS_KEEP_E2E) backend.cleanup();
        },
    };
}

/** The `retries` program's config: one RunRetry per entry. */
export function retriesConfig(retries: Record<string, Record<string, unknown>>): ConfigMap {
    return { retries: { value: JSON.stringify(retries) } };
}

/**
 * Registers the suite's before/after hooks and returns the fixture they fill in: usable inside
 * tests and later hooks, never at describe time.
 */
export function useEngineFixture(options: FixtureOptions = {}): EngineFixture {
    const fixture = {} as EngineFixture;
    before(async () => {
        Object.assign(fixture, await startFixture(options));
    });
    after(async () => {
        await fixture.close?.();
    });
    return fixture;
}
