/** The request log (`GET /_emulator/requests`): what each API call asked and what it got. Never secrets. */
import type { AssumedRole } from "../state/identities";

/**
 * How a request ended: answered successfully, answered with a Tencent error, answered with an
 * injected HTTP error status, connection dropped before processing, processed and then dropped,
 * client gone while held (`holdMs`: nothing processed), or client gone while the answer was
 * delayed (`answerDelayMs`: processed, answer never written).
 */
export type RequestOutcome = "success" | "error" | "http-error" | "dropped-before" | "dropped-after" | "client-gone" | "answer-lost";

export interface RequestLogEntry {
    /** ISO time (wall clock) the request arrived. */
    time: string;
    action: string;
    region: string;
    /** The JSON parameters as received (undefined when the body was not JSON). */
    params: unknown;
    outcome: RequestOutcome;
    errorCode?: string;
    requestId: string;
    /** SecretId of the caller when it could be read (a SecretId is not a secret; the key is never logged). */
    secretId?: string;
    /** Set when the request was signed with a temporary credential from AssumeRole: the role and session it came from. */
    assumedRole?: AssumedRole;
    /** The fault rule that applied, if any. */
    faultId?: string;
    /**
     * Response fields of an accepted mutating call (e.g. the new RunGroupId), also when dropped
     * after or lost; for AssumeRole the answer with `Token` and `TmpSecretKey` masked as `***`.
     */
    response?: Record<string, unknown>;
}

export class RequestLog {
    private entries: RequestLogEntry[] = [];

    constructor(private readonly max = 10_000) {}

    add(e: RequestLogEntry): void {
        this.entries.push(e);
        if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
    }

    list(action?: string): RequestLogEntry[] {
        return this.entries.filter((e) => action === undefined || e.action === action).map((e) => ({ ...e }));
    }

    clear(): void {
        this.entries = [];
    }
}
