/** Fixtures that need a run group already finished: set its runs' final statuses and times directly. */
import { createTimeAt, type TimeGranularity } from "./behaviour";
import { isoTime } from "./clock";
import type { Run, RunGroup, RunGroupStatus, RunStatus } from "./model";

/** Message a failed run carries, by final status. */
export function failedRunMessage(status: RunStatus): string {
    if (status === "TERMINATED") return "terminated by TerminateRunGroup";
    if (status === "EXECUTOR_ERROR") return "executor error: task exited with status 1";
    return "";
}

/**
 * Finish `group` as `status`: each run gets `runStatus(run)`, submitted and started at `startMs`,
 * ended at `endMs` (emulator clock); the group's times, error message and status follow.
 * `CreateTime` is at the behaviour's granularity, like every group's.
 */
export function finishRunGroup(
    group: RunGroup,
    runs: readonly Run[],
    o: { status: RunGroupStatus; runStatus: (run: Run) => RunStatus; startMs: number; endMs: number; granularity: TimeGranularity },
): void {
    const start = isoTime(o.startMs);
    const end = isoTime(o.endMs);
    const created = createTimeAt(o.startMs, o.granularity);
    group.CreateTime = created;
    group.ExecutionTime = { SubmitTime: start, StartTime: start, EndTime: end };
    group.UpdateTime = end;
    for (const r of runs) {
        r.Status = o.runStatus(r);
        r.CreateTime = created;
        r.ExecutionTime = { SubmitTime: start, StartTime: start, EndTime: end };
        r.UpdateTime = end;
        r.ErrorMessage = failedRunMessage(r.Status);
        delete r.emu.nextAtMs;
    }
    const failed = runs.filter((r) => r.Status !== "SUCCESS").length;
    group.Status = o.status;
    group.ErrorMessage = o.status === "COMPLETE" ? "" : `${failed} of ${runs.length} runs failed`;
}
