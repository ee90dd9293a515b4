/**
 * A run's calls (tasks), their logs and the run's metadata files, derived from the run alone: the
 * same run always shows the same tasks, job IDs, commands and logs (the content is a function of
 * the RunUuid, the workflow type and the run's status). A failed run (`EXECUTOR_ERROR`) has exactly
 * one failed call, whose stderr holds the error; the calls after it never started.
 */
import { isoTime } from "./clock";
import { seedBytes, uuidFrom, wordIdFrom } from "./ids";
import type { Run, RunGroup } from "./model";

/** Call statuses (emulator assumption; Tencent's example shows `COMPLETE`). */
export type CallStatus = "RUNNING" | "COMPLETE" | "FAILED" | "ABORTED";

export interface DerivedCall {
    index: number;
    task: string;
    callName: string;
    runId: string;
    jobId: string;
    status: CallStatus;
    command: string;
    errorMessage: string;
    startMs: number;
    endMs: number | undefined;
    submitMs: number;
    workDir: string;
    stdout: string;
    stderr: string;
}

const WDL_TASKS = ["prepare_inputs", "align_reads", "call_variants", "summarize"] as const;
const NF_TASKS = ["FASTQC", "ALIGN", "CALL_VARIANTS", "MULTIQC"] as const;
const COMMANDS: Record<string, string> = {
    prepare_inputs: "gzip -t reads.fastq.gz && cp reads.fastq.gz input.fastq.gz",
    align_reads: "bwa mem -t 4 ref.fa input.fastq.gz | samtools sort -o aligned.bam",
    call_variants: "gatk HaplotypeCaller -R ref.fa -I aligned.bam -O calls.vcf.gz",
    summarize: "bcftools stats calls.vcf.gz > summary.txt",
};
const ERRORS: readonly string[] = [
    "java.lang.OutOfMemoryError: Java heap space",
    "samtools sort: truncated file: aligned.bam",
    "Exit code 137: the container was killed (out of memory)",
];

const msOf = (iso: string | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);

/** The index of the task that fails in a failed run (never the first). */
export function failingTaskIndex(runUuid: string): number {
    return 1 + ((seedBytes(`fail:${runUuid}`)[0] as number) % 3);
}

/** Every call of `run` so far, in order. A WAITING run has none. */
export function callsOf(run: Run, group: RunGroup): DerivedCall[] {
    if (run.Status === "WAITING") return [];
    const nextflow = group.Type === "NEXTFLOW";
    const tasks = nextflow ? NF_TASKS : WDL_TASKS;
    const workflow = nextflow ? "main" : (group.ApplicationName || "main").replace(/[^A-Za-z0-9_]/g, "_");
    const start = msOf(run.ExecutionTime.StartTime) ?? msOf(run.ExecutionTime.SubmitTime) ?? 0;
    const end = msOf(run.ExecutionTime.EndTime);
    const failing = failingTaskIndex(run.RunUuid);
    // How many calls exist and the status of the last one.
    let count: number;
    let last: CallStatus;
    switch (run.Status) {
        case "SUCCESS":
            count = tasks.length;
            last = "COMPLETE";
            break;
        case "EXECUTOR_ERROR":
            count = failing + 1;
            last = "FAILED";
            break;
        case "TERMINATED":
            count = 1 + ((seedBytes(`stop:${run.RunUuid}`)[0] as number) % tasks.length);
            last = "ABORTED";
            break;
        default:
            count = 1 + Math.min(tasks.length - 1, (seedBytes(`at:${run.RunUuid}`)[0] as number) % 2);
            last = "RUNNING";
    }
    const span = end !== undefined && end > start ? end - start : count * 1000;
    const step = Math.max(1, Math.floor(span / count));
    const out: DerivedCall[] = [];
    for (let i = 0; i < count; i++) {
        const task = tasks[i] as string;
        const status: CallStatus = i === count - 1 ? last : "COMPLETE";
        const runId = uuidFrom(`call:${run.RunUuid}:${i}`);
        const callName = nextflow ? `${workflow}:${task}` : `${workflow}.${task}`;
        const workDir = `/cfs/omics/execution/${workflow}/${run.RunUuid}/call-${task}/execution`;
        out.push({
            index: i,
            task,
            callName,
            runId,
            jobId: wordIdFrom("job", `job:${run.RunUuid}:${i}`),
            status,
            command: nextflow ? `nextflow-process ${task.toLowerCase()} --sample ${run.UserDefinedId}` : (COMMANDS[task] ?? task),
            errorMessage: status === "FAILED" ? failureMessage(run.RunUuid, callName) : status === "ABORTED" ? "The run group was terminated." : "",
            submitMs: start + i * step,
            startMs: start + i * step,
            endMs: status === "RUNNING" ? undefined : start + (i + 1) * step,
            workDir,
            stdout: `${workDir}/stdout`,
            stderr: `${workDir}/stderr`,
        });
    }
    return out;
}

/** The error a failed call reports (also the last line of its stderr). */
export function failureMessage(runUuid: string, callName: string): string {
    const cause = ERRORS[(seedBytes(`error:${runUuid}`)[0] as number) % ERRORS.length] as string;
    return `Task ${callName} failed: ${cause}`;
}

/** The log of a call: `stdout` or `stderr`. A failed call's stderr ends with its error. */
export function callLog(call: DerivedCall, logType: "stdout" | "stderr"): string {
    const lines: string[] = [];
    if (logType === "stdout") {
        lines.push(`[${isoTime(call.startMs)}] ${call.callName} started`, `$ ${call.command}`);
        if (call.status === "COMPLETE") lines.push(`[${isoTime(call.endMs ?? call.startMs)}] ${call.callName} done`);
    } else {
        lines.push(`[${isoTime(call.startMs)}] ${call.callName}: reading inputs`);
        if (call.status === "FAILED") lines.push(`ERROR ${call.errorMessage}`, "exit status 1");
        if (call.status === "ABORTED") lines.push("received SIGTERM: aborting");
    }
    return `${lines.join("\n")}\n`;
}

/** The metadata files a run has: Nextflow's log (and reports with `NFOption.Report`); for WDL, Cromwell's. */
export function metadataFileNames(group: RunGroup): string[] {
    if (group.Type === "NEXTFLOW") {
        const reports = group.NFOption?.Report ? ["execution_report.html", "execution_timeline.html", "execution_trace.txt", "pipeline_dag.html"] : [];
        return ["nextflow.log", ...reports];
    }
    return ["workflow.log", "metadata.json"];
}

/** The content of one metadata file of a run (deterministic). */
export function metadataFile(run: Run, group: RunGroup, key: string): string {
    const calls = callsOf(run, group);
    if (key === "metadata.json") {
        return JSON.stringify({
            id: run.RunUuid,
            status: run.Status,
            calls: Object.fromEntries(calls.map((c) => [c.callName, [{ jobId: c.jobId, executionStatus: c.status, stderr: c.stderr, error: c.errorMessage }]])),
        });
    }
    if (key === "execution_trace.txt") {
        return `task_id\tname\tstatus\texit\n${calls.map((c) => `${c.index + 1}\t${c.callName}\t${c.status}\t${c.status === "FAILED" ? 1 : 0}`).join("\n")}\n`;
    }
    if (key.endsWith(".html")) return `<html><body><h1>${key} of ${run.RunUuid}</h1></body></html>\n`;
    const lines = [`run ${run.RunUuid} (${group.Type}) status ${run.Status}`];
    for (const c of calls) {
        lines.push(`[${isoTime(c.startMs)}] ${c.callName} job ${c.jobId}: ${c.status}${c.errorMessage ? ` - ${c.errorMessage}` : ""}`);
    }
    return `${lines.join("\n")}\n`;
}
