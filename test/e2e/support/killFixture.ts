// The suite setup of the tests that kill `pulumi up` (interruptions, undocumented behaviour, and
// their plugin versions): one emulator on a manual clock and one local backend per suite, faults
// and behaviour switches reset after each test, and every CLI process group a test started killed
// at its end (useCliCleanup).
import { DEFAULT_BEHAVIOUR, DEMO_CREDENTIALS, EmulatorControl, startEmulator, type RunningEmulator } from "../../../emulator";
import { type CliProcess, useCliCleanup, waitUntil } from "./cliProcess";
import { Backend } from "./engine";

export interface KillFixture {
    readonly emulator: RunningEmulator;
    readonly control: EmulatorControl;
    readonly backend: Backend;
}

/** Registers the suite's hooks (call it in a `describe`); the fields are set once `before` ran. */
export function useKillFixture(): KillFixture {
    useCliCleanup();
    const fx = {} as { emulator: RunningEmulator; control: EmulatorControl; backend: Backend };
    before(async () => {
        fx.emulator = await startEmulator({ clock: "manual" });
        fx.control = new EmulatorControl(fx.emulator.url);
        fx.backend = new Backend();
    });
    after(async () => {
        await fx.emulator?.stop();
        if (!process.env.OMICS_KEEP_E2E) fx.backend?.cleanup();
    });
    afterEach(async () => {
        await fx.control.clearFaults();
        await fx.control.setBehaviour(DEFAULT_BEHAVIOUR);
    });
    return fx;
}

/** The plugin processes (`node .../lib/plugin/main.js`) among what `up` started and is still alive. */
export function pluginSurvivors(up: CliProcess): ReturnType<CliProcess["survivors"]> {
    return up.survivors().filter((p) => p.cmdline.includes("lib/plugin/main.js"));
}

/**
 * SIGKILLs `up`'s whole process group while the plugin serves it, and checks that the plugin
 * process ends with the engine (within 10 s).
 */
export async function killWithPlugin(up: CliProcess): Promise<void> {
    if (pluginSurvivors(up).length === 0) throw new Error("the plugin should run before the kill");
    up.signalGroup("SIGKILL");
    await up.waitExit(10_000);
    await waitUntil(() => pluginSurvivors(up).length === 0, 10_000, "the plugin to end after the engine died").catch(() => {
        throw new Error(
            `still alive after the engine died:\n${pluginSurvivors(up)
                .map((p) => p.cmdline)
                .join("\n")}`,
        );
    });
}

type ProjectConfig = Record<string, string | { secret: string }>;

/** Stack config (PulumiProject.create's form) pointing the provider plugin at the emulator. */
export function pluginStackConfig(url: string): ProjectConfig {
    return {
        "tencentcloud-omics:region": "ap-guangzhou",
        "tencentcloud-omics:endpoint": url,
        "tencentcloud-omics:secretId": DEMO_CREDENTIALS.secretId,
        "tencentcloud-omics:secretKey": { secret: DEMO_CREDENTIALS.secretKey },
    };
}

/** Stack config (PulumiProject.create's form) pointing the dynamic provider at the emulator. */
export function dynamicStackConfig(url: string): ProjectConfig {
    return {
        "tencentcloud:region": "ap-guangzhou",
        "tencentcloud-omics:endpoint": url,
        "tencentcloud:secretId": DEMO_CREDENTIALS.secretId,
        "tencentcloud:secretKey": { secret: DEMO_CREDENTIALS.secretKey },
    };
}

/** Waits until a RunGroupWait has polled `group` at least twice (the manual clock keeps it running). */
export async function waitForWaitPolls(control: EmulatorControl, group: string): Promise<void> {
    await waitUntil(
        async () => (await control.requests("DescribeRunGroups")).filter((r) => JSON.stringify(r.params).includes(group)).length >= 2,
        30_000,
        "the wait to poll",
    );
}
