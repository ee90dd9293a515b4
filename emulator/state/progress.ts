/**
 * Lazy status progression (moto style): at each look, apply the transitions of
 * `transitions.ts` that are due on the emulator clock (all of them in `immediate` mode).
 */
import { isoTime } from "./clock";
import type { EmulatorState, Run } from "./model";
import { isFinalGroup, isFinalRun, RUN_GROUP_TRANSITIONS, RUN_TRANSITIONS } from "./transitions";

/** Apply every transition due at `now` to runs and run groups. */
export function applyDueTransitions(state: EmulatorState, now: number, immediate: boolean): void {
    for (const group of Object.values(state.runGroups)) {
        if (isFinalGroup(group.Status)) continue;
        const runs = Object.values(state.runs).filter((r) => r.RunGroupId === group.RunGroupId);
        if (group.Status === "TERMINATING" && group.emu.terminateAtMs !== undefined) {
            if (immediate || group.emu.terminateAtMs <= now) {
                const at = immediate ? now : group.emu.terminateAtMs;
                for (const run of runs) {
                    if (isFinalRun(run.Status)) continue;
                    run.Status = "TERMINATED";
                    run.ErrorMessage = "terminated by TerminateRunGroup";
                    run.ExecutionTime.EndTime = isoTime(at);
                    run.UpdateTime = isoTime(at);
                    delete run.emu.nextAtMs;
                }
            }
        }
        for (const run of runs) advanceRun(state, run, now, immediate);
        const next = RUN_GROUP_TRANSITIONS[group.Status];
        if (next && runs.every((r) => isFinalRun(r.Status))) {
            group.Status = next(runs);
            const ends = runs
                .map((r) => r.ExecutionTime.EndTime ?? "")
                .filter(Boolean)
                .sort();
            const end = ends[ends.length - 1] ?? isoTime(now);
            group.ExecutionTime.EndTime = end;
            group.UpdateTime = end;
            const failed = runs.filter((r) => r.Status !== "SUCCESS").length;
            group.ErrorMessage = group.Status === "COMPLETE_ERROR" ? `${failed} of ${runs.length} runs failed` : "";
        }
    }
}

function advanceRun(state: EmulatorState, run: Run, now: number, immediate: boolean): void {
    while (run.emu.nextAtMs !== undefined && (immediate || run.emu.nextAtMs <= now)) {
        const transition = RUN_TRANSITIONS[run.Status];
        if (!transition) {
            delete run.emu.nextAtMs;
            break;
        }
        const at = immediate ? now : run.emu.nextAtMs;
        run.Status = transition.next(run);
        run.UpdateTime = isoTime(at);
        if (run.Status === "RUNNING") {
            run.ExecutionTime.StartTime = isoTime(at);
            const group = state.runGroups[run.RunGroupId];
            if (group && !group.ExecutionTime.StartTime) group.ExecutionTime.StartTime = isoTime(at);
        }
        const following = RUN_TRANSITIONS[run.Status];
        if (following) {
            run.emu.nextAtMs = at + following.afterSeconds(state.settings) * 1000;
        } else {
            delete run.emu.nextAtMs;
            run.ExecutionTime.EndTime = isoTime(at);
            run.ErrorMessage = run.Status === "EXECUTOR_ERROR" ? "executor error: task exited with status 1" : "";
        }
    }
}
