/**
 * Requests that arrived and are not answered yet (`GET /_emulator/requests/inflight`), with the
 * phase they are in, so a test orchestrator can act at a precise moment (e.g. kill a client
 * while its RetryRuns is being held).
 */
import type { AssumedRole } from "../state/identities";

/**
 * `holding`: a fault's `holdMs` (not processed yet); `latency`: a fault's `latencyMs`;
 * `processing`: reading, checking, running the action; `answer-delayed`: processed, the answer
 * waits for a fault's `answerDelayMs`.
 */
export type InflightPhase = "holding" | "processing" | "answer-delayed" | "latency";

export interface InflightRequest {
    requestId: string;
    /** `X-TC-Action` as sent ("" when absent). */
    action: string;
    region: string;
    /** The JSON parameters, redacted like the request log (undefined until the body was read, or when it is not JSON). */
    params: unknown;
    phase: InflightPhase;
    /** ISO time (wall clock) the request entered its current phase. */
    since: string;
    /** ISO time (wall clock) the request arrived. */
    arrived: string;
    secretId?: string;
    assumedRole?: AssumedRole;
}

export class InflightRegistry {
    private readonly live = new Set<InflightRequest>();

    /** Register a request that just arrived (phase `processing`); returns its live record. */
    begin(r: { requestId: string; action: string; region: string }): InflightRequest {
        const now = new Date().toISOString();
        const entry: InflightRequest = { ...r, params: undefined, phase: "processing", since: now, arrived: now };
        this.live.add(entry);
        return entry;
    }

    setPhase(entry: InflightRequest, phase: InflightPhase): void {
        entry.phase = phase;
        entry.since = new Date().toISOString();
    }

    /** The request was answered (or ended without an answer). */
    end(entry: InflightRequest): void {
        this.live.delete(entry);
    }

    /** Copies, oldest first. */
    list(): InflightRequest[] {
        return [...this.live].map((e) => ({ ...e }));
    }
}
