/**
 * The state backend: holds the {@link EmulatorState}, moves statuses with the clock (lazily, at
 * each look, moto style), looks resources up with the Tencent "not found" errors, and persists
 * atomically when asked. One instance serves the API and the control plane.
 */
import { errors } from "../errors";
import { behaviourOf, createTimeAt, type Behaviour } from "./behaviour";
import { Clock, type ClockMode, isoTime } from "./clock";
import { freshState, makeApplication, makeEnvironment } from "./fresh";
import { uuid, wordId } from "./ids";
import type { Application, EmulatorState, Environment, Project, Run, RunGroup, RunOutcome, WorkflowType } from "./model";
import { readState, writeStateAtomic } from "./persistence";
import { applyDueTransitions } from "./progress";
import { RUN_TRANSITIONS } from "./transitions";

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
        return freshState(nowMs);
    }

    now(): number {
        return this.clock.nowMs();
    }

    /** Replace the state by a fresh one (keeps the manual clock where it is) and persist. */
    reset(): void {
        const manual = this.state.manualNowMs;
        const behaviour = this.state.behaviour;
        this.state = Store.freshState(Date.now());
        this.state.manualNowMs = manual;
        // Behaviour switches are configuration, like the clock: a reset keeps them.
        if (behaviour) this.state.behaviour = behaviour;
        this.persist();
    }

    /** Persist the whole state atomically when a state file is configured. */
    persist(): void {
        if (this.statePath) writeStateAtomic(this.statePath, this.state);
    }

    /** Apply every due transition (all of them in `immediate` mode). */
    tick(): void {
        applyDueTransitions(this.state, this.now(), this.clock.mode === "immediate");
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

    /** The behaviour switches in force (defaults where the state sets none). */
    behaviour(): Behaviour {
        return behaviourOf(this.state);
    }

    /** True while a group is left out of listings (behaviour `listingDelaySeconds`). */
    unlisted(g: RunGroup): boolean {
        return g.emu.listedFromMs !== undefined && Date.now() < g.emu.listedFromMs;
    }

    /** Create a run group with its runs, all WAITING, statuses moving from now on. */
    createRunGroup(spec: NewRunGroup, runs: readonly NewRun[]): RunGroup {
        const now = this.now();
        const t = isoTime(now);
        const behaviour = this.behaviour();
        const created = createTimeAt(now, behaviour.createTimeGranularity);
        const listedFromMs = behaviour.listingDelaySeconds > 0 ? Date.now() + behaviour.listingDelaySeconds * 1000 : undefined;
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
            CreateTime: created,
            UpdateTime: t,
            Creator: spec.creator,
            CreatorId: spec.creator,
            emu: {
                region: spec.project.Region,
                createdAtMs: now,
                ...(spec.retriedFrom ? { retriedFrom: spec.retriedFrom } : {}),
                ...(listedFromMs !== undefined ? { listedFromMs } : {}),
            },
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
                CreateTime: created,
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
