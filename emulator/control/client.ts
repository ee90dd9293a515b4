/** `EmulatorControl`: a typed client of the `/_emulator/` control plane (works across processes). */
import type { FaultRule, FaultSpec } from "./faults";
import type { RequestLogEntry } from "./requestLog";
import type { SeedFailedRunGroupOptions, SeedFailedRunGroupResult } from "../state/seed";
import type { EmulatorState, Environment, RunOutcome, Settings } from "../state/model";

/** A control call that failed (HTTP status not 200). */
export class EmulatorControlError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
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
  setRunOutcome(runUuid: string, change: { outcome?: RunOutcome; retryOutcome?: RunOutcome }): Promise<{ RunUuid: string; outcome: RunOutcome; retryOutcome: RunOutcome }> {
    return this.call("PATCH", `runs/${encodeURIComponent(runUuid)}`, change);
  }

  /** Change status timings (seconds WAITING / RUNNING / TERMINATING). */
  async setSettings(change: Partial<Settings>): Promise<Settings> {
    return (await this.call<{ settings: Settings }>("PATCH", "settings", change)).settings;
  }
}
