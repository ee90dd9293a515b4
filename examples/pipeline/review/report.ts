// The pipeline's result: printed and written as JSON (for tools) and Markdown (for people), and
// turned into the exit code the CI system acts on.
import type { OpMap } from "@pulumi/pulumi/automation";
import type { PlannedRetry } from "./plans";

/**
 * Exit codes. A CI job fails on anything but 0 unless told otherwise: treat 2 as "succeeded,
 * needs review" on merge requests (GitLab `allow_failure: exit_codes: [2]`, or a shell check).
 */
export const EXIT = {
    /** Nothing to do, or the approved changes were applied. */
    ok: 0,
    /** Nothing was changed: bad arguments, no such stack, or the preview failed or refused (e.g. retry limit reached). */
    failed: 1,
    /** The preview has changes and no approval was given: review the plan, then merge. */
    pendingReview: 2,
    /** Approved `up` started and failed: some changes may be applied; read the log, fix, run again. */
    upFailed: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type ReportStatus = "no-changes" | "changes-pending" | "applied" | "refused" | "up-failed" | "failed";

export interface PipelineReport {
    stack: string;
    status: ReportStatus;
    exitCode: ExitCode;
    /** approved is whether this run was allowed to run `up` (`--approve` or OMICS_PIPELINE_APPROVE). */
    approved: boolean;
    /** changeSummary counts the preview's steps by operation, e.g. `{create: 2, same: 3}`. */
    changeSummary: OpMap;
    /** retries are the RunRetry resources the update creates or replaces, with their reviewed plans. */
    retries: PlannedRetry[];
    /** errors say why the preview or the update failed (empty otherwise). */
    errors: string[];
    /** warnings on RunRetry resources that no plan lists, e.g. two resources retrying the same runs. */
    warnings: string[];
    /** outputs are the stack outputs after an applied update (secret ones hidden). */
    outputs?: Record<string, unknown>;
}

/** The sentence a reader sees first for each status. */
export const STATUS_TEXT: Record<ReportStatus, string> = {
    "no-changes": "No changes: nothing to retry.",
    "changes-pending": "Changes pending review: nothing has been retried yet. Merging applies them (the main branch runs `up`).",
    applied: "Applied: the retries below were made.",
    refused: "The preview failed: nothing can be applied until the errors below are fixed.",
    "up-failed":
        "The update failed after it started: some of the retries below may have been made. Read the job log, fix the cause, and run the pipeline again (made retries are never repeated).",
    failed: "The pipeline could not run.",
};
