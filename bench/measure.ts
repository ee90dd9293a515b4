/**
 * One measured step: a `pulumi` command run to its end as its own process group, its wall time,
 * the API calls the emulator received meanwhile (per action), and the peak memory (VmHWM) of the
 * dynamic-provider host it started.
 */
import * as fs from "node:fs";
import type { EmulatorControl } from "../emulator";
import { type PulumiProject, processRole } from "../test/e2e/support/cliProcess";

export interface StepResult {
    ms: number;
    /** API calls per action during the step (the emulator's request log). */
    calls: Record<string, number>;
    /** Peak resident memory of the dynamic-provider host, MiB (undefined when none ran). */
    providerPeakMiB?: number;
}

function peakKiB(pid: number): number | undefined {
    try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        return m ? Number(m[1]) : undefined;
    } catch {
        return undefined;
    }
}

/** Runs `pulumi <args>` and measures it; throws with the output when the command fails. */
export async function measureStep(project: PulumiProject, control: EmulatorControl, args: string[], timeoutMs = 1_800_000): Promise<StepResult> {
    await control.clearRequests();
    const started = Date.now();
    const run = project.start(args);
    let peak = 0;
    const sampler = setInterval(() => {
        for (const p of run.survivors()) {
            if (processRole(p) !== "provider-node") continue;
            peak = Math.max(peak, peakKiB(p.pid) ?? 0);
        }
    }, 100);
    let exit: Awaited<ReturnType<typeof run.waitExit>>;
    try {
        exit = await run.waitExit(timeoutMs);
    } finally {
        clearInterval(sampler);
        run.killSurvivors();
    }
    const ms = Date.now() - started;
    if (exit.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (code ${exit.code}):\n${run.tail(60)}`);
    const calls: Record<string, number> = {};
    for (const c of await control.requests()) calls[c.action] = (calls[c.action] ?? 0) + 1;
    return { ms, calls, ...(peak > 0 ? { providerPeakMiB: Math.round((peak / 1024) * 10) / 10 } : {}) };
}

/** Bytes of the stack's exported state divided among `n` resources (the stack itself included). */
export async function stateBytesPerResource(project: PulumiProject, n: number): Promise<number> {
    const exported = await project.runOk(["stack", "export"]);
    return Math.round(Buffer.byteLength(exported.stdout, "utf8") / Math.max(1, n));
}
