/**
 * The state backend: holds the {@link EmulatorState}, moves statuses with the clock (lazily, at
 * each look, moto style), looks resources up with the Tencent "not found" errors, and persists
 * atomically when asked. One instance serves the API and the control plane.
 */
import { errors } from "../errors";
import { Clock, type ClockMode, isoTime, plainTime } from "./clock";
import { environmentId, uuid, wordId } from "./ids";
import {
  DEFAULT_SETTINGS,
  type Application,
  type EmulatorState,
  type Environment,
  OMICS_REGIONS,
  type Project,
  type Run,
  type RunGroup,
  type RunOutcome,
  type WorkflowType,
} from "./model";
import { readState, writeStateAtomic } from "./persistence";
import { isFinalGroup, isFinalRun, RUN_GROUP_TRANSITIONS, RUN_TRANSITIONS } from "./transitions";

export interface StoreOptions {
  statePath?: string;
  clock: ClockMode;
  retryLimit: number;
}

/** What a caller supplies to create a run group; the store fills in IDs, times and statuses. */
export interface NewRunGroup {
  project: Project;
  /** Absent for RunWorkflow groups (git source, no application). */
  application: Application | undefined;
  environment: Environment;
  name: string;
  description: string;
  type: WorkflowType;
  input: string;
  inputType: string;
  inputCosUri: string;
  tableId: string;
  workDir: string;
  option?: RunGroup["Option"];
  nfOption?: RunGroup["NFOption"];
  retriedFrom?: string;
  creator: string;
}

/** One run of a new group. */
export interface NewRun {
  userDefinedId: string;
  tableRowUuid: string;
  input: string;
  outcome: RunOutcome;
  retryOutcome: RunOutcome;
  lineage?: string;
  retriedFrom?: string;
}

export class Store {
  state: EmulatorState;
  readonly clock: Clock;
  readonly retryLimit: number;
  /** True when the state came from the state file (a seed file is then not applied again). */
  readonly loadedFromDisk: boolean;
  private readonly statePath: string | undefined;

  constructor(opts: StoreOptions) {
    this.statePath = opts.statePath;
    this.retryLimit = opts.retryLimit;
    const loaded = opts.statePath ? readState(opts.statePath) : undefined;
    this.state = loaded ?? Store.freshState(Date.now());
    this.clock = new Clock(opts.clock, {
      get: () => this.state.manualNowMs,
      set: (ms) => {
        this.state.manualNowMs = ms;
      },
    });
    this.loadedFromDisk = loaded !== undefined;
  }

  /** A state with one default project, environment and a WDL and a NEXTFLOW application per region. */
  static freshState(nowMs: number): EmulatorState {
    const state: EmulatorState = {
      version: 1,
      manualNowMs: nowMs,
      settings: { ...DEFAULT_SETTINGS },
      projects: {},
      environments: {},
      applications: {},
      runGroups: {},
      runs: {},
      lineageRetries: {},
    };
    for (const region of OMICS_REGIONS) {
      const p: Project = {
        ProjectId: wordId("prj"),
        Name: "default",
        Description: `Default project of ${region}`,
        Region: region,
        CreateTime: plainTime(nowMs),
        UpdateTime: plainTime(nowMs),
        Creator: "omics-emulator",
        IsDefault: true,
      };
      state.projects[p.ProjectId] = p;
      const env = makeEnvironment(region, nowMs, { isDefault: true, name: "default" });
      state.environments[env.EnvironmentId] = env;
      for (const type of ["WDL", "NEXTFLOW"] as const) {
        const app = makeApplication(p.ProjectId, type);
        state.applications[app.ApplicationId] = app;
      }
    }
    return state;
  }

  now(): number {
    return this.clock.nowMs();
  }

  /** Replace the state by a fresh one (keeps the manual clock where it is) and persist. */
  reset(): void {
    const manual = this.state.manualNowMs;
    this.state = Store.freshState(Date.now());
    this.state.manualNowMs = manual;
    this.persist();
  }

  /** Persist the whole state atomically when a state file is configured. */
  persist(): void {
    if (this.statePath) writeStateAtomic(this.statePath, this.state);
  }

  /** Apply every due transition (all of them in `immediate` mode). */
  tick(): void {
    const now = this.now();
    const immediate = this.clock.mode === "immediate";
    for (const group of Object.values(this.state.runGroups)) {
      if (isFinalGroup(group.Status)) continue;
      const runs = this.runsOf(group.RunGroupId);
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
      for (const run of runs) this.advanceRun(run, now, immediate);
      const next = RUN_GROUP_TRANSITIONS[group.Status];
      if (next && runs.every((r) => isFinalRun(r.Status))) {
        group.Status = next(runs);
        const ends = runs.map((r) => r.ExecutionTime.EndTime ?? "").filter(Boolean).sort();
        const end = ends[ends.length - 1] ?? isoTime(now);
        group.ExecutionTime.EndTime = end;
        group.UpdateTime = end;
        const failed = runs.filter((r) => r.Status !== "SUCCESS").length;
        group.ErrorMessage = group.Status === "COMPLETE_ERROR" ? `${failed} of ${runs.length} runs failed` : "";
      }
    }
  }

  private advanceRun(run: Run, now: number, immediate: boolean): void {
    while (run.emu.nextAtMs !== undefined && (immediate || run.emu.nextAtMs <= now)) {
      const transition = RUN_TRANSITIONS[run.Status];
      if (!transition) {
        delete run.emu.nextAtMs;
        break;
      }
      const at = immediate ? now : run.emu.nextAtMs;
      run.Status = transition.next(run);
      run.UpdateTime = isoTime(at);
      if (run.Status === "RUNNING") run.ExecutionTime.StartTime = isoTime(at);
      const group = this.state.runGroups[run.RunGroupId];
      if (group && run.Status === "RUNNING" && !group.ExecutionTime.StartTime) {
        group.ExecutionTime.StartTime = isoTime(at);
      }
      const following = RUN_TRANSITIONS[run.Status];
      if (following) {
        run.emu.nextAtMs = at + following.afterSeconds(this.state.settings) * 1000;
      } else {
        delete run.emu.nextAtMs;
        run.ExecutionTime.EndTime = isoTime(at);
        run.ErrorMessage = run.Status === "EXECUTOR_ERROR" ? "executor error: task exited with status 1" : "";
      }
    }
  }

  // ---- look-ups -------------------------------------------------------------------------

  /** The project `projectId` in `region`, or the region's default project. */
  project(region: string, projectId: string | undefined): Project {
    if (projectId === undefined || projectId === "") {
      const p = Object.values(this.state.projects).find((x) => x.Region === region && x.IsDefault);
      if (!p) throw errors.projectNotExist(`region ${region} has no default project`);
      return p;
    }
    const p = this.state.projects[projectId];
    if (!p || p.Region !== region) {
      throw errors.projectNotExist(`project ${projectId} does not exist in region ${region}`);
    }
    return p;
  }

  runGroup(project: Project, runGroupId: string): RunGroup {
    const g = this.state.runGroups[runGroupId];
    if (!g || g.ProjectId !== project.ProjectId) {
      throw errors.runGroupNotExist(`run group ${runGroupId} does not exist in project ${project.ProjectId}`);
    }
    return g;
  }

  run(project: Project, runUuid: string): Run {
    const r = this.state.runs[runUuid];
    if (!r || r.ProjectId !== project.ProjectId) {
      throw errors.runNotExist(`run ${runUuid} does not exist in project ${project.ProjectId}`);
    }
    return r;
  }

  runsOf(runGroupId: string): Run[] {
    return Object.values(this.state.runs).filter((r) => r.RunGroupId === runGroupId);
  }

  /** An environment that exists (not deleted) in `region`, or `undefined`. */
  environment(region: string, id: string): Environment | undefined {
    const e = this.state.environments[id];
    return e && !e.emu.deleted && e.Region === region ? e : undefined;
  }

  application(projectId: string, id: string): Application | undefined {
    const a = this.state.applications[id];
    return a && !a.emu.deleted && a.ProjectId === projectId ? a : undefined;
  }

  // ---- creation -------------------------------------------------------------------------

  addEnvironment(region: string, opts: { name?: string; available?: boolean; status?: string } = {}): Environment {
    const env = makeEnvironment(region, this.now(), { isDefault: false, name: opts.name ?? "emulator-env" });
    if (opts.available === false) env.Available = false;
    if (opts.status) env.Status = opts.status;
    this.state.environments[env.EnvironmentId] = env;
    return env;
  }

  addApplication(projectId: string, type: WorkflowType, name?: string): Application {
    const app = makeApplication(projectId, type, name);
    this.state.applications[app.ApplicationId] = app;
    return app;
  }

  /** Create a run group with its runs, all WAITING, statuses moving from now on. */
  createRunGroup(spec: NewRunGroup, runs: readonly NewRun[]): RunGroup {
    const now = this.now();
    const t = isoTime(now);
    const group: RunGroup = {
      RunGroupId: wordId("run"),
      ProjectId: spec.project.ProjectId,
      ProjectName: spec.project.Name,
      ApplicationId: spec.application?.ApplicationId ?? "",
      ApplicationName: spec.application?.Name ?? "",
      ApplicationType: spec.application?.Type ?? spec.type,
      EnvironmentId: spec.environment.EnvironmentId,
      EnvironmentName: spec.environment.Name,
      TableId: spec.tableId,
      Name: spec.name,
      Description: spec.description,
      Status: "RUNNING",
      Type: spec.type,
      WorkDir: spec.workDir,
      Input: spec.input,
      InputType: spec.inputType,
      InputCosUri: spec.inputCosUri,
      ...(spec.option ? { Option: { ...spec.option } } : {}),
      ...(spec.nfOption ? { NFOption: { ...spec.nfOption } } : {}),
      TotalRun: runs.length,
      ExecutionTime: { SubmitTime: t },
      ErrorMessage: "",
      CreateTime: t,
      UpdateTime: t,
      Creator: spec.creator,
      CreatorId: spec.creator,
      emu: { region: spec.project.Region, createdAtMs: now, ...(spec.retriedFrom ? { retriedFrom: spec.retriedFrom } : {}) },
    };
    this.state.runGroups[group.RunGroupId] = group;
    const firstWait = RUN_TRANSITIONS.WAITING?.afterSeconds(this.state.settings) ?? 0;
    for (const nr of runs) {
      const id = uuid();
      const run: Run = {
        RunUuid: id,
        ProjectId: group.ProjectId,
        ApplicationId: group.ApplicationId,
        RunGroupId: group.RunGroupId,
        EnvironmentId: group.EnvironmentId,
        UserDefinedId: nr.userDefinedId,
        TableId: group.TableId,
        TableRowUuid: nr.tableRowUuid,
        Status: "WAITING",
        Input: nr.input,
        ...(group.Option ? { Option: { ...group.Option } } : {}),
        ExecutionTime: { SubmitTime: t },
        ErrorMessage: "",
        CreateTime: t,
        UpdateTime: t,
        emu: {
          outcome: nr.outcome,
          retryOutcome: nr.retryOutcome,
          lineage: nr.lineage ?? id,
          ...(nr.retriedFrom ? { retriedFrom: nr.retriedFrom } : {}),
          nextAtMs: now + firstWait * 1000,
        },
      };
      this.state.runs[id] = run;
    }
    return group;
  }
}

function makeEnvironment(region: string, nowMs: number, o: { isDefault: boolean; name: string }): Environment {
  return {
    EnvironmentId: environmentId(),
    Name: o.name,
    Description: `${o.name} environment in ${region}`,
    Region: region,
    Type: "KUBERNETES",
    Status: "RUNNING",
    Available: true,
    IsDefault: o.isDefault,
    IsManaged: true,
    Message: "",
    CreationTime: isoTime(nowMs),
    emu: { deleted: false },
  };
}

function makeApplication(projectId: string, type: WorkflowType, name?: string): Application {
  return {
    ApplicationId: wordId("app"),
    Name: name ?? (type === "WDL" ? "demo-wdl-app" : "demo-nextflow-app"),
    Type: type,
    ProjectId: projectId,
    emu: { deleted: false },
  };
}
