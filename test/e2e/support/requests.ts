// What reached the emulator: the request log is the ground truth for "exactly once" and "no call".
import type { EmulatorControl } from "../../../emulator";

export interface LoggedCall {
    action: string;
    params: Record<string, unknown>;
    outcome: string;
    errorCode?: string;
}

export async function calls(control: EmulatorControl, action?: string): Promise<LoggedCall[]> {
    const all = (await control.requests()) as unknown as LoggedCall[];
    return action ? all.filter((c) => c.action === action) : all;
}

/** Counts calls made while `fn` runs (the log is cleared first). */
export async function countingCalls<T>(control: EmulatorControl, fn: () => Promise<T>): Promise<{ result: T; calls: LoggedCall[] }> {
    await control.clearRequests();
    const result = await fn();
    return { result, calls: await calls(control) };
}

export function only(callsMade: LoggedCall[], action: string): LoggedCall[] {
    return callsMade.filter((c) => c.action === action);
}
