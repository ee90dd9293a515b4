/**
 * Timing and output of long operations, adjustable by tests (and by the environment variable
 * TENCENTCLOUD_OMICS_POLL_INTERVAL_MS for demos against the emulator).
 */
import { systemClock, type Clock } from "./clock";
import { scrub } from "./scrub";

function envMs(name: string): number | undefined {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v > 0 ? v : undefined;
}

export interface Timing {
    /** pollIntervalMs is the pause between two status reads while waiting. @default 10000 */
    pollIntervalMs: number;
    /** reconcileDelayMs is the pause before looking for the group of an ambiguous RetryRuns. @default 2000 */
    reconcileDelayMs: number;
    clock: Clock;
    /**
     * startedAt is when this provider process began serving (module load; a little after the
     * process started, which only lengthens a settle wait). A RetryRuns of an earlier process was
     * sent before it.
     */
    startedAt: number;
    /** log prints one progress line; console.log reaches the engine's output. */
    log: (line: string) => void;
}

export const timing: Timing = {
    pollIntervalMs: envMs("TENCENTCLOUD_OMICS_POLL_INTERVAL_MS") ?? 10_000,
    reconcileDelayMs: 2_000,
    clock: systemClock,
    startedAt: systemClock.now(),
    log: (line) => console.log(scrub(line)),
};
