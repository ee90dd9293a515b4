/**
 * The emulator clock. `immediate`: statuses reach their final value at the next look;
 * `realtime`: statuses move with wall-clock time; `manual`: time only moves on
 * `POST /_emulator/clock/advance` (tests are deterministic).
 */
export type ClockMode = "immediate" | "realtime" | "manual";

export const CLOCK_MODES: readonly ClockMode[] = ["immediate", "realtime", "manual"];

/** Reads "now" for the state machine; `manual` keeps its time in the persisted state. */
export class Clock {
    constructor(
        readonly mode: ClockMode,
        private readonly manualNow: { get(): number; set(ms: number): void },
    ) {}

    /** Emulator time in ms since the epoch. */
    nowMs(): number {
        return this.mode === "manual" ? this.manualNow.get() : Date.now();
    }

    /** Move manual time forward; in other modes time cannot be moved (returns now unchanged). */
    advance(seconds: number): number {
        if (this.mode === "manual") this.manualNow.set(this.manualNow.get() + Math.round(seconds * 1000));
        return this.nowMs();
    }
}

/** `2023-03-15T20:52:56+08:00`: ISO 8601 in China Standard Time, as the Omics API answers. */
export function isoTime(ms: number): string {
    const d = new Date(ms + 8 * 3600_000);
    return d.toISOString().replace(/\.\d{3}Z$/, "+08:00");
}

/** `2023-10-25 20:17:58`: the Project time format (China Standard Time). */
export function plainTime(ms: number): string {
    const d = new Date(ms + 8 * 3600_000);
    return d
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d{3}Z$/, "");
}
