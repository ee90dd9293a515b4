/** What the benchmark measures, per (round-trip time, N). */
import type { StepResult } from "./measure";

/** The steps a pipeline runs, in the order measured. */
export const STEPS = ["preview", "up", "no-op preview", "no-op up", "refresh", "destroy", "up --skip-preview"] as const;
export type StepName = (typeof STEPS)[number];

export interface CellResults {
    rtt: number;
    n: number;
    /**
     * Per step: the RunRetry stack's samples, the do-nothing stack's (N resources), and a second
     * do-nothing stack of 2N resources (a RunRetry is two resources in the engine: itself and its
     * RunRetryIntent), one sample per run; `plugin`: the same N RunRetry from a Python program
     * through the provider plugin (absent in results of runs made before it existed, or with
     * `--no-plugin`).
     */
    steps: Record<StepName, { ours: StepResult[]; base: StepResult[]; base2: StepResult[]; plugin?: StepResult[] }>;
    /** State bytes per RunRetry (intent included) and per do-nothing resource, one per run. */
    stateBytes: { ours: number[]; base: number[] };
    /** Wall time of N sequential `tccli omics RetryRuns`, one per run. */
    tccliMs: number[];
}

export interface BenchResults {
    date: string;
    runs: number;
    cells: CellResults[];
}
