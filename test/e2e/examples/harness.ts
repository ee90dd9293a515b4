// One emulator and one local backend for the examples' tests. The emulator's clock is real time
// with short run durations, so waits really wait (a couple of seconds) and order can be seen.
// Credentials come from the environment, as the CI files give them, never from stack config.
import * as path from "node:path";
import type { ConfigMap, Stack } from "@pulumi/pulumi/automation";
import { DEMO_CREDENTIALS, EmulatorControl, startEmulator, type RunningEmulator } from "../../../emulator";
import { Backend, createStackIn, getEngine, TEST_PASSPHRASE } from "../support/engine";

/** Seconds a run spends WAITING, then RUNNING, in these tests. */
export const RUN_SECONDS = { waiting: 1, running: 1 } as const;

export interface ExamplesHarness {
    url: string;
    control: EmulatorControl;
    backend: Backend;
    /** The environment every engine run gets: credentials, a short poll interval. */
    providerEnv: Record<string, string>;
    /** Stack config pointing at the emulator. */
    baseConfig: ConfigMap;
    /** A stack of the project in `workDir` on the shared backend (destroyed by close()). */
    stackIn(workDir: string, stackName: string, config: ConfigMap): Promise<Stack>;
    /** The environment to run `pulumi` or an Automation API script as a child process, as CI would. */
    childEnv(): Promise<Record<string, string>>;
    close(): Promise<void>;
}

export async function startExamplesHarness(): Promise<ExamplesHarness> {
    const emulator: RunningEmulator = await startEmulator({ clock: "realtime", credentials: [DEMO_CREDENTIALS] });
    const control = new EmulatorControl(emulator.url);
    await control.setSettings({ waitingSeconds: RUN_SECONDS.waiting, runningSeconds: RUN_SECONDS.running });
    const backend = new Backend();
    const stacks: Stack[] = [];
    const providerEnv: Record<string, string> = {
        TENCENTCLOUD_SECRET_ID: DEMO_CREDENTIALS.secretId,
        TENCENTCLOUD_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
        TENCENTCLOUD_OMICS_POLL_INTERVAL_MS: "250",
    };
    const baseConfig: ConfigMap = {
        "tencentcloud:region": { value: "ap-guangzhou" },
        "tencentcloud-omics:endpoint": { value: emulator.url },
    };
    return {
        url: emulator.url,
        control,
        backend,
        providerEnv,
        baseConfig,
        async stackIn(workDir, stackName, config) {
            const stack = await createStackIn(backend, workDir, stackName, { ...baseConfig, ...config }, providerEnv);
            stacks.push(stack);
            return stack;
        },
        async childEnv() {
            const engine = await getEngine();
            const env: Record<string, string> = {};
            for (const [k, v] of Object.entries(process.env)) {
                // Nothing of this repository's module resolution or ts-node settings may leak in.
                if (v !== undefined && k !== "NODE_PATH" && !k.startsWith("TS_NODE_") && !k.startsWith("PULUMI_")) env[k] = v;
            }
            return {
                ...env,
                ...engine.env,
                PULUMI_BACKEND_URL: backend.url,
                PULUMI_HOME: path.join(backend.dir, "home"),
                PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
                ...providerEnv,
            };
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
