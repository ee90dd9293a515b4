/** `EmulatorControl`: a typed client of the `/_emulator/` control plane (works across processes). */
import type { FaultRule, FaultSpec } from "./faults";
import type { InflightPhase, InflightRequest } from "./inflight";
import type { RequestLogEntry } from "./requestLog";
import type { Behaviour } from "../state/behaviour";
import type { RoleSpec } from "../state/identities";
import type { SeedLookalikeOptions, SeedLookalikeResult } from "../state/lookalike";
import type { SeedFailedRunGroupOptions, SeedFailedRunGroupResult } from "../state/seed";
import type { EmulatorState, Environment, RunOutcome, Settings } from "../state/model";

/** Which in-flight request {@link EmulatorControl.waitForInflight} waits for (all given fields must match). */
export interface InflightMatch {
    action?: string;
    phase?: InflightPhase;
}

/** A control call that failed (HTTP status not 200). */
export class EmulatorControlError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = "EmulatorControlError";
    }
}

export class EmulatorControl {
    private readonly base: string;

    /** @param url the emulator's URL, e.g. `http://127.0.0.1:PORT` (as `emu.url`). */
    constructor(url: string) {
        this.base = url.replace(/\/+$/, "");
    }

    private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
        const res = await fetch(`${this.base}/_emulator/${path}`, {
            method,
            ...(body !== undefined ? { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        const json: unknown = text ? JSON.parse(text) : {};
        if (res.status !== 200) {
            const err = (json as { error?: { code?: string; message?: string } }).error ?? {};
            throw new EmulatorControlError(res.status, err.code ?? "Unknown", err.message ?? `HTTP ${res.status}`);
        }
        return json as T;
    }

    /** Seed a finished run group with failed runs (`POST /_emulator/seed/failed-run-group`). */
    seedFailedRunGroup(options: SeedFailedRunGroupOptions = {}): Promise<SeedFailedRunGroupResult> {
        return this.call("POST", "seed/failed-run-group", options);
    }

    /**
     * Seed a look-alike of run group `of`: a NEW group (no retry) with the same name, application,
     * environment, options and sample IDs (`POST /_emulator/seed/lookalike`).
     */
    seedLookalike(options: SeedLookalikeOptions): Promise<SeedLookalikeResult> {
        return this.call("POST", "seed/lookalike", options);
    }

    /** Requests that arrived and are not answered yet, with their phase. */
    async inflight(): Promise<InflightRequest[]> {
        return (await this.call<{ requests: InflightRequest[] }>("GET", "requests/inflight")).requests;
    }

    /**
     * Poll {@link inflight} until a request matches (e.g. `{action: "RetryRuns", phase: "holding"}`);
     * resolves with it, rejects after `timeoutMs`.
     */
    async waitForInflight(match: InflightMatch, o: { timeoutMs?: number; intervalMs?: number } = {}): Promise<InflightRequest> {
        const deadline = Date.now() + (o.timeoutMs ?? 10_000);
        for (;;) {
            const hit = (await this.inflight()).find(
                (r) => (match.action === undefined || r.action === match.action) && (match.phase === undefined || r.phase === match.phase),
            );
            if (hit) return hit;
            if (Date.now() >= deadline) throw new Error(`no in-flight request matched ${JSON.stringify(match)} within ${o.timeoutMs ?? 10_000} ms`);
            await new Promise((r) => setTimeout(r, o.intervalMs ?? 20));
        }
    }

    /** The request log, optionally of one action. */
    async requests(action?: string): Promise<RequestLogEntry[]> {
        const q = action ? `?action=${encodeURIComponent(action)}` : "";
        return (await this.call<{ requests: RequestLogEntry[] }>("GET", `requests${q}`)).requests;
    }

    async clearRequests(): Promise<void> {
        await this.call("DELETE", "requests");
    }

    /** Add a fault rule; returns its id. */
    async addFault(spec: FaultSpec): Promise<string> {
        return (await this.call<{ id: string }>("POST", "faults", spec)).id;
    }

    async faults(): Promise<FaultRule[]> {
        return (await this.call<{ faults: FaultRule[] }>("GET", "faults")).faults;
    }

    async clearFaults(): Promise<void> {
        await this.call("DELETE", "faults");
    }

    /** The seed of the fault probability draws (print it to replay a run). */
    async faultSeed(): Promise<number> {
        return (await this.call<{ seed: number }>("GET", "faults")).seed;
    }

    /** Use this seed (integer 0..2^32-1) for fault probabilities, starting its sequence afresh. */
    async setFaultSeed(seed: number): Promise<void> {
        await this.call("POST", "faults/seed", { seed });
    }

    /** Add (or replace, by ARN) a role STS AssumeRole can assume; returns it as stored. */
    addRole(role: RoleSpec): Promise<RoleSpec> {
        return this.call("POST", "roles", role);
    }

    /** The roles AssumeRole can assume. */
    async roles(): Promise<RoleSpec[]> {
        return (await this.call<{ roles: RoleSpec[] }>("GET", "roles")).roles;
    }

    /** Advance the manual clock; returns the new emulator time (ISO). */
    async advanceClock(seconds: number): Promise<string> {
        return (await this.call<{ now: string }>("POST", "clock/advance", { seconds })).now;
    }

    /** Empty state (a default project, environment and applications per region), log and faults cleared. */
    async reset(): Promise<void> {
        await this.call("POST", "reset");
    }

    /** The whole state. */
    state(): Promise<EmulatorState> {
        return this.call("GET", "state");
    }

    /** Mark an environment available or not, or change its status. */
    setEnvironment(environmentId: string, change: { available?: boolean; status?: string }): Promise<Omit<Environment, "emu">> {
        return this.call("PATCH", `environments/${encodeURIComponent(environmentId)}`, change);
    }

    async deleteEnvironment(environmentId: string): Promise<void> {
        await this.call("DELETE", `environments/${encodeURIComponent(environmentId)}`);
    }

    async deleteApplication(applicationId: string): Promise<void> {
        await this.call("DELETE", `applications/${encodeURIComponent(applicationId)}`);
    }

    async deleteProject(projectId: string): Promise<void> {
        await this.call("DELETE", `projects/${encodeURIComponent(projectId)}`);
    }

    /** Set how a run ends (`outcome`) and how runs retrying it end (`retryOutcome`). */
    setRunOutcome(
        runUuid: string,
        change: { outcome?: RunOutcome; retryOutcome?: RunOutcome },
    ): Promise<{ RunUuid: string; outcome: RunOutcome; retryOutcome: RunOutcome }> {
        return this.call("PATCH", `runs/${encodeURIComponent(runUuid)}`, change);
    }

    /** The switches for undocumented Tencent behaviour in force. */
    async behaviour(): Promise<Behaviour> {
        return (await this.call<{ behaviour: Behaviour }>("GET", "behaviour")).behaviour;
    }

    /** Change switches for undocumented Tencent behaviour (the others stay as they are); returns all of them. */
    async setBehaviour(change: Partial<Behaviour>): Promise<Behaviour> {
        return (await this.call<{ behaviour: Behaviour }>("PATCH", "behaviour", change)).behaviour;
    }

    /** Change status timings (seconds WAITING / RUNNING / TERMINATING). */
    async setSettings(change: Partial<Settings>): Promise<Settings> {
        return (await this.call<{ settings: Settings }>("PATCH", "settings", change)).settings;
    }
}
