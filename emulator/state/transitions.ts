/**
 * Status transition tables (emulator assumption: Tencent documents no status model).
 *
 * Runs move by time: WAITING -> RUNNING -> (SUCCESS | EXECUTOR_ERROR, the run's planned outcome).
 * TerminateRunGroup moves every unfinished run to TERMINATED. A run group's status follows its
 * runs: RUNNING -> COMPLETE (all SUCCESS) | COMPLETE_ERROR (some failed); TERMINATING ->
 * TERMINATED once every run is final.
 */
import type { Run, RunGroupStatus, RunStatus, Settings } from "./model";

/** How a run leaves a status on its own: the next status and the seconds it takes. */
export interface RunTransition {
    next(run: Run): RunStatus;
    afterSeconds(settings: Settings): number;
}

/** Transition table for runs; `null` marks a final status. */
export const RUN_TRANSITIONS: Readonly<Record<RunStatus, RunTransition | null>> = {
    WAITING: { next: () => "RUNNING", afterSeconds: (s) => s.waitingSeconds },
    RUNNING: { next: (run) => run.emu.outcome, afterSeconds: (s) => s.runningSeconds },
    SUCCESS: null,
    EXECUTOR_ERROR: null,
    TERMINATED: null,
};

/** Transition table for run groups: which status follows once all runs are final. */
export const RUN_GROUP_TRANSITIONS: Readonly<Record<RunGroupStatus, ((runs: readonly Run[]) => RunGroupStatus) | null>> = {
    RUNNING: (runs) => (runs.every((r) => r.Status === "SUCCESS") ? "COMPLETE" : "COMPLETE_ERROR"),
    TERMINATING: () => "TERMINATED",
    COMPLETE: null,
    COMPLETE_ERROR: null,
    TERMINATED: null,
};

/** Run statuses that count as failed: RetryRuns retries exactly these. */
export const FAILED_RUN_STATUSES: readonly RunStatus[] = ["EXECUTOR_ERROR", "TERMINATED"];
/** Run group statuses RetryRuns accepts (finished, with failed runs). */
export const RETRYABLE_GROUP_STATUSES: readonly RunGroupStatus[] = ["COMPLETE_ERROR", "TERMINATED"];
/** Run group statuses TerminateRunGroup accepts. */
export const TERMINABLE_GROUP_STATUSES: readonly RunGroupStatus[] = ["RUNNING"];

export const isFinalRun = (s: RunStatus): boolean => RUN_TRANSITIONS[s] === null;
export const isFinalGroup = (s: RunGroupStatus): boolean => RUN_GROUP_TRANSITIONS[s] === null;
