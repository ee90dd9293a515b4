// One emulator (manual clock) plus the installed peers, shared by a conformance suite.
import { startEmulator, EmulatorControl, DEMO_CREDENTIALS } from "../../../emulator";
import { cleanupTccliHome, ensurePeers, nodeClient, type PeerManifest, registerSecret, type Credentials } from "./peers";

export const REGION = "ap-guangzhou";
/** Fresh CI machines install the peers from PyPI in the before hook (about a minute; allow ten). */
export const SETUP_TIMEOUT_MS = 10 * 60_000;

export interface SeededGroup {
    ProjectId: string;
    RunGroupId: string;
    EnvironmentId: string;
    RunUuids: string[];
    FailedRunUuids: string[];
}

export interface ConformanceFixture {
    url: string;
    ctl: EmulatorControl;
    peers: PeerManifest;
    creds: Credentials;
    node: ReturnType<typeof nodeClient>;
    seed(opts?: Record<string, unknown>): Promise<SeededGroup>;
    close(): Promise<void>;
}

export async function startConformanceFixture(options: { credentials?: Credentials[]; rateLimitPerSecond?: number | false } = {}): Promise<ConformanceFixture> {
    const peers = await ensurePeers(SETUP_TIMEOUT_MS);
    const credentials: Credentials[] = options.credentials ?? [{ ...DEMO_CREDENTIALS }];
    for (const c of credentials) {
        registerSecret(c.secretKey);
        registerSecret(c.token);
    }
    const emu = await startEmulator({ clock: "manual", credentials, rateLimitPerSecond: options.rateLimitPerSecond ?? false });
    const ctl = new EmulatorControl(emu.url);
    const creds = credentials[0];
    return {
        url: emu.url,
        ctl,
        peers,
        creds,
        node: nodeClient(creds, emu.url, REGION),
        async seed(opts = {}) {
            return (await ctl.seedFailedRunGroup({ region: REGION, runs: 3, failedRuns: 1, ...opts })) as unknown as SeededGroup;
        },
        async close() {
            await emu.stop();
            cleanupTccliHome();
        },
    };
}

/**
 * Registers the suite's before/after hooks and returns the fixture they fill in: usable inside
 * tests (after `before` ran), never at describe time.
 */
export function useConformanceFixture(options: Parameters<typeof startConformanceFixture>[0] = {}): ConformanceFixture {
    const fixture = {} as ConformanceFixture;
    before(async function () {
        this.timeout(SETUP_TIMEOUT_MS + 60_000);
        Object.assign(fixture, await startConformanceFixture(options));
    });
    after(async () => {
        await fixture.close?.();
    });
    return fixture;
}
